import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server';
import { ANSWERS, newSubmissionId, openCampaignWithCodes, STRATA } from './fieldwork-helpers';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

const submit = (code: string) => server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });

describe('fieldwork monitor', () => {
  it('counts invited, started and completed per stratum and in total, and responses by mode', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const women = codes.filter((c) => c.stratum.kon === 'kvinna');
    const men = codes.filter((c) => c.stratum.kon === 'man');
    await server.request('GET', `/api/respond/${women[0].code}`);
    await server.request('GET', `/api/respond/${women[1].code}`);
    await submit(women[1].code);
    await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: men[0].code, answers: ANSWERS } });

    const { status, body } = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    expect(status).toBe(200);
    expect(body.totals).toEqual({ invited: 5, started: 3, completed: 2 });
    expect(body.strata).toEqual(
      expect.arrayContaining([
        { stratum: STRATA[0].stratum, invited: 3, started: 2, completed: 1, populationSize: 400 },
        { stratum: STRATA[1].stratum, invited: 2, started: 1, completed: 1, populationSize: 300 },
      ]),
    );
    expect(body.strata).toHaveLength(2);
    expect(body.byMode).toEqual({ web: 1, paper: 1 });
    const [{ monday }] = await server.db.query<{ monday: string }>(`select date_trunc('week', current_date)::date::text as monday`);
    expect(body.byWeek).toEqual([{ weekStart: monday, web: 1, paper: 1 }]);
    // The first letter is dated the day the campaign opened.
    const [{ today }] = await server.db.query<{ today: string }>(`select current_date::text as today`);
    expect(body.byWave).toEqual([{ wave: 0, sentOn: today, codeCount: 5, responses: 2 }]);
  });

  it('records reminder waves and credits each response to the wave in force when it came in, also on the same day', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    await submit(codes[0].code);
    const wave = await server.request('POST', `/api/campaigns/${id}/reminders`, { token });
    expect(wave.status).toBe(201);
    expect(wave.body).toMatchObject({ wave: 1, codeCount: 4 });
    await submit(codes[1].code);
    await submit(codes[2].code);
    const second = await server.request('POST', `/api/campaigns/${id}/reminders`, { token });
    expect(second.body).toMatchObject({ wave: 2, codeCount: 2 });
    await submit(codes[3].code);
    const { body } = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    // All on one day: the answer before the first reminder stays with the first letter (issue 16).
    expect(body.byWave.map((w: { wave: number; responses: number }) => [w.wave, w.responses])).toEqual([
      [0, 1],
      [1, 2],
      [2, 1],
    ]);
    const stored = await server.db.query<{ wave: number }>('select wave from responses where campaign_id = $1 order by wave', [id]);
    expect(stored.map((r) => r.wave)).toEqual([0, 1, 1, 2]);
  });

  it('counts submissions waiting for their batch by mode and wave, and writes them when the campaign closes', async () => {
    const batched = await startTestServer({ RESPONSE_BATCH_SIZE: '10', RESPONSE_FLUSH_MS: '0' });
    try {
      const batchedToken = await batched.login();
      const { id, codes } = await openCampaignWithCodes(batched, batchedToken);
      for (const code of codes.slice(0, 3)) {
        await batched.request('POST', `/api/respond/${code.code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
      }
      const waiting = await batched.request('GET', `/api/campaigns/${id}/progress`, { token: batchedToken });
      expect(waiting.body).toMatchObject({ waiting: 3, byMode: { web: 3, paper: 0 }, totals: { completed: 3 } });
      expect(waiting.body.byWave[0].responses).toBe(3);
      expect(await batched.db.query('select 1 from responses where campaign_id = $1', [id])).toHaveLength(0);
      await batched.request('POST', `/api/campaigns/${id}/close`, { token: batchedToken });
      const closed = await batched.request('GET', `/api/campaigns/${id}/progress`, { token: batchedToken });
      expect(closed.body).toMatchObject({ waiting: 0, byMode: { web: 3, paper: 0 } });
      expect(await batched.db.query('select 1 from responses where campaign_id = $1', [id])).toHaveLength(3);
    } finally {
      await batched.close();
    }
  });

  it('lists the letter references of codes not completed as CSV for reminders', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    await submit(codes[0].code);
    await server.request('GET', `/api/respond/${codes[1].code}`);
    const { status, body, headers } = await server.request('GET', `/api/campaigns/${id}/unused-codes.csv`, { token });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (body as string).trim().split('\n');
    expect(lines[0]).toBe('ref,aldersgrupp,kon,omrade');
    const refs = lines.slice(1).map((line) => line.split(',')[0]).sort();
    expect(refs).toEqual(codes.slice(1).map((c) => c.ref).sort());
    expect(body).not.toContain(codes[1].code);
    const audit = await server.db.query(`select 1 from audit_log where action = 'campaign.unused_codes_export' and details->>'campaignId' = $1`, [id]);
    expect(audit).toHaveLength(1);
  });

  it('stops offering the letter references once the codes are deleted (409, not a header-only file)', async () => {
    const { id } = await openCampaignWithCodes(server, token);
    await server.request('POST', `/api/campaigns/${id}/close`, { token });
    expect((await server.request('POST', `/api/campaigns/${id}/delete-codes`, { token })).status).toBe(200);
    const { status, body } = await server.request('GET', `/api/campaigns/${id}/unused-codes.csv`, { token });
    expect(status).toBe(409);
    expect(body.error.message).toMatch(/^Koderna raderades \d{4}-\d{2}-\d{2}, så det finns inga brevreferenser kvar att skicka påminnelser till\.$/);
  });

  it('refuses reminder waves unless the campaign is open', async () => {
    const { id } = await openCampaignWithCodes(server, token);
    await server.request('POST', `/api/campaigns/${id}/close`, { token });
    expect((await server.request('POST', `/api/campaigns/${id}/reminders`, { token })).status).toBe(409);
  });
});
