/**
 * One bad submission never fails another (issue 10, item 2). The probe that
 * found it: a NUL in a free-text answer passed validation, PostgreSQL refused
 * the whole group-committed batch statement, and 28 of 30 concurrent
 * legitimate respondents got 500. Now the NUL is refused at the door (400
 * naming the field), and a batch that still fails in the database is retried
 * item by item, so only the bad item fails, with a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCodesForSubmit } from '../../../server/queries/codes';
import { codeHashOf } from '../../../server/services/personal-codes';
import { HttpError } from '../../../server/http/http-error';
import { newSubmissionId } from '../fieldwork-helpers';
import { startTestServer, type TestServer } from '../test-server';

let server: TestServer;
let token: string;

const STRATUM = { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' };

async function campaignWithCodes(count: number): Promise<string[]> {
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'befolkningsenkat', title: 'Förgiftad batch' } });
  expect(created.status).toBe(201);
  const issued = await server.request('POST', `/api/campaigns/${created.body.id}/codes`, { token, body: { strata: [{ stratum: STRATUM, count, N: 1000 }] } });
  expect(issued.status).toBe(201);
  expect((await server.request('POST', `/api/campaigns/${created.body.id}/open`, { token })).status).toBe(200);
  return (issued.body.codes as { code: string }[]).map((c) => c.code);
}

/** A submission sent with plain fetch, so that all of them are in flight together (server.request waits for the batch). */
const submit = (code: string, kommentar: string) =>
  fetch(`${server.url}/api/respond/${code}/submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ submissionId: newSubmissionId(), answers: { kon: 'kvinna', kommentar } }),
  }).then(async (response) => ({ status: response.status, body: await response.json() }));

beforeAll(async () => {
  // The product's batching: group commit of concurrent submissions, batches of 10.
  server = await startTestServer({ RESPONSE_BATCH_SIZE: '10', RESPONSE_FLUSH_MS: '20' });
  token = await server.login();
});
afterAll(() => server?.close());

describe('a poisoned submission among 30 concurrent legitimate ones', () => {
  for (const [name, poison] of [
    ['NUL', 'inget att tillägga\u0000'],
    ['a lone surrogate', 'inget \ud800 att tillägga'],
    ['a control character', 'inget\u001b[2J att tillägga'],
  ] as const) {
    it(`${name}: every legitimate one is 201, the poisoned one 400 naming the field, and its code stays usable`, async () => {
      const codes = await campaignWithCodes(31);
      const results = await Promise.all(codes.map((code, i) => submit(code, i === 15 ? poison : `svar ${i}`)));
      const legitimate = results.filter((_, i) => i !== 15);
      expect(legitimate.map((r) => r.status)).toEqual(Array(30).fill(201));
      expect(results[15].status).toBe(400);
      expect(results[15].body.error.details.field).toBe('answers.kommentar');
      expect(results[15].body.error.message).toContain('answers.kommentar');
      // The poisoner's code was not spent, and a clean retry stores it.
      expect((await submit(codes[15], 'inget att tillägga')).status).toBe(201);
    });
  }
});

describe('the response store isolates the items of a failing batch', () => {
  it('30 legitimate items are stored and the one the database refuses fails alone, with a 400', async () => {
    const codes = await campaignWithCodes(31);
    const rows = await findCodesForSubmit(server.db, codes.map((code) => codeHashOf(server.codeSecret, code)!));
    // Straight into the store, past the input check: the database itself refuses the NUL (jsonb cannot hold \u0000).
    const outcomes = await Promise.allSettled(
      rows.map((code, i) =>
        server.responseStore.storeCodeSubmission({
          code: code!,
          receiptHash: `receipt-${i}-${newSubmissionId()}`,
          answers: { kon: 'kvinna', kommentar: i === 7 ? 'förgiftad\u0000' : `svar ${i}` },
        }),
      ),
    );
    const stored = outcomes.filter((o, i) => i !== 7 && o.status === 'fulfilled' && o.value === 'stored');
    expect(stored).toHaveLength(30);
    const poisoned = outcomes[7];
    expect(poisoned.status).toBe('rejected');
    const reason = (poisoned as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(HttpError);
    expect((reason as HttpError).status).toBe(400);
    // The poisoned code is still unused.
    const [after] = await findCodesForSubmit(server.db, [rows[7]!.codeHash]);
    expect(after?.status).not.toBe('completed');
  });
});
