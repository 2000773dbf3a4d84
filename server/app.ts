import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config';
import type { Database } from './db/database';
import type { Logger } from './log';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { fixedHeaders } from './http/fixed-headers';
import { plainTextPath, utf8Only } from './http/plain-text-input';
import { authRoutes } from './routes/auth-routes';
import { campaignRoutes } from './routes/campaign-routes';
import { healthRoutes } from './routes/health-routes';
import { openLinkLimitsOf, openLinkRoutes } from './routes/open-link-routes';
import { respondRoutes } from './routes/respond-routes';
import { fieldworkRoutes } from './routes/fieldwork-routes';
import { paperRoutes } from './routes/paper-routes';
import { exportRoutes } from './routes/export-routes';
import { screeningRoutes } from './routes/screening-routes';
import { templateRoutes } from './routes/template-routes';
import { countyRoutes } from './routes/county-routes';
import { adminRoutes } from './routes/admin-routes';
import { templateEditRoutes } from './routes/template-edit-routes';
import { populationRoutes } from './routes/population-routes';
import { analysisRoutes } from './routes/analysis-routes';
import { samplingRoutes } from './routes/sampling-routes';
import { classRoutes } from './routes/class-routes';
import { languageRoutes } from './routes/language-routes';
import { ResponseStore } from './services/response-store';
import { warmUp } from './services/warm-up';
import { scheduleRetention } from './services/retention';
import { accountRoutes } from './routes/account-routes';
import { publishedFiguresRoutes } from './routes/published-figures-routes';
import { deleteExpiredSessions } from './queries/sessions';
import { purgeAttemptCounts } from './queries/attempt-counters';
import { restrictDataDir } from './db/data-dir';

/** The respondents' API (personal codes, open and class links). */
const RESPONDENT_API = /^\/api\/(respond|open)\//;

/** Expired sessions and old attempt counts are deleted at start and this often. */
const HOUSEKEEPING_MS = 60 * 60_000;

async function purgeExpired(db: Database, log: Logger): Promise<void> {
  try {
    await deleteExpiredSessions(db);
    await purgeAttemptCounts(db);
  } catch (error) {
    log.warn('purging expired sessions and attempt counts failed; retried within the hour', { error: error instanceof Error ? error.message : String(error) });
  }
}

export interface AppDeps {
  config: Config;
  db: Database;
  log: Logger;
  codeSecret: Buffer;
  /** Folder with the built client (index.html, staff.html, assets/); omitted in API-only tests. */
  clientDir?: string;
  /** DATA_DIR, when the server owns it (server/main.ts): its file modes are kept 0700/0600 (server/db/data-dir.ts). */
  dataDir?: string;
}

/** The Express app with what must be started and stopped around it. */
export type App = Express & {
  /** The response store: batches and scrubs (see server/services/response-store.ts). */
  responseStore: ResponseStore;
  /** Writes due batches and scrubs once, runs the daily retention job if due, and prepares the open campaigns (call before listening). */
  start(): Promise<void>;
  /** Stops background work (batches, the daily retention check); waiting submissions stay durable. */
  stop(): Promise<void>;
};

export function createApp({ config, db, log, codeSecret, clientDir, dataDir }: AppDeps): App {
  const restrictModes = dataDir
    ? () => {
        try {
          restrictDataDir(dataDir);
        } catch (error) {
          log.warn('could not restrict the modes of DATA_DIR', { error: error instanceof Error ? error.message : String(error) });
        }
      }
    : undefined;
  // Requests being answered now: the response store leaves room for them between its background statements.
  let inFlight = 0;
  const responseStore = new ResponseStore(db, {
    batchSize: config.responseBatchSize,
    minFlushIntervalMs: config.responseFlushMs,
    log,
    onScrubbed: restrictModes,
    busy: () => inFlight > 0,
  });
  const retention = scheduleRetention(db, responseStore, log);
  let housekeeping: NodeJS.Timeout | undefined;
  const app = Object.assign(express(), {
    responseStore,
    async start() {
      await responseStore.start();
      await purgeExpired(db, log);
      restrictModes?.();
      housekeeping = setInterval(() => {
        void purgeExpired(db, log);
        restrictModes?.();
      }, HOUSEKEEPING_MS);
      housekeeping.unref();
      await retention.runDue();
      await warmUp(db, log);
    },
    async stop() {
      if (housekeeping) clearInterval(housekeeping);
      await retention.stop();
      await responseStore.stop();
    },
  });
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    fixedHeaders(
      helmet({
        contentSecurityPolicy: {
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            // survey-react-ui sets style attributes at run time.
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:'],
            fontSrc: ["'self'", 'data:'],
            connectSrc: ["'self'"],
            objectSrc: ["'none'"],
            frameAncestors: ["'none'"],
            formAction: ["'self'"],
            baseUri: ["'none'"],
            upgradeInsecureRequests: null,
          },
        },
        // Codes travel in respondent URLs: never leak them in a Referer header.
        referrerPolicy: { policy: 'no-referrer' },
        strictTransportSecurity: config.cookieSecure,
      }),
    ),
  );
  const compress = compression();
  // A respondent's submission or autosave is answered with a few bytes: nothing to compress, so no wrapper either.
  app.use((req, res, next) => (req.method !== 'GET' && RESPONDENT_API.test(req.path) ? next() : compress(req, res, next)));
  app.use(plainTextPath);
  app.use(express.json({ limit: config.bodyLimit, verify: utf8Only }));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    inFlight++;
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.on('close', done);
    res.on('finish', () => {
      done();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The route pattern, never the raw path: respondent paths carry codes.
      log.debug('request', { method: req.method, route: req.route?.path ?? null, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  });

  app.use(healthRoutes(db));
  // Respondents' routes first: theirs are the requests that come by the thousand.
  app.use(respondRoutes(db, responseStore, codeSecret));
  app.use(openLinkRoutes(db, responseStore, codeSecret, openLinkLimitsOf(config)));
  app.use(authRoutes(db, config, codeSecret));
  app.use(accountRoutes(db, config, codeSecret));
  app.use(templateRoutes(db));
  app.use(languageRoutes(db));
  app.use(templateEditRoutes(db));
  app.use(campaignRoutes(db));
  app.use(classRoutes(db));
  app.use(fieldworkRoutes(db, responseStore, codeSecret));
  app.use(paperRoutes(db, responseStore, codeSecret));
  app.use(exportRoutes(db));
  app.use(screeningRoutes(db, config, codeSecret));
  app.use(countyRoutes(db));
  app.use(adminRoutes(db, responseStore, log));
  app.use(populationRoutes(db));
  app.use(analysisRoutes(db));
  app.use(publishedFiguresRoutes(db));
  app.use(samplingRoutes(db, config));
  app.use('/api', notFoundHandler);

  if (clientDir && existsSync(join(clientDir, 'index.html'))) serveClient(app, clientDir);
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}

/** Static assets (hashed names, cached for a year) and the two single-page apps. */
function serveClient(app: Express, clientDir: string): void {
  app.use('/assets', precompressed(join(clientDir, 'assets')));
  app.use('/assets', express.static(join(clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  const page = (file: string) => join(clientDir, file);
  app.get(['/arbetsyta', '/arbetsyta/{*rest}'], (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(page('staff.html'));
  });
  app.get(['/', '/s', '/s/{*rest}', '/o/{*rest}'], (_req, res) => {
    res.set('Cache-Control', 'no-store').sendFile(page('index.html'));
  });
}

/**
 * Serves the build's Brotli or gzip copies (`x.js.br`, `x.js.gz`, written by
 * the Vite build at the highest level) when the browser accepts them, so
 * respondents on slow phones download as little as possible.
 */
function precompressed(assetsDir: string): express.RequestHandler {
  const files = new Set(existsSync(assetsDir) ? readdirSync(assetsDir) : []);
  return (req, res, next) => {
    const name = req.path.slice(1);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !/^[\w.-]+$/.test(name)) return next();
    // Brotli whenever the browser takes it: negotiation by the header's own order would pick gzip for Chromium's "gzip, deflate, br, zstd".
    const encoding = req.acceptsEncodings('br') === 'br' ? 'br' : req.acceptsEncodings('gzip', 'identity');
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : undefined;
    if (!suffix || !files.has(name + suffix)) return next();
    res.set({ 'Content-Encoding': encoding as string, Vary: 'Accept-Encoding', 'Cache-Control': 'public, max-age=31536000, immutable' });
    res.type(extname(name));
    res.sendFile(join(assetsDir, name + suffix));
  };
}
