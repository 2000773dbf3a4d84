import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { insertRole, insertUser } from '../../server/queries/users';
import { startTestServer, type TestServer } from './test-server';
import { newSubmissionId, openCampaignWithCodes } from './fieldwork-helpers';

let server: TestServer;
let token: string;
let campaign: { id: string; codes: { code: string; ref: string; stratum: Record<string, string> }[] };
const STRATA = [
  { stratum: { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' }, count: 4, N: 400 },
  { stratum: { kon: 'kvinna', aldersgrupp: '30-44', omrade: 'norr' }, count: 4, N: 500 },
  { stratum: { kon: 'man', aldersgrupp: '18-29', omrade: 'norr' }, count: 4, N: 420 },
  { stratum: { kon: 'man', aldersgrupp: '30-44', omrade: 'norr' }, count: 4, N: 480 },
];
const ages: Record<string, number> = { '18-29': 24, '30-44': 38 };
const PURPOSE_TEXT = 'Viktad analys till socialnämndens rapport';
const PURPOSE = encodeURIComponent(PURPOSE_TEXT);

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
  campaign = await openCampaignWithCodes(server, token, STRATA);
  // Three answers per stratum; every second person exposed; one answer "vill inte svara" on both items.
  let i = 0;
  for (const issued of campaign.codes) {
    const index = i++;
    if (index % 4 === 3) continue;
    const answers: Record<string, unknown> = {
      kon: issued.stratum.kon,
      alder: ages[issued.stratum.aldersgrupp],
      psykiskt_12m: index % 2 === 0 ? 'ja' : 'nej',
      fysiskt_12m: 'nej',
    };
    if (index === 1) Object.assign(answers, { psykiskt_12m: 'vill_inte_svara', fysiskt_12m: 'vill_inte_svara' });
    const mode = index === 2 ? 'paper' : 'web';
    const response =
      mode === 'paper'
        ? await server.request('POST', `/api/campaigns/${campaign.id}/paper`, { token, body: { code: issued.code, answers } })
        : await server.request('POST', `/api/respond/${issued.code}/submit`, { body: { submissionId: newSubmissionId(), answers } });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  }
});
afterAll(async () => {
  await server?.close();
});

describe('exports', () => {
  it('exports responses as JSON with id, stratum, mode, date and answers, audit-logged', async () => {
    const { status, body } = await server.request('GET', `/api/campaigns/${campaign.id}/responses?purpose=${PURPOSE}`, { token });
    expect(status).toBe(200);
    expect(body).toHaveLength(12);
    for (const response of body) {
      expect(Object.keys(response).sort()).toEqual(['answers', 'date', 'id', 'mode', 'stratum']);
      expect(response.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(body.filter((r: { mode: string }) => r.mode === 'paper')).toHaveLength(1);
    const ids = body.map((r: { id: string }) => r.id);
    expect([...ids].sort()).toEqual(ids);
    const audit = await server.db.query<{ details: { format: string; purpose: string } }>(
      `select details from audit_log where action = 'campaign.responses_export' and details->>'campaignId' = $1`,
      [campaign.id],
    );
    expect(audit.map((a) => a.details.format)).toContain('json');
    expect(audit.map((a) => a.details.purpose)).toContain(PURPOSE_TEXT);
  });

  it('requires a purpose for microdata exports (400 naming the field) and logs nothing without it', async () => {
    const before = await server.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'campaign.responses_export'`);
    for (const path of ['responses', 'responses.csv', 'responses?purpose=', 'responses.csv?purpose=%20%20']) {
      const response = await server.request('GET', `/api/campaigns/${campaign.id}/${path}`, { token });
      expect([path, response.status, response.body.error?.details?.field]).toEqual([path, 400, 'purpose']);
      expect(response.body.error.message).toMatch(/syfte/);
    }
    const after = await server.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'campaign.responses_export'`);
    expect(after[0].n).toBe(before[0].n);
    // Stratum sizes are not microdata: no purpose needed.
    expect((await server.request('GET', `/api/campaigns/${campaign.id}/population-strata.csv`, { token })).status).toBe(200);
  });

  it('exports the analysis CSV with strata, weighting variables, age groups and 0/1/empty indicators', async () => {
    const { status, body, headers } = await server.request('GET', `/api/campaigns/${campaign.id}/responses.csv?purpose=${PURPOSE}`, { token });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = (body as string).trim().split('\n');
    expect(header).toBe('id,mode,date,stratum_kon,stratum_aldersgrupp,stratum_omrade,kon,alder,aldersgrupp,utsatt_12m');
    expect(rows).toHaveLength(12);
    const parsed = rows.map((row) => row.split(','));
    for (const cells of parsed) {
      expect(cells[3]).toBe(cells[6]);
      expect(cells[4]).toBe(cells[8]);
    }
    expect(parsed.map((cells) => cells[9]).sort()).toEqual(['', '0', '0', '0', '1', '1', '1', '1', '1', '1', '1', '1']);
  });

  it('exports the stratum sizes as a population table', async () => {
    const { status, body } = await server.request('GET', `/api/campaigns/${campaign.id}/population-strata.csv`, { token });
    expect(status).toBe(200);
    expect((body as string).trim().split('\n').sort()).toEqual(
      ['kon,aldersgrupp,omrade,antal', 'kvinna,18-29,norr,400', 'kvinna,30-44,norr,500', 'man,18-29,norr,420', 'man,30-44,norr,480'].sort(),
    );
  });

  it('feeds the analysis CLI: post-stratified to the stratum sizes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    try {
      const responses = await server.request('GET', `/api/campaigns/${campaign.id}/responses.csv?purpose=${PURPOSE}`, { token });
      const population = await server.request('GET', `/api/campaigns/${campaign.id}/population-strata.csv`, { token });
      writeFileSync(join(dir, 'svar.csv'), responses.body);
      writeFileSync(join(dir, 'befolkning.csv'), population.body);
      const { stdout } = await promisify(execFile)(
        'npx',
        ['tsx', 'cli/analyze.ts', '--responses', join(dir, 'svar.csv'), '--population', join(dir, 'befolkning.csv'), '--margins', 'kon:aldersgrupp', '--method', 'poststrat', '--indicator', 'utsatt_12m'],
        { cwd: process.cwd() },
      );
      const result = JSON.parse(stdout);
      const overall = result.estimates.find((e: { domain: object }) => Object.keys(e.domain).length === 0);
      expect(overall.n).toBe(11);
      // By hand: weights N_h/n_h = 400/3, 500/3, 420/3, 480/3 (three respondents per cell); exposed
      // 2 of 2 non-missing in the first cell and 2 of 3 in the others:
      // p = (2·400/3 + 2·500/3 + 2·420/3 + 2·480/3) / (2·400/3 + 500 + 420 + 480) = 1200 / 1666.67 = 0.72.
      expect(overall.proportion).toBeCloseTo(0.72, 10);
      expect(overall.total).toBeCloseTo(1296, 8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires the microdata right for responses but not for stratum sizes', async () => {
    const email = 'analytiker@test.se';
    const userId = await insertUser(server.db, { kommunkod: '9999', email, displayName: 'Analytiker', passwordHash: await hashPassword('analyst-password-1') });
    await insertRole(server.db, userId, { role: 'analyst', kommunkod: '9999', microdataExport: false });
    const analyst = await server.login(email, 'analyst-password-1');
    for (const path of ['responses', 'responses.csv']) {
      const response = await server.request('GET', `/api/campaigns/${campaign.id}/${path}?purpose=${PURPOSE}`, { token: analyst });
      expect([path, response.status]).toEqual([path, 403]);
    }
    expect((await server.request('GET', `/api/campaigns/${campaign.id}/population-strata.csv`, { token: analyst })).status).toBe(200);
    expect((await server.request('GET', `/api/campaigns/${campaign.id}/progress`, { token: analyst })).status).toBe(200);
  });
});
