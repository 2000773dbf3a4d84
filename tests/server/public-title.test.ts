/**
 * What respondents see of a campaign: its public title, never the internal
 * one; and the age question that accepts the frame's range ±1 year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS, newSubmissionId, openCampaignWithCodes } from './fieldwork-helpers';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

describe('public title', () => {
  it("defaults to the template's neutral title, can be set and reset, and is all respondents see", async () => {
    const created = await server.request('POST', '/api/campaigns', {
      token,
      body: { templateId: 'befolkningsenkat', title: 'Befolkningsenkät om våld i nära relationer, Kumla 2026', mode: 'open' },
    });
    const id = created.body.id as string;
    const detail = await server.request('GET', `/api/campaigns/${id}`, { token });
    expect(detail.body.title).toBe('Befolkningsenkät om våld i nära relationer, Kumla 2026');
    expect(detail.body.publicTitle).toEqual({ sv: 'Enkät om trygghet och relationer', en: 'Survey on safety and relationships' });
    expect(detail.body.publicTitleSource).toBe('template');
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    const slug = (await server.request('GET', '/api/campaigns', { token })).body.find((c: { id: string }) => c.id === id).openSlug;

    const served = await server.request('GET', `/api/open/${slug}`);
    expect(served.body.campaign.title).toBe('Enkät om trygghet och relationer');
    expect(served.body.survey.title).toEqual({ default: 'Enkät om trygghet och relationer', en: 'Survey on safety and relationships' });
    expect(JSON.stringify(served.body.campaign)).not.toMatch(/våld|Kumla/);
    // The web survey leaves out the template's intro page: the app's information page asks for consent once.
    expect(served.body.survey.pages.map((p: { name: string }) => p.name)).not.toContain('inledning');

    const patched = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { publicTitle: { sv: 'Kumlaenkäten 2026', en: 'The Kumla survey 2026' } } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ publicTitle: { sv: 'Kumlaenkäten 2026', en: 'The Kumla survey 2026' }, publicTitleSource: 'campaign' });
    expect((await server.request('GET', `/api/open/${slug}`)).body.campaign.publicTitle).toEqual({ sv: 'Kumlaenkäten 2026', en: 'The Kumla survey 2026' });

    const empty = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { publicTitle: { sv: ' ' } } });
    expect([empty.status, empty.body.error.details.field]).toEqual([400, 'publicTitle.sv']);

    const reset = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { publicTitle: null } });
    expect(reset.body).toMatchObject({ publicTitle: { sv: 'Enkät om trygghet och relationer' }, publicTitleSource: 'template' });
  });

  it('personal-code respondents see it too', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { publicTitle: { sv: 'Hälsoenkäten' } } });
    const served = await server.request('GET', `/api/respond/${codes[0].code}`);
    expect(served.body.campaign).toMatchObject({ title: 'Hälsoenkäten', publicTitle: { sv: 'Hälsoenkäten' } });
    expect(served.body.survey.title).toEqual({ default: 'Hälsoenkäten' });
  });
});

describe('age answers', () => {
  it('accepts the frame range ±1 year and counts the edges into the edge age groups', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const submit = (code: string, alder: number) =>
      server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers: { ...ANSWERS, alder } } });
    expect((await submit(codes[0].code, 16)).body.error.details.field).toBe('answers.alder');
    expect((await submit(codes[0].code, 87)).body.error.details.field).toBe('answers.alder');
    expect((await submit(codes[0].code, 17)).status).toBe(201);
    expect((await submit(codes[1].code, 86)).status).toBe(201);
    const served = await server.request('GET', `/api/respond/${codes[2].code}`);
    const alder = (served.body.survey.pages as { elements: { name: string; min?: number; max?: number }[] }[])
      .flatMap((p) => p.elements)
      .find((q) => q.name === 'alder');
    expect([alder?.min, alder?.max]).toEqual([17, 86]);

    await server.request('POST', `/api/campaigns/${id}/close`, { token });
    const csv = await fetch(`${server.url}/api/campaigns/${id}/responses.csv?purpose=Test%20av%20exporten`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const columns = header.split(',');
    const groups = rows.map((row) => {
      const cells = row.split(',');
      return `${cells[columns.indexOf('alder')]}:${cells[columns.indexOf('aldersgrupp')]}`;
    });
    expect(groups.sort()).toEqual(['17:18-29', '86:65-85']);
  });
});
