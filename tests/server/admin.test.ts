/**
 * Administration over HTTP: first-start setup, kommun settings, accounts
 * and roles (list, invite, grant/revoke, disable with sessions ended at
 * once, password reset and change, the last admin), and the audit log with
 * its filters and CSV. Runs on PGlite, and on PostgreSQL with
 * `npm run test:pg -- npx vitest run tests/server/admin.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUserListResponse, adminUserResponse, auditResponse, kommunSettingsResponse, setupResponse } from '../../contracts/admin';
import { meResponse } from '../../contracts/auth';
import { campaignDetailResponse } from '../../contracts/fieldwork';
import { ADMIN, startTestServer, type TestServer } from './test-server';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
});
afterAll(async () => {
  await server?.close();
});

/** Logs in with a cookie session and returns the cookie header and the CSRF token. */
async function cookieLogin(email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: body.csrfToken };
}

async function createAccount(body: Record<string, unknown>): Promise<{ id: string; email: string; password?: string; invite?: { token: string; path: string } }> {
  const created = await server.request('POST', '/api/admin/users', { token: admin, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function audit(query: string) {
  const response = await server.request('GET', `/api/admin/audit${query}`, { token: admin });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return auditResponse.parse(response.body).entries;
}

describe('first start', () => {
  it('asks the admin once which kommun the installation serves; the answer makes the admin an analyst there', async () => {
    const me = meResponse.parse((await server.request('GET', '/api/me', { token: admin })).body);
    expect(me.setupNeeded).toBe(true);
    const before = setupResponse.parse((await server.request('GET', '/api/admin/setup', { token: admin })).body);
    expect(before).toMatchObject({ configured: false, scope: null, kommunkod: null });
    expect(before.kommuner.map((k) => k.kod)).toEqual(['9999']);

    const bad = await server.request('POST', '/api/admin/setup', { token: admin, body: { kommunkod: '0001' } });
    expect([bad.status, bad.body.error.details.field]).toEqual([400, 'kommunkod']);
    const demo = await server.request('POST', '/api/admin/setup', { token: admin, body: { kommunkod: '9999' } });
    expect(demo.status).toBe(400);
    const both = await server.request('POST', '/api/admin/setup', { token: admin, body: { kommunkod: '1880', lanKod: '18' } });
    expect(both.status).toBe(400);

    const done = await server.request('POST', '/api/admin/setup', { token: admin, body: { kommunkod: '1880', microdataExport: true } });
    expect(done.status).toBe(200);
    const status = setupResponse.parse(done.body);
    expect(status).toMatchObject({ configured: true, scope: 'kommun', kommunkod: '1880', namn: 'Örebro' });
    // The demo kommun stays, labelled.
    expect(status.kommuner.map((k) => [k.kod, k.isDemo])).toEqual([['1880', false], ['9999', true]]);

    const after = meResponse.parse((await server.request('GET', '/api/me', { token: admin })).body);
    expect(after.setupNeeded).toBe(false);
    expect(after.user.kommunkod).toBe('1880');
    expect(after.roles).toContainEqual({ role: 'analyst', kommunkod: '1880', lanKod: null, unitId: null, microdataExport: true });
    expect(after.roles).toContainEqual({ role: 'analyst', kommunkod: '9999', lanKod: null, unitId: null, microdataExport: true });
    expect(after.kommuner.find((k) => k.kod === '9999')?.isDemo).toBe(true);

    expect((await server.request('POST', '/api/admin/setup', { token: admin, body: { kommunkod: '0180' } })).status).toBe(409);
    const logged = await audit('?action=admin.setup');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ email: ADMIN.email, kommunkod: '1880', details: { scope: 'kommun', kommunkod: '1880' } });
  });
});

describe('kommun settings', () => {
  it('keeps områden (CSV upload), contact, suppression threshold, units and retention; new campaigns start from them', async () => {
    const empty = kommunSettingsResponse.parse((await server.request('GET', '/api/admin/kommuner/1880/settings', { token: admin })).body);
    expect(empty).toMatchObject({ kommunkod: '1880', namn: 'Örebro', areas: [], minCell: 5, retention: { responsesMonths: null, auditMonths: null } });

    const broken = await server.request('POST', '/api/admin/kommuner/1880/areas.csv?fileName=omraden.csv', {
      token: admin,
      body: 'kod;namn\nnorr;Norr\n;Utan kod\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toBe('omraden.csv, rad 3, kolumn "kod": koden saknas');
    expect(broken.body.error.details).toEqual({ file: 'omraden.csv', line: 3, column: 'kod' });
    const duplicate = await server.request('POST', '/api/admin/kommuner/1880/areas.csv', { token: admin, body: 'kod,namn\nnorr,Norr\nnorr,Söder\n', headers: { 'content-type': 'text/csv' } });
    expect(duplicate.body.error.message).toMatch(/rad 3, kolumn "kod": koden "norr" finns redan på rad 2/);

    const uploaded = await server.request('POST', '/api/admin/kommuner/1880/areas.csv', {
      token: admin,
      body: '\ufeffkod;namn;namn_en\nnorr;Norr;North\nsoder;Söder;\nvaster;Väster;West\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(uploaded.status).toBe(200);
    expect(kommunSettingsResponse.parse(uploaded.body).areas).toEqual([
      { code: 'norr', name: { sv: 'Norr', en: 'North' } },
      { code: 'soder', name: 'Söder' },
      { code: 'vaster', name: { sv: 'Väster', en: 'West' } },
    ]);

    const tooLow = await server.request('PUT', '/api/admin/kommuner/1880/settings', { token: admin, body: { minCell: 1 } });
    expect([tooLow.status, tooLow.body.error.details.field]).toEqual([400, 'minCell']);
    const saved = await server.request('PUT', '/api/admin/kommuner/1880/settings', {
      token: admin,
      body: { contact: { name: 'Örebro kommun, socialtjänsten', phone: '019-21 10 00' }, minCell: 10, retention: { responsesMonths: 24, auditMonths: 60 } },
    });
    expect(saved.status).toBe(200);
    expect(kommunSettingsResponse.parse(saved.body)).toMatchObject({ minCell: 10, retention: { responsesMonths: 24, registrationsMonths: null, tablesMonths: null, auditMonths: 60 } });
    expect(saved.body.areas).toHaveLength(3);

    const unit = await server.request('POST', '/api/admin/kommuner/1880/units', { token: admin, body: { verksamhet: 'forsorjningsstod', enhet: 'Försörjningsstöd Väster' } });
    expect(unit.status).toBe(201);
    const settings = kommunSettingsResponse.parse((await server.request('GET', '/api/admin/kommuner/1880/settings', { token: admin })).body);
    expect(settings.units).toEqual([{ id: unit.body.id, verksamhet: 'forsorjningsstod', enhet: 'Försörjningsstöd Väster' }]);

    // A new campaign in Örebro starts with the kommun's contact and områden; the analysis with its threshold.
    const created = await server.request('POST', '/api/campaigns', { token: admin, body: { templateId: 'befolkningsenkat', title: 'Enkät 2026', kommunkod: '1880' } });
    expect(created.status).toBe(201);
    const detail = campaignDetailResponse.parse((await server.request('GET', `/api/campaigns/${created.body.id}`, { token: admin })).body);
    expect(detail.contact).toEqual({ name: 'Örebro kommun, socialtjänsten', phone: '019-21 10 00' });
    expect(detail.areas.map((a) => a.code)).toEqual(['norr', 'soder', 'vaster']);
    expect(detail.retention).toEqual({ months: 24, closedOn: null, deleteOn: null, deletedOn: null });
    const setup = await server.request('GET', `/api/campaigns/${created.body.id}/analysis`, { token: admin });
    expect(setup.body.defaultMinCell).toBe(10);

    expect((await server.request('GET', '/api/admin/kommuner/0001/settings', { token: admin })).status).toBe(404);
    expect((await audit('?action=admin.kommun.settings&kommunkod=1880')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('accounts and roles', () => {
  let analystId: string;
  let analystPassword: string;

  it('lists accounts with roles, scopes and last login (admin only)', async () => {
    const created = await createAccount({ email: 'Anna.Analytiker@orebro.se', displayName: 'Anna Analytiker', kommunkod: '1880', roles: [{ role: 'analyst', kommunkod: '1880' }] });
    analystId = created.id;
    analystPassword = created.password!;
    expect(created.invite).toBeUndefined();
    const before = adminUserListResponse.parse((await server.request('GET', '/api/admin/users', { token: admin })).body);
    const anna = before.find((u) => u.id === analystId)!;
    expect(anna).toEqual({
      id: analystId,
      email: 'anna.analytiker@orebro.se',
      displayName: 'Anna Analytiker',
      roles: [{ role: 'analyst', kommunkod: '1880', lanKod: null, unitId: null, microdataExport: false }],
      disabled: false,
      lastLoginAt: null,
      kommunkod: '1880',
      createdAt: expect.any(String),
      kind: 'staff',
      invitePending: false,
    });
    expect(before.find((u) => u.email === ADMIN.email)?.lastLoginAt).not.toBeNull();
    const token = await server.login('anna.analytiker@orebro.se', analystPassword);
    const after = adminUserListResponse.parse((await server.request('GET', '/api/admin/users', { token: admin })).body);
    expect(Date.parse(after.find((u) => u.id === analystId)!.lastLoginAt!)).toBeGreaterThan(Date.now() - 60_000);
    // Only admins.
    expect((await server.request('GET', '/api/admin/users', { token })).status).toBe(403);
    expect((await server.request('GET', '/api/admin/users')).status).toBe(401);
    expect((await server.request('PATCH', `/api/admin/users/${analystId}`, { token, body: { disabled: true } })).status).toBe(403);
    expect((await server.request('GET', '/api/admin/audit', { token })).status).toBe(403);
  });

  it('grants and revokes roles: the whole list is replaced, and every change is logged with before and after', async () => {
    const unit = (await server.request('GET', '/api/admin/kommuner/1880/settings', { token: admin })).body.units[0].id as string;
    const granted = await server.request('PATCH', `/api/admin/users/${analystId}`, {
      token: admin,
      body: { roles: [{ role: 'analyst', kommunkod: '1880', microdataExport: true }, { role: 'screener', kommunkod: '1880', unitId: unit }, { role: 'county_viewer', lanKod: '18' }] },
    });
    expect(granted.status).toBe(200);
    expect(adminUserResponse.parse(granted.body).roles).toEqual([
      { role: 'analyst', kommunkod: '1880', lanKod: null, unitId: null, microdataExport: true },
      { role: 'county_viewer', kommunkod: null, lanKod: '18', unitId: null, microdataExport: false },
      { role: 'screener', kommunkod: '1880', lanKod: null, unitId: unit, microdataExport: false },
    ]);
    const token = await server.login('anna.analytiker@orebro.se', analystPassword);
    expect((await server.request('GET', '/api/me', { token })).body.roles).toHaveLength(3);

    const revoked = await server.request('PATCH', `/api/admin/users/${analystId}`, { token: admin, body: { roles: [{ role: 'analyst', kommunkod: '1880' }], displayName: 'Anna A.' } });
    expect(revoked.body).toMatchObject({ displayName: 'Anna A.', roles: [{ role: 'analyst', microdataExport: false }] });
    // The next request of an open session sees the new roles.
    expect((await server.request('GET', '/api/me', { token })).body.roles).toEqual([{ role: 'analyst', kommunkod: '1880', lanKod: null, unitId: null, microdataExport: false }]);

    const badUnit = await server.request('PATCH', `/api/admin/users/${analystId}`, { token: admin, body: { roles: [{ role: 'screener', kommunkod: '0180', unitId: unit }] } });
    expect([badUnit.status, badUnit.body.error.details.field]).toEqual([400, 'roles.0.unitId']);
    expect((await server.request('PATCH', `/api/admin/users/${analystId}`, { token: admin, body: {} })).status).toBe(400);
    expect((await server.request('PATCH', '/api/admin/users/00000000-0000-4000-8000-000000000000', { token: admin, body: { disabled: true } })).status).toBe(404);

    const changes = await audit(`?action=admin.user.update`);
    expect(changes[0].details).toMatchObject({ targetUserId: analystId, changes: { displayName: { from: 'Anna Analytiker', to: 'Anna A.' } } });
    expect((changes[0].details.changes as { roles: { before: unknown[]; after: unknown[] } }).roles.before).toHaveLength(3);
  });

  it('disabling ends bearer and cookie sessions at once and refuses logins; enabling lets the account in again', async () => {
    const bearer = await server.login('anna.analytiker@orebro.se', analystPassword);
    const browser = await cookieLogin('anna.analytiker@orebro.se', analystPassword);
    expect((await server.request('GET', '/api/campaigns', { token: bearer })).status).toBe(200);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: browser.cookie } })).status).toBe(200);

    const disabled = await server.request('PATCH', `/api/admin/users/${analystId}`, { token: admin, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(adminUserResponse.parse(disabled.body).disabled).toBe(true);

    expect((await server.request('GET', '/api/campaigns', { token: bearer })).status).toBe(401);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: browser.cookie } })).status).toBe(401);
    expect((await server.request('POST', '/api/auth/login', { body: { email: 'anna.analytiker@orebro.se', password: analystPassword } })).status).toBe(401);
    const sessions = await server.db.query<{ n: number }>('select count(*)::int as n from sessions where user_id = $1', [analystId]);
    expect(sessions[0].n).toBe(0);
    expect((await audit(`?action=admin.user.disable&userId=${(await me(admin)).user.id}`))[0].details).toMatchObject({ targetUserId: analystId });

    await server.request('PATCH', `/api/admin/users/${analystId}`, { token: admin, body: { disabled: false } });
    expect(await server.login('anna.analytiker@orebro.se', analystPassword)).toBeTruthy();
  });

  it('resets a password: shown once, the old one and every session stop working', async () => {
    const old = await server.login('anna.analytiker@orebro.se', analystPassword);
    const reset = await server.request('POST', `/api/admin/users/${analystId}/password`, { token: admin });
    expect(reset.status).toBe(200);
    expect(Object.keys(reset.body)).toEqual(['password']);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    expect((await server.request('POST', '/api/auth/login', { body: { email: 'anna.analytiker@orebro.se', password: analystPassword } })).status).toBe(401);
    expect((await server.request('GET', '/api/me', { token: old })).status).toBe(401);
    analystPassword = reset.body.password;
    expect(await server.login('anna.analytiker@orebro.se', analystPassword)).toBeTruthy();
    const logged = await audit('?action=admin.user.password_reset');
    expect(JSON.stringify(logged)).not.toContain(analystPassword);
  });

  it('a password reset also ends a pending invitation link: the new password is the only way in', async () => {
    const created = await createAccount({ email: 'lina@orebro.se', displayName: 'Lina', kommunkod: '1880', roles: [{ role: 'analyst', kommunkod: '1880' }], invite: 'link' });
    const reset = await server.request('POST', `/api/admin/users/${created.id}/password`, { token: admin });
    expect(reset.status).toBe(200);
    expect((await server.request('GET', `/api/auth/invite/${created.invite!.token}`)).status).toBe(404);
    expect((await server.request('POST', `/api/auth/invite/${created.invite!.token}`, { body: { password: 'someone-elses-choice-1' } })).status).toBe(404);
    expect(adminUserListResponse.parse((await server.request('GET', '/api/admin/users', { token: admin })).body).find((u) => u.id === created.id)!.invitePending).toBe(false);
    expect(await server.login('lina@orebro.se', reset.body.password)).toBeTruthy();
  });

  it('lets anyone change their own password (204); other sessions end, this one stays', async () => {
    const other = await server.login('anna.analytiker@orebro.se', analystPassword);
    const browser = await cookieLogin('anna.analytiker@orebro.se', analystPassword);
    const headers = { cookie: browser.cookie, 'x-csrf-token': browser.csrf, 'content-type': 'application/json' };
    const change = (body: unknown, extra: Record<string, string> = headers) => fetch(`${server.url}/api/auth/password`, { method: 'POST', headers: extra, body: JSON.stringify(body) });

    const wrong = await change({ currentPassword: 'not-it-at-all', newPassword: 'a-new-password-2026' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { details: { field: string } } }).error.details.field).toBe('currentPassword');
    const short = await change({ currentPassword: analystPassword, newPassword: 'kort' });
    expect(short.status).toBe(400);
    // A cookie session needs the CSRF token here too.
    expect((await change({ currentPassword: analystPassword, newPassword: 'a-new-password-2026' }, { cookie: browser.cookie, 'content-type': 'application/json' })).status).toBe(403);

    const ok = await change({ currentPassword: analystPassword, newPassword: 'a-new-password-2026' });
    expect(ok.status).toBe(204);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: browser.cookie } })).status).toBe(200);
    expect((await server.request('GET', '/api/me', { token: other })).status).toBe(401);
    expect((await server.request('POST', '/api/auth/login', { body: { email: 'anna.analytiker@orebro.se', password: analystPassword } })).status).toBe(401);
    analystPassword = 'a-new-password-2026';
    expect(await server.login('anna.analytiker@orebro.se', analystPassword)).toBeTruthy();
    expect((await server.request('POST', '/api/auth/password', { body: { currentPassword: 'x', newPassword: 'y'.repeat(12) } })).status).toBe(401);
  });

  it('invites with a one-time link: the person chooses a password and is logged in; the link works once', async () => {
    const created = await createAccount({ email: 'sara@orebro.se', displayName: 'Sara Screener', kommunkod: '1880', roles: [{ role: 'analyst', kommunkod: '1880' }], invite: 'link' });
    expect(created.password).toBeUndefined();
    expect(created.invite!.path).toBe(`/arbetsyta/inbjudan/${created.invite!.token}`);
    const listed = adminUserListResponse.parse((await server.request('GET', '/api/admin/users', { token: admin })).body).find((u) => u.id === created.id)!;
    expect(listed.invitePending).toBe(true);
    // No password works before the invitation is accepted.
    expect((await server.request('POST', '/api/auth/login', { body: { email: 'sara@orebro.se', password: 'invited-no-password' } })).status).toBe(401);

    const info = await server.request('GET', `/api/auth/invite/${created.invite!.token}`);
    expect(info.body).toEqual({ email: 'sara@orebro.se', displayName: 'Sara Screener', expiresAt: expect.any(String) });
    expect((await server.request('POST', `/api/auth/invite/${created.invite!.token}`, { body: { password: 'kort' } })).status).toBe(400);
    const accepted = await server.request('POST', `/api/auth/invite/${created.invite!.token}`, { body: { password: 'saras-own-password-1' } });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('set-cookie')).toMatch(/^sid=/);
    expect((await server.request('GET', '/api/me', { token: accepted.body.token })).body.user.email).toBe('sara@orebro.se');
    expect((await server.request('GET', `/api/auth/invite/${created.invite!.token}`)).status).toBe(404);
    expect((await server.request('POST', `/api/auth/invite/${created.invite!.token}`, { body: { password: 'another-password-2' } })).status).toBe(404);
    expect(await server.login('sara@orebro.se', 'saras-own-password-1')).toBeTruthy();

    // A new link replaces the old one.
    const first = await server.request('POST', `/api/admin/users/${created.id}/invite`, { token: admin });
    const second = await server.request('POST', `/api/admin/users/${created.id}/invite`, { token: admin });
    expect((await server.request('GET', `/api/auth/invite/${first.body.token}`)).status).toBe(404);
    expect((await server.request('GET', `/api/auth/invite/${second.body.token}`)).status).toBe(200);
    const stored = await server.db.query<{ token_hash: string }>('select token_hash from account_invites');
    expect(JSON.stringify(stored)).not.toContain(second.body.token);
  });

  it('keeps the last admin: it cannot be disabled or lose the role, until there is another', async () => {
    const self = (await me(admin)).user.id;
    const disable = await server.request('PATCH', `/api/admin/users/${self}`, { token: admin, body: { disabled: true } });
    expect([disable.status, disable.body.error.details.field]).toEqual([409, 'disabled']);
    const demote = await server.request('PATCH', `/api/admin/users/${self}`, { token: admin, body: { roles: [{ role: 'analyst', kommunkod: '1880' }] } });
    expect([demote.status, demote.body.error.details.field]).toEqual([409, 'roles']);
    expect((await me(admin)).roles.some((r) => r.role === 'admin')).toBe(true);

    const second = await createAccount({ email: 'it@orebro.se', displayName: 'IT', kommunkod: '1880', roles: [{ role: 'admin' }] });
    const other = await server.login('it@orebro.se', second.password);
    // The second admin may now remove the first admin's role, but not then its own.
    const removed = await server.request('PATCH', `/api/admin/users/${self}`, { token: other, body: { roles: [{ role: 'analyst', kommunkod: '1880', microdataExport: true }] } });
    expect(removed.status).toBe(200);
    expect((await server.request('PATCH', `/api/admin/users/${second.id}`, { token: other, body: { disabled: true } })).status).toBe(409);
    // Give the role back for the tests below.
    const back = await server.request('PATCH', `/api/admin/users/${self}`, { token: other, body: { roles: [{ role: 'admin' }, { role: 'analyst', kommunkod: '1880', microdataExport: true }, { role: 'analyst', kommunkod: '9999', microdataExport: true }] } });
    expect(back.status).toBe(200);
  });
});

async function me(token: string) {
  return meResponse.parse((await server.request('GET', '/api/me', { token })).body);
}

describe('the audit log', () => {
  it('filters by action, account, kommun and period, newest first, with paging', async () => {
    const all = await audit('?limit=1000');
    expect(all.length).toBeGreaterThan(10);
    const ids = all.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    for (const entry of all) expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const logins = await audit('?action=auth.login');
    expect(logins.length).toBeGreaterThan(3);
    expect(logins.every((e) => e.action === 'auth.login')).toBe(true);
    const adminId = (await me(admin)).user.id;
    const byAdmin = await audit(`?userId=${adminId}`);
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.userId === adminId && e.email === ADMIN.email)).toBe(true);
    const orebro = await audit('?kommunkod=1880');
    expect(orebro.every((e) => e.kommunkod === '1880')).toBe(true);

    // Periods: whole days in Swedish time, `to` inclusive; or instants.
    await server.db.query(`insert into audit_log (at, user_id, kommunkod, action, details) values ('2024-03-09 22:30:00+00', null, '1880', 'test.old', '{}'), ('2024-03-10 23:30:00+00', null, '1880', 'test.old', '{}')`);
    // 22:30 UTC on 9 March is 23:30 in Sweden (still the 9th); 23:30 UTC on 10 March is 00:30 on the 11th.
    expect((await audit('?action=test.old&from=2024-03-09&to=2024-03-09')).map((e) => e.at)).toEqual(['2024-03-09T22:30:00.000Z']);
    expect((await audit('?action=test.old&from=2024-03-10&to=2024-03-10')).map((e) => e.at)).toEqual([]);
    expect((await audit('?action=test.old&from=2024-03-11')).map((e) => e.at)).toEqual(['2024-03-10T23:30:00.000Z']);
    expect(await audit('?action=test.old&from=2024-03-10T00:00:00Z&to=2024-03-11T00:00:00Z')).toHaveLength(1);
    expect((await server.request('GET', '/api/admin/audit?from=igår', { token: admin })).status).toBe(400);
    expect((await server.request('GET', '/api/admin/audit?limit=0', { token: admin })).status).toBe(400);

    const now = await audit('?limit=1000');
    const page = await server.request('GET', '/api/admin/audit?limit=2', { token: admin });
    expect(page.body.entries.map((e: { id: string }) => e.id)).toEqual(now.slice(0, 2).map((e) => e.id));
    const next = await server.request('GET', `/api/admin/audit?limit=2&before=${page.body.nextBefore}`, { token: admin });
    expect(next.body.entries.map((e: { id: string }) => e.id)).toEqual(now.slice(2, 4).map((e) => e.id));

    const actions = await server.request('GET', '/api/admin/audit/actions', { token: admin });
    expect(actions.body).toEqual(expect.arrayContaining(['admin.setup', 'admin.user.create', 'admin.user.disable', 'auth.login', 'auth.password_change', 'auth.invite_accept']));
  });

  it('shows who exported what and why, and downloads as CSV (itself logged)', async () => {
    const campaigns = (await server.request('GET', '/api/campaigns', { token: admin })).body as { id: string; title: string; kommunkod: string }[];
    const campaign = campaigns.find((c) => c.kommunkod === '1880')!;
    const purpose = 'Rapport till socialnämnden, "bilaga 2"';
    expect((await server.request('GET', `/api/campaigns/${campaign.id}/responses.csv?purpose=${encodeURIComponent(purpose)}`, { token: admin })).status).toBe(200);
    const [entry] = await audit('?action=campaign.responses_export');
    expect(entry).toMatchObject({ email: ADMIN.email, kommunkod: '1880', campaignTitle: campaign.title, details: { campaignId: campaign.id, format: 'csv', purpose } });

    const csv = await server.request('GET', '/api/admin/audit.csv?action=campaign.responses_export', { token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (csv.body as string).replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('tid_utc,konto,konto_id,kommunkod,handelse,undersokning,undersokning_id,format,syfte,detaljer');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${ADMIN.email},`);
    expect(lines[1]).toContain(`,campaign.responses_export,${campaign.title},${campaign.id},csv,"Rapport till socialnämnden, ""bilaga 2""",`);
    expect((await audit('?action=admin.audit.export'))[0].details).toMatchObject({ rows: 1, filter: { action: 'campaign.responses_export' } });
  });
});
