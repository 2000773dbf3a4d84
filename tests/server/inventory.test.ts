/**
 * The inventory month over HTTP: units report counts once for the period
 * (screeners of the unit or analysts), the summary sums them with small
 * counts suppressed, and sets barn som bevittnat våld against the youth
 * survey's weighted estimate of barn_bevittnat_12m.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishToday } from '../../server/services/screening-registrations';
import { newSubmissionId } from './fieldwork-helpers';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let admin: string;
let id: string;
let units: Record<string, { unitId: string }>;

const shift = (iso: string, days: number) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const today = swedishToday();

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  const created = await server.request('POST', '/api/screening', {
    token: admin,
    body: {
      title: 'Inventering november',
      templateId: 'inventering',
      periodStart: shift(today, -10),
      periodEnd: shift(today, 20),
      units: [
        { verksamhet: 'barn_och_unga', enhet: 'Barn och unga' },
        { verksamhet: 'forsorjningsstod', enhet: 'Försörjningsstöd' },
        { verksamhet: 'vuxen', enhet: 'Vuxen' },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  id = created.body.id;
  const view = await server.request('GET', `/api/screening/${id}`, { token: admin });
  expect(view.body.form).toBe('inventory');
  units = Object.fromEntries(view.body.units.map((u: { enhet: string; unitId: string }) => [u.enhet, u]));
});
afterAll(() => server?.close());

const count = (kategori: string, kon: string, aldersgrupp: string, antal: number) => ({ kategori, kon, aldersgrupp, antal });

describe('inventory month', () => {
  it('lists itself as an inventory month and refuses client registrations', async () => {
    const list = await server.request('GET', '/api/screening', { token: admin });
    expect(list.body.find((m: { id: string }) => m.id === id).form).toBe('inventory');
    const unitId = units.Vuxen.unitId;
    const created = await server.request('POST', `/api/screening/${id}/screeners`, { token: admin, body: { email: 'reg@test.se', displayName: 'Reg', unitIds: [unitId] } });
    const token = await server.login('reg@test.se', created.body.password);
    const registration = await server.request('POST', `/api/screening/${id}/registrations`, {
      token,
      body: { unitId, datum: today, kon: 'kvinna', aldersgrupp: '30-44', tillfragad: 'nej', orsak_ej_tillfragad: 'annat' },
    });
    expect(registration.status).toBe(409);
    expect(registration.body.error.message).toMatch(/^Det här är en inventeringsmånad/);
  });

  it('takes a unit’s report from a screener of the unit, once per version', async () => {
    const unitId = units['Barn och unga'].unitId;
    const created = await server.request('POST', `/api/screening/${id}/screeners`, { token: admin, body: { email: 'inv@test.se', displayName: 'Inv', unitIds: [unitId] } });
    const token = await server.login('inv@test.se', created.body.password);
    const empty = await server.request('GET', `/api/screening/${id}/units/${unitId}/inventory`, { token });
    expect(empty.body).toEqual({ unitId, enhet: 'Barn och unga', version: 0, reportedOn: null, counts: [] });
    const body = {
      version: 0,
      counts: [count('barn_bevittnat', 'kvinna', '13-17', 14), count('barn_bevittnat', 'man', '13-17', 9), count('barn_bevittnat', 'kvinna', '6-12', 8), count('barn_utsatta', 'man', '0-5', 3), count('vuxna_utsatta', 'kvinna', '30-44', 0)],
    };
    const saved = await server.request('PUT', `/api/screening/${id}/units/${unitId}/inventory`, { token, body });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.counts).toHaveLength(4); // zeros are not stored
    // A stale version, a wrong age group, a repeated cell, another unit.
    expect((await server.request('PUT', `/api/screening/${id}/units/${unitId}/inventory`, { token, body })).status).toBe(409);
    const wrongAge = await server.request('PUT', `/api/screening/${id}/units/${unitId}/inventory`, { token, body: { version: 1, counts: [count('barn_bevittnat', 'kvinna', '18-29', 1)] } });
    expect(wrongAge.status).toBe(400);
    expect(wrongAge.body.error.message).toMatch(/^Fältet "counts\[0\]\.aldersgrupp": "18-29" är ingen åldersgrupp för barn som bevittnat våld/);
    const twice = await server.request('PUT', `/api/screening/${id}/units/${unitId}/inventory`, {
      token,
      body: { version: 1, counts: [count('barn_bevittnat', 'kvinna', '6-12', 1), count('barn_bevittnat', 'kvinna', '6-12', 2)] },
    });
    expect(twice.status).toBe(400);
    expect((await server.request('PUT', `/api/screening/${id}/units/${units.Vuxen.unitId}/inventory`, { token, body: { version: 0, counts: [] } })).status).toBe(403);
    const persons = await server.request('PUT', `/api/screening/${id}/units/${unitId}/inventory`, { token, body: { version: 1, counts: [{ ...count('barn_bevittnat', 'kvinna', '6-12', 1), namn: 'Anna' }] } });
    expect(persons.status).toBe(400);
  });

  it('lets an analyst enter a report sent on paper', async () => {
    const saved = await server.request('PUT', `/api/screening/${id}/units/${units['Försörjningsstöd'].unitId}/inventory`, {
      token: admin,
      body: { version: 0, counts: [count('barn_bevittnat', 'kvinna', '13-17', 2), count('vuxna_utsatta', 'kvinna', '30-44', 31), count('vuxna_utsatta', 'man', '45-64', 4), count('vuxna_utovare', 'man', '30-44', 12)] },
    });
    expect(saved.status).toBe(200);
  });

  it('sums across units with small counts suppressed, and says one person may be known to several units', async () => {
    const response = await server.request('GET', `/api/screening/${id}/inventory?minCell=5`, { token: admin });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const { summary, units: listed, text, comparison } = response.body;
    expect(comparison).toBeNull();
    expect(summary.units).toBe(2);
    expect(listed.map((u: { enhet: string; reported: boolean }) => [u.enhet, u.reported])).toEqual([
      ['Barn och unga', true],
      ['Försörjningsstöd', true],
      ['Vuxen', false],
    ]);
    const bevittnat = summary.categories.find((c: { kategori: string }) => c.kategori === 'barn_bevittnat');
    // 14 + 9 + 8 + 2 = 33; flickor 14 + 8 + 2 = 24, pojkar 9; 13-17: 25; per unit 31 and 2 (suppressed).
    expect(bevittnat.total).toEqual({ antal: 33, suppressed: false });
    expect(bevittnat.byKon.slice(0, 2).map((k: { count: { antal: number } }) => k.count.antal)).toEqual([24, 9]);
    expect(bevittnat.byUnit).toEqual([
      { enhet: 'Barn och unga', count: { antal: 31, suppressed: false } },
      { enhet: 'Försörjningsstöd', count: { antal: null, suppressed: true, reason: 'n<5' } },
    ]);
    const utsatta = summary.categories.find((c: { kategori: string }) => c.kategori === 'barn_utsatta');
    expect(utsatta.total).toEqual({ antal: null, suppressed: true, reason: 'n<5' });
    expect(text.findings[0]).toBe('Enheterna kände till 33 barn som bevittnat våld (24 flickor och 9 pojkar).');
    expect(text.findings[1]).toBe('Uppgifter om barn som utsatts för våld redovisas inte eftersom enheterna kände till färre än 5.');
    expect(text.method.join(' ')).toContain('En person som är känd av flera enheter räknas en gång för varje enhet');
    const audit = await server.db.query("select 1 from audit_log where action = 'inventory.summary'");
    expect(audit).toHaveLength(1);
  });

  it('sets children who witnessed violence against the youth survey’s weighted estimate of barn_bevittnat_12m', async () => {
    const created = await server.request('POST', '/api/campaigns', { token: admin, body: { templateId: 'ungdomsenkat', title: 'Ungdomsenkät', mode: 'open' } });
    const surveyId = created.body.id;
    await server.request('POST', `/api/campaigns/${surveyId}/open`, { token: admin });
    const { body: detail } = await server.request('GET', `/api/campaigns/${surveyId}`, { token: admin });
    // 40 pupils aged 13–19, one in five saw violence at home this year.
    for (let i = 0; i < 40; i++) {
      const answers = { kon: i % 2 === 0 ? 'kvinna' : 'man', alder: 13 + (i % 7), hemma_bevittnat: i % 5 === 0 ? 'ja' : 'nej', ...(i % 5 === 0 ? { hemma_bevittnat_12m: 'ja' } : {}) };
      const submitted = await server.request('POST', `/api/open/${detail.openSlug}/submit`, { body: { submissionId: newSubmissionId(), answers } });
      expect(submitted.status).toBe(201);
    }
    const response = await server.request('GET', `/api/screening/${id}/inventory?compare=${surveyId}`, { token: admin });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const { comparison } = response.body;
    expect(comparison.campaign).toEqual({ id: surveyId, title: 'Ungdomsenkät' });
    const row = comparison.rows.find((r: { kategori: string }) => r.kategori === 'barn_bevittnat');
    expect(row.indicator).toMatchObject({ id: 'barn_bevittnat_12m', period: '12 månader', minAge: 13, maxAge: 19 });
    // Known in the overlapping age group 13-17 only: 14 + 9 + 2 = 25.
    expect(row.knownAgeGroups).toEqual(['13-17']);
    expect(row.known).toEqual({ antal: 25, suppressed: false });
    expect(row.estimate.n).toBe(40);
    expect(row.estimate.proportion).toBeGreaterThan(0.1);
    expect(row.estimate.proportion).toBeLessThan(0.3);
    expect(row.estimate.totalCi[0]).toBeLessThan(row.estimate.total);
    expect(row.caveats.join(' ')).toMatch(/Period: .*Ålder: enkätens skattning gäller 13–19 år/);
    expect(comparison.rows.find((r: { kategori: string }) => r.kategori === 'vuxna_utovare').reason).toBe('Enkäten har ingen indikator för samma grupp.');
    // Only a population survey can be the comparison.
    expect((await server.request('GET', `/api/screening/${id}/inventory?compare=${id}`, { token: admin })).status).toBe(400);
  });

  it('is closed for reports once the month is closed', async () => {
    await server.request('PATCH', `/api/screening/${id}`, { token: admin, body: { status: 'closed' } });
    const late = await server.request('PUT', `/api/screening/${id}/units/${units.Vuxen.unitId}/inventory`, { token: admin, body: { version: 0, counts: [] } });
    expect(late.status).toBe(409);
  });
});
