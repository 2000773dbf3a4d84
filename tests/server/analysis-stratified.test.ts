/**
 * The workspace analysis of a stratified personal-code campaign uses its own design: register strata
 * for kön, åldersgrupp and område (nobody left out for an "annat" or "vill inte svara" answer), base
 * weights N_h/n_h and stratified variance with fpc. Its numbers equal R survey on the campaign's own
 * exported microdata (tests/analysis/fixtures/stratified-campaign: make-expected.R). Also bounds and
 * trimming through the API, and SCB years an admin imports.
 * Runs on PGlite, and on PostgreSQL with `npm run test:pg -- npx vitest run tests/server/analysis-stratified.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { insertRole, insertUser } from '../../server/queries/users';
import { startTestServer, type TestServer } from './test-server';
import { setUpStratifiedCampaign } from './analysis-stratified-setup';

const fixtures = new URL('../analysis/fixtures/stratified-campaign/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtures), 'utf8')) as {
  name: string;
  rCall: string;
  estimates: { indicator: string; domain: Record<string, string>; n: number; df: number; proportion: number; se: number; ci: number[]; total: number; totalSe: number; totalCi: number[]; deff: number }[];
  weighting: { nEffective: number; weightMin: number; weightMax: number };
}[];
const workspace = expected.find((r) => r.name === 'workspace')!;
const BODY = { indicators: ['vinr_12m', 'psykiskt_12m', 'hrv_12m'], by: [['kon'], ['aldersgrupp'], ['omrade']], fpc: true };

let server: TestServer;
let admin: string;
let campaignId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  ({ campaignId } = await setUpStratifiedCampaign(server, admin));
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const key = (e: { indicator: string; domain: Record<string, string> }) => `${e.indicator}|${JSON.stringify(Object.entries(e.domain).sort())}`;

describe('a stratified code campaign in the workspace', () => {
  it('exports the microdata the R values were computed on', async () => {
    const exported = await server.request('GET', `/api/campaigns/${campaignId}/responses.csv?purpose=Kontroll%20mot%20R`, { token: admin });
    const [header, ...rows] = (exported.body as string).trim().split('\n');
    const columns = header.split(',');
    const keep = columns.map((c, i) => (c === 'id' || c === 'date' ? -1 : i)).filter((i) => i >= 0);
    const pick = (line: string) => keep.map((i) => line.split(',')[i]).join(',');
    const committed = readFileSync(new URL('responses.csv', fixtures), 'utf8');
    expect([pick(header), ...rows.map(pick).sort()].join('\n') + '\n').toBe(committed);
    const strata = await server.request('GET', `/api/campaigns/${campaignId}/population-strata.csv`, { token: admin });
    expect(strata.body).toBe(readFileSync(new URL('strata.csv', fixtures), 'utf8'));
  });

  it(`equals R: ${workspace.rCall}`, async () => {
    const { status, body } = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: BODY });
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
    // Everyone is weighted: kön, åldersgrupp and område come from the register, not the answers.
    expect(body.meta.responses).toBe(387);
    expect(body.meta.analysed).toBe(387);
    expect(body.meta.excluded).toEqual([]);
    expect(body.meta.design).toEqual({ source: 'register', stratified: true, strata: 24, frameSize: 12301, lonelyStrata: 1 });
    expect(body.meta.variableSources).toEqual([
      { variable: 'kon', source: 'register' },
      { variable: 'aldersgrupp', source: 'register' },
      { variable: 'omrade', source: 'register' },
    ]);
    expect(body.weighting).toMatchObject({ baseWeights: 'N_h/n_h', strata: 24, converged: true, problems: [] });
    expect(relative(body.weighting.nEffective, workspace.weighting.nEffective)).toBeLessThan(1e-9);
    expect(relative(body.weighting.weightMin, workspace.weighting.weightMin)).toBeLessThan(1e-9);
    expect(relative(body.weighting.weightMax, workspace.weighting.weightMax)).toBeLessThan(1e-9);
    const byKey = new Map<string, any>(body.estimates.map((e: any) => [key(e), e]));
    expect(body.estimates).toHaveLength(workspace.estimates.length);
    for (const r of workspace.estimates) {
      const e = byKey.get(key(r));
      expect(e, key(r)).toBeDefined();
      expect(e.n).toBe(r.n);
      expect(e.df).toBe(r.df);
      for (const field of ['proportion', 'se', 'total', 'totalSe', 'deff'] as const) expect(relative(e[field], r[field]), `${key(r)} ${field}`).toBeLessThan(1e-9);
      for (let j = 0; j < 2; j++) {
        expect(Math.abs(e.ci[j] - r.ci[j]), `${key(r)} ci`).toBeLessThan(1e-7);
        expect(relative(e.totalCi[j], r.totalCi[j]), `${key(r)} totalCi`).toBeLessThan(1e-9);
      }
    }
  });

  it('offers the register variables and says where they come from', async () => {
    const { body } = await server.request('GET', `/api/campaigns/${campaignId}/analysis`, { token: admin });
    expect(body.design).toMatchObject({ source: 'register', stratified: true, strata: 24 });
    expect(body.variableSources.map((v: { source: string }) => v.source)).toEqual(['register', 'register', 'register']);
    expect(body.populationYears.map((y: { year: number }) => y.year)).toContain(2019);
  });

  it('trims within bounds, or flags every estimate when the bounds cannot be met', async () => {
    const base = (await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: BODY })).body;
    const upper = Math.ceil(base.weighting.weightMax * 0.95);
    const trimmed = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...BODY, trim: { upper } } });
    expect(trimmed.status).toBe(200);
    expect(trimmed.body.weighting.problems).toEqual([]);
    expect(trimmed.body.weighting.weightMax).toBeLessThanOrEqual(upper * (1 + 1e-9));
    expect(trimmed.body.weighting.beforeTrim.weightMax).toBeCloseTo(base.weighting.weightMax, 8);
    expect(trimmed.body.meta.parameters.trim).toEqual({ upper });

    const impossible = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...BODY, trim: { upper: 10 } } });
    expect(impossible.status).toBe(200);
    expect(impossible.body.weighting.converged).toBe(false);
    expect(impossible.body.weighting.problems[0]).toMatchObject({ kind: 'trimming' });
    for (const e of impossible.body.estimates) expect(e.flags).toContain('weighting-failed');

    const bounded = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...BODY, bounds: [0.5, 2] } });
    expect(bounded.status).toBe(200);
    expect(bounded.body.weighting.bounds).toEqual([0.5, 2]);
    const bad = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...BODY, trim: { lower: 50, upper: 20 } } });
    expect(bad.status).toBe(400);
  });
});

describe('SCB population years', () => {
  /** SCB's BE0101 CSV as Statistikdatabasen writes it, for one year, from the built-in 2019 table scaled by `factor`. */
  function scbCsv(year: number, factor: number, skip?: string): string {
    const lines = readFileSync('server/reference-data/scb-folkmangd-2019-kommun-kon-alder.csv', 'utf8').trim().split('\n').slice(1);
    const out = ['"Folkmängden efter region, ålder, kön och år"', '', `"region","ålder","kön","${year}"`];
    for (const line of lines) {
      const [kod, namn, kon, alder, antal] = line.split(',');
      if (kod === skip) continue;
      out.push(`"${kod} ${namn}","${alder === '100' ? '100+' : alder} år","${kon === 'man' ? 'män' : 'kvinnor'}",${Math.round(Number(antal) * factor)}`);
    }
    return out.join('\r\n');
  }
  /** The file's bytes as they are (the test harness would JSON-encode a Buffer). */
  async function upload(body: string | Buffer, fileName: string, token = admin): Promise<{ status: number; body: any }> {
    const response = await fetch(`${server.url}/api/admin/population-years?fileName=${fileName}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('imports a year from SCB’s CSV, validated, and the analysis names the year it used', async () => {
    const missing = await upload(scbCsv(2024, 1.05, '0114'), 'BE0101N1.csv');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^BE0101N1\.csv: år 2024 saknar 1 av landets 290 kommuner \(t\.ex\. 0114\)/);
    const broken = scbCsv(2024, 1.05).replace('"0114 Upplands Väsby","5 år","män",', '"0114 Upplands Väsby","5 år","män",-');
    expect((await upload(broken, 'BE0101N1.csv')).body.error.message).toMatch(/antalet "-\d+" är inte ett heltal som är 0 eller större/);

    const stored = await upload(Buffer.from(scbCsv(2024, 1.05), 'latin1'), 'BE0101N1.csv');
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    expect(stored.body.years).toEqual([expect.objectContaining({ year: 2024, builtIn: false, kommuner: 290, source: 'Källa: SCB, Folkmängd 31 december 2024' })]);
    const years = await server.request('GET', '/api/population-years', { token: admin });
    expect(years.body.map((y: { year: number }) => y.year)).toEqual([2024, 2019]);

    const demo2024 = await server.request('GET', '/api/population/9999?ageGroups=18-29,30-44,45-64,65-85&year=2024', { token: admin });
    expect(demo2024.body.year).toBe(2024);
    expect(demo2024.body.source).toMatch(/31 december 2024/);

    // Fieldwork in autumn 2024: 31 December 2024 is the closest year.
    await server.request('PATCH', `/api/campaigns/${campaignId}`, { token: admin, body: { periodStart: '2024-09-01', periodEnd: '2024-10-31' } });
    const run = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...BODY, populationTableIds: [] } });
    expect(run.status, JSON.stringify(run.body).slice(0, 400)).toBe(200);
    expect(run.body.meta.population[0]).toMatchObject({ kind: 'scb', year: 2024, total: demo2024.body.total });
    expect(run.body.meta.population[0].source).toContain('31 december 2024');
    expect(run.body.meta.parameters.populationYear).toBe(2024);
    const older = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...BODY, populationTableIds: [], populationYear: 2019 } });
    expect(older.body.meta.population[0].year).toBe(2019);
    const unknown = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: { ...BODY, populationYear: 2001 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/2001 finns inte/);
  });

  it('reads SCB’s PX file (ANSI) and answers 403 to non-admins', async () => {
    const lines = readFileSync('server/reference-data/scb-folkmangd-2019-kommun-kon-alder.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const kommuner = [...new Map(lines.map((c) => [c[0], c[1]])).entries()];
    const ages = Array.from({ length: 101 }, (_, a) => a);
    const counts = new Map(lines.map((c) => [`${c[0]}|${c[2]}|${c[3]}`, Number(c[4])]));
    const data: number[] = [];
    for (const [kod] of kommuner) for (const age of ages) for (const kon of ['man', 'kvinna']) data.push(counts.get(`${kod}|${kon}|${age}`)!);
    const px = [
      'CHARSET="ANSI";',
      'AXIS-VERSION="2000";',
      'LANGUAGE="sv";',
      'MATRIX="BE0101N1";',
      'CONTENTS="Folkmängden efter region, ålder, kön och år";',
      'STUB="region","ålder","kön";',
      'HEADING="år";',
      `VALUES("region")=${kommuner.map(([kod, namn]) => `"${kod} ${namn}"`).join(',')};`,
      `VALUES("ålder")=${ages.map((a) => `"${a === 100 ? '100+' : a} år"`).join(',')};`,
      'VALUES("kön")="män","kvinnor";',
      'VALUES("år")="2023";',
      `CODES("region")=${kommuner.map(([kod]) => `"${kod}"`).join(',')};`,
      'DATA=',
      data.join(' '),
      ';',
    ].join('\r\n');
    const stored = await upload(Buffer.from(px, 'latin1'), 'BE0101N1.px');
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    expect(stored.body.years[0]).toMatchObject({ year: 2023, total: 10_327_589 });
    const orebro = await server.request('GET', '/api/population/1880?ageGroups=0-100&year=2023', { token: admin });
    expect(orebro.body.total).toBe(155_696);
    expect(orebro.body.kommun).toBe('Örebro');

    const userId = await insertUser(server.db, { kommunkod: '9999', email: 'analytiker@demo.se', displayName: 'Analytiker', passwordHash: await hashPassword('a-long-password-1') });
    await insertRole(server.db, userId, { role: 'analyst', kommunkod: '9999' });
    const analyst = await server.login('analytiker@demo.se', 'a-long-password-1');
    expect((await upload(px, 'BE0101N1.px', analyst)).status).toBe(403);
    expect((await server.request('GET', '/api/population-years', { token: analyst })).status).toBe(200);
  });
});
