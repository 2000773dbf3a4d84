import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { insertRole, insertUser } from '../../server/queries/users';
import { swedishToday } from '../../server/services/screening-registrations';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let admin: string;
let id: string;
let otherId: string;
let unitA: string;
let unitB: string;
let screenerA: string;
let screenerB: string;
let regB: { id: string; version: number };

const today = swedishToday();
const contact = { datum: today, kon: 'kvinna', aldersgrupp: '18-29', tillfragad: 'ja', psykiskt: 'nej', fysiskt: 'nej', sexuellt: 'nej' };

/** A user with the given role created directly in the database, logged in. */
async function userWith(email: string, grant: Parameters<typeof insertRole>[2], kommunkod = '9999'): Promise<string> {
  const userId = await insertUser(server.db, { kommunkod, email, displayName: email, passwordHash: await hashPassword('scope-password-1') });
  await insertRole(server.db, userId, grant);
  return server.login(email, 'scope-password-1');
}

async function screenerFor(campaignId: string, email: string, unitIds: string[]): Promise<string> {
  const created = await server.request('POST', `/api/screening/${campaignId}/screeners`, { token: admin, body: { email, displayName: email, unitIds } });
  expect(created.status).toBe(201);
  return server.login(email, created.body.password);
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 5);
  const periodStart = start.toISOString().slice(0, 10);
  const create = async (title: string, units: { verksamhet: string; enhet: string }[]) =>
    (
      await server.request('POST', '/api/screening', {
        token: admin,
        body: {
          title,
          periodStart,
          periodEnd: today,
          units,
        },
      })
    ).body.id as string;
  id = await create('Behörighet', [
    { verksamhet: 'barn_och_unga', enhet: 'Barn och unga' },
    { verksamhet: 'vuxen', enhet: 'Vuxen' },
  ]);
  // Screener roles belong to units, so a month with other units is invisible to these screeners.
  otherId = await create('Annan månad', [{ verksamhet: 'lss', enhet: 'LSS' }]);
  const view = (await server.request('GET', `/api/screening/${id}`, { token: admin })).body;
  unitA = view.units.find((u: { enhet: string }) => u.enhet === 'Barn och unga').unitId;
  unitB = view.units.find((u: { enhet: string }) => u.enhet === 'Vuxen').unitId;
  screenerA = await screenerFor(id, 'scope-a@test.se', [unitA]);
  screenerB = await screenerFor(id, 'scope-b@test.se', [unitB]);
  const created = await server.request('POST', `/api/screening/${id}/registrations`, { token: screenerB, body: { unitId: unitB, ...contact } });
  expect(created.status).toBe(201);
  regB = created.body;
});
afterAll(async () => {
  await server?.close();
});

describe('a screener of one unit', () => {
  it('cannot register, read, correct or withdraw for another unit (403)', async () => {
    expect((await server.request('POST', `/api/screening/${id}/registrations`, { token: screenerA, body: { unitId: unitB, ...contact } })).status).toBe(403);
    expect((await server.request('GET', `/api/screening/${id}/units/${unitB}/registrations`, { token: screenerA })).status).toBe(403);
    expect(
      (await server.request('PUT', `/api/screening/${id}/registrations/${regB.id}`, { token: screenerA, body: { version: regB.version, ...contact, kon: 'man' } }))
        .status,
    ).toBe(403);
    expect((await server.request('POST', `/api/screening/${id}/registrations/${regB.id}/withdraw`, { token: screenerA, body: { version: 1 } })).status).toBe(403);
    expect((await server.request('GET', `/api/screening/${id}/registrations/${regB.id}/changes`, { token: screenerA })).status).toBe(403);
    // Nothing changed.
    const list = await server.request('GET', `/api/screening/${id}/units/${unitB}/registrations`, { token: screenerB });
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ kon: 'kvinna', status: 'active', version: 1 });
  });

  it('sees only its own unit in the campaign view and the follow-up', async () => {
    const view = await server.request('GET', `/api/screening/${id}`, { token: screenerA });
    expect(view.status).toBe(200);
    expect(view.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([unitA]);
    expect(view.body.canManage).toBe(false);
    const followUp = await server.request('GET', `/api/screening/${id}/follow-up`, { token: screenerA });
    expect(followUp.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([unitA]);
    expect(followUp.body.total.contacts).toBe(0);
  });

  it('cannot use analyst functions (403)', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/screening/${id}/summary`],
      ['GET', `/api/screening/${id}/comparison`],
      ['GET', `/api/screening/${id}/report`],
      ['GET', `/api/screening/${id}/registrations.csv`],
      ['PATCH', `/api/screening/${id}`, { status: 'closed' }],
      ['POST', `/api/screening/${id}/screeners`, { email: 'x@test.se', displayName: 'X', unitIds: [unitA] }],
      ['POST', `/api/screening/${id}/units/${unitA}/pin`],
      ['POST', '/api/screening', { title: 'X', periodStart: today, periodEnd: today, units: [{ verksamhet: 'lss', enhet: 'LSS' }] }],
    ];
    for (const [method, path, body] of calls) {
      expect((await server.request(method, path, { token: screenerA, body })).status, `${method} ${path}`).toBe(403);
    }
  });

  it('does not see a campaign its unit is not part of (404) nor list it', async () => {
    expect((await server.request('GET', `/api/screening/${otherId}`, { token: screenerA })).status).toBe(404);
    expect((await server.request('POST', `/api/screening/${otherId}/registrations`, { token: screenerA, body: { unitId: unitA, ...contact } })).status).toBe(404);
    const list = await server.request('GET', '/api/screening', { token: screenerA });
    expect(list.body.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});

describe('other roles', () => {
  it('an analyst of another kommun sees nothing of this kommun (404, empty list)', async () => {
    const token = await userWith('analyst-0180@test.se', { role: 'analyst', kommunkod: '0180' }, '0180');
    expect((await server.request('GET', '/api/screening', { token })).body).toEqual([]);
    for (const path of [`/api/screening/${id}`, `/api/screening/${id}/summary`, `/api/screening/${id}/registrations.csv`, `/api/screening/${id}/follow-up`]) {
      expect((await server.request('GET', path, { token })).status, path).toBe(404);
    }
    expect((await server.request('POST', `/api/screening/${id}/registrations`, { token, body: { unitId: unitA, ...contact } })).status).toBe(404);
    // Nor can it create a month in a kommun it is not analyst in.
    const other = await server.request('POST', '/api/screening', {
      token,
      body: { title: 'X', periodStart: today, periodEnd: today, units: [{ verksamhet: 'lss', enhet: 'LSS' }], kommunkod: '9999' },
    });
    expect(other.status).toBe(403);
  });

  it('a county viewer gets 403 everywhere here', async () => {
    const token = await userWith('lan@test.se', { role: 'county_viewer', lanKod: '99' });
    for (const path of ['/api/screening', `/api/screening/${id}`, `/api/screening/${id}/summary`, `/api/screening/${id}/follow-up`]) {
      expect((await server.request('GET', path, { token })).status, path).toBe(403);
    }
  });

  it('an analyst of the kommun reads every unit but cannot register without a screener role for the unit', async () => {
    const followUp = await server.request('GET', `/api/screening/${id}/follow-up`, { token: admin });
    expect(followUp.body.units).toHaveLength(2);
    expect((await server.request('POST', `/api/screening/${id}/registrations`, { token: admin, body: { unitId: unitA, ...contact } })).status).toBe(403);
  });

  it('exports registrations only with the separate microdata right', async () => {
    const token = await userWith('analytiker-utan-export@test.se', { role: 'analyst', kommunkod: '9999' });
    expect((await server.request('GET', `/api/screening/${id}/summary`, { token })).status).toBe(200);
    const denied = await server.request('GET', `/api/screening/${id}/registrations.csv?purpose=Uppf%C3%B6ljning`, { token });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/behörighet/);
    expect((await server.request('GET', `/api/screening/${id}/registrations.csv?purpose=Uppf%C3%B6ljning`, { token: admin })).status).toBe(200);
  });

  it('requires a login (401)', async () => {
    expect((await server.request('GET', `/api/screening/${id}`)).status).toBe(401);
  });
});
