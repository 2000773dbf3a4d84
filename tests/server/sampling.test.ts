/**
 * Sampling happens in the analyst's browser (or `npm run draw`): the server
 * has no frame upload, allocation or draw route. It issues codes for the
 * drawn strata's counts and tells letters where to link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../domain/csv';
import { allocateSample } from '../../domain/sampling/allocate-sample';
import { parseAgeGroups } from '../../domain/age-groups';
import { codesRequests, drawFrameSample } from '../../domain/sampling/draw-frame-sample';
import { frameStrata, stratumSizes } from '../../domain/sampling/frame-strata';
import { letterFileCsv, mergeLetters } from '../../domain/sampling/letter-file';
import { parseFrame } from '../../domain/sampling/parse-frame';
import { createCampaign } from './fieldwork-helpers';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ PUBLIC_URL: 'https://enkat.example.se/' });
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

describe('sampling without a frame on the server', () => {
  it('has no frame upload, allocation or draw route', async () => {
    const id = await createCampaign(server, token, 'Inga ramrutter');
    const upload = await fetch(`${server.url}/api/campaigns/${id}/frame`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: 'id,kon,alder,omrade\n1,K,40,a\n' });
    expect(upload.status).toBe(404);
    for (const path of ['allocation', 'draw']) {
      const response = await server.request('POST', `/api/campaigns/${id}/${path}`, { token, body: { uploadToken: 'x', method: 'proportional', total: 1 } });
      expect(response.status).toBe(404);
    }
  });

  it('letter settings give PUBLIC_URL as the link base, to analysts of the kommun only', async () => {
    const id = await createCampaign(server, token, 'Brevinställningar');
    const settings = await server.request('GET', `/api/campaigns/${id}/letter-settings`, { token });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ linkBase: 'https://enkat.example.se' });
    expect((await fetch(`${server.url}/api/campaigns/${id}/letter-settings`)).status).toBe(401);
    expect((await server.request('GET', '/api/campaigns/00000000-0000-0000-0000-000000000000/letter-settings', { token })).status).toBe(404);
  });

  it('a draw made locally gets its codes from POST /codes: n_h and N_h recorded (also for strata without letters), refs listed as unused', async () => {
    const id = await createCampaign(server, token, 'Lokal dragning');
    let text = 'id;kon;alder;omrade\n';
    for (let i = 0; i < 600; i++) text += `p${i};${i % 2 ? 'M' : 'K'};${20 + (i % 60)};${['a', 'b', 'c'][i % 3]}\n`;
    const frame = parseFrame(text, 'ram.csv', { referenceYear: 2025, minAge: 18, maxAge: 85, ageGroups: parseAgeGroups(['18-29', '30-44', '45-64', '65-85']) });
    const strata = frameStrata(frame.persons);
    const allocation = allocateSample(stratumSizes(strata), { method: 'proportional', total: 7 });
    const drawn = drawFrameSample(strata, allocation, 'lokal');
    const [body] = codesRequests(drawn);
    expect(body.some((s) => s.count === 0)).toBe(true);

    const issued = await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: body } });
    expect(issued.status).toBe(201);
    const codes = (issued.body as { codes: { code: string; ref: string; stratum: Record<string, string> }[] }).codes;
    expect(codes).toHaveLength(7);

    const recorded = await server.db.query<{ population_size: number; invited: number }>('select population_size, invited from campaign_strata where campaign_id = $1', [id]);
    expect(recorded).toHaveLength(strata.length);
    expect(recorded.reduce((sum, s) => sum + s.population_size, 0)).toBe(600);
    expect(recorded.reduce((sum, s) => sum + s.invited, 0)).toBe(7);

    const letters = mergeLetters(frame.allColumns, drawn, codes, 'https://enkat.example.se');
    const unused = await server.request('GET', `/api/campaigns/${id}/unused-codes.csv`, { token });
    const refs = parseCsv(unused.body as string, 'paminnelser.csv').rows.map((r) => r.values.ref);
    expect([...refs].sort()).toEqual(letters.letters.map((l) => l.ref).sort());
    expect(letterFileCsv(letters)).toContain('https://enkat.example.se/s/');

    // The audit log records counts only.
    const audit = await server.db.query<{ details: Record<string, unknown> }>("select details from audit_log where action = 'campaign.issue_codes' and details->>'campaignId' = $1", [id]);
    expect(audit.map((a) => a.details)).toEqual([{ campaignId: id, codes: 7, strata: strata.length, populationSize: 600 }]);

    // Counts only: the strata table of population sizes, without any person.
    const population = await server.request('GET', `/api/campaigns/${id}/population-strata.csv`, { token });
    expect(population.status).toBe(200);
    expect(population.body as string).not.toContain('p1');
  });
});
