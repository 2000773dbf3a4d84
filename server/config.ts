import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, passwordProblem, type PasswordProblem } from '../domain/password-policy';

/** The password policy's reasons, for the English start-up message. */
const POLICY_IN_ENGLISH: Record<PasswordProblem, string> = {
  too_short: `fewer than ${MIN_PASSWORD_LENGTH} characters`,
  too_long: 'more than 1,000 characters',
  too_few_characters: 'fewer than 5 different characters',
  sequence: 'a run of keys, letters or digits',
  common: 'one of the most common passwords',
  contains_email: 'contains the e-mail address',
};

/**
 * The one place that reads process.env. Parsed once at start-up; a bad value
 * stops the server with one clear line (see server/main.ts).
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ADMIN_EMAIL: z.email().default('admin@example.se'),
  ADMIN_PASSWORD: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password);
      if (problem) ctx.addIssue({ code: 'custom', message: `breaks the password policy (docs/security.md): ${POLICY_IN_ENGLISH[problem]}` });
    })
    .optional(),
  SEED_DEMO: booleanFlag.default(true),
  PUBLIC_URL: z.url().optional(),
  CODE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  COOKIE_SECURE: booleanFlag.optional(),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'like 1mb or 500kb').default('1mb'),
  TRUST_PROXY: booleanFlag.default(false),
  BUILD_CLIENT: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  RESPONSE_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(10),
  RESPONSE_FLUSH_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  OPEN_LINK_SUBMISSIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(10_000_000).default(100),
  OPEN_LINK_SUBMISSIONS_PER_LINK: z.coerce.number().int().min(0).max(10_000_000).default(300),
  HTTP_WARM_UP_MS: z.coerce.number().int().min(0).max(10_000).default(600),
  ENGINE_WARM_UP_ROWS: z.coerce.number().int().min(0).max(100_000).default(3000),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databasePoolSize: number;
  adminEmail: string;
  adminPassword?: string;
  seedDemo: boolean;
  publicUrl?: string;
  codeSecret?: string;
  sessionHours: number;
  cookieSecure: boolean;
  bodyLimit: string;
  trustProxy: boolean;
  buildClient: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Submissions are written to `responses` in batches of at least this many per campaign (docs/privacy.md). */
  responseBatchSize: number;
  /** Under load, batches are written at most this often (ms). */
  responseFlushMs: number;
  /** Open- and class-link submissions per address per link, and per link, in 10 minutes (per process); 0 = no limit. */
  openLinkSubmissionsPerAddress: number;
  openLinkSubmissionsPerLink: number;
  /** Before listening, the server sends itself harmless requests this long (ms), so the JIT has compiled the HTTP path; 0 = none. */
  httpWarmUpMs: number;
  /** Synthetic submissions the embedded database runs in a scratch schema at start-up (pglite-worker.mjs); 0 = none. */
  engineWarmUpRows: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** @throws {ConfigError} naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name}=${JSON.stringify(present[name] ?? '')} ${issue.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    adminEmail: e.ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    seedDemo: e.SEED_DEMO,
    publicUrl: e.PUBLIC_URL,
    codeSecret: e.CODE_SECRET,
    sessionHours: e.SESSION_HOURS,
    // Unset: Secure cookies and HSTS exactly when the public address is https.
    cookieSecure: e.COOKIE_SECURE ?? e.PUBLIC_URL?.startsWith('https:') ?? false,
    bodyLimit: e.BODY_LIMIT,
    trustProxy: e.TRUST_PROXY,
    buildClient: e.BUILD_CLIENT,
    logLevel: e.LOG_LEVEL,
    responseBatchSize: e.RESPONSE_BATCH_SIZE,
    responseFlushMs: e.RESPONSE_FLUSH_MS,
    openLinkSubmissionsPerAddress: e.OPEN_LINK_SUBMISSIONS_PER_ADDRESS,
    openLinkSubmissionsPerLink: e.OPEN_LINK_SUBMISSIONS_PER_LINK,
    httpWarmUpMs: e.HTTP_WARM_UP_MS,
    engineWarmUpRows: e.ENGINE_WARM_UP_ROWS,
  };
}
