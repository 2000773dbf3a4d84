import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { errorHandler } from '../../server/http/error-handler';
import { createLogger } from '../../server/log';
import { respondRoutes } from '../../server/routes/respond-routes';
import { startTestServer, type TestServer } from './test-server';
import { sealedDraftBody } from './draft-helpers';
import { ANSWERS, createCampaign, newSubmissionId, openCampaignWithCodes } from './fieldwork-helpers';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

const generic = { error: { code: 'code_invalid', message: 'Koden finns inte. Kontrollera att du har skrivit rätt.' } };
const used = { error: { code: 'code_used', message: 'Koden har redan använts.' } };
const closed = { error: { code: 'survey_closed', message: 'Undersökningen är avslutad.' } };

describe('respondent by code', () => {
  it('serves the survey with its public title and no draft, marks the code started, and accepts any spelling of the code', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const code = codes[0].code;
    const typed = ` ${code.replace(/-/g, ' ').toLowerCase()} `;
    const { status, body, headers } = await server.request('GET', `/api/respond/${encodeURIComponent(typed)}`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    // The internal title ('Befolkningsenkät 2025') is never shown to respondents: the template's neutral title is.
    expect(body.campaign.title).toBe('Enkät om hälsa och trygghet');
    expect(body.campaign.publicTitle).toEqual({ sv: 'Enkät om hälsa och trygghet', en: 'Survey on health and safety' });
    expect(JSON.stringify(body)).not.toContain('Befolkningsenkät 2025');
    expect(body.survey.title).toEqual({ default: 'Enkät om hälsa och trygghet', en: 'Survey on health and safety' });
    expect(body.survey.pages.length).toBeGreaterThan(0);
    expect(body.answers).toEqual({});
    expect(body.draft).toBeNull();
    expect(body.locale).toBe('sv');
    const progress = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    expect(progress.body.totals).toEqual({ invited: 5, started: 1, completed: 0 });
  });

  it('says whether a code is unknown, used, or its survey closed; malformed and not-yet-open codes are unknown', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const other = await openCampaignWithCodes(server, token);
    const draftCampaign = await createCampaign(server, token);
    const draftCodes = await server.request('POST', `/api/campaigns/${draftCampaign}/codes`, {
      token,
      body: { strata: [{ stratum: { kon: 'man', aldersgrupp: '65-85', omrade: 'norr' }, count: 1 }] },
    });
    const notOpen = draftCodes.body.codes[0].code;
    const usedCode = codes[1].code;
    const closedCode = other.codes[0].code;
    expect((await server.request('POST', `/api/respond/${usedCode}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } })).status).toBe(201);
    expect((await server.request('POST', `/api/campaigns/${other.id}/close`, { token })).status).toBe(200);
    const cases: [string, number, unknown][] = [
      ['ABCD-EFGH-JKM', 404, generic],
      ['hello', 404, generic],
      [notOpen, 404, generic],
      [usedCode, 410, used],
      [closedCode, 410, closed],
    ];
    const { body: sealed } = await sealedDraftBody(codes[0].code, 'sommarhus', { kon: 'man' });
    for (const [code, status, body] of cases) {
      const got = await server.request('GET', `/api/respond/${code}`);
      expect([code, got.status, got.body]).toEqual([code, status, body]);
      const draft = await server.request('PUT', `/api/respond/${code}/draft`, { body: sealed });
      expect([code, draft.status, draft.body]).toEqual([code, status, body]);
      const open = await server.request('POST', `/api/respond/${code}/draft/open`, { body: { verifier: sealed.verifier } });
      expect([code, open.status, open.body]).toEqual([code, status, body]);
      const discard = await server.request('DELETE', `/api/respond/${code}/draft`);
      expect([code, discard.status, discard.body]).toEqual([code, status, body]);
    }
    for (const code of ['ABCD-EFGH-JKM', 'hello', notOpen]) {
      const submit = await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
      expect([code, submit.status, submit.body]).toEqual([code, 404, generic]);
    }
    expect(id).not.toBe(other.id);
  });

  it('stores a submission once: 201, then 200 for the same submissionId, 409 for another, draft deleted', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const code = codes[0].code;
    const { body: sealed } = await sealedDraftBody(code, 'sommarhus', { kon: 'man' });
    expect((await server.request('PUT', `/api/respond/${code}/draft`, { body: sealed })).status).toBe(204);
    const submissionId = newSubmissionId();
    const first = await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId, answers: ANSWERS } });
    expect(first.status).toBe(201);
    const again = await server.request('POST', `/api/respond/${code.toLowerCase()}/submit`, { body: { submissionId, answers: ANSWERS } });
    expect(again.status).toBe(200);
    const other = await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/redan använts/);

    const drafts = await server.db.query('select * from drafts where campaign_id = $1', [id]);
    expect(drafts).toEqual([]);
    const responses = await server.db.query<{ stratum: unknown; mode: string; answers: unknown }>(
      'select stratum, mode, answers from responses where campaign_id = $1',
      [id],
    );
    expect(responses).toEqual([{ stratum: codes[0].stratum, mode: 'web', answers: ANSWERS }]);
    const progress = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    expect(progress.body.totals).toEqual({ invited: 5, started: 1, completed: 1 });
  });

  it('stores concurrent submits of one code exactly once', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const code = codes[2].code;
    const ids = Array.from({ length: 8 }, () => newSubmissionId());
    const results = await Promise.all(ids.map((submissionId) => server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId, answers: ANSWERS } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await server.db.query('select id from responses where campaign_id = $1', [id])).toHaveLength(1);
  });

  it('rejects malformed submissions with 400 naming the field', async () => {
    const { codes } = await openCampaignWithCodes(server, token);
    const noId = await server.request('POST', `/api/respond/${codes[0].code}/submit`, { body: { answers: ANSWERS } });
    expect(noId.status).toBe(400);
    expect(noId.body.error.details.field).toBe('submissionId');
    const notObject = await server.request('POST', `/api/respond/${codes[0].code}/submit`, { body: { submissionId: newSubmissionId(), answers: [1] } });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.details.field).toBe('answers');
  });

  it('rejects invalid answers with 400 naming the question, and stores nothing', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const tooOld = await server.request('POST', `/api/respond/${codes[0].code}/submit`, {
      body: { submissionId: newSubmissionId(), answers: { ...ANSWERS, alder: 150 } },
    });
    expect(tooOld.status).toBe(400);
    expect(tooOld.body.error.message).toMatch(/alder/);
    expect(tooOld.body.error.details.field).toBe('answers.alder');
    expect(tooOld.body.error.details.errors[0].question).toBe('alder');
    const unknownChoice = await server.request('POST', `/api/respond/${codes[0].code}/submit`, {
      body: { submissionId: newSubmissionId(), answers: { ...ANSWERS, fysiskt_12m: 'kanske' } },
    });
    expect([unknownChoice.status, unknownChoice.body.error.details.field]).toEqual([400, 'answers.fysiskt_12m']);
    expect(await server.db.query('select 1 from responses where campaign_id = $1', [id])).toEqual([]);
    // The code is still usable.
    expect((await server.request('POST', `/api/respond/${codes[0].code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } })).status).toBe(201);
  });

  it('validates open-link submissions too', async () => {
    const bad = await server.request('POST', '/api/open/demo/submit', { body: { submissionId: newSubmissionId(), answers: { ...ANSWERS, alder: 7 } } });
    expect([bad.status, bad.body.error.details.field]).toEqual([400, 'answers.alder']);
    const good = await server.request('POST', '/api/open/demo/submit', { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    expect(good.status).toBe(201);
  });

  it('refuses submissions after close but still acknowledges a retry of a stored one', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const submissionId = newSubmissionId();
    expect((await server.request('POST', `/api/respond/${codes[0].code}/submit`, { body: { submissionId, answers: ANSWERS } })).status).toBe(201);
    expect((await server.request('POST', `/api/campaigns/${id}/close`, { token })).status).toBe(200);
    const late = await server.request('POST', `/api/respond/${codes[1].code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    expect([late.status, late.body]).toEqual([404, generic]);
    expect((await server.request('POST', `/api/respond/${codes[0].code}/submit`, { body: { submissionId, answers: ANSWERS } })).status).toBe(200);
  });

  it('limits requests globally with 429 (per-address limits count unknown codes only: tests/server/security/rate-limits.test.ts)', async () => {
    const { codes } = await openCampaignWithCodes(server, token);
    const limitedApp = (limits: { globalPerSecond: number }) => {
      const app = express();
      app.set('trust proxy', true);
      app.use(express.json());
      app.use(respondRoutes(server.db, server.responseStore, server.codeSecret, limits));
      app.use(errorHandler(createLogger('silent')));
      return new Promise<{ url: string; close: () => void }>((resolve) => {
        const listener = app.listen(0, '127.0.0.1', () =>
          resolve({ url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}`, close: () => listener.close() }),
        );
      });
    };
    const get = (url: string, address: string, code = codes[0].code) =>
      fetch(`${url}/api/respond/${code}`, { headers: { 'x-forwarded-for': address } }).then((r) => r.status);

    const global = await limitedApp({ globalPerSecond: 2 });
    expect([await get(global.url, '10.0.1.1'), await get(global.url, '10.0.1.2'), await get(global.url, '10.0.1.3')]).toEqual([200, 200, 429]);
    global.close();
  });
});
