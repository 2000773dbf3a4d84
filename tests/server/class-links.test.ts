/**
 * Class links (campaign mode `classes`): the contract of issue 14, on PGlite
 * and (npm run test:pg) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSubmissionId } from './fieldwork-helpers';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(() => server?.close());

const ANSWERS = { kon: 'kvinna', psykiskt_12m: 'nej', fysiskt_12m: 'nej' };

async function classCampaign(title = 'Ungdomsenkät 2026'): Promise<string> {
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'demo', title, mode: 'classes' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

const tokenOf = (link: string) => link.replace(/^\/o\//, '');

describe('class links', () => {
  it('creates classes with unguessable links and answers exactly the contract', async () => {
    const id = await classCampaign();
    const body = {
      classes: [
        { skola: 'Centralskolan', klass: '9A', arskurs: '9', elever: 25 },
        { skola: 'Centralskolan', klass: '9B', arskurs: '9', elever: 27 },
        { skola: 'Gymnasiet', klass: 'NA2', arskurs: 'gy2', elever: 30 },
      ],
    };
    const created = await server.request('POST', `/api/campaigns/${id}/classes`, { token, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(Object.keys(created.body)).toEqual(['classes']);
    expect(created.body.classes).toHaveLength(3);
    for (const [i, c] of created.body.classes.entries()) {
      expect(Object.keys(c).sort()).toEqual(['arskurs', 'elever', 'id', 'klass', 'link', 'skola']);
      expect(c).toMatchObject(body.classes[i]);
      // 128 random bits in base64url: 22 characters.
      expect(c.link).toMatch(/^\/o\/[A-Za-z0-9_-]{22}$/);
    }
    expect(new Set(created.body.classes.map((c: { link: string }) => c.link)).size).toBe(3);

    const listed = await server.request('GET', `/api/campaigns/${id}/classes`, { token });
    expect(listed.status).toBe(200);
    expect(listed.body.classes.map((c: { klass: string }) => c.klass)).toEqual(['9A', '9B', 'NA2']);

    // The same class twice, in one body or against the stored ones.
    const again = await server.request('POST', `/api/campaigns/${id}/classes`, { token, body: { classes: [body.classes[0]] } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Klassen 9A på Centralskolan finns redan i undersökningen.');
    const twice = await server.request('POST', `/api/campaigns/${id}/classes`, {
      token,
      body: { classes: [{ skola: 'X', klass: '8C', arskurs: '8', elever: 3 }, { skola: 'x', klass: '8c', arskurs: '8', elever: 3 }] },
    });
    expect(twice.status).toBe(400);
    const bad = await server.request('POST', `/api/campaigns/${id}/classes`, { token, body: { classes: [{ skola: 'X', klass: '9A', arskurs: '9', elever: 0 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/elever/);
  });

  it('refuses classes for a campaign of another mode', async () => {
    const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'demo', title: 'Koder' } });
    const response = await server.request('POST', `/api/campaigns/${created.body.id}/classes`, {
      token,
      body: { classes: [{ skola: 'S', klass: '9A', arskurs: '9', elever: 20 }] },
    });
    expect(response.status).toBe(409);
  });

  it('serves the survey on the open-link API, stores skola and årskurs (never the class) and counts per class', async () => {
    const id = await classCampaign();
    const { body } = await server.request('POST', `/api/campaigns/${id}/classes`, {
      token,
      body: { classes: [{ skola: 'Norrskolan', klass: '9A', arskurs: '9', elever: 3 }, { skola: 'Norrskolan', klass: '9B', arskurs: '9', elever: 2 }] },
    });
    const [a, b] = body.classes;
    // Not open yet: the generic 404 of open links.
    expect((await server.request('GET', `/api/open/${tokenOf(a.link)}`)).status).toBe(404);
    expect((await server.request('POST', `/api/campaigns/${id}/open`, { token })).status).toBe(200);

    const survey = await server.request('GET', `/api/open/${tokenOf(a.link)}`);
    expect(survey.status).toBe(200);
    expect(survey.body.linkKind).toBe('class');
    expect(survey.body.campaign.publicTitle.sv).toBeTruthy();
    expect(JSON.stringify(survey.body)).not.toContain('Norrskolan');

    const submit = (link: string, submissionId = newSubmissionId()) =>
      server.request('POST', `/api/open/${tokenOf(link)}/submit`, { body: { submissionId, answers: ANSWERS } });
    const first = newSubmissionId();
    expect((await submit(a.link, first)).status).toBe(201);
    // Idempotent by submissionId: a retry is 200 and not counted again.
    const retry = await submit(a.link, first);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ status: 'already_stored' });
    expect((await submit(a.link)).status).toBe(201);
    expect((await submit(b.link)).status).toBe(201);

    const progress = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    expect(progress.status).toBe(200);
    expect(progress.body.byClass).toEqual([
      { id: a.id, skola: 'Norrskolan', klass: '9A', arskurs: '9', elever: 3, completed: 2 },
      { id: b.id, skola: 'Norrskolan', klass: '9B', arskurs: '9', elever: 2, completed: 1 },
    ]);
    expect(progress.body.totals).toEqual({ invited: 5, started: 3, completed: 3 });
    expect(progress.body.strata).toEqual([]);

    const stored = await server.db.query<{ stratum: Record<string, string> }>('select stratum from responses where campaign_id = $1', [id]);
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(row.stratum).toEqual({ skola: 'Norrskolan', arskurs: '9' });
  });

  it('takes at most elever submissions per class, then 409 with a Swedish message for the teacher; retries still answer 200', async () => {
    const id = await classCampaign();
    const { body } = await server.request('POST', `/api/campaigns/${id}/classes`, { token, body: { classes: [{ skola: 'S', klass: '9C', arskurs: '9', elever: 2 }] } });
    const link = tokenOf(body.classes[0].link);
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    const ids = [newSubmissionId(), newSubmissionId()];
    for (const submissionId of ids) {
      expect((await server.request('POST', `/api/open/${link}/submit`, { body: { submissionId, answers: ANSWERS } })).status).toBe(201);
    }
    const third = await server.request('POST', `/api/open/${link}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('class_full');
    expect(third.body.error.message).toBe(
      'Klassens länk har redan tagit emot 2 svar, lika många som det finns elever i klassen, och tar inte emot fler. Om fler elever ska svara: be den som ansvarar för undersökningen att ändra antalet elever i klassen.',
    );
    // The full class also says so when the survey is opened, before anyone answers in vain.
    expect((await server.request('GET', `/api/open/${link}`)).body.error.code).toBe('class_full');
    // A retry of a stored submission is still "already stored".
    expect((await server.request('POST', `/api/open/${link}/submit`, { body: { submissionId: ids[0], answers: ANSWERS } })).status).toBe(200);
    const progress = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    expect(progress.body.byClass[0].completed).toBe(2);

    // The analyst raises the number of pupils: the link takes one more. It cannot go below the answers taken.
    const classId = body.classes[0].id;
    expect((await server.request('PATCH', `/api/campaigns/${id}/classes/${classId}`, { token, body: { elever: 1 } })).status).toBe(409);
    const raised = await server.request('PATCH', `/api/campaigns/${id}/classes/${classId}`, { token, body: { elever: 3 } });
    expect(raised.status).toBe(200);
    expect(raised.body.elever).toBe(3);
    expect((await server.request('POST', `/api/open/${link}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } })).status).toBe(201);
    expect((await server.request('POST', `/api/open/${link}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } })).status).toBe(409);
  });

  it('counts exactly elever under concurrent submissions of one class', async () => {
    const id = await classCampaign();
    const { body } = await server.request('POST', `/api/campaigns/${id}/classes`, { token, body: { classes: [{ skola: 'S', klass: '9D', arskurs: '9', elever: 7 }] } });
    const link = tokenOf(body.classes[0].link);
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () => server.request('POST', `/api/open/${link}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const [{ n }] = await server.db.query<{ n: number }>(
      'select (select count(*) from responses where campaign_id = $1) + (select count(*) from response_pool where campaign_id = $1) as n',
      [id],
    );
    expect(Number(n)).toBe(7);
  });

  it('validates answers like an open link and refuses a closed campaign', async () => {
    const id = await classCampaign();
    const { body } = await server.request('POST', `/api/campaigns/${id}/classes`, { token, body: { classes: [{ skola: 'S', klass: '9E', arskurs: '9', elever: 5 }] } });
    const link = tokenOf(body.classes[0].link);
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    const invalid = await server.request('POST', `/api/open/${link}/submit`, { body: { submissionId: newSubmissionId(), answers: { kon: 'någon' } } });
    expect(invalid.status).toBe(400);
    await server.request('POST', `/api/campaigns/${id}/close`, { token });
    expect((await server.request('GET', `/api/open/${link}`)).status).toBe(404);
    expect((await server.request('POST', `/api/open/${link}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } })).status).toBe(404);
    expect((await server.request('POST', `/api/campaigns/${id}/classes`, { token, body: { classes: [{ skola: 'S', klass: '9F', arskurs: '9', elever: 5 }] } })).status).toBe(409);
  });

  it('hides other kommuners campaigns (404) and needs a login (401)', async () => {
    const id = await classCampaign();
    expect((await server.request('GET', `/api/campaigns/${id}/classes`)).status).toBe(401);
    expect((await server.request('GET', `/api/campaigns/00000000-0000-4000-8000-000000000000/classes`, { token })).status).toBe(404);
  });
});
