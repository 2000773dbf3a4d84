/**
 * A class-link campaign's analysis: skola and årskurs from the class link,
 * kön from the answers, post-stratified to the kommun's table of pupils by
 * skola × årskurs × kön. The weights reproduce the table's totals exactly,
 * and the weighted share equals the hand computation Σ_cells N_c · p_c / N.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSubmissionId } from './fieldwork-helpers';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let token: string;
let id: string;

// Pupils per skola × årskurs × kön (the uploaded table).
const POPULATION = [
  ['Ekskolan', '9', 'kvinna', 60], ['Ekskolan', '9', 'man', 40],
  ['Granskolan', '9', 'kvinna', 30], ['Granskolan', '9', 'man', 70],
] as const;
// Respondents per cell and how many of them saw violence at home this year.
const ANSWERED: Record<string, { n: number; yes: number }> = {
  'Ekskolan|kvinna': { n: 10, yes: 4 }, 'Ekskolan|man': { n: 8, yes: 1 },
  'Granskolan|kvinna': { n: 6, yes: 3 }, 'Granskolan|man': { n: 12, yes: 2 },
};

async function csv(path: string, text: string) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: text });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
  id = (await server.request('POST', '/api/campaigns', { token, body: { templateId: 'ungdomsenkat', title: 'Klasser', mode: 'classes' } })).body.id;
  const { body } = await server.request('POST', `/api/campaigns/${id}/classes`, {
    token,
    body: { classes: [{ skola: 'Ekskolan', klass: '9A', arskurs: '9', elever: 25 }, { skola: 'Granskolan', klass: '9B', arskurs: '9', elever: 25 }, { skola: 'Granskolan', klass: '9C', arskurs: '9', elever: 25 }] },
  });
  await server.request('POST', `/api/campaigns/${id}/open`, { token });
  const link = (skola: string, i: number) => body.classes.filter((c: { skola: string }) => c.skola === skola)[i % (skola === 'Ekskolan' ? 1 : 2)].link.replace('/o/', '');
  let i = 0;
  for (const [key, { n, yes }] of Object.entries(ANSWERED)) {
    const [skola, kon] = key.split('|');
    for (let k = 0; k < n; k++, i++) {
      const answers = { kon, alder: 15, hemma_bevittnat: k < yes ? 'ja' : 'nej', ...(k < yes ? { hemma_bevittnat_12m: 'ja' } : {}) };
      const submitted = await server.request('POST', `/api/open/${link(skola, i)}/submit`, { body: { submissionId: newSubmissionId(), answers } });
      expect(submitted.status).toBe(201);
    }
  }
  // Two pupils who answered "annat" cannot be weighted to a table by kön.
  for (let k = 0; k < 2; k++) await server.request('POST', `/api/open/${link('Ekskolan', 0)}/submit`, { body: { submissionId: newSubmissionId(), answers: { kon: 'annat', hemma_bevittnat: 'nej' } } });
  const table = ['skola,arskurs,kon,antal', ...POPULATION.map((row) => row.join(','))].join('\n');
  const uploaded = await csv('/api/kommuner/9999/population-tables?name=Elever%20ht%202025&fileName=elever.csv', table);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
});
afterAll(() => server?.close());

describe('analysis of a class-link campaign', () => {
  it('offers skola and årskurs from the class link and defaults to the pupils table, without SCB', async () => {
    const setup = await server.request('GET', `/api/campaigns/${id}/analysis`, { token });
    expect(setup.status, JSON.stringify(setup.body)).toBe(200);
    expect(setup.body.design.source).toBe('class');
    expect(setup.body.variableSources).toEqual(expect.arrayContaining([{ variable: 'skola', source: 'class' }, { variable: 'arskurs', source: 'class' }, { variable: 'kon', source: 'answers' }]));
  });

  it('post-stratifies to skola × årskurs × kön and reproduces the table', async () => {
    const result = await server.request('POST', `/api/campaigns/${id}/analysis`, { token, body: { indicators: ['barn_bevittnat_12m'], by: [['skola']] } });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const { meta, estimates, weighting } = result.body;
    expect(meta.parameters.margins).toEqual([['skola', 'arskurs', 'kon']]);
    expect(meta.population.map((p: { kind: string }) => p.kind)).toEqual(['upload']);
    expect(meta.excluded).toEqual([{ variable: 'kon', value: 'annat', count: 2 }]);
    expect(meta.analysed).toBe(36);
    // Hand computation: p = Σ N_c · (yes_c / n_c) / N = (60·0.4 + 40·0.125 + 30·0.5 + 70·(2/12)) / 200.
    const expected = (60 * 0.4 + 40 * 0.125 + 30 * 0.5 + 70 * (2 / 12)) / 200;
    const overall = estimates.find((e: { domain: object }) => Object.keys(e.domain).length === 0);
    expect(overall.proportion).toBeCloseTo(expected, 10);
    expect(overall.total).toBeCloseTo(expected * 200, 8);
    const ek = estimates.find((e: { domain: { skola?: string } }) => e.domain.skola === 'Ekskolan');
    expect(ek.proportion).toBeCloseTo((60 * 0.4 + 40 * 0.125) / 100, 10);
    expect(weighting.converged).toBe(true);
    expect(weighting.populationSize).toBeCloseTo(200, 8);
    expect(weighting.maxMarginError).toBeLessThan(1e-6);
    // A cell's weight is its pupils over its respondents: from 40/8 = 5 (Ekskolan, boys) to 70/12 ≈ 5.83 and 6 (60/10).
    expect(weighting.weightMin).toBeCloseTo(30 / 6, 8);
    expect(weighting.weightMax).toBeCloseTo(60 / 10, 8);
  });

  it('runs with the analysis page’s default request (every register indicator, each variable as a domain)', async () => {
    const setup = (await server.request('GET', `/api/campaigns/${id}/analysis`, { token })).body;
    const table = setup.populationTables.find((t: { columns: string[] }) => t.columns.includes('skola'));
    const body = {
      indicators: setup.indicators.filter((i: { registerCategory: string | null }) => i.registerCategory !== null).map((i: { id: string }) => i.id),
      by: setup.variables.map((v: string) => [v]),
      method: 'rake',
      ci: 'logit',
      minCell: setup.defaultMinCell,
      useScb: false,
      populationTableIds: [table.id],
    };
    const result = await server.request('POST', `/api/campaigns/${id}/analysis`, { token, body });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.meta.parameters.margins).toEqual([['skola', 'arskurs', 'kon']]);
  });

  it('exports skola and årskurs as the stratum columns of the analysis file', async () => {
    const exported = await fetch(`${server.url}/api/campaigns/${id}/responses.csv?purpose=${encodeURIComponent('Test av exportens kolumner')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(exported.status).toBe(200);
    const header = (await exported.text()).split('\n')[0];
    expect(header.startsWith('id,mode,date,stratum_arskurs,stratum_skola,kon,alder,aldersgrupp,')).toBe(true);
  });
});
