/**
 * What an operator sees when `npm start` builds the client on first start:
 * the same Vite build as server/client-build.ts (log level `warn`), into a
 * scratch folder. Start-up output should be what an operator needs, so the
 * build must print no warnings (such as Rolldown's `[PLUGIN_TIMINGS]` report,
 * which the deliberate Brotli precompression used to trigger).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './harness';

describe('the first-start client build', () => {
  it('prints no warnings, and writes both pages with their compressed assets', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'kartlaggning-build-'));
    const printed: string[] = [];
    const { build, createLogger } = await import('vite');
    const logger = createLogger('warn');
    const capture = (msg: string) => void printed.push(msg);
    logger.warn = capture;
    logger.warnOnce = capture;
    logger.error = capture;
    const stderrWrite = process.stderr.write.bind(process.stderr);
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    // Rolldown reports some checks straight to the console.
    process.stderr.write = ((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)) as typeof process.stderr.write;
    process.stdout.write = ((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', customLogger: logger, build: { outDir, emptyOutDir: true } });
    } finally {
      process.stderr.write = stderrWrite;
      process.stdout.write = stdoutWrite;
    }
    try {
      expect(printed.join('')).toBe('');
      const files = readdirSync(outDir);
      expect(files).toEqual(expect.arrayContaining(['index.html', 'staff.html', 'assets']));
      expect(readdirSync(join(outDir, 'assets')).some((name) => name.endsWith('.js.br'))).toBe(true);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
