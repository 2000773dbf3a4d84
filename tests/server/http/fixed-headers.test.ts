import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { fixedHeaders } from '../../../server/http/fixed-headers';

async function headersOf(middleware: express.RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/x', (_req, res) => res.json({ ok: true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    const headers = Object.fromEntries(response.headers);
    // Set per response by Node and Express, not by the middleware.
    for (const name of ['date', 'etag', 'content-length', 'connection', 'keep-alive']) delete headers[name];
    return headers;
  } finally {
    server.close();
  }
}

describe('fixedHeaders', () => {
  const options = {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null } },
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: true,
  };

  it('sets exactly the headers helmet sets', async () => {
    const direct = await headersOf(helmet(options));
    const fixed = await headersOf(fixedHeaders(helmet(options)));
    expect(fixed).toEqual(direct);
    expect(fixed['referrer-policy']).toBe('no-referrer');
    expect(fixed['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(fixed['strict-transport-security']).toMatch(/max-age=/);
  });

  it('refuses a middleware that does not finish at once', () => {
    expect(() => fixedHeaders(() => undefined)).toThrow(/did not finish/);
  });
});
