/**
 * Uploads never stall the server (issue 10, item 6). The probe: a 1M-row,
 * 19.6 MB upload made `/healthz` take 10.4 s, and a 4 MB single cell was
 * accepted into a population table. Now uploads are read in 64 KB slices
 * with a turn of the event loop between them, with limits per cell, row and
 * file. (How long `/healthz` takes during an upload is printed by
 * `npm run bench:upload`; this test only asks that it answers at all while
 * the upload is being read, which a parser that holds the event loop cannot.)
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server';

let server: TestServer;
let token: string;

const upload = (csv: string, fileName = 'omraden.csv') =>
  fetch(`${server.url}/api/kommuner/9999/population-tables?fileName=${fileName}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  }).then(async (response) => ({ status: response.status, body: await response.json() }));

/** `omrade,antal` with `rows` distinct områden of about 100 characters each: about 5 MB for 50,000 rows. */
function bigTable(rows: number): string {
  const lines = ['omrade,antal'];
  for (let i = 0; i < rows; i++) lines.push(`Område ${String(i).padStart(6, '0')} ${'med ett långt namn för att fylla raden '.repeat(2)},${(i % 900) + 10}`);
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(() => server?.close());

describe('a large upload', () => {
  it('lets /healthz answer while a 5 MB table of 50,000 rows is being read and stored', async () => {
    const csv = bigTable(50_000);
    expect(csv.length).toBeGreaterThan(4_500_000);
    // Plain node:http, to know when the whole body has been handed to the socket: from then on the server is reading it.
    let bodySent = false;
    let uploadDone = false;
    const uploading = new Promise<{ status: number; body: { rowCount?: number } }>((resolve, reject) => {
      const request = httpRequest(`${server.url}/api/kommuner/9999/population-tables?fileName=omraden.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      });
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      });
      request.on('error', reject);
      request.end(csv, () => {
        bodySent = true;
      });
    }).finally(() => {
      uploadDone = true;
    });
    while (!bodySent) await new Promise((resolve) => setTimeout(resolve, 1));
    // Ask for /healthz, one request at a time, until the upload is answered.
    let answeredDuring = 0;
    while (!uploadDone) {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      if (!uploadDone) answeredDuring++;
    }
    const result = await uploading;
    expect(result.status).toBe(201);
    expect(result.body.rowCount).toBe(50_000);
    // A parser that holds the event loop answers none of them (or one, as the last bytes arrive).
    expect(answeredDuring).toBeGreaterThanOrEqual(3);
  });

  it('refuses a 20 MB upload (413) and still answers /healthz', async () => {
    const csv = bigTable(200_000);
    expect(csv.length).toBeGreaterThan(19_000_000);
    const [result, health] = await Promise.all([upload(csv), fetch(`${server.url}/healthz`).then((r) => r.status)]);
    expect(result.status).toBe(413);
    expect(health).toBe(200);
  });
});

describe('limits per cell, row and file, named by line and column', () => {
  it('refuses a 4 MB single cell, a cell over 200 characters, a row over 2,000 characters and more than 50,000 rows', async () => {
    const huge = await upload(`omrade,antal\n${'x'.repeat(4_000_000)},5\n`);
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/^omraden\.csv, rad 2/);
    const cell = await upload(`omrade,antal\nNorr,5\n${'y'.repeat(201)},5\n`);
    expect([cell.status, cell.body.error.message]).toEqual([400, 'omraden.csv, rad 3, kolumn "omrade": cellen har 201 tecken; högst 200 tas emot']);
    expect(cell.body.error.details).toEqual({ file: 'omraden.csv', line: 3, column: 'omrade' });
    const row = await upload(`omrade,antal\n"a",${'1'.repeat(2100)}\n`);
    expect(row.status).toBe(400);
    expect(row.body.error.message).toContain('raden är längre än 2000 tecken');
    const many = await upload(bigTable(50_001).replace(/med ett långt namn för att fylla raden /g, ''));
    expect(many.status).toBe(400);
    expect(many.body.error.message).toContain('högst 50000');
  });

  it('refuses control characters in a cell and a file that is not UTF-8', async () => {
    const nul = await upload('omrade,antal\nNorr\u0000,5\n');
    expect([nul.status, nul.body.error.message]).toEqual([400, 'omraden.csv, rad 2, kolumn "omrade": cellen innehåller ett otillåtet tecken (U+0000); text får inte innehålla styrtecken (utom tabb och radbrytning) eller ensamma surrogattecken']);
    const latin1 = await fetch(`${server.url}/api/kommuner/9999/population-tables?fileName=omraden.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: Buffer.from('omrade,antal\nS\xf6der,5\n', 'latin1'),
    });
    expect(latin1.status).toBe(400);
    expect((await latin1.json()).error.code).toBe('invalid_utf8');
  });
});
