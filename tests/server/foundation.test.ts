import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type TestServer } from './test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('health and errors', () => {
  it('reports the database driver', async () => {
    const { status, body } = await server.request('GET', '/healthz');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite' });
  });

  it('answers an unknown route with the error envelope', async () => {
    const { status, body } = await server.request('GET', '/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/GET \/api\/nothing-here/);
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    const { status, body } = await server.request('POST', '/api/auth/login', { body: '{"email": ' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'invalid_json', message: 'Förfrågan innehåller ogiltig JSON.' } });
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
    const { status, body } = await server.request('POST', '/api/auth/login', { body: huge });
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });

  it('names the field in validation errors', async () => {
    const { status, body } = await server.request('POST', '/api/auth/login', { body: { email: 'a@b.se' } });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^Fältet "password"/);
    expect(body.error.details).toEqual({ field: 'password' });
  });

  it('sends security headers', async () => {
    const { headers } = await server.request('GET', '/healthz');
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-powered-by')).toBeNull();
  });
});

describe('accounts', () => {
  it('rejects a wrong password with 401 and a Swedish message', async () => {
    const { status, body } = await server.request('POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'wrong-password' } });
    expect(status).toBe(401);
    expect(body.error.message).toBe('Fel e-postadress eller lösenord.');
  });

  it('logs in with a token and an HttpOnly cookie; /api/me lists roles and kommuner', async () => {
    const login = await server.request('POST', '/api/auth/login', { body: { email: ADMIN.email.toUpperCase(), password: ADMIN.password } });
    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^[\w-]{40,}$/);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const me = await server.request('GET', '/api/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(ADMIN.email);
    expect(me.body.roles.map((grant: { role: string }) => grant.role).sort()).toEqual(['admin', 'analyst']);
    expect(me.body.roles.find((grant: { role: string }) => grant.role === 'analyst').kommunkod).toBe('9999');
    expect(me.body.kommuner).toEqual([{ kod: '9999', namn: 'Demokommun (exempel)', lanKod: '99', isDemo: true }]);
  });

  it('requires login for staff calls', async () => {
    const { status, body } = await server.request('GET', '/api/me');
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthorized');
    expect((await server.request('GET', '/api/me', { token: 'not-a-token' })).status).toBe(401);
  });

  it('requires the CSRF token for cookie-authenticated writes', async () => {
    const login = await server.request('POST', '/api/auth/login', { body: ADMIN });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const body = { templateId: 'demo', title: 'CSRF-test' };
    const without = await server.request('POST', '/api/campaigns', { body, headers: { cookie } });
    expect(without.status).toBe(403);
    const withToken = await server.request('POST', '/api/campaigns', { body, headers: { cookie, 'x-csrf-token': login.body.csrfToken } });
    expect(withToken.status).toBe(201);
    const read = await server.request('GET', '/api/campaigns', { headers: { cookie } });
    expect(read.status).toBe(200);
  });

  it('ends the session at logout', async () => {
    const token = await server.login();
    expect((await server.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await server.request('GET', '/api/me', { token })).status).toBe(401);
  });
});

describe('seed, templates and campaigns', () => {
  it('seeds all 290 kommuner plus the demo kommun', async () => {
    const rows = await server.db.query<{ n: number; demo: number }>(
      'select count(*)::int as n, count(*) filter (where is_demo)::int as demo from kommuner',
    );
    expect(rows[0]).toEqual({ n: 291, demo: 1 });
  });

  it('lists templates', async () => {
    const token = await server.login();
    const { status, body } = await server.request('GET', '/api/templates', { token });
    expect(status).toBe(200);
    expect(body).toContainEqual({ id: 'demo', version: 1, kind: 'population', title: 'Demoenkät (exempel)' });
  });

  it('lists the demo campaign labelled as demo and creates a campaign in the user’s kommun', async () => {
    const token = await server.login();
    const list = await server.request('GET', '/api/campaigns', { token });
    const demo = list.body.find((campaign: { openSlug: string }) => campaign.openSlug === 'demo');
    expect(demo).toMatchObject({ isDemo: true, status: 'open', mode: 'open', kommunkod: '9999' });
    expect(demo.title).toMatch(/DEMO/);

    const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'demo', title: 'Befolkningsenkät 2027' } });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await server.request('GET', '/api/campaigns', { token });
    expect(again.body.find((campaign: { id: string }) => campaign.id === created.body.id)).toMatchObject({
      kommunkod: '9999',
      status: 'draft',
      templateId: 'demo',
      templateVersion: 1,
    });
  });

  it('refuses a kommun where the user is not analyst, and an unknown template', async () => {
    const token = await server.login();
    const other = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'demo', title: 'x', kommunkod: '1880' } });
    expect(other.status).toBe(403);
    const unknown = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'nope', title: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual({ field: 'templateId' });
  });
});

describe('open-link demo survey', () => {
  it('serves the survey and stores a submission exactly once', async () => {
    const view = await server.request('GET', '/api/open/demo');
    expect(view.status).toBe(200);
    expect(view.body.locale).toBe('sv');
    expect(view.body.survey.pages.length).toBeGreaterThan(0);
    expect(view.body.campaign.contact.name).toMatch(/Demo/);

    const submission = { submissionId: 'sub-0000-1111', answers: { kon: 'kvinna', alder: 40, psykiskt_12m: 'nej' } };
    const first = await server.request('POST', '/api/open/demo/submit', { body: submission });
    expect(first.status).toBe(201);
    const repeat = await server.request('POST', '/api/open/demo/submit', { body: submission });
    expect(repeat.status).toBe(200);
    const rows = await server.db.query<{ n: number }>(
      `select count(*)::int as n from responses r join campaigns c on c.id = r.campaign_id where c.open_slug = 'demo'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('answers an unknown link with a generic 404', async () => {
    const { status, body } = await server.request('GET', '/api/open/no-such-link');
    expect(status).toBe(404);
    expect(body.error.message).toBe('Enkäten finns inte eller är inte öppen.');
  });
});
