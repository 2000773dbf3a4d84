import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { openTestDatabase } from './test-server';

const script = 'console.log("respondent");'.repeat(50);
let base = '';
let close = async () => undefined as void;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<title>Enkät</title>respondent');
  writeFileSync(join(dir, 'staff.html'), '<title>Arbetsyta</title>staff');
  writeFileSync(join(dir, 'assets/app-abc.js'), script);
  writeFileSync(join(dir, 'assets/app-abc.js.br'), brotliCompressSync(script));
  writeFileSync(join(dir, 'assets/app-abc.js.gz'), gzipSync(script));
  const db = await openTestDatabase();
  const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), db, log: createLogger('silent'), codeSecret: Buffer.alloc(32), clientDir: dir });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    server.close();
    await db.drop();
  };
});
afterAll(() => close());

describe('serving the built client', () => {
  it('serves the Brotli copy of an asset when the browser accepts it', async () => {
    const response = await fetch(`${base}/assets/app-abc.js`, { headers: { 'accept-encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await fetch(`${base}/assets/app-abc.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(script);
    const plain = await fetch(`${base}/assets/app-abc.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('answers a missing asset with 404 in the envelope', async () => {
    const response = await fetch(`${base}/assets/nope.js`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });

  it('serves the respondent page for survey links and the staff page for the workspace', async () => {
    for (const path of ['/', '/s', '/s/ABCD-EFGH-JKL', '/o/demo']) {
      const response = await fetch(base + path);
      expect(await response.text()).toContain('respondent');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(await (await fetch(`${base}/arbetsyta/undersokningar`)).text()).toContain('staff');
  });
});
