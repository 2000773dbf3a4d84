import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server';
import { ANSWERS, newSubmissionId, openCampaignWithCodes } from './fieldwork-helpers';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

const responsesOf = (id: string) =>
  server.db.query<{ mode: string; stratum: unknown; answers: unknown }>('select mode, stratum, answers from responses where campaign_id = $1', [id]);

describe('paper entry', () => {
  it('stores a single entry as a paper response and completes the code', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const stored = await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[0].code.toLowerCase(), answers: ANSWERS } });
    expect(stored).toMatchObject({ status: 201, body: { status: 'stored' } });
    expect(await responsesOf(id)).toEqual([{ mode: 'paper', stratum: codes[0].stratum, answers: ANSWERS }]);
    const again = await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[0].code, answers: ANSWERS } });
    expect(again.status).toBe(409);
    const web = await server.request('POST', `/api/respond/${codes[0].code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    expect(web.status).toBe(409);
    const progress = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    expect(progress.body.totals.completed).toBe(1);
    expect(progress.body.byMode).toEqual({ web: 0, paper: 1 });
  });

  it('refuses a code of another campaign or an unknown code with 400 on the code field', async () => {
    const first = await openCampaignWithCodes(server, token);
    const second = await openCampaignWithCodes(server, token);
    for (const code of [second.codes[0].code, 'ABCD-EFGH-JKM', 'x']) {
      const response = await server.request('POST', `/api/campaigns/${first.id}/paper`, { token, body: { code, answers: ANSWERS } });
      expect([response.status, response.body.error.details.field]).toEqual([400, 'code']);
    }
  });

  it('double entry: stores when both entries agree', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const one = await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[0].code, answers: ANSWERS, entry: 1 } });
    expect(one.body).toEqual({ status: 'waiting_for_second_entry', entry: 1 });
    expect(await responsesOf(id)).toEqual([]);
    const two = await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[0].code, answers: { ...ANSWERS }, entry: 2 } });
    expect(two).toMatchObject({ status: 201, body: { status: 'stored' } });
    expect(await responsesOf(id)).toHaveLength(1);
    expect(await server.db.query('select 1 from paper_entries where campaign_id = $1', [id])).toEqual([]);
  });

  it('double entry: lists discrepancies by ref and stores the resolved version', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[1].code, answers: ANSWERS, entry: 1 } });
    const two = await server.request('POST', `/api/campaigns/${id}/paper`, {
      token,
      body: { code: codes[1].code, answers: { ...ANSWERS, fysiskt_12m: 'ja', alder: 52 }, entry: 2 },
    });
    expect(two.body).toEqual({ status: 'discrepancy', ref: codes[1].ref, questions: ['alder', 'fysiskt_12m'] });
    const list = await server.request('GET', `/api/campaigns/${id}/paper/discrepancies`, { token });
    // Named by the code written on the paper (sealed while held, never stored in plaintext) and the letter reference.
    expect(list.body).toEqual([
      {
        ref: codes[1].ref,
        code: codes[1].code,
        questions: [
          { question: 'alder', entry1: 25, entry2: 52 },
          { question: 'fysiskt_12m', entry1: 'nej', entry2: 'ja' },
        ],
      },
    ]);
    const held = JSON.stringify(await server.db.query('select * from paper_entries where campaign_id = $1', [id]));
    expect(held).not.toContain(codes[1].code);
    expect(held).not.toContain(codes[1].code.replace(/-/g, ''));
    const resolved = await server.request('POST', `/api/campaigns/${id}/paper/resolve`, { token, body: { ref: codes[1].ref, answers: ANSWERS } });
    expect(resolved.status).toBe(201);
    expect(await responsesOf(id)).toEqual([{ mode: 'paper', stratum: codes[1].stratum, answers: ANSWERS }]);
    expect((await server.request('GET', `/api/campaigns/${id}/paper/discrepancies`, { token })).body).toEqual([]);
    const twice = await server.request('POST', `/api/campaigns/${id}/paper/resolve`, { token, body: { ref: codes[1].ref, answers: ANSWERS } });
    expect(twice.status).toBe(409);
  });

  it('accepts paper forms after closing but not after archiving', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    await server.request('POST', `/api/campaigns/${id}/close`, { token });
    expect((await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[0].code, answers: ANSWERS } })).status).toBe(201);
    await server.request('POST', `/api/campaigns/${id}/archive`, { token });
    expect((await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[1].code, answers: ANSWERS } })).status).toBe(409);
  });

  it('validates paper answers with 400 naming the question', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const bad = await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[0].code, answers: { ...ANSWERS, kon: 'K' } } });
    expect([bad.status, bad.body.error.details.field]).toEqual([400, 'answers.kon']);
    expect(await responsesOf(id)).toEqual([]);
  });

  it('requires an analyst login and validates the body', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    expect((await server.request('POST', `/api/campaigns/${id}/paper`, { body: { code: codes[0].code, answers: ANSWERS } })).status).toBe(401);
    const badEntry = await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[0].code, answers: ANSWERS, entry: 3 } });
    expect([badEntry.status, badEntry.body.error.details.field]).toEqual([400, 'entry']);
    const noTarget = await server.request('POST', `/api/campaigns/${id}/paper/resolve`, { token, body: { answers: ANSWERS } });
    expect([noTarget.status, noTarget.body.error.details.field]).toEqual([400, 'ref']);
  });
});
