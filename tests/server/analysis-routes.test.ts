/**
 * Survey analysis in the workspace: SCB population totals, uploaded område
 * and registered tables, and POST /api/campaigns/:id/analysis, whose numbers
 * must equal analyzeSurvey called directly on the exported records.
 * Runs on PGlite, and on PostgreSQL with `npm run test:pg -- npx vitest run tests/server/analysis-routes.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSurvey, respondentColumnRoles, respondentColumnsFromRecords, unweightedEstimates, type RespondentRecord } from '../../analysis/index';
import { parseCsv } from '../../domain/csv';
import { hashPassword } from '../../server/auth/password';
import { insertResponse } from '../../server/queries/responses';
import { insertRole, insertUser } from '../../server/queries/users';
import { startTestServer, type TestServer } from './test-server';
import { mulberry32 } from '../../analysis/mulberry32';

let server: TestServer;
let admin: string;
let analyst: string; // analyst in the demo kommun, not admin
let orebro: string; // analyst in Örebro (1880) only
let campaignId: string;
let areaTableId: string;
let registeredId: string;
const AGE_GROUPS = '18-29,30-44,45-64,65-85';
const N = 900;

/** Answers to the population questionnaire; women and younger people answer more often, as in real surveys. */
function generateAnswers(count: number): Record<string, unknown>[] {
  const random = mulberry32(7);
  const forms = ['psykiskt', 'hot', 'fysiskt', 'sexuellt', 'ekonomiskt'];
  const yesNo = (p: number) => (random() < p ? 'ja' : random() < 0.97 ? 'nej' : 'vill_inte_svara');
  const answers: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const u = random();
    const kon = i % 150 === 7 ? 'annat' : i % 150 === 8 ? 'vill_inte_svara' : u < 0.58 ? 'kvinna' : 'man';
    const r: Record<string, unknown> = { kon, alder: 18 + Math.floor(random() * random() * 68), omrade: i % 100 === 5 ? 'vet_inte' : `omrade_${1 + Math.floor(random() * 3)}` };
    for (const f of forms) {
      r[`${f}_nagonsin`] = yesNo(kon === 'kvinna' ? 0.3 : 0.18);
      if (r[`${f}_nagonsin`] === 'ja') r[`${f}_12m`] = yesNo(0.35);
    }
    answers.push(r);
  }
  return answers;
}

/** Relative comparison for floats computed by the same engine on the same records. */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((value, i) => expectClose((actual as unknown[])[i], value, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

async function addUser(email: string, roles: { role: 'analyst'; kommunkod: string }[]): Promise<string> {
  const userId = await insertUser(server.db, { kommunkod: roles[0].kommunkod, email, displayName: email, passwordHash: await hashPassword('a-long-password-1') });
  for (const role of roles) await insertRole(server.db, userId, role);
  return server.login(email, 'a-long-password-1');
}

function upload(path: string, csv: string, token = admin) {
  return server.request('POST', path, { token, body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  analyst = await addUser('analytiker@demo.se', [{ role: 'analyst', kommunkod: '9999' }]);
  orebro = await addUser('analytiker@orebro.se', [{ role: 'analyst', kommunkod: '1880' }]);
  const created = await server.request('POST', '/api/campaigns', { token: admin, body: { templateId: 'befolkningsenkat', title: 'Befolkningsenkät 2025' } });
  expect(created.status).toBe(201);
  campaignId = created.body.id;
  const [{ kommunkod }] = await server.db.query<{ kommunkod: string }>('select kommunkod from campaigns where id = $1', [campaignId]);
  await server.db.transaction(async (tx) => {
    for (const answers of generateAnswers(N)) {
      await insertResponse(tx, { campaignId, kommunkod, stratum: null, mode: 'web', answers });
    }
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('population totals from SCB', () => {
  it('sums SCB 2019 by kön × åldersgrupp, with the source', async () => {
    const { status, body } = await server.request('GET', `/api/population/1880?ageGroups=${AGE_GROUPS}`, { token: orebro });
    expect(status).toBe(200);
    expect(body.source).toBe('Källa: SCB, Folkmängd 31 december 2019');
    expect(body.kommun).toBe('Örebro');
    // Independent sum straight from the shipped CSV.
    const scb = parseCsv(readFileSync('server/reference-data/scb-folkmangd-2019-kommun-kon-alder.csv', 'utf8'), 'scb.csv');
    const expected = (kon: string, from: number, to: number) =>
      scb.rows.filter((r) => r.values.kommunkod === '1880' && r.values.kon === kon && Number(r.values.alder) >= from && Number(r.values.alder) <= to).reduce((a, r) => a + Number(r.values.antal), 0);
    expect(body.rows).toEqual([
      { kon: 'kvinna', aldersgrupp: '18-29', antal: expected('kvinna', 18, 29) },
      { kon: 'kvinna', aldersgrupp: '30-44', antal: expected('kvinna', 30, 44) },
      { kon: 'kvinna', aldersgrupp: '45-64', antal: expected('kvinna', 45, 64) },
      { kon: 'kvinna', aldersgrupp: '65-85', antal: expected('kvinna', 65, 85) },
      { kon: 'man', aldersgrupp: '18-29', antal: expected('man', 18, 29) },
      { kon: 'man', aldersgrupp: '30-44', antal: expected('man', 30, 44) },
      { kon: 'man', aldersgrupp: '45-64', antal: expected('man', 45, 64) },
      { kon: 'man', aldersgrupp: '65-85', antal: expected('man', 65, 85) },
    ]);
    expect(body.total).toBe(body.rows.reduce((a: number, r: { antal: number }) => a + r.antal, 0));
    expect(body.total).toBeGreaterThan(100_000);
  });

  it('gives the demo kommun a labelled stand-in, an open group up to 100+, and clear errors', async () => {
    const demo = await server.request('GET', '/api/population/9999?ageGroups=18-64,65%2B', { token: admin });
    expect(demo.status).toBe(200);
    expect(demo.body.standIn).toBe(true);
    expect(demo.body.source).toMatch(/Örebro.*1880.*tiondel/);
    expect(demo.body.rows.map((r: { aldersgrupp: string }) => r.aldersgrupp)).toEqual(['18-64', '65+', '18-64', '65+']);
    const bad = await server.request('GET', '/api/population/1880?ageGroups=18-40,30-50', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('ageGroups');
    expect((await server.request('GET', '/api/population/0000', { token: admin })).status).toBe(404);
    expect((await server.request('GET', '/api/population/1880')).status).toBe(401);
  });
});

describe('uploaded tables', () => {
  it('stores a kommun’s område table and lists it', async () => {
    const demo = await server.request('GET', `/api/population/9999?ageGroups=${AGE_GROUPS}`, { token: admin });
    const total = demo.body.total as number;
    const a = Math.round(total * 0.5);
    const b = Math.round(total * 0.3);
    const csv = `omrade;antal\nomrade_1;${a}\nomrade_2;${b}\nomrade_3;${total - a - b}\n`;
    const stored = await upload('/api/kommuner/9999/population-tables?name=Områden%202019&source=Kommunens%20statistik', csv);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ name: 'Områden 2019', columns: ['omrade', 'antal'], rowCount: 3, total });
    areaTableId = stored.body.id;
    const list = await server.request('GET', '/api/kommuner/9999/population-tables', { token: analyst });
    expect(list.status).toBe(200);
    expect(list.body.map((t: { id: string }) => t.id)).toContain(areaTableId);
  });

  it('rejects bad files with the line and column named', async () => {
    const cases: [string, RegExp][] = [
      ['kon,omrade,antal\nkvinna,omrade_1,10\nK ,omrade_1,12\n', /rad 3, kolumn "kon": värdet "K" är inte tillåtet \(giltiga: kvinna, man\)/],
      ['omrade,antal\nomrade_1,10\nomrade_2,tolv\n', /rad 3, kolumn "antal": värdet "tolv" är inte ett heltal/],
      ['omrade,antal\nomrade_1,10,5\n', /rad 2: raden har 3 fält/],
      ['omrade,antal,personnummer\nomrade_1,1,x\n', /rad 1, kolumn "personnummer": okänd kolumn/],
      ['omrade,antal\nomrade_1,10\nomrade_1,11\n', /rad 3: kombinationen omrade=omrade_1 finns redan på rad 2/],
      ['aldersgrupp,antal\n18 till 29,10\n', /rad 2, kolumn "aldersgrupp": värdet "18 till 29" är inte en åldersgrupp/],
      ['antal\n10\n', /minst en variabelkolumn/],
      ['', /filen är tom/],
    ];
    for (const [csv, message] of cases) {
      const response = await upload('/api/kommuner/9999/population-tables?fileName=omraden.csv', csv);
      expect(response.status, csv).toBe(400);
      expect(response.body.error.message, csv).toMatch(message);
      expect(response.body.error.message, csv).toMatch(/^omraden\.csv/);
    }
    const json = await server.request('POST', '/api/kommuner/9999/population-tables', { token: admin, body: { omrade: 'x' } });
    expect(json.status).toBe(415);
  });

  it('keeps kommuner apart: 403 for a kommun where the user is not analyst', async () => {
    expect((await upload('/api/kommuner/9999/population-tables', 'omrade,antal\na,1\n', orebro)).status).toBe(403);
    expect((await server.request('GET', '/api/kommuner/9999/population-tables', { token: orebro })).status).toBe(403);
    expect((await upload('/api/kommuner/1880/population-tables', 'omrade,antal\na,1\n', admin)).status).toBe(403);
  });

  it('stores registered counts per indicator (a register category stands for its indicators) and validates them', async () => {
    const csv = 'indikator,kon,antal\nvinr_12m,,61\nvinr_12m,kvinna,44\nvinr_12m,man,17\nsexuellt_vald,,3\n';
    const stored = await upload(`/api/campaigns/${campaignId}/registered-tables?name=Ärenden%202024&period=kalenderåret%202024&unit=persons`, csv);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ name: 'Ärenden 2024', period: 'kalenderåret 2024', unit: 'persons', rowCount: 4 });
    registeredId = stored.body.id;
    const [row] = await server.db.query<{ rows: Record<string, unknown>[] }>('select rows from registered_tables where id = $1', [registeredId]);
    expect(row.rows[3]).toEqual({ indikator: 'sexuellt_12m', kon: '', antal: 3 });

    const bad = await upload(`/api/campaigns/${campaignId}/registered-tables`, 'indikator,antal\nvinr_12m,4\nvåld,2\n');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^REG\.csv, rad 3, kolumn "indikator": värdet "våld" är inte tillåtet/);
    const missing = await upload(`/api/campaigns/${campaignId}/registered-tables`, 'kon,antal\nkvinna,4\n');
    expect(missing.body.error.message).toMatch(/rad 1, kolumn "indikator": kolumnen saknas/);
    expect((await upload(`/api/campaigns/${campaignId}/registered-tables`, csv, orebro)).status).toBe(404);
    expect((await server.request('GET', `/api/campaigns/${campaignId}/registered-tables`, { token: orebro })).status).toBe(404);
    const list = await server.request('GET', `/api/campaigns/${campaignId}/registered-tables`, { token: analyst });
    expect(list.body.map((t: { id: string }) => t.id)).toEqual([registeredId]);
  });
});

describe('POST /api/campaigns/:id/analysis', () => {
  /** The records of the analysis CSV export, without id/mode/date. */
  async function exportedRecords(): Promise<RespondentRecord[]> {
    const exported = await server.request('GET', `/api/campaigns/${campaignId}/responses.csv?purpose=Test%20av%20exporten`, { token: admin });
    expect(exported.status).toBe(200);
    return parseCsv(exported.body as string, 'svar.csv').rows.map(({ values }) => {
      const { id: _id, mode: _mode, date: _date, ...rest } = values;
      return rest;
    });
  }

  it('equals analyzeSurvey on the same records, weighted to SCB kön × åldersgrupp and the område table', async () => {
    const body = { indicators: ['vinr_12m', 'psykiskt_12m', 'sexuellt_12m'], by: [['kon'], ['omrade']], registeredTableId: registeredId };
    const { status, body: result } = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: analyst, body });
    expect(status, JSON.stringify(result)).toBe(200);

    const records = await exportedRecords();
    const weightable = records.filter((r) => ['kvinna', 'man'].includes(String(r.kon)) && r.aldersgrupp !== '' && /^omrade_[123]$/.test(String(r.omrade)));
    const population = await server.request('GET', `/api/population/9999?ageGroups=${AGE_GROUPS}`, { token: admin });
    const total = population.body.total as number;
    const a = Math.round(total * 0.5);
    const b = Math.round(total * 0.3);
    const registered = parseCsv('indikator,kon,antal\nvinr_12m,,61\nvinr_12m,kvinna,44\nvinr_12m,man,17\nsexuellt_12m,,3\n', 'REG.csv').rows.map((r) => r.values);
    const expected = analyzeSurvey({
      respondents: respondentColumnsFromRecords(weightable, respondentColumnRoles({ indicators: body.indicators })),
      population: [
        { rows: population.body.rows },
        { rows: [{ omrade: 'omrade_1', antal: a }, { omrade: 'omrade_2', antal: b }, { omrade: 'omrade_3', antal: total - a - b }] },
      ],
      registered: { rows: registered },
      options: { indicators: body.indicators, margins: [['kon', 'aldersgrupp'], ['omrade']], by: body.by, minCell: 5 },
    });
    expectClose(result.weighting, expected.weighting, 'weighting');
    expectClose(result.estimates, expected.estimates, 'estimates');
    expectClose(result.darkFigure, expected.darkFigure, 'darkFigure');

    // Metadata: respondents left out of the weighting, sources, parameters, caveats.
    expect(result.meta.responses).toBe(N);
    expect(result.meta.analysed).toBe(weightable.length);
    const excluded = Object.fromEntries(result.meta.excluded.map((e: { variable: string; value: string; count: number }) => [`${e.variable}=${e.value}`, e.count]));
    expect(excluded['kon=annat']).toBe(records.filter((r) => r.kon === 'annat').length);
    expect(excluded['kon=vill_inte_svara']).toBe(records.filter((r) => r.kon === 'vill_inte_svara').length);
    expect(result.meta.excluded.reduce((s: number, e: { count: number }) => s + e.count, 0)).toBe(N - weightable.length);
    // The answers are the only source here (no strata): a bias check with the unweighted estimates among those left out.
    expect(result.meta.design).toMatchObject({ source: 'answers', stratified: false });
    const left = records.filter((r) => !weightable.includes(r));
    const expectedLeft = unweightedEstimates(respondentColumnsFromRecords(left, respondentColumnRoles({ indicators: body.indicators })), body.indicators, 5);
    expect(result.meta.excludedEstimates).toEqual(expectedLeft);
    const vinrLeft = left.filter((r) => r.vinr_12m !== '');
    expect(result.meta.excludedEstimates[0]).toMatchObject({ indicator: 'vinr_12m', n: vinrLeft.length, proportion: vinrLeft.filter((r) => r.vinr_12m === '1').length / vinrLeft.length });
    expect(result.meta.parameters).toMatchObject({ margins: [['kon', 'aldersgrupp'], ['omrade']], method: 'rake', ci: 'logit', minCell: 5 });
    expect(result.meta.population.map((p: { kind: string }) => p.kind)).toEqual(['scb', 'upload']);
    expect(result.meta.population[0].source).toContain('Källa: SCB, Folkmängd 31 december 2019');
    const caveats = result.meta.caveats.find((c: { indicator: string }) => c.indicator === 'vinr_12m').points.join(' ');
    expect(caveats).toMatch(/12 månaderna/);
    expect(caveats).toMatch(/kalenderåret 2024/);
    expect(caveats).toMatch(/18–85 år/);
    // The register category by its name, not its code.
    expect(caveats).toContain('aktualiseringsorsaken "Våld i nära relation"');
    expect(caveats).not.toMatch(/vald_i_nara_relation/);
    expect(caveats).toMatch(/personer/);

    // Suppression: the registered count 3 is hidden, the others shown; R ≤ 5 never appears.
    const sexual = result.darkFigure.find((d: { indicator: string; domain: object }) => d.indicator === 'sexuellt_12m' && Object.keys(d.domain).length === 0);
    expect(sexual).toMatchObject({ suppressed: true, reason: 'registered<5', registered: null });
    const overall = result.darkFigure.find((d: { indicator: string; domain: object }) => d.indicator === 'vinr_12m' && Object.keys(d.domain).length === 0);
    expect(overall.registered).toBe(61);
    expect(overall.detectionRatio).toBeCloseTo(61 / overall.estimatedTotal, 12);
  });

  it('suppresses cells below minCell and keeps analysts at 3 or more', async () => {
    const body = { indicators: ['vinr_12m'], by: [['kon', 'aldersgrupp', 'omrade']], minCell: 30 };
    const { status, body: result } = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: analyst, body });
    expect(status).toBe(200);
    const domains = result.estimates.filter((e: { domain: object }) => Object.keys(e.domain).length === 3);
    const small = domains.filter((e: { n: number }) => e.n < 30);
    expect(small.length).toBeGreaterThan(0);
    for (const e of small) expect(e).toMatchObject({ suppressed: true, reason: 'n<30', proportion: null, ci: null, total: null });
    for (const e of domains.filter((d: { n: number }) => d.n >= 30)) expect(e.suppressed).toBe(false);

    const low = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: analyst, body: { ...body, minCell: 2 } });
    expect(low.status).toBe(403);
    expect(low.body.error.message).toMatch(/lägre än 3/);
    expect((await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...body, minCell: 2 } })).status).toBe(200);
  });

  it('answers 404 in other kommuner, 400 with Swedish text for bad input', async () => {
    expect((await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: orebro, body: {} })).status).toBe(404);
    expect((await server.request('GET', `/api/campaigns/${campaignId}/analysis`, { token: orebro })).status).toBe(404);
    const unknown = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: analyst, body: { indicators: ['finns_inte'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Indikatorn "finns_inte" finns inte/);

    // An område table from another year: its total disagrees with SCB's; the error says by how much and what to do.
    const other = await upload('/api/kommuner/9999/population-tables?name=Områden%202024', 'omrade,antal\nomrade_1,9000\nomrade_2,5000\nomrade_3,4000\n');
    const mismatch = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: analyst, body: { indicators: ['vinr_12m'], populationTableIds: [other.body.id] } });
    expect(mismatch.status).toBe(400);
    const scbTotal = (await server.request('GET', `/api/population/9999?ageGroups=${AGE_GROUPS}`, { token: admin })).body.total as number;
    expect(mismatch.body.error).toMatchObject({
      code: 'population_totals_disagree',
      details: { kind: 'population_totals_disagree', tableId: other.body.id, tableName: 'Områden 2024', tableTotal: 18000, scbYear: 2019, scbTotal, difference: 18000 - scbTotal },
    });
    const fmt = (x: number) => x.toLocaleString('sv-SE');
    expect(mismatch.body.error.message).toContain(
      `tabellen "Områden 2024" har ${fmt(18000)} invånare, men SCB:s folkmängd 2019 i åldrarna 18–85 år är ${fmt(scbTotal)}, alltså ${fmt(Math.abs(18000 - scbTotal))} ${18000 > scbTotal ? 'fler' : 'färre'}`,
    );
    expect(mismatch.body.error.message).toContain('Du kan använda tabellens total');
    expect(mismatch.body.error.message).toContain('stänga av tabellen');
  });

  it('uses a table\'s total when asked (SCB\'s shares, scaled), and a switched-off or deleted table never', async () => {
    const other = await upload('/api/kommuner/9999/population-tables?name=Områden%202025', 'omrade,antal\nomrade_1,9100\nomrade_2,5000\nomrade_3,4000\n');
    expect(other.body.active).toBe(true);
    const run = (extra: object) => server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: analyst, body: { indicators: ['vinr_12m'], ...extra } });
    // The newest active table with område is the default, so the page opens on the conflict…
    expect((await run({})).body.error.code).toBe('population_totals_disagree');
    // …until the analyst chooses a way out: this table's total,
    const scaled = await run({ populationTableIds: [other.body.id], scaleScbToTable: other.body.id });
    expect(scaled.status, JSON.stringify(scaled.body)).toBe(200);
    expect(Math.abs(scaled.body.weighting.populationSize - 18100)).toBeLessThan(1e-6);
    expect(scaled.body.meta.population[0].source).toContain('uppräknad');
    expect(Math.abs(scaled.body.meta.population[0].total - 18100)).toBeLessThan(1e-6);
    // …or switching the table off (and Områden 2024 of the test before, which disagrees too): then the older matching table is the default again.
    const tables = await server.request('GET', '/api/kommuner/9999/population-tables', { token: analyst });
    const stale = tables.body.find((t: { name: string }) => t.name === 'Områden 2024');
    expect((await server.request('PATCH', `/api/kommuner/9999/population-tables/${stale.id}`, { token: analyst, body: { active: false } })).status).toBe(200);
    const off = await server.request('PATCH', `/api/kommuner/9999/population-tables/${other.body.id}`, { token: analyst, body: { active: false } });
    expect(off).toMatchObject({ status: 200, body: { id: other.body.id, active: false } });
    const fallback = await run({});
    expect(fallback.status).toBe(200);
    expect(fallback.body.meta.population.map((p: { id: string | null }) => p.id)).toEqual([null, areaTableId]);
    const chosenOff = await run({ populationTableIds: [other.body.id] });
    expect(chosenOff.status).toBe(400);
    expect(chosenOff.body.error.message).toBe('Befolkningstabellen "Områden 2025" är avstängd. Slå på den igen eller välj en annan tabell.');
    expect((await server.request('PATCH', `/api/kommuner/9999/population-tables/${other.body.id}`, { token: analyst, body: { active: true } })).body.active).toBe(true);

    expect((await server.request('DELETE', `/api/kommuner/9999/population-tables/${other.body.id}`, { token: orebro })).status).toBe(403);
    expect((await server.request('DELETE', `/api/kommuner/9999/population-tables/${other.body.id}`, { token: analyst })).status).toBe(204);
    expect((await server.request('DELETE', `/api/kommuner/9999/population-tables/${other.body.id}`, { token: analyst })).status).toBe(404);
    const list = await server.request('GET', '/api/kommuner/9999/population-tables', { token: analyst });
    expect(list.body.map((t: { id: string }) => t.id)).not.toContain(other.body.id);
    const actions = await server.db.query<{ action: string }>(`select action from audit_log where details->>'tableId' = $1 order by id`, [other.body.id]);
    expect(actions.map((a) => a.action)).toEqual(['population_table.upload', 'population_table.deactivate', 'population_table.activate', 'population_table.delete']);
  });

  it('is audit-logged with its parameters and no data; the CSV download too', async () => {
    const csv = await server.request('POST', `/api/campaigns/${campaignId}/analysis.csv`, { token: analyst, body: { indicators: ['vinr_12m'], registeredTableId: registeredId, populationTableIds: [areaTableId] } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const table = parseCsv(csv.body as string, 'skattningar.csv');
    // The CLI's estimates CSV (one writer, analysis/estimates-csv.ts): the whole population has an empty domain.
    expect(table.columns.slice(0, 5)).toEqual(['indicator', 'domain', 'n', 'df', 'proportion']);
    const overall = table.rows.find((r) => r.values.domain === '')!.values;
    expect(overall.registered).toBe('61');
    expect(Number(overall.proportion)).toBeGreaterThan(0);
    const audit = await server.db.query<{ action: string; details: Record<string, unknown> }>(
      `select action, details from audit_log where details->>'campaignId' = $1 and action like 'campaign.analysis%' order by id`,
      [campaignId],
    );
    const actions = audit.map((a) => a.action);
    expect(actions).toContain('campaign.analysis');
    expect(actions).toContain('campaign.analysis_export');
    const run = audit.find((a) => a.action === 'campaign.analysis')!.details;
    expect(Object.keys(run).sort()).toEqual(
      [
        'by', 'campaignId', 'ci', 'collapse', 'fpc', 'indicators', 'level', 'margins', 'method', 'minCell', 'populationTableIds', 'registeredTableId', 'useScb',
        // Added with the campaign's design (issue 12): register or answers, bounds, trimming, df rule, SCB year.
        'design', 'bounds', 'trim', 'df', 'populationYear',
      ].sort(),
    );
    expect(JSON.stringify(audit)).not.toMatch(/proportion|estimates/);
  });

  it('offers the set-up for the page: indicators, variables, tables and the response count', async () => {
    const { status, body } = await server.request('GET', `/api/campaigns/${campaignId}/analysis`, { token: analyst });
    expect(status).toBe(200);
    expect(body.responses).toBe(N);
    expect(body.variables).toEqual(['kon', 'aldersgrupp', 'omrade']);
    expect(body.indicators.map((i: { id: string }) => i.id)).toContain('vinr_12m');
    expect(body.minCellFloor).toBe(3);
    expect(body.registeredTables.map((t: { id: string }) => t.id)).toEqual([registeredId]);
  });
});
