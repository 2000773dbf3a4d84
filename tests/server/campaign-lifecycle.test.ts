import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server';
import { sealedDraftBody } from './draft-helpers';
import { ANSWERS, STRATA, createCampaign, newSubmissionId, openCampaignWithCodes } from './fieldwork-helpers';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

describe('campaign lifecycle', () => {
  it('moves draft → open → closed → archived and refuses other moves with 409', async () => {
    const id = await createCampaign(server, token);
    const post = (action: string) => server.request('POST', `/api/campaigns/${id}/${action}`, { token });
    const refused = await post('close');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Undersökningen kan inte stängas när den är utkast.');
    expect((await post('archive')).status).toBe(409);
    await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: STRATA } });
    expect(await post('open')).toMatchObject({ status: 200, body: { status: 'open' } });
    expect((await post('open')).status).toBe(409);
    expect(await post('close')).toMatchObject({ status: 200, body: { status: 'closed' } });
    expect((await post('open')).status).toBe(409);
    expect(await post('archive')).toMatchObject({ status: 200, body: { status: 'archived' } });
    expect((await post('close')).status).toBe(409);
    const actions = await server.db.query<{ action: string }>(
      `select action from audit_log where details->>'campaignId' = $1 order by id`,
      [id],
    );
    expect(actions.map((a) => a.action)).toEqual(['campaign.create', 'campaign.issue_codes', 'campaign.open', 'campaign.close', 'campaign.archive']);
  });

  it('shows the detail and updates title, period, languages, contact and områden', async () => {
    const id = await createCampaign(server, token);
    const patch = await server.request('PATCH', `/api/campaigns/${id}`, {
      token,
      body: {
        title: 'Trygghetsenkät',
        periodStart: '2025-03-01',
        periodEnd: '2025-04-15',
        languages: ['sv', 'en', 'ar'],
        contact: { name: 'Socialtjänsten', phone: '019-21 10 00', email: 'vald@kommun.se', url: 'https://kommun.se/vald' },
        areas: [{ code: 'norr', name: 'Norr' }, { code: 'syd', name: { default: 'Syd', en: 'South' } }],
      },
    });
    expect(patch.status).toBe(200);
    const { status, body } = await server.request('GET', `/api/campaigns/${id}`, { token });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      title: 'Trygghetsenkät',
      status: 'draft',
      mode: 'codes',
      periodStart: '2025-03-01',
      periodEnd: '2025-04-15',
      languages: ['sv', 'en', 'ar'],
      contact: { name: 'Socialtjänsten', phone: '019-21 10 00', email: 'vald@kommun.se', url: 'https://kommun.se/vald' },
      areas: [{ code: 'norr', name: 'Norr' }, { code: 'syd', name: { default: 'Syd', en: 'South' } }],
      template: { id: 'demo', version: 1 },
      counts: { invited: 0, started: 0, completed: 0, responses: 0 },
    });
    const cleared = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { periodEnd: null } });
    expect(cleared.body.periodEnd).toBeNull();
    expect(cleared.body.periodStart).toBe('2025-03-01');
  });

  it('rejects bad settings with 400 naming the field, and område changes once open', async () => {
    const id = await createCampaign(server, token);
    const badDate = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { periodStart: '2025-13-01' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details.field).toBe('periodStart');
    const badMail = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { contact: { name: 'X', email: 'nope' } } });
    expect(badMail.body.error.details.field).toBe('contact.email');
    await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: STRATA } });
    expect((await server.request('POST', `/api/campaigns/${id}/open`, { token })).status).toBe(200);
    const late = await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { areas: [{ code: 'a', name: 'A' }] } });
    expect(late.status).toBe(409);
    expect((await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { title: 'Nytt namn' } })).body.title).toBe('Nytt namn');
  });

  it('fills the område question of the befolkningsenkät from the campaign when served', async () => {
    const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'befolkningsenkat', title: 'Riktig' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { areas: [{ code: 'centrum', name: 'Centrum' }, { code: 'vaster', name: 'Väster' }] } });
    const issued = await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: [{ stratum: { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'centrum' }, count: 1 }] } });
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    const { body } = await server.request('GET', `/api/respond/${issued.body.codes[0].code}`);
    const questions = body.survey.pages.flatMap((page: { elements?: unknown[] }) => page.elements ?? []) as { name: string; choices?: { value: string }[] }[];
    const flat = JSON.stringify(body.survey);
    expect(flat).toContain('"value":"centrum"');
    expect(flat).toContain('"value":"vaster"');
    const omrade = findQuestion(body.survey, 'omrade');
    expect(omrade?.choices?.map((c: { value: string } | string) => (typeof c === 'string' ? c : c.value))).toEqual(['centrum', 'vaster', 'vet_inte', 'vill_inte_svara']);
    expect(questions.length).toBeGreaterThan(0);
    // The stored template copy is unchanged.
    const [stored] = await server.db.query<{ definition: unknown }>('select definition from campaigns where id = $1', [id]);
    expect(JSON.stringify(stored.definition)).not.toContain('"value":"vaster"');
  });

  it('closing deletes the drafts; deleting codes (only when closed) keeps the counts per stratum', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    await server.request('GET', `/api/respond/${codes[0].code}`);
    const { body: sealed } = await sealedDraftBody(codes[0].code, 'sommarhus', { kon: 'man' });
    expect((await server.request('PUT', `/api/respond/${codes[0].code}/draft`, { body: sealed })).status).toBe(204);
    await server.request('POST', `/api/respond/${codes[1].code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    expect(await server.db.query('select 1 from drafts where campaign_id = $1', [id])).toHaveLength(1);
    expect((await server.request('POST', `/api/campaigns/${id}/delete-codes`, { token })).status).toBe(409);
    const before = await server.request('GET', `/api/campaigns/${id}/progress`, { token });

    await server.request('POST', `/api/campaigns/${id}/close`, { token });
    expect(await server.db.query('select 1 from drafts where campaign_id = $1', [id])).toHaveLength(0);
    const deleted = await server.request('POST', `/api/campaigns/${id}/delete-codes`, { token });
    expect(deleted).toMatchObject({ status: 200, body: { deleted: 5 } });
    expect(await server.db.query('select 1 from codes where campaign_id = $1', [id])).toHaveLength(0);
    const after = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    expect(after.body.totals).toEqual(before.body.totals);
    expect(after.body.strata).toEqual(before.body.strata);
    expect(before.body.totals).toEqual({ invited: 5, started: 2, completed: 1 });
    const [audit] = await server.db.query<{ details: { codesDeleted: number } }>(
      `select details from audit_log where action = 'campaign.delete_codes' and details->>'campaignId' = $1`,
      [id],
    );
    expect(audit.details.codesDeleted).toBe(5);
    const detail = await server.request('GET', `/api/campaigns/${id}`, { token });
    expect(detail.body.codesDeletedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('opens a personal-code campaign only once it has codes (409 with a Swedish message before); an open-link campaign needs none', async () => {
    const id = await createCampaign(server, token);
    const detail = await server.request('GET', `/api/campaigns/${id}`, { token });
    expect(detail.body.can).toEqual({ open: false, reopenDraft: false, delete: true });
    const refused = await server.request('POST', `/api/campaigns/${id}/open`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.message).toBe('Undersökningen kan inte öppnas innan urvalet är draget: den har inga koder. Dra urvalet under Urval först.');
    expect((await server.request('GET', `/api/campaigns/${id}`, { token })).body.status).toBe('draft');

    await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata: STRATA } });
    expect((await server.request('GET', `/api/campaigns/${id}`, { token })).body.can.open).toBe(true);
    expect(await server.request('POST', `/api/campaigns/${id}/open`, { token })).toMatchObject({ status: 200, body: { status: 'open' } });

    const link = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'demo', title: 'Öppen länk', mode: 'open' } });
    expect(await server.request('POST', `/api/campaigns/${link.body.id}/open`, { token })).toMatchObject({ status: 200, body: { status: 'open' } });
  });

  it('goes back to draft while nobody has answered (200), and not after an answer (409)', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const opened = await server.request('GET', `/api/campaigns/${id}`, { token });
    expect(opened.body.openedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(opened.body.can).toEqual({ open: false, reopenDraft: true, delete: true });
    // A respondent's saved draft is not an answer; it is deleted with the step back.
    await server.request('GET', `/api/respond/${codes[0].code}`);
    const { body: sealed } = await sealedDraftBody(codes[0].code, 'sommarhus', { kon: 'man' });
    expect((await server.request('PUT', `/api/respond/${codes[0].code}/draft`, { body: sealed })).status).toBe(204);

    expect(await server.request('POST', `/api/campaigns/${id}/reopen-draft`, { token })).toMatchObject({ status: 200, body: { status: 'draft' } });
    const draft = await server.request('GET', `/api/campaigns/${id}`, { token });
    expect(draft.body).toMatchObject({ status: 'draft', openedOn: null, counts: { invited: 5 } });
    expect(await server.db.query('select 1 from drafts where campaign_id = $1', [id])).toHaveLength(0);
    // Områden can change again, and the campaign opens again with the same codes.
    expect((await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { areas: [{ code: 'norr', name: 'Norr' }, { code: 'syd', name: 'Syd' }] } })).status).toBe(200);
    expect((await server.request('POST', `/api/campaigns/${id}/reopen-draft`, { token })).status).toBe(409);
    expect((await server.request('POST', `/api/campaigns/${id}/open`, { token })).status).toBe(200);

    const submitted = await server.request('POST', `/api/respond/${codes[1].code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    expect(submitted.status).toBe(201);
    const refused = await server.request('POST', `/api/campaigns/${id}/reopen-draft`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Undersökningen kan inte bli utkast igen: den har 1 svar. Svar tas aldrig bort för att ändra en undersökning.');
    expect((await server.request('GET', `/api/campaigns/${id}`, { token })).body).toMatchObject({ status: 'open', answers: 1, can: { reopenDraft: false, delete: false } });
    const actions = await server.db.query<{ action: string }>(`select action from audit_log where details->>'campaignId' = $1 order by id`, [id]);
    expect(actions.map((a) => a.action)).toContain('campaign.reopen_draft');
  });

  it('deletes a campaign without answers with its codes (204), and refuses one with answers (409)', async () => {
    const { id } = await openCampaignWithCodes(server, token);
    expect(await server.db.query('select 1 from codes where campaign_id = $1', [id])).toHaveLength(5);
    const deleted = await server.request('DELETE', `/api/campaigns/${id}`, { token });
    expect(deleted.status).toBe(204);
    expect((await server.request('GET', `/api/campaigns/${id}`, { token })).status).toBe(404);
    for (const table of ['codes', 'code_usage', 'campaign_strata', 'campaigns']) {
      const column = table === 'campaigns' ? 'id' : 'campaign_id';
      expect(await server.db.query(`select 1 from ${table} where ${column} = $1`, [id]), table).toHaveLength(0);
    }
    const list = await server.request('GET', '/api/campaigns', { token });
    expect(list.body.map((c: { id: string }) => c.id)).not.toContain(id);
    const [audit] = await server.db.query<{ details: { title: string } }>(`select details from audit_log where action = 'campaign.delete' and details->>'campaignId' = $1`, [id]);
    expect(audit.details.title).toBe('Befolkningsenkät 2025');
    // A draft that never had codes goes too.
    const empty = await createCampaign(server, token, 'Tomt utkast');
    expect((await server.request('DELETE', `/api/campaigns/${empty}`, { token })).status).toBe(204);

    const answered = await openCampaignWithCodes(server, token);
    await server.request('POST', `/api/respond/${answered.codes[0].code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    const refused = await server.request('DELETE', `/api/campaigns/${answered.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Undersökningen kan inte raderas: den har 1 svar. Arkivera den i stället när den är stängd.');
    expect((await server.request('GET', `/api/campaigns/${answered.id}`, { token })).status).toBe(200);
    expect((await server.request('DELETE', `/api/campaigns/${answered.id}`)).status).toBe(401);
  });

  it('counts a paper form entered once (double entry) as an answer', async () => {
    const { id, codes } = await openCampaignWithCodes(server, token);
    const entered = await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[0].code, answers: ANSWERS, entry: 1 } });
    expect(entered.body.status).toBe('waiting_for_second_entry');
    expect((await server.request('DELETE', `/api/campaigns/${id}`, { token })).status).toBe(409);
    expect((await server.request('POST', `/api/campaigns/${id}/reopen-draft`, { token })).status).toBe(409);
  });

  it('gives 404 for another kommun and for a malformed id', async () => {
    const [other] = await server.db.query<{ id: string }>(
      `insert into campaigns (kommunkod, kind, title, template_id, template_version, definition)
       select '0180', kind, 'Stockholms', id, version, definition from templates where id = 'demo' returning id`,
    );
    for (const path of [`/api/campaigns/${other.id}`, `/api/campaigns/${other.id}/progress`, '/api/campaigns/not-a-uuid']) {
      expect((await server.request('GET', path, { token })).status).toBe(404);
    }
    expect((await server.request('POST', `/api/campaigns/${other.id}/open`, { token })).status).toBe(404);
    expect((await server.request('POST', `/api/campaigns/${other.id}/reopen-draft`, { token })).status).toBe(404);
    expect((await server.request('DELETE', `/api/campaigns/${other.id}`, { token })).status).toBe(404);
  });

  it('requires a login', async () => {
    const id = await createCampaign(server, token);
    expect((await server.request('GET', `/api/campaigns/${id}`)).status).toBe(401);
    expect((await server.request('POST', `/api/campaigns/${id}/open`)).status).toBe(401);
  });
});

function findQuestion(node: unknown, name: string): { choices?: ({ value: string } | string)[] } | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findQuestion(item, name);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.name === name && 'type' in record) return record as { choices?: ({ value: string } | string)[] };
    for (const value of Object.values(record)) {
      const found = findQuestion(value, name);
      if (found) return found;
    }
  }
  return undefined;
}
