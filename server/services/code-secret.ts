import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../log';

/**
 * The server secret for keyed hashes of codes and submission ids: CODE_SECRET
 * if set, otherwise a random one created once in DATA_DIR/code-secret
 * (mode 0600). Several processes on PostgreSQL must share CODE_SECRET.
 */
export function loadCodeSecret(config: Pick<Config, 'codeSecret' | 'dataDir' | 'databaseUrl'>, log: Logger): Buffer {
  if (config.codeSecret) return Buffer.from(config.codeSecret, 'utf8');
  const file = join(config.dataDir, 'code-secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    log.info('created code secret', { file });
  }
  if (config.databaseUrl) {
    log.warn('CODE_SECRET is not set; using the file in DATA_DIR. Every server process sharing this database needs the same secret.');
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

/** HMAC-SHA-256 of the parts, base64url. */
export function keyedHash(secret: Buffer, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\u0000')).digest('base64url');
}
