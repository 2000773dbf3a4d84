/**
 * The microdata export reproduces the workspace: responses.csv (Excel sv-SE by default, `?format=csv`
 * for programs) carries each response's design variables and final weight for the page's analysis
 * settings; the engine run on the exported file gives the workspace's figures, and so does the R script
 * (survey package) that comes with it, when R is installed (CI installs r-cran-survey).
 * Runs on PGlite, and on PostgreSQL with `npm run test:pg -- npx vitest run tests/server/microdata-export.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSurvey, respondentColumnRoles, respondentColumnsFromRecords, weightSurvey, type AnalysisOptions } from '../../analysis/index';
import { parseCsv } from '../../domain/csv';
import { areaTable } from '../analysis/fixtures/stratified-campaign/campaign';
import { setUpStratifiedCampaign } from './analysis-stratified-setup';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let admin: string;
let campaignId: string;
const BODY = { indicators: ['vinr_12m', 'psykiskt_12m', 'hrv_12m'], by: [['kon'], ['aldersgrupp'], ['omrade']], fpc: true };
const query = `analysis=${encodeURIComponent(JSON.stringify(BODY))}&purpose=${encodeURIComponent('Test av mikrodatan med vikter')}`;
const hasR = spawnSync('Rscript', ['-e', 'suppressMessages(library(survey))']).status === 0;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  ({ campaignId } = await setUpStratifiedCampaign(server, admin));
}, 240_000);

afterAll(async () => {
  await server?.close();
});

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe('the microdata export with weights', () => {
  it('opens as columns in Excel sv-SE by default: BOM, semicolons, decimal comma; comma and dot with ?format=csv', async () => {
    // The raw bytes: fetch's text() would drop the byte order mark.
    const excel = await fetch(`${server.url}/api/campaigns/${campaignId}/responses.csv?${query}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(excel.status).toBe(200);
    const bytes = new Uint8Array(await excel.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, first] = text.slice(1).split('\r\n');
    expect(header.split(';').slice(-5)).toEqual(['stratum', 'stratum_N', 'vagd', 'vikt_bas', 'vikt']);
    expect(first.split(';').at(-1)).toMatch(/^\d+,\d+$/);
    const plain = await server.request('GET', `/api/campaigns/${campaignId}/responses.csv?format=csv&${query}`, { token: admin });
    const [plainHeader, plainFirst] = (plain.body as string).split('\n');
    expect(plainHeader.charCodeAt(0)).not.toBe(0xfeff);
    expect(plainHeader.split(',').slice(-5)).toEqual(['stratum', 'stratum_N', 'vagd', 'vikt_bas', 'vikt']);
    expect(plainFirst.split(',').at(-1)).toMatch(/^\d+\.\d+$/);
    expect(parseCsv(plain.body as string, 'svar.csv').rows).toHaveLength(387);
  });

  it('the engine on the exported file gives the workspace figures and the same weights', async () => {
    const page = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: BODY });
    expect(page.status).toBe(200);
    const exported = await server.request('GET', `/api/campaigns/${campaignId}/responses.csv?${query}`, { token: admin });
    const table = parseCsv(exported.body as string, 'svar.csv');
    // The register design: kön, åldersgrupp and område from the code's stratum, as the workspace uses them.
    const records: Record<string, string>[] = table.rows.filter((r) => r.values.vagd === '1').map(({ values }) => ({ ...values, kon: values.stratum_kon, aldersgrupp: values.stratum_aldersgrupp, omrade: values.stratum_omrade }));
    const strata = new Map(records.map((r) => [r.stratum, Number(r.stratum_N)]));
    const scb = await server.request('GET', '/api/population/9999?ageGroups=18-29,30-44,45-64,65-85', { token: admin });
    const options: AnalysisOptions = { ...BODY, margins: [['kon', 'aldersgrupp'], ['omrade']], strata: 'stratum', lonelyStratum: 'adjust', minCell: 5 };
    const input = {
      respondents: respondentColumnsFromRecords(records, respondentColumnRoles(options)),
      population: [{ columns: ['kon', 'aldersgrupp', 'antal'], rows: scb.body.rows }, { columns: ['omrade', 'antal'], rows: areaTable() }],
      stratumSizes: { columns: ['stratum', 'antal'], rows: [...strata].map(([stratum, antal]) => ({ stratum, antal })) },
      options,
    };
    const weights = weightSurvey(input).weights;
    records.forEach((r, i) => {
      expect(relative(weights[i], Number(r.vikt.replace(',', '.')))).toBeLessThan(1e-12);
      expect(relative(Number(r.vikt_bas.replace(',', '.')), Number(r.stratum_N) / records.filter((o) => o.stratum === r.stratum).length)).toBeLessThan(1e-12);
    });
    const regenerated = analyzeSurvey(input);
    expect(regenerated.estimates).toHaveLength(page.body.estimates.length);
    regenerated.estimates.forEach((e, i) => {
      const w = page.body.estimates[i];
      expect(e.domain).toEqual(w.domain);
      expect(e.suppressed).toBe(w.suppressed);
      for (const field of ['proportion', 'se', 'total', 'totalSe'] as const) if (w[field] !== null) expect(relative(e[field]!, w[field])).toBeLessThan(1e-10);
      if (w.ci) expect(relative(e.ci![0], w.ci[0])).toBeLessThan(1e-10);
    });
  });

  // Tests must not need R: this runs where R and its survey package are installed (as where the fixtures are made);
  // the exported weights themselves are checked above without R.
  it.runIf(hasR)('the R script on the exported file gives the workspace figures (Rscript with the survey package)', async () => {
    const page = await server.request('POST', `/api/campaigns/${campaignId}/analysis`, { token: admin, body: BODY });
    const dir = mkdtempSync(join(tmpdir(), 'microdata-r-'));
    const csv = await server.request('GET', `/api/campaigns/${campaignId}/responses.csv?${query}`, { token: admin });
    const script = await server.request('GET', `/api/campaigns/${campaignId}/responses.R?${query}`, { token: admin });
    expect(script.status).toBe(200);
    writeFileSync(join(dir, 'svar.csv'), csv.body as string, 'utf8');
    writeFileSync(join(dir, 'analys.R'), script.body as string, 'utf8');
    const run = spawnSync('Rscript', ['analys.R'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const r = parseCsv(readFileSync(join(dir, 'skattningar-r.csv'), 'utf8'), 'skattningar-r.csv').rows.map((row) => row.values);
    let compared = 0;
    for (const e of page.body.estimates as { indicator: string; domain: Record<string, string>; n: number; proportion: number | null; se: number | null; ci: number[] | null; total: number | null; totalCi: number[] | null; reason?: string }[]) {
      const grupp = Object.entries(e.domain).map(([k, v]) => `${k}=${v}`).join(';');
      const row = r.find((x) => x.indikator === e.indicator && x.grupp === grupp);
      expect(row, `${e.indicator} ${grupp}`).toBeDefined();
      expect(Number(row!.n)).toBe(e.n);
      if (e.proportion === null) {
        // Hidden in the workspace: below 5 (R marks it too), or secondarily (R shows it; the analyst has the microdata).
        if (e.reason !== 'secondary') expect(row!.dold).toBe('TRUE');
        continue;
      }
      expect(relative(Number(row!.andel), e.proportion)).toBeLessThan(1e-9);
      expect(relative(Number(row!.se), e.se!)).toBeLessThan(1e-9);
      expect(relative(Number(row!.ki_nedre), e.ci![0])).toBeLessThan(1e-8);
      expect(relative(Number(row!.ki_ovre), e.ci![1])).toBeLessThan(1e-8);
      expect(relative(Number(row!.antal), e.total!)).toBeLessThan(1e-9);
      expect(relative(Number(row!.antal_ki_ovre), e.totalCi![1])).toBeLessThan(1e-8);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  }, 120_000);

  it('gives the SPSS syntax that reads the same file with labels', async () => {
    const syntax = await server.request('GET', `/api/campaigns/${campaignId}/responses.sps?${query}`, { token: admin });
    expect(syntax.status).toBe(200);
    const text = syntax.body as string;
    expect(text).toContain("GET DATA /TYPE=TXT /FILE='svar.csv' /ENCODING='UTF8' /ARRANGEMENT=DELIMITED /DELIMITERS=\";\"");
    expect(text).toContain('SET UNICODE=ON DECIMAL=COMMA.');
    expect(text).toMatch(/VARIABLE LABELS\n  vinr_12m '[^']+'/);
    expect(text).toContain('CSPLAN ANALYSIS');
    expect(text).toContain('/DESIGN STRATA=stratum');
    expect(text).toContain('/POPSIZE VARIABLE=stratum_N');
    expect(text).toContain('/SUBPOP TABLE=omrade DISPLAY=LAYERED');
    // The variables in the order of the CSV's header.
    const csv = await server.request('GET', `/api/campaigns/${campaignId}/responses.csv?${query}`, { token: admin });
    const header = (csv.body as string).split('\r\n')[0].split(';');
    const declared = [...text.matchAll(/^\s+(?:\/VARIABLES=)?([a-z_0-9N]+) [AF]\d/gm)].map((m) => m[1]);
    expect(declared).toEqual(header);
  });
});
