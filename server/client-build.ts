import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from './log';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const clientDist = join(repoRoot, 'dist/client');

/** Builds the client with Vite when dist/client is missing or older than any file it bundles (client/, contracts/, domain/, analysis/, surveys/). */
export async function ensureClientBuilt(log: Logger): Promise<void> {
  const built = join(clientDist, 'index.html');
  if (existsSync(built) && newestMtime(['client', 'contracts', 'domain', 'analysis', 'surveys'].map((folder) => join(repoRoot, folder))) <= statSync(built).mtimeMs) return;
  log.info('building client (first start or client changed), this takes about half a minute');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  log.info('client built', { ms: Date.now() - started });
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestMtime(readdirSync(path).map((name) => join(path, name))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}
