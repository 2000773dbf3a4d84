import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSurvey } from '../../analysis/analyze-survey';
import { respondentColumnsFromRecords, respondentColumnRoles } from '../../analysis/respondent-columns';
import { directlyStandardisedProportion } from '../../analysis/direct-standardisation';
import { funnelLimits } from '../../analysis/funnel-limits';
import { insertCampaign } from '../../server/queries/campaigns';
import { insertResponse } from '../../server/queries/responses';
import { insertRegisteredTable } from '../../server/queries/population-registered-tables';
import { directlyStandardisedRate } from '../../analysis/direct-standardisation';
import { loadBuiltInTemplates } from '../../server/templates/load-templates';
import { startTestServer, type TestServer } from './test-server';

/**
 * County comparison: role scoping (a county viewer sees its own län only),
 * numbers equal to the analysis functions on the same data, suppression of
 * small kommuner, audit log. Runs on PGlite, and on PostgreSQL with
 * `npm run test:pg -- npx vitest run tests/server/county.test.ts`.
 */
let server: TestServer;
let admin: string;
let viewer05: string;
let viewer01: string;
let analyst: string;

const GROUPS = [
  { label: '18-29', from: 18, to: 29 },
  { label: '30-44', from: 30, to: 44 },
  { label: '45-64', from: 45, to: 64 },
  { label: '65-85', from: 65, to: 85 },
];
const groupOf = (age: number) => GROUPS.find((g) => age >= g.from && age <= g.to)!.label;

/** SCB 2019 read independently of the server: kommunkod → "kon|aldersgrupp" → antal (ages 18–85). */
const scb = new Map<string, Map<string, number>>();
for (const line of readFileSync(new URL('../../server/reference-data/scb-folkmangd-2019-kommun-kon-alder.csv', import.meta.url), 'utf8').trim().split(/\r?\n/).slice(1)) {
  const [kod, , kon, alder, antal] = line.split(',');
  const age = Number(alder);
  if (age < 18 || age > 85) continue;
  const cells = scb.get(kod) ?? new Map<string, number>();
  scb.set(kod, cells);
  const key = `${kon}|${groupOf(age)}`;
  cells.set(key, (cells.get(key) ?? 0) + Number(antal));
}
const CELLS = ['kvinna', 'man'].flatMap((kon) => GROUPS.map((g) => `${kon}|${g.label}`));
const popOf = (kods: string[]) => CELLS.map((key) => kods.reduce((sum, kod) => sum + (scb.get(kod)?.get(key) ?? 0), 0));

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Answer {
  kon: string;
  alder: number;
  /** Psychological violence in the last 12 months. */
  yes: boolean;
}

/** n answers spread over kön × ålder; prevalence higher among the young and women. `ages` limits the ages drawn. */
function answers(n: number, seed: number, base: number, ages: [number, number] = [18, 85]): Answer[] {
  const rand = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const kon = i % 2 === 0 ? 'kvinna' : 'man';
    const alder = ages[0] + Math.floor(rand() * (ages[1] - ages[0] + 1));
    const p = base * (kon === 'kvinna' ? 1.3 : 0.8) * (alder < 30 ? 1.5 : alder >= 65 ? 0.6 : 1);
    return { kon, alder, yes: rand() < p };
  });
}

const befolkningsenkat = loadBuiltInTemplates().find((t) => t.id === 'befolkningsenkat')!;
const demo = loadBuiltInTemplates().find((t) => t.id === 'demo')!;

async function campaignWith(kommunkod: string, data: Answer[], options: { status?: 'closed' | 'open' | 'archived'; periodEnd?: string; template?: typeof demo } = {}) {
  const id = await insertCampaign(server.db, {
    kommunkod,
    title: `Befolkningsenkät ${kommunkod} ${options.periodEnd ?? ''}`.trim(),
    template: options.template ?? befolkningsenkat,
    mode: 'codes',
    status: options.status ?? 'closed',
    periodEnd: options.periodEnd ?? '2025-03-31',
    createdBy: null,
  });
  for (const answer of data) await insertResponse(server.db, { campaignId: id, kommunkod, stratum: null, mode: 'web', answers: { kon: answer.kon, alder: answer.alder, ...(answer.yes ? { psykiskt_nagonsin: 'ja', psykiskt_12m: 'ja' } : { psykiskt_nagonsin: 'nej' }) } });
  return id;
}

async function createUser(email: string, kommunkod: string, roles: unknown[]): Promise<string> {
  const created = await server.request('POST', '/api/admin/users', { token: admin, body: { email, displayName: email, kommunkod, roles } });
  expect(created.status).toBe(201);
  return server.login(email, created.body.password);
}

const LINKOPING = answers(240, 1, 0.12);
const MJOLBY = answers(90, 2, 0.2);
const BOXHOLM = answers(30, 3, 0.15, [30, 85]); // nobody 18–29: no standardisation
const YDRE = answers(3, 4, 0.2); // below the minimum cell
const REGISTERED_LINKOPING = [40, 61, 52, 9, 12, 20, 25, 3];

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  viewer05 = await createUser('lan05@test.se', '0580', [{ role: 'county_viewer', lanKod: '05' }]);
  viewer01 = await createUser('lan01@test.se', '0180', [{ role: 'county_viewer', lanKod: '01' }]);
  analyst = await createUser('analytiker@test.se', '0580', [{ role: 'analyst', kommunkod: '0580' }]);
  await campaignWith('0580', answers(50, 9, 0.5), { periodEnd: '2022-03-31' }); // older: not used
  const linkopingId = await campaignWith('0580', LINKOPING);
  const mjolbyId = await campaignWith('0586', MJOLBY, { status: 'archived' });
  const adminId = (await server.db.query<{ id: string }>("select id from users where email = 'admin@test.se'"))[0].id;
  const table = (campaignId: string, kommunkod: string, counts: number[]) =>
    insertRegisteredTable(server.db, {
      campaignId,
      kommunkod,
      name: 'Registrerade 2024',
      period: '2024',
      unit: 'persons',
      fileName: 'reg.csv',
      columns: ['indikator', 'kon', 'aldersgrupp', 'omrade', 'antal'],
      // Two områden per cell, summed by the server.
      rows: CELLS.flatMap((key, k) => [
        { indikator: 'psykiskt_12m', kon: key.split('|')[0], aldersgrupp: key.split('|')[1], omrade: 'norr', antal: counts[k] - Math.floor(counts[k] / 2) },
        { indikator: 'psykiskt_12m', kon: key.split('|')[0], aldersgrupp: key.split('|')[1], omrade: 'syd', antal: Math.floor(counts[k] / 2) },
        { indikator: 'fysiskt_12m', kon: key.split('|')[0], aldersgrupp: key.split('|')[1], omrade: 'syd', antal: 1000 },
      ]),
      createdBy: adminId,
    });
  await table(linkopingId, '0580', REGISTERED_LINKOPING);
  await table(mjolbyId, '0586', [1, 0, 1, 0, 0, 1, 0, 0]);
  await campaignWith('0560', BOXHOLM);
  await campaignWith('0512', YDRE);
  await campaignWith('0583', answers(100, 5, 0.2), { status: 'open' }); // Motala: still open
  await campaignWith('0581', answers(100, 6, 0.2), { template: demo }); // Norrköping: another instrument
  await campaignWith('0180', answers(100, 7, 0.2)); // Stockholm, län 01
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('access', () => {
  it('lets a county viewer read its own län only', async () => {
    expect((await server.request('GET', '/api/county/05/kommuner', { token: viewer05 })).status).toBe(200);
    const other = await server.request('GET', '/api/county/01/kommuner', { token: viewer05 });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    expect((await server.request('GET', '/api/county/01/comparison?indicator=psykiskt_12m', { token: viewer05 })).status).toBe(403);
    expect((await server.request('GET', '/api/county/05/comparison?indicator=psykiskt_12m', { token: viewer01 })).status).toBe(403);
    expect((await server.request('GET', '/api/county/01/kommuner', { token: viewer01 })).status).toBe(200);
  });

  it('refuses analysts, admins without the county role and anonymous callers', async () => {
    expect((await server.request('GET', '/api/county/05/kommuner', { token: analyst })).status).toBe(403);
    expect((await server.request('GET', '/api/county/05/comparison?indicator=psykiskt_12m', { token: analyst })).status).toBe(403);
    expect((await server.request('GET', '/api/county/05/kommuner', { token: admin })).status).toBe(403);
    expect((await server.request('GET', '/api/county/05/kommuner')).status).toBe(401);
  });

  it('validates the län code, indicator and ages', async () => {
    const bad = await server.request('GET', '/api/county/5/kommuner', { token: viewer05 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('lanKod');
    expect((await server.request('GET', '/api/county/05/comparison?indicator=Bad-Id', { token: viewer05 })).body.error.details.field).toBe('indicator');
    // Without an indicator the template's first one is compared.
    const first = await server.request('GET', '/api/county/05/comparison', { token: viewer05 });
    expect(first.status).toBe(200);
    expect(first.body.indicator.id).toBe(befolkningsenkat.meta.indicators[0].id);
    expect((await server.request('GET', '/api/county/05/comparison?template=finns-inte', { token: viewer05 })).body.error.details.field).toBe('template');
    const unknown = await server.request('GET', '/api/county/05/comparison?indicator=finns_inte', { token: viewer05 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/finns_inte/);
    expect((await server.request('GET', '/api/county/05/comparison?indicator=psykiskt_12m&standard=eu', { token: viewer05 })).status).toBe(400);
    expect((await server.request('GET', '/api/county/05/kommuner?minAge=60&maxAge=20', { token: viewer05 })).status).toBe(400);
  });
});

describe('GET /api/county/:lanKod/kommuner', () => {
  it('lists the 13 kommuner of Östergötland with SCB population and closed campaigns', async () => {
    const { body } = await server.request('GET', '/api/county/05/kommuner', { token: viewer05 });
    expect(body.lan).toEqual({ kod: '05', namn: 'Östergötlands län' });
    expect(body.source).toMatch(/Källa: SCB/);
    expect(body.kommuner.map((k: { namn: string }) => k.namn)).toEqual(
      ['Boxholm', 'Finspång', 'Kinda', 'Linköping', 'Mjölby', 'Motala', 'Norrköping', 'Söderköping', 'Vadstena', 'Valdemarsvik', 'Ydre', 'Åtvidaberg', 'Ödeshög'].sort((a, b) =>
        a.localeCompare(b, 'sv'),
      ),
    );
    const linkoping = body.kommuner.find((k: { kod: string }) => k.kod === '0580');
    expect(linkoping.population).toBe(popOf(['0580']).reduce((a, b) => a + b, 0));
    expect(linkoping.closedPopulationCampaigns.map((c: { responses: number }) => c.responses)).toEqual([240, 50]);
    expect(body.kommuner.find((k: { kod: string }) => k.kod === '0583').closedPopulationCampaigns).toEqual([]);
    expect(body.templates).toEqual([
      { id: 'befolkningsenkat', title: befolkningsenkat.title, kommuner: 4 },
      { id: 'demo', title: demo.title, kommuner: 1 },
    ]);
    const ages = await server.request('GET', '/api/county/05/kommuner?minAge=20&maxAge=64', { token: viewer05 });
    const expected20to64 = [...readFileSync(new URL('../../server/reference-data/scb-folkmangd-2019-kommun-kon-alder.csv', import.meta.url), 'utf8').split('\n')]
      .map((l) => l.split(','))
      .filter((c) => c[0] === '0580' && Number(c[3]) >= 20 && Number(c[3]) <= 64)
      .reduce((sum, c) => sum + Number(c[4]), 0);
    expect(ages.body.kommuner.find((k: { kod: string }) => k.kod === '0580').population).toBe(expected20to64);
  });
});

describe('GET /api/county/:lanKod/comparison', () => {
  const lanKods = () => [...scb.keys()].filter((kod) => kod.startsWith('05'));

  /** The expected values computed with the analysis functions directly on the same answers. */
  function expectedFor(data: Answer[], kod: string, standard: number[]) {
    const respondents = data.map((a) => ({ kon: a.kon, aldersgrupp: groupOf(a.alder), y: a.yes ? 1 : 0 }));
    const population = CELLS.map((key, k) => ({ kon: key.split('|')[0], aldersgrupp: key.split('|')[1], antal: popOf([kod])[k] }));
    const result = analyzeSurvey({
      respondents: respondentColumnsFromRecords(respondents, respondentColumnRoles({ indicators: ['y'] })),
      population: [{ rows: population }],
      options: { indicators: ['y'], margins: [['kon', 'aldersgrupp']], method: 'poststrat', by: [['kon', 'aldersgrupp']], minCell: 1 },
    });
    const crude = result.estimates.find((e) => Object.keys(e.domain).length === 0)!;
    const strata = CELLS.map((key) => result.estimates.find((e) => `${e.domain.kon}|${e.domain.aldersgrupp}` === key)!);
    const dsp = directlyStandardisedProportion(strata.map((s) => ({ proportion: s.proportion!, se: s.se! })), standard, { df: crude.df! });
    return { crude, strata, dsp };
  }

  it('gives crude and standardised prevalences equal to analyzeSurvey + directlyStandardisedProportion', async () => {
    const { status, body } = await server.request('GET', '/api/county/05/comparison?indicator=psykiskt_12m', { token: viewer05 });
    expect(status).toBe(200);
    expect(body.indicator.id).toBe('psykiskt_12m');
    expect(body.standard).toBe('lan');
    expect(body.minCell).toBe(5);
    const standard = popOf(lanKods());
    expect(body.standardPopulation.cells.map((c: { antal: number }) => c.antal)).toEqual(standard);
    expect(body.standardPopulation.source).toMatch(/Källa: SCB/);

    const linkoping = body.kommuner.find((k: { kod: string }) => k.kod === '0580');
    const expected = expectedFor(LINKOPING, '0580', standard);
    expect(linkoping.n).toBe(240);
    expect(linkoping.suppressed).toBe(false);
    expect(linkoping.crude.estimate).toBeCloseTo(expected.crude.proportion!, 12);
    expect(linkoping.crude.ci[0]).toBeCloseTo(expected.crude.ci![0], 12);
    expect(linkoping.crude.ci[1]).toBeCloseTo(expected.crude.ci![1], 12);
    expect(linkoping.standardised.estimate).toBeCloseTo(expected.dsp.estimate, 12);
    expect(linkoping.standardised.se).toBeCloseTo(expected.dsp.se, 12);
    expect(linkoping.standardised.ci[0]).toBeCloseTo(expected.dsp.ci![0], 12);
    expect(linkoping.standardised.ci[1]).toBeCloseTo(expected.dsp.ci![1], 12);
    expect(linkoping.campaign.periodEnd).toBe('2025-03-31');
    // Registered persons per 1,000, standardised like the prevalence (R: epitools::ageadjust.direct; see the analysis tests).
    const rate = directlyStandardisedRate(REGISTERED_LINKOPING, popOf(['0580']), standard, { multiplier: 1000 });
    expect(linkoping.registered.suppressed).toBe(false);
    expect(linkoping.registered.crudeRate).toBeCloseTo(rate.crudeRate, 12);
    expect(linkoping.registered.crudeRate).toBeCloseTo((1000 * 222) / popOf(['0580']).reduce((a, b) => a + b, 0), 12);
    expect(linkoping.registered.standardised.estimate).toBeCloseTo(rate.estimate, 12);
    expect(linkoping.registered.standardised.ci[0]).toBeCloseTo(rate.ci[0], 12);
    expect(linkoping.registered.standardised.ci[1]).toBeCloseTo(rate.ci[1], 12);
    expect(linkoping.registered.table).toEqual({ name: 'Registrerade 2024', period: '2024' });

    // Crude = the kommun's own population standardisation (post-stratified on the same cells).
    const own = directlyStandardisedProportion(expected.strata.map((s) => ({ proportion: s.proportion!, se: s.se! })), popOf(['0580']));
    expect(linkoping.crude.estimate).toBeCloseTo(own.estimate, 12);

    // Archived counts as closed; Mjölby is there.
    const mjolby = body.kommuner.find((k: { kod: string }) => k.kod === '0586');
    const expectedMjolby = expectedFor(MJOLBY, '0586', standard);
    expect(mjolby.standardised.estimate).toBeCloseTo(expectedMjolby.dsp.estimate, 12);

    // Funnel centre: population-weighted stratum prevalences of Linköping and Mjölby, standardised.
    const pooled = CELLS.map((_, k) => {
      const nL = popOf(['0580'])[k];
      const nM = popOf(['0586'])[k];
      return (nL * expected.strata[k].proportion! + nM * expectedMjolby.strata[k].proportion!) / (nL + nM);
    });
    const total = standard.reduce((a, b) => a + b, 0);
    const target = pooled.reduce((sum, p, k) => sum + (standard[k] / total) * p, 0);
    expect(body.target).toBeCloseTo(target, 12);
    // The län's value as an estimate with its interval, labelled with what it covers: the two kommuner of thirteen.
    const pooledStrata = CELLS.map((_, k) => {
      const nL = popOf(['0580'])[k];
      const nM = popOf(['0586'])[k];
      const n = nL + nM;
      return { proportion: pooled[k], se: Math.sqrt((nL / n) ** 2 * expected.strata[k].se! ** 2 + (nM / n) ** 2 * expectedMjolby.strata[k].se! ** 2) };
    });
    const lan = directlyStandardisedProportion(pooledStrata, standard, { interval: 'logit', level: 0.95 });
    expect(body.lanEstimate.estimate).toBeCloseTo(target, 12);
    expect(body.lanEstimate.se).toBeCloseTo(lan.se, 12);
    expect(body.lanEstimate.ci[0]).toBeCloseTo(lan.ci![0], 12);
    expect(body.lanEstimate.ci[1]).toBeCloseTo(lan.ci![1], 12);
    expect(body.lanEstimate).toMatchObject({
      kommuner: 2,
      kommunerInLan: 13,
      population: popOf(['0580', '0586']).reduce((a, b) => a + b, 0),
      populationInLan: standard.reduce((a, b) => a + b, 0),
    });
    // Inserted as closed (before closing dates were recorded): the planned end only.
    expect(linkoping.campaign.closedOn).toBeNull();
    const limits = funnelLimits(target, expected.dsp.effectiveN!, 0.95, 'normal');
    expect(linkoping.funnel.limits95[0]).toBeCloseTo(limits.lower, 12);
    expect(linkoping.funnel.limits95[1]).toBeCloseTo(limits.upper, 12);
    expect(linkoping.standardised.effectiveN).toBeCloseTo(expected.dsp.effectiveN!, 8);
    expect(['within', 'above95', 'below95', 'above998', 'below998']).toContain(linkoping.funnel.position);
    expect(body.funnel.curve.length).toBeGreaterThan(10);
    for (const point of body.funnel.curve) {
      expect(point.lower998).toBeLessThanOrEqual(point.lower95);
      expect(point.upper998).toBeGreaterThanOrEqual(point.upper95);
    }
  });

  it('uses Sweden as the standard population on request', async () => {
    const { body } = await server.request('GET', '/api/county/05/comparison?indicator=psykiskt_12m&standard=riket', { token: viewer05 });
    const standard = popOf([...scb.keys()]);
    expect(body.standard).toBe('riket');
    expect(body.standardPopulation.cells.map((c: { antal: number }) => c.antal)).toEqual(standard);
    const linkoping = body.kommuner.find((k: { kod: string }) => k.kod === '0580');
    expect(linkoping.standardised.estimate).toBeCloseTo(expectedFor(LINKOPING, '0580', standard).dsp.estimate, 12);
  });

  it('suppresses kommuner under the minimum cell and explains missing values', async () => {
    const { body } = await server.request('GET', '/api/county/05/comparison?indicator=psykiskt_12m', { token: viewer05 });
    const byKod = (kod: string) => body.kommuner.find((k: { kod: string }) => k.kod === kod);
    const ydre = byKod('0512');
    expect(ydre).toMatchObject({ suppressed: true, n: null, crude: null, standardised: null, funnel: null });
    expect(ydre.reason).toMatch(/Färre än 5 svarande/);
    const boxholm = byKod('0560');
    expect(boxholm.suppressed).toBe(false);
    expect(boxholm.crude.estimate).toBeGreaterThan(0);
    expect(boxholm.standardised).toBeNull();
    expect(boxholm.standardisedNote).toMatch(/saknar svarande/);
    const mjolby = byKod('0586');
    expect(mjolby.registered).toMatchObject({ suppressed: true, crudeRate: null, standardised: null });
    expect(mjolby.registered.reason).toMatch(/Färre än 5 registrerade/);
    expect(byKod('0560').registered).toBeNull();
    expect(byKod('0583').reason).toMatch(/Ingen avslutad/); // open campaign only
    expect(byKod('0581').reason).toMatch(/Ingen avslutad/); // another instrument
    expect(byKod('0562').crude).toBeNull(); // Finspång: no campaign
    // Nothing but aggregates: no answers or campaign ids in the payload.
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/"(ja|nej)"/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('says so when an indicator has no register counterpart, instead of reporting missing cells', async () => {
    const { body } = await server.request('GET', '/api/county/05/comparison?indicator=psykiskt_livstid', { token: viewer05 });
    const linkoping = body.kommuner.find((k: { kod: string }) => k.kod === '0580');
    expect(linkoping.registered.reason).toBe('Indikatorn har ingen motsvarighet i registret (ingen aktualiseringsorsak att jämföra med), så inga registrerade visas.');
    expect(linkoping.registered.standardised).toBeNull();
  });

  it('dates a campaign by the day it was closed, not its planned end', async () => {
    const session = await createUser('analytiker-ydre@test.se', '0512', [{ role: 'analyst', kommunkod: '0512' }]);
    const created = await server.request('POST', '/api/campaigns', { token: session, body: { templateId: 'befolkningsenkat', title: 'Ydre 2026', mode: 'open', kommunkod: '0512' } });
    await server.request('PATCH', `/api/campaigns/${created.body.id}`, { token: session, body: { periodEnd: '2027-01-31' } });
    expect((await server.request('POST', `/api/campaigns/${created.body.id}/open`, { token: session })).status).toBe(200);
    expect((await server.request('POST', `/api/campaigns/${created.body.id}/close`, { token: session })).status).toBe(200);
    const [{ today }] = await server.db.query<{ today: string }>('select current_date::text as today');
    const { body } = await server.request('GET', '/api/county/05/comparison?indicator=psykiskt_12m', { token: viewer05 });
    const ydre = body.kommuner.find((k: { kod: string }) => k.kod === '0512');
    expect(ydre.campaign).toEqual({ title: 'Ydre 2026', periodEnd: '2027-01-31', closedOn: today });
    const kommuner = await server.request('GET', '/api/county/05/kommuner', { token: viewer05 });
    expect(kommuner.body.kommuner.find((k: { kod: string }) => k.kod === '0512').closedPopulationCampaigns[0]).toMatchObject({ title: 'Ydre 2026', closedOn: today });
  });

  it('writes every county read to the audit log', async () => {
    const rows = await server.db.query<{ action: string; details: { lanKod: string } }>(
      "select action, details from audit_log where action like 'county.%' order by id",
    );
    expect(rows.some((r) => r.action === 'county.comparison' && r.details.lanKod === '05')).toBe(true);
    expect(rows.some((r) => r.action === 'county.kommuner' && r.details.lanKod === '05')).toBe(true);
  });
});

describe('POST /api/admin/users', () => {
  it('creates a county viewer with a generated password shown once, audit-logged without it', async () => {
    const created = await server.request('POST', '/api/admin/users', {
      token: admin,
      body: { email: 'Lst.Ostergotland@test.se', displayName: 'Länsstyrelsen Östergötland', kommunkod: '0580', roles: [{ role: 'county_viewer', lanKod: '05' }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('lst.ostergotland@test.se');
    expect(created.body.password).toMatch(/^[\w-]{16,}$/);
    const token = await server.login('lst.ostergotland@test.se', created.body.password);
    const me = await server.request('GET', '/api/me', { token });
    expect(me.body.roles).toEqual([{ role: 'county_viewer', kommunkod: null, lanKod: '05', unitId: null, microdataExport: false }]);
    // The header names the län the viewer works for.
    expect(me.body.lan).toEqual([{ kod: '05', namn: 'Östergötlands län' }]);
    const audit = await server.db.query<{ details: Record<string, unknown> }>("select details from audit_log where action = 'admin.user.create' and details->>'createdUserId' = $1", [created.body.id]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain(created.body.password);
  });

  it('is for admins only and validates the grants', async () => {
    const body = { email: 'x@test.se', displayName: 'X', kommunkod: '0580', roles: [{ role: 'county_viewer', lanKod: '05' }] };
    expect((await server.request('POST', '/api/admin/users', { token: viewer05, body })).status).toBe(403);
    expect((await server.request('POST', '/api/admin/users', { token: analyst, body })).status).toBe(403);
    expect((await server.request('POST', '/api/admin/users', { body })).status).toBe(401);
    const noLan = await server.request('POST', '/api/admin/users', { token: admin, body: { ...body, roles: [{ role: 'county_viewer' }] } });
    expect(noLan.status).toBe(400);
    expect(noLan.body.error.details.field).toBe('roles.0.lanKod');
    const unknownLan = await server.request('POST', '/api/admin/users', { token: admin, body: { ...body, roles: [{ role: 'county_viewer', lanKod: '77' }] } });
    expect(unknownLan.status).toBe(400);
    expect(unknownLan.body.error.message).toMatch(/77/);
    const unknownKommun = await server.request('POST', '/api/admin/users', { token: admin, body: { ...body, kommunkod: '0001' } });
    expect(unknownKommun.status).toBe(400);
    const microdata = await server.request('POST', '/api/admin/users', { token: admin, body: { ...body, roles: [{ role: 'county_viewer', lanKod: '05', microdataExport: true }] } });
    expect(microdata.body.error.details.field).toBe('roles.0.microdataExport');
    const screener = await server.request('POST', '/api/admin/users', { token: admin, body: { ...body, roles: [{ role: 'screener', kommunkod: '0580' }] } });
    expect(screener.body.error.details.field).toBe('roles.0.unitId');
    expect((await server.request('POST', '/api/admin/users', { token: admin, body: { ...body, roles: [] } })).status).toBe(400);
    const duplicate = await server.request('POST', '/api/admin/users', { token: admin, body: { ...body, email: 'lan05@test.se' } });
    expect(duplicate.status).toBe(409);
  });
});
