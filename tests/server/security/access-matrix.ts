/**
 * The role × endpoint matrix (issue 10, item 8): every API endpoint, asked
 * by every kind of caller, against fixtures made fresh for each caller.
 * The expected statuses are the table in docs/access-matrix.md; this file
 * holds the callers, the fixtures and one request ("probe") per row.
 */
import { randomBytes } from 'node:crypto';
import type { TestServer } from '../test-server';
import { ADMIN } from '../test-server';
import { swedishToday } from '../../../server/services/screening-registrations';
import { hashToken } from '../../../server/auth/sessions';

/** The kinds of caller, in the table's column order. */
export const CALLERS = [
  'anonym',
  'ogiltig token',
  'utgången session',
  'avstängd',
  'cookie utan CSRF',
  'admin',
  'analytiker',
  'utan mikrodata',
  'annan kommun',
  'screener A',
  'screener B',
  'enhetslänk A',
  'länsvy',
  'annat län',
] as const;
export type Caller = (typeof CALLERS)[number];

/** What a probe sends. */
export interface ProbeRequest {
  method: string;
  path: string;
  body?: unknown;
  /** A text body (CSV uploads). */
  text?: string;
}

/** Everything a probe may point at: made fresh for each caller. */
export interface Fixture {
  campaignId: string;
  /** A second campaign, closed, for the destructive lifecycle probes. */
  closableId: string;
  code: string;
  paperCode: string;
  screeningId: string;
  unitA: string;
  linkToken: string;
  pin: string;
  registrationId: string;
}

const STRATUM = { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' };
const ANSWERS = { kon: 'kvinna', alder: 25, psykiskt_12m: 'ja', fysiskt_12m: 'nej' };
const registration = {
  datum: swedishToday(),
  kon: 'kvinna',
  aldersgrupp: '30-44',
  tillfragad: 'ja',
  psykiskt: 'ja',
  fysiskt: 'nej',
  sexuellt: 'nej',
  radd: 'nej',
  pagaende: 'nej',
  kand_sedan_tidigare: 'nej',
  stod_erbjudet: 'ja',
  stod_accepterat: 'ja',
};

/**
 * One probe per table row, keyed by the row's label. Each is a request that
 * an allowed caller may make without changing what later rows need (rows
 * that do change something come late in the table: closing, deleting
 * codes, rotating the PIN, logging out).
 */
export const PROBES: Record<string, (f: Fixture) => ProbeRequest> = {
  'GET /healthz': () => ({ method: 'GET', path: '/healthz' }),
  'POST /api/auth/login': () => ({ method: 'POST', path: '/api/auth/login', body: ADMIN }),
  'GET /api/me': () => ({ method: 'GET', path: '/api/me' }),
  'GET /api/templates': () => ({ method: 'GET', path: '/api/templates' }),
  'GET /api/templates/:id': () => ({ method: 'GET', path: '/api/templates/demo' }),
  'POST /api/templates/:id/versions': () => ({ method: 'POST', path: '/api/templates/demo/versions', body: { definition: { kind: 'population' } } }),
  'GET /api/campaigns': () => ({ method: 'GET', path: '/api/campaigns' }),
  'POST /api/campaigns': () => ({ method: 'POST', path: '/api/campaigns', body: { templateId: 'demo', title: 'Matris', kommunkod: '9999' } }),
  'GET /api/campaigns/:id': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}` }),
  'PATCH /api/campaigns/:id': (f) => ({ method: 'PATCH', path: `/api/campaigns/${f.campaignId}`, body: { title: 'Matris' } }),
  'POST /api/campaigns/:id/codes': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/codes`, body: { strata: [{ stratum: STRATUM, count: 1, N: 1000 }] } }),
  'GET /api/campaigns/:id/progress': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/progress` }),
  'GET /api/campaigns/:id/letter-settings': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/letter-settings` }),
  'GET /api/campaigns/:id/unused-codes.csv': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/unused-codes.csv` }),
  'POST /api/campaigns/:id/reminders': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/reminders` }),
  'POST /api/campaigns/:id/paper': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/paper`, body: { code: f.paperCode, answers: ANSWERS, entry: 1 } }),
  'GET /api/campaigns/:id/paper/discrepancies': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/paper/discrepancies` }),
  'POST /api/campaigns/:id/paper/resolve': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/paper/resolve`, body: { code: f.paperCode, answers: ANSWERS } }),
  'GET /api/campaigns/:id/responses': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/responses` }),
  'GET /api/campaigns/:id/responses.csv': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/responses.csv` }),
  'GET /api/campaigns/:id/population-strata.csv': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/population-strata.csv` }),
  'GET /api/campaigns/:id/analysis': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/analysis` }),
  'POST /api/campaigns/:id/analysis': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/analysis`, body: { margins: [], minCell: 5, populationTableIds: [] } }),
  'POST /api/campaigns/:id/analysis.csv': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/analysis.csv`, body: { margins: [], minCell: 5, populationTableIds: [] } }),
  'GET /api/campaigns/:id/registered-tables': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/registered-tables` }),
  'POST /api/campaigns/:id/registered-tables': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/registered-tables?fileName=reg.csv`, text: 'indikator,antal\nutsatt_12m,10\n' }),
  'GET /api/population/:kommunkod': () => ({ method: 'GET', path: '/api/population/9999' }),
  'GET /api/population-years': () => ({ method: 'GET', path: '/api/population-years' }),
  'POST /api/admin/population-years': () => ({ method: 'POST', path: '/api/admin/population-years?fileName=scb.csv', text: 'region,kön,ålder,2024\n"1880 Örebro",kvinnor,"ett år",10\n' }),
  'GET /api/kommuner/:kommunkod/population-tables': () => ({ method: 'GET', path: '/api/kommuner/9999/population-tables' }),
  'POST /api/kommuner/:kommunkod/population-tables': () => ({ method: 'POST', path: '/api/kommuner/9999/population-tables?fileName=omraden.csv', text: 'omrade,antal\nnorr,100\nsyd,200\n' }),
  'GET /api/county/:lanKod/kommuner': () => ({ method: 'GET', path: '/api/county/18/kommuner' }),
  'GET /api/county/:lanKod/comparison': () => ({ method: 'GET', path: '/api/county/18/comparison' }),
  'POST /api/admin/users': () => ({
    method: 'POST',
    path: '/api/admin/users',
    body: { email: `matris-${randomBytes(4).toString('hex')}@example.se`, displayName: 'Matris', kommunkod: '9999', roles: [{ role: 'analyst', kommunkod: '9999' }] },
  }),
  'GET /api/respond/:code': (f) => ({ method: 'GET', path: `/api/respond/${f.code}` }),
  'PUT /api/respond/:code/draft': (f) => ({ method: 'PUT', path: `/api/respond/${f.code}/draft`, body: { answers: ANSWERS } }),
  'POST /api/respond/:code/draft/open': (f) => ({ method: 'POST', path: `/api/respond/${f.code}/draft/open`, body: { verifier: 'A'.repeat(43) } }),
  'DELETE /api/respond/:code/draft': (f) => ({ method: 'DELETE', path: `/api/respond/${f.code}/draft` }),
  'POST /api/respond/:code/submit': (f) => ({ method: 'POST', path: `/api/respond/${f.code}/submit`, body: { submissionId: `matris-${randomBytes(6).toString('hex')}`, answers: ANSWERS } }),
  'GET /api/open/:slug': () => ({ method: 'GET', path: '/api/open/demo' }),
  'POST /api/open/:slug/submit': () => ({ method: 'POST', path: '/api/open/demo/submit', body: { submissionId: `matris-${randomBytes(6).toString('hex')}`, answers: ANSWERS } }),
  'GET /api/screening': () => ({ method: 'GET', path: '/api/screening' }),
  'POST /api/screening': () => ({
    method: 'POST',
    path: '/api/screening',
    body: { title: 'Matris', periodStart: swedishToday(), periodEnd: swedishToday(), units: [{ verksamhet: 'forsorjningsstod', enhet: 'FS' }] },
  }),
  'GET /api/screening/:id': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}` }),
  'PATCH /api/screening/:id': (f) => ({ method: 'PATCH', path: `/api/screening/${f.screeningId}`, body: { title: 'Matris' } }),
  'POST /api/screening/:id/screeners': (f) => ({
    method: 'POST',
    path: `/api/screening/${f.screeningId}/screeners`,
    body: { email: `screener-${randomBytes(4).toString('hex')}@example.se`, displayName: 'Ny', unitIds: [f.unitA] },
  }),
  'GET /api/screening/:id/units/:unitId/registrations': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}/units/${f.unitA}/registrations` }),
  'POST /api/screening/:id/registrations': (f) => ({ method: 'POST', path: `/api/screening/${f.screeningId}/registrations`, body: { unitId: f.unitA, ...registration } }),
  'PUT /api/screening/:id/registrations/:registrationId': (f) => ({
    method: 'PUT',
    path: `/api/screening/${f.screeningId}/registrations/${f.registrationId}`,
    body: { version: 1, ...registration },
  }),
  'GET /api/screening/:id/registrations/:registrationId/changes': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}/registrations/${f.registrationId}/changes` }),
  'GET /api/screening/:id/follow-up': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}/follow-up` }),
  'GET /api/screening/:id/summary': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}/summary` }),
  'GET /api/screening/:id/comparison': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}/comparison?measure=fysiskt` }),
  'GET /api/screening/:id/report': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}/report` }),
  'GET /api/screening/:id/registrations.csv': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}/registrations.csv` }),
  'POST /api/screening/:id/registrations/:registrationId/withdraw': (f) => ({
    method: 'POST',
    path: `/api/screening/${f.screeningId}/registrations/${f.registrationId}/withdraw`,
    body: { version: 2 },
  }),
  'GET /api/screening-link/:token': (f) => ({ method: 'GET', path: `/api/screening-link/${f.linkToken}` }),
  'POST /api/screening-link/:token/session': (f) => ({ method: 'POST', path: `/api/screening-link/${f.linkToken}/session`, body: { pin: f.pin } }),
  'POST /api/campaigns/:id/open': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/open` }),
  'POST /api/campaigns/:id/close': (f) => ({ method: 'POST', path: `/api/campaigns/${f.closableId}/close` }),
  'POST /api/campaigns/:id/delete-codes': (f) => ({ method: 'POST', path: `/api/campaigns/${f.closableId}/delete-codes` }),
  'POST /api/campaigns/:id/archive': (f) => ({ method: 'POST', path: `/api/campaigns/${f.closableId}/archive` }),
  'POST /api/screening/:id/units/:unitId/pin': (f) => ({ method: 'POST', path: `/api/screening/${f.screeningId}/units/${f.unitA}/pin` }),
  'POST /api/auth/logout': () => ({ method: 'POST', path: '/api/auth/logout' }),
};

/** Credentials of one caller: headers to send (none for anonymous). */
export interface Credentials {
  headers: Record<string, string>;
}

async function must(response: { status: number; body: any }, expected: number, what: string) {
  if (response.status !== expected) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Users that do not depend on a fixture, made once per server. */
export interface FixedUsers {
  owner: string;
  admin: { email: string; password: string };
  analyst: { email: string; password: string };
  noMicrodata: { email: string; password: string };
  otherKommun: { email: string; password: string };
  county: { email: string; password: string };
  otherCounty: { email: string; password: string };
  disabled: { email: string; password: string };
}

export async function makeFixedUsers(server: TestServer): Promise<FixedUsers> {
  const owner = await server.login();
  const create = async (email: string, kommunkod: string, roles: unknown[]) => {
    const body = await must(await server.request('POST', '/api/admin/users', { token: owner, body: { email, displayName: email, kommunkod, roles } }), 201, `user ${email}`);
    return { email, password: body.password as string };
  };
  const disabled = await create('avstangd@matris.se', '9999', [{ role: 'analyst', kommunkod: '9999', microdataExport: true }]);
  await server.db.query('update users set disabled = true where email = $1', [disabled.email]);
  return {
    owner,
    admin: await create('admin@matris.se', '9999', [{ role: 'admin' }]),
    analyst: await create('analytiker@matris.se', '9999', [{ role: 'analyst', kommunkod: '9999', microdataExport: true }]),
    noMicrodata: await create('utan@matris.se', '9999', [{ role: 'analyst', kommunkod: '9999' }]),
    otherKommun: await create('orebro@matris.se', '1880', [{ role: 'analyst', kommunkod: '1880', microdataExport: true }]),
    county: await create('lan@matris.se', '1880', [{ role: 'county_viewer', lanKod: '18' }]),
    otherCounty: await create('lan01@matris.se', '0180', [{ role: 'county_viewer', lanKod: '01' }]),
    disabled,
  };
}

/** A fresh fixture (campaigns, codes, a screening month with two units, a registration) and the fixture's screeners. */
export async function makeFixture(server: TestServer, owner: string): Promise<{ fixture: Fixture; screenerA: { email: string; password: string }; screenerB: { email: string; password: string } }> {
  const campaign = async () => {
    const { id } = await must(await server.request('POST', '/api/campaigns', { token: owner, body: { templateId: 'demo', title: 'Matris' } }), 201, 'campaign');
    const issued = await must(await server.request('POST', `/api/campaigns/${id}/codes`, { token: owner, body: { strata: [{ stratum: STRATUM, count: 3, N: 1000 }] } }), 201, 'codes');
    await must(await server.request('POST', `/api/campaigns/${id}/open`, { token: owner }), 200, 'open');
    return { id: id as string, codes: (issued.codes as { code: string }[]).map((c) => c.code) };
  };
  const main = await campaign();
  const closable = await campaign();
  const screening = await must(
    await server.request('POST', '/api/screening', {
      token: owner,
      body: { title: 'Matris', periodStart: swedishToday(), periodEnd: swedishToday(), units: [{ verksamhet: 'forsorjningsstod', enhet: 'A' }, { verksamhet: 'oppenvard', enhet: 'B' }] },
    }),
    201,
    'screening',
  );
  const view = await must(await server.request('GET', `/api/screening/${screening.id}`, { token: owner }), 200, 'screening view');
  const unit = (enhet: string) => view.units.find((u: { enhet: string }) => u.enhet === enhet);
  const screener = async (unitId: string) => {
    const email = `screener-${randomBytes(4).toString('hex')}@matris.se`;
    const body = await must(await server.request('POST', `/api/screening/${screening.id}/screeners`, { token: owner, body: { email, displayName: email, unitIds: [unitId] } }), 201, 'screener');
    return { email, password: body.password as string };
  };
  const pin = await must(await server.request('POST', `/api/screening/${screening.id}/units/${unit('A').unitId}/pin`, { token: owner }), 200, 'pin');
  const screenerA = await screener(unit('A').unitId);
  const screenerB = await screener(unit('B').unitId);
  const registered = await must(
    await server.request('POST', `/api/screening/${screening.id}/registrations`, {
      token: await server.login(screenerA.email, screenerA.password),
      body: { unitId: unit('A').unitId, ...registration },
    }),
    201,
    'registration',
  );
  return {
    fixture: {
      campaignId: main.id,
      closableId: closable.id,
      code: main.codes[0],
      paperCode: main.codes[1],
      screeningId: screening.id,
      unitA: unit('A').unitId,
      linkToken: unit('A').linkToken,
      pin: pin.pin,
      registrationId: registered.id,
    },
    screenerA,
    screenerB,
  };
}

async function loginHeaders(server: TestServer, user: { email: string; password: string }): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await server.login(user.email, user.password)}` };
}

/** The credentials of one caller, against its fixture. */
export async function credentialsOf(caller: Caller, server: TestServer, users: FixedUsers, made: Awaited<ReturnType<typeof makeFixture>>): Promise<Credentials> {
  switch (caller) {
    case 'anonym':
      return { headers: {} };
    case 'ogiltig token':
      return { headers: { authorization: `Bearer ${randomBytes(32).toString('base64url')}` } };
    case 'utgången session': {
      const headers = await loginHeaders(server, users.analyst);
      const token = headers.authorization.slice('Bearer '.length);
      await server.db.query(`update sessions set expires_at = now() - interval '1 minute' where token_hash = $1`, [hashToken(token)]);
      return { headers };
    }
    case 'avstängd': {
      // Logged in before the account was disabled: the session no longer counts.
      await server.db.query('update users set disabled = false where email = $1', [users.disabled.email]);
      const headers = await loginHeaders(server, users.disabled);
      await server.db.query('update users set disabled = true where email = $1', [users.disabled.email]);
      return { headers };
    }
    case 'cookie utan CSRF': {
      const response = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(users.analyst) });
      const cookie = response.headers.get('set-cookie')!.split(';')[0];
      return { headers: { cookie } };
    }
    case 'admin':
      return { headers: await loginHeaders(server, users.admin) };
    case 'analytiker':
      return { headers: await loginHeaders(server, users.analyst) };
    case 'utan mikrodata':
      return { headers: await loginHeaders(server, users.noMicrodata) };
    case 'annan kommun':
      return { headers: await loginHeaders(server, users.otherKommun) };
    case 'screener A':
      return { headers: await loginHeaders(server, made.screenerA) };
    case 'screener B':
      return { headers: await loginHeaders(server, made.screenerB) };
    case 'enhetslänk A': {
      const session = await server.request('POST', `/api/screening-link/${made.fixture.linkToken}/session`, { body: { pin: made.fixture.pin } });
      return { headers: { authorization: `Bearer ${session.body.token}` } };
    }
    case 'länsvy':
      return { headers: await loginHeaders(server, users.county) };
    case 'annat län':
      return { headers: await loginHeaders(server, users.otherCounty) };
  }
}

/** The table of docs/access-matrix.md: rows in order, each with the expected status per caller. */
export interface MatrixTable {
  callers: string[];
  rows: { label: string; expected: Record<string, number> }[];
}

export function parseMatrix(markdown: string): MatrixTable {
  const all = markdown.split('\n');
  const start = all.findIndex((line) => line.startsWith('| endpoint |'));
  const end = all.findIndex((line, i) => i > start && !line.startsWith('|'));
  const lines = all.slice(start, end < 0 ? undefined : end);
  const cells = (line: string) => line.slice(1, -1).split('|').map((cell) => cell.trim());
  const header = cells(lines[0]);
  const callers = header.slice(1);
  const rows = lines.slice(2).map((line) => {
    const [label, ...statuses] = cells(line);
    return { label: label.replace(/`/g, ''), expected: Object.fromEntries(callers.map((caller, i) => [caller, Number(statuses[i])])) };
  });
  return { callers, rows };
}

export function formatMatrix(callers: readonly string[], rows: { label: string; actual: Record<string, number> }[]): string {
  const header = `| endpoint | ${callers.join(' | ')} |`;
  const rule = `|---|${callers.map(() => '---').join('|')}|`;
  return [header, rule, ...rows.map((row) => `| \`${row.label}\` | ${callers.map((c) => row.actual[c]).join(' | ')} |`)].join('\n');
}

/** Sends a probe with a caller's credentials (cookie callers: no CSRF header); returns the status. */
export async function send(server: TestServer, probe: ProbeRequest, credentials: Credentials): Promise<number> {
  const headers: Record<string, string> = { ...credentials.headers };
  let body: string | undefined;
  if (probe.text !== undefined) {
    headers['content-type'] = 'text/csv; charset=utf-8';
    body = probe.text;
  } else if (probe.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(probe.body);
  }
  const response = await fetch(server.url + probe.path, { method: probe.method, headers, body });
  await response.arrayBuffer();
  await server.responseStore.settled();
  return response.status;
}
