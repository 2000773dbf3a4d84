/**
 * The lägesbild's API: the fieldwork facts of the method section (sample design, response rates with
 * suppression, mode and waves), trends between two campaigns of the same kommun, and a registered
 * series whose detection ratio is shown only for the year that lines up with the survey.
 * Runs on PGlite, and on PostgreSQL with `npm run test:pg -- npx vitest run tests/server/lagesbild.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalQuantile } from '../../analysis/normal-quantile';
import { insertResponse } from '../../server/queries/responses';
import { responders, STRATA } from '../analysis/fixtures/stratified-campaign/campaign';
import { setUpStratifiedCampaign } from './analysis-stratified-setup';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let admin: string;
let campaignId: string;
let olderId: string;
const BODY = { indicators: ['vinr_12m', 'psykiskt_12m', 'hrv_12m'], by: [['kon'], ['aldersgrupp'], ['omrade']], fpc: true };
const SAMPLE = { frameDate: '2026-01-15', frameSize: 12301, allocation: { method: 'precision' as const, targetHalfWidth: 0.05, expectedPrevalence: 0.3, expectedResponseRate: 0.45 }, sampleSize: STRATA.reduce((a, s) => a + s.count, 0), ageReferenceYear: 2026 };

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  ({ campaignId } = await setUpStratifiedCampaign(server, admin, SAMPLE));
  // An older campaign of the same questionnaire in the same kommun: an open link in 2016.
  const created = await server.request('POST', '/api/campaigns', { token: admin, body: { templateId: 'befolkningsenkat', title: 'Befolkningsenkät 2016' } });
  olderId = created.body.id;
  await server.db.query(`update campaigns set period_start = '2016-03-01', period_end = '2016-04-30', status = 'closed' where id = $1`, [olderId]);
  await server.db.transaction(async (tx) => {
    for (const { answers } of responders()) await insertResponse(tx, { campaignId: olderId, kommunkod: '9999', stratum: null, mode: 'web', answers });
  });
  await server.db.query(`update responses set response_date = '2016-03-20' where campaign_id = $1`, [olderId]);
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /api/campaigns/:id/lagesbild', () => {
  it('gives the sample design, fieldwork dates, response rates, mode and waves, and the campaigns to compare', async () => {
    const { status, body } = await server.request('GET', `/api/campaigns/${campaignId}/lagesbild`, { token: admin });
    expect(status).toBe(200);
    expect(body.sampleDesign).toEqual(SAMPLE);
    expect(body.responses).toBe(387);
    expect(body.fieldwork.first).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const total = body.responseRates.find((r: { level: string }) => r.level === 'total');
    expect(total).toEqual({ stratum: {}, level: 'total', populationSize: 12301, invited: SAMPLE.sampleSize, responded: 387, rate: 387 / SAMPLE.sampleSize });
    // Margins of each stratum variable add up to the total; strata with 1–4 responses are hidden, with complements.
    const margins = body.responseRates.filter((r: { level: string; stratum: object }) => r.level === 'margin' && 'kon' in r.stratum);
    expect(margins.reduce((a: number, r: { invited: number }) => a + r.invited, 0)).toBe(total.invited);
    const strata = body.responseRates.filter((r: { level: string }) => r.level === 'stratum');
    expect(strata).toHaveLength(24);
    const hidden = strata.filter((r: { responded: number | null }) => r.responded === null);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const row of body.responseRates) if (row.responded !== null) expect(row.responded === 0 || row.responded >= 5).toBe(true);
    expect(body.byMode).toEqual({ web: 387, paper: 0 });
    expect(body.byWave).toEqual([{ wave: 0, sentOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), codeCount: SAMPLE.sampleSize, responses: 387 }]);
    expect(body.trendCampaigns.map((c: { id: string }) => c.id)).toEqual([olderId, campaignId]);
    expect(body.trendCampaigns[0]).toMatchObject({ title: 'Befolkningsenkät 2016', responses: 387, fieldwork: { first: '2016-03-20', last: '2016-03-20' } });
    expect(body.trendCampaigns[0].commonIndicators).toContain('vinr_12m');
  });
});

describe('POST /api/campaigns/:id/trend', () => {
  it('analyses each campaign and gives the change since the previous one with a normal interval', async () => {
    const page = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: BODY });
    const { status, body } = await server.request('POST', `/api/campaigns/${campaignId}/trend`, { token: admin, body: { analysis: BODY } });
    expect(status, JSON.stringify(body).slice(0, 400)).toBe(200);
    expect(body.previousId, JSON.stringify(body.campaigns?.map((c: { id: string; error: unknown }) => c.error))).toBe(olderId);
    expect(body.campaigns.map((c: { id: string; current: boolean }) => [c.id, c.current])).toEqual([[olderId, false], [campaignId, true]]);
    const [older, current] = body.campaigns;
    // The current campaign's figures are the page's.
    expect(current.estimates).toEqual(page.body.estimates);
    // The older open link is weighted with its own design: answers, SCB's year closest to 2016.
    expect(older.error).toBeNull();
    expect(older.weighting.populationYear).toBe(2019);
    const overall = (list: { indicator: string; domain: object }[]) => list.find((e) => e.indicator === 'vinr_12m' && Object.keys(e.domain).length === 0) as unknown as { proportion: number; se: number };
    const before = overall(older.estimates);
    const after = overall(current.estimates);
    const change = body.comparisons.find((c: { indicator: string; domain: object }) => c.indicator === 'vinr_12m' && Object.keys(c.domain).length === 0);
    const se = Math.sqrt(before.se ** 2 + after.se ** 2);
    expect(change.difference).toBeCloseTo(after.proportion - before.proportion, 14);
    expect(change.differenceSe).toBeCloseTo(se, 14);
    expect(change.differenceCi[0]).toBeCloseTo(change.difference - normalQuantile(0.975) * se, 14);
    expect(change.clearChange).toBe(change.differenceCi[0] > 0 || change.differenceCi[1] < 0);
    expect(body.comparisons.some((c: { domain: { omrade?: string } }) => c.domain.omrade === 'omrade_1')).toBe(true);
  });

  it('refuses an unknown field and answers 404 for another kommun', async () => {
    expect((await server.request('POST', `/api/campaigns/${campaignId}/trend`, { token: admin, body: { nivå: 1 } })).status).toBe(400);
    expect((await server.request('POST', '/api/campaigns/00000000-0000-4000-8000-000000000000/trend', { token: admin, body: {} })).status).toBe(404);
  });
});

describe('a registered series over several years', () => {
  it('shows every year, and the detection ratio only for the year that lines up with the survey', async () => {
    const now = new Date();
    const aligned = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, now.getUTCDate())).getUTCFullYear();
    const years = [aligned - 2, aligned - 1, aligned];
    const csv = ['indikator,ar,kon,antal', ...years.flatMap((y, i) => [`vinr_12m,${y},,${40 + i}`, `vinr_12m,${y},kvinna,${30 + i}`, `vinr_12m,${y},man,${10}`]), `vinr_livstid,${aligned},,3`].join('\n');
    const uploaded = await server.request('POST', `/api/campaigns/${campaignId}/registered-tables?name=Ärenden&period=${years[0]}–${aligned}&fileName=reg.csv`, {
      token: admin,
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const { body } = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...BODY, indicators: ['vinr_12m', 'vinr_livstid'], registeredTableId: uploaded.body.id } });
    const series = body.meta.registeredSeries;
    expect(series.years).toEqual(years);
    expect(series.alignedYear).toBe(aligned);
    expect(series.rows.filter((r: { indicator: string }) => r.indicator === 'vinr_12m').map((r: { year: number; registered: number; aligned: boolean }) => [r.year, r.registered, r.aligned])).toEqual([
      [years[0], 40, false],
      [years[1], 41, false],
      [aligned, 42, true],
    ]);
    // 3 lifetime ärenden: below 5, and a lifetime indicator never gets a ratio.
    expect(series.rows.find((r: { indicator: string }) => r.indicator === 'vinr_livstid')).toMatchObject({ registered: null, suppressed: true, aligned: false });
    const dark = body.darkFigure.filter((d: { indicator: string }) => d.indicator === 'vinr_12m');
    expect(dark.find((d: { domain: object }) => Object.keys(d.domain).length === 0).registered).toBe(42);
    expect(dark.find((d: { domain: { kon?: string } }) => d.domain.kon === 'kvinna').registered).toBe(32);
    expect(body.darkFigure.some((d: { indicator: string }) => d.indicator === 'vinr_livstid')).toBe(false);
    expect(series.note).toContain(`kalenderåret ${aligned}`);
    expect(body.meta.caveats.find((c: { indicator: string }) => c.indicator === 'vinr_12m').points[0]).toContain(`kalenderåret ${aligned}`);
  });

  it('refuses a year that is not a year', async () => {
    const bad = await server.request('POST', `/api/campaigns/${campaignId}/registered-tables?name=Fel&fileName=reg.csv`, { token: admin, body: 'indikator,ar,antal\nvinr_12m,tjugo,4\n', headers: { 'content-type': 'text/csv' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('reg.csv, rad 2, kolumn "ar": värdet "tjugo" är inte ett årtal som 2024');
  });
});
