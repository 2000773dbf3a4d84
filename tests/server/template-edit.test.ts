import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { insertRole, insertUser } from '../../server/queries/users';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
});
afterAll(async () => {
  await server?.close();
});

/** A logged-in user with the given role, created directly in the database. */
async function userWith(email: string, grant: Parameters<typeof insertRole>[2], kommunkod = '9999'): Promise<string> {
  const userId = await insertUser(server.db, { kommunkod, email, displayName: email, passwordHash: await hashPassword('edit-password-12') });
  await insertRole(server.db, userId, grant);
  return server.login(email, 'edit-password-12');
}

async function demoDefinition(token = admin): Promise<Record<string, any>> {
  const { status, body } = await server.request('GET', '/api/templates/demo', { token });
  expect(status).toBe(200);
  return body.definition;
}

describe('template editing', () => {
  it('reads the latest version of a built-in template, with its version list and where a save goes', async () => {
    const { status, body } = await server.request('GET', '/api/templates/demo', { token: admin });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'demo', version: 1, kind: 'population', builtIn: true, kommunkod: null, savesAs: 'demo-9999' });
    expect(body.definition.id).toBe('demo');
    expect(body.definition.meta.indicators[0].id).toBe('utsatt_12m');
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('saves an edit of a built-in template as the kommun’s own template, version after version', async () => {
    const definition = await demoDefinition();
    definition.title = 'Demoenkät, vår version';
    definition.survey.pages[0].elements[0].title = { default: 'Vilket kön har du? (ändrad)', en: 'Gender (edited)' };
    const first = await server.request('POST', '/api/templates/demo/versions', { token: admin, body: { definition } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: 'demo-9999', version: 1, removedHtml: [] });

    // Editing the built-in again goes to the same kommun template's next version.
    const again = await server.request('POST', '/api/templates/demo/versions', { token: admin, body: { definition } });
    expect(again.body).toEqual({ id: 'demo-9999', version: 2, removedHtml: [] });
    // Editing the kommun template itself too.
    definition.title = 'Demoenkät, tredje';
    const third = await server.request('POST', '/api/templates/demo-9999/versions', { token: admin, body: { definition } });
    expect(third.body).toEqual({ id: 'demo-9999', version: 3, removedHtml: [] });

    const latest = await server.request('GET', '/api/templates/demo-9999', { token: admin });
    expect(latest.body).toMatchObject({ id: 'demo-9999', version: 3, builtIn: false, kommunkod: '9999', savesAs: 'demo-9999', title: 'Demoenkät, tredje' });
    // The server sets id and version inside the stored definition.
    expect(latest.body.definition).toMatchObject({ id: 'demo-9999', version: 3 });
    expect(latest.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    const older = await server.request('GET', '/api/templates/demo-9999?version=1', { token: admin });
    expect(older.body).toMatchObject({ version: 1, title: 'Demoenkät, vår version' });
    expect(older.body.definition.survey.pages[0].elements[0].title.default).toBe('Vilket kön har du? (ändrad)');

    // The built-in template is unchanged, and the list shows the kommun's template.
    expect((await demoDefinition()).title).toBe('Demoenkät (exempel)');
    const list = await server.request('GET', '/api/templates', { token: admin });
    expect(list.body).toContainEqual({ id: 'demo-9999', version: 3, kind: 'population', title: 'Demoenkät, tredje' });

    const audit = await server.db.query<{ action: string; details: { templateId: string; version: number } }>(
      `select action, details from audit_log where action = 'template.save_version' order by id`,
    );
    expect(audit.map((a) => `${a.details.templateId}@${a.details.version}`)).toEqual(['demo-9999@1', 'demo-9999@2', 'demo-9999@3']);
  });

  it('keeps a campaign on the version it was created with', async () => {
    const definition = await demoDefinition();
    const saved = await server.request('POST', '/api/templates/demo/versions', { token: admin, body: { definition } });
    const created = await server.request('POST', '/api/campaigns', {
      token: admin,
      body: { templateId: saved.body.id, templateVersion: saved.body.version, title: 'Kampanj på egen mall' },
    });
    expect(created.status).toBe(201);
    definition.survey.pages[0].elements[0].title = 'Helt ny fråga';
    const next = await server.request('POST', `/api/templates/${saved.body.id}/versions`, { token: admin, body: { definition } });
    expect(next.body.version).toBe(saved.body.version + 1);
    const detail = await server.request('GET', `/api/campaigns/${created.body.id}`, { token: admin });
    expect(detail.body.template).toMatchObject({ id: saved.body.id, version: saved.body.version });
    const frozen = await server.db.query<{ definition: Record<string, any> }>('select definition from campaigns where id = $1', [created.body.id]);
    expect(frozen[0].definition.survey.pages[0].elements[0].title).not.toBe('Helt ny fråga');
  });

  it('refuses an invalid definition with 400 and every error with its path, storing nothing', async () => {
    const definition = await demoDefinition();
    definition.meta.indicators[0].expression = "{finns_inte} = 'ja'";
    definition.survey.pages[1].elements[1].name = 'psykiskt_12m';
    const before = await server.db.query('select 1 from templates');
    const { status, body } = await server.request('POST', '/api/templates/demo/versions', { token: admin, body: { definition } });
    expect(status).toBe(400);
    expect(body.error.details.field).toBe('definition');
    const errors = body.error.details.errors as { path: string; message: string }[];
    expect(errors.some((e) => e.path.startsWith('meta.indicators[0].expression') && e.message.includes('finns_inte'))).toBe(true);
    expect(errors.some((e) => e.message.includes('psykiskt_12m'))).toBe(true);
    expect(body.error.message).toMatch(/^Mallen är ogiltig: /);
    expect(await server.db.query('select 1 from templates')).toHaveLength(before.length);

    const notJson = await server.request('POST', '/api/templates/demo/versions', { token: admin, body: { definition: 'inte json {' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.details.errors[0].message).toMatch(/^Ogiltig JSON/);
    const missing = await server.request('POST', '/api/templates/demo/versions', { token: admin, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('definition');
  });

  it('refuses to change the kind of a template', async () => {
    const definition = await demoDefinition();
    definition.kind = 'screening';
    const { status, body } = await server.request('POST', '/api/templates/demo/versions', { token: admin, body: { definition } });
    expect(status).toBe(400);
    expect(body.error.details.field).toBe('definition.kind');
  });

  it('404s unknown templates and versions', async () => {
    expect((await server.request('GET', '/api/templates/finns-inte', { token: admin })).status).toBe(404);
    expect((await server.request('GET', '/api/templates/demo?version=99', { token: admin })).status).toBe(404);
    expect((await server.request('GET', '/api/templates/demo?version=noll', { token: admin })).status).toBe(400);
    expect((await server.request('POST', '/api/templates/finns-inte/versions', { token: admin, body: { definition: {} } })).status).toBe(404);
  });

  it('keeps kommun templates to their kommun and editing to analysts', async () => {
    const definition = await demoDefinition();
    await server.request('POST', '/api/templates/demo/versions', { token: admin, body: { definition } });
    const other = await userWith('analytiker@orebro.se', { role: 'analyst', kommunkod: '1880' }, '1880');
    // Another kommun's template is invisible to them…
    expect((await server.request('GET', '/api/templates/demo-9999', { token: other })).status).toBe(404);
    expect((await server.request('POST', '/api/templates/demo-9999/versions', { token: other, body: { definition } })).status).toBe(404);
    // …and their own edit of the built-in template gets their own id.
    const own = await server.request('POST', '/api/templates/demo/versions', { token: other, body: { definition } });
    expect(own.body).toEqual({ id: 'demo-1880', version: 1, removedHtml: [] });
    // Naming a kommun where the user is not analyst is refused.
    const foreign = await server.request('POST', '/api/templates/demo/versions', { token: other, body: { definition, kommunkod: '9999' } });
    expect(foreign.status).toBe(403);

    const screener = await userWith('kartlaggare@demo.se', { role: 'screener', kommunkod: '9999' });
    expect((await server.request('GET', '/api/templates/demo', { token: screener })).status).toBe(403);
    expect((await server.request('POST', '/api/templates/demo/versions', { token: screener, body: { definition } })).status).toBe(403);
    expect((await server.request('GET', '/api/templates/demo')).status).toBe(401);
  });
});
