/**
 * The role × endpoint matrix (issue 10, item 8): every API endpoint, asked
 * by every kind of caller, against fixtures made fresh for each caller.
 * The expected statuses are the table in docs/access-matrix.md; this file
 * holds the callers, the fixtures and one request ("probe") per row.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { TestServer } from '../test-server';
import { ADMIN } from '../test-server';
import { swedishToday } from '../../../server/services/screening-registrations';
import { hashToken } from '../../../server/auth/sessions';
import { parseCsv } from '../../../domain/csv';

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
  /** A third campaign, open with codes and never answered: back to draft, then deleted. */
  spareId: string;
  /** A population table of 9999, uploaded by the owner: switched off, then deleted. */
  populationTableId: string;
  /** Figures published from the main campaign. */
  figuresId: string;
  /** An invited account of 9999 for the admin's account probes (rename, reset password, new link). */
  accountId: string;
  /** Unused invitation links of two more accounts: one to look up, one to accept. */
  inviteToken: string;
  acceptToken: string;
  /** A class-link campaign (mode classes) with one class. */
  classCampaignId: string;
  classId: string;
  /** An inventory month (template inventering) with the same units A and B, so the screeners and unit link of A reach its unit A. */
  inventoryId: string;
  /** The version of the demo template, for its translation review. */
  demoVersion: number;
  /** The header and first line of befolkningsenkat's English translator sheet: imported back, it saves a kommun copy no fixture uses. */
  translationCsv: string;
}

/** The purpose a microdata export states (contracts/exports.ts). */
const PURPOSE = `purpose=${encodeURIComponent('Kontroll av åtkomstmatrisen')}`;
/** A kommun no fixture uses: the admin's writes to kommun settings go here, so campaigns of 9999 start alike for every caller. */
const ADMIN_KOMMUN = '1814';
const ANALYSIS = { margins: [], minCell: 5, populationTableIds: [] };
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
 * codes, rotating the PIN, back to draft, deleting a campaign or a
 * population table, the retention job, logging out). Each probe that
 * renames, resets, accepts or deletes has an object of its own in the
 * caller's fixture.
 */
export const PROBES: Record<string, (f: Fixture) => ProbeRequest> = {
  'GET /healthz': () => ({ method: 'GET', path: '/healthz' }),
  'POST /api/auth/login': () => ({ method: 'POST', path: '/api/auth/login', body: ADMIN }),
  'GET /api/me': () => ({ method: 'GET', path: '/api/me' }),
  'GET /api/templates': () => ({ method: 'GET', path: '/api/templates' }),
  'GET /api/templates/:id': () => ({ method: 'GET', path: '/api/templates/demo' }),
  'POST /api/templates/:id/versions': () => ({ method: 'POST', path: '/api/templates/demo/versions', body: { definition: { kind: 'population' } } }),
  'GET /api/templates/:id/languages': () => ({ method: 'GET', path: '/api/templates/demo/languages' }),
  'GET /api/templates/:id/translations/:lang.csv': () => ({ method: 'GET', path: '/api/templates/demo/translations/en.csv' }),
  'POST /api/templates/:id/translations/:lang': (f) => ({ method: 'POST', path: '/api/templates/befolkningsenkat/translations/en?fileName=oversattning-en.csv', text: f.translationCsv }),
  'POST /api/templates/:id/translations/:lang/review': (f) => ({ method: 'POST', path: '/api/templates/demo/translations/en/review', body: { version: f.demoVersion, reviewer: 'Matris Granskare' } }),
  'GET /api/locales/ui': () => ({ method: 'GET', path: '/api/locales/ui' }),
  'GET /api/locales/ui/:lang': () => ({ method: 'GET', path: '/api/locales/ui/en' }),
  'POST /api/locales/ui/:lang/review': () => ({ method: 'POST', path: '/api/locales/ui/en/review', body: { reviewer: 'Matris Granskare' } }),
  'GET /api/campaigns': () => ({ method: 'GET', path: '/api/campaigns' }),
  'POST /api/campaigns': () => ({ method: 'POST', path: '/api/campaigns', body: { templateId: 'demo', title: 'Matris', kommunkod: '9999' } }),
  'GET /api/campaigns/:id': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}` }),
  'PATCH /api/campaigns/:id': (f) => ({ method: 'PATCH', path: `/api/campaigns/${f.campaignId}`, body: { title: 'Matris' } }),
  'POST /api/campaigns/:id/codes': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/codes`, body: { strata: [{ stratum: STRATUM, count: 1, N: 1000 }] } }),
  'POST /api/campaigns/:id/classes': (f) => ({
    method: 'POST',
    path: `/api/campaigns/${f.classCampaignId}/classes`,
    body: { classes: [{ skola: 'Matrisskolan', klass: `9${randomBytes(3).toString('hex')}`, arskurs: '9', elever: 25 }] },
  }),
  'PATCH /api/campaigns/:id/classes/:classId': (f) => ({ method: 'PATCH', path: `/api/campaigns/${f.classCampaignId}/classes/${f.classId}`, body: { elever: 30 } }),
  'GET /api/campaigns/:id/classes': (f) => ({ method: 'GET', path: `/api/campaigns/${f.classCampaignId}/classes` }),
  'GET /api/campaigns/:id/progress': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/progress` }),
  'GET /api/campaigns/:id/letter-settings': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/letter-settings` }),
  'GET /api/campaigns/:id/unused-codes.csv': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/unused-codes.csv` }),
  'POST /api/campaigns/:id/reminders': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/reminders` }),
  'POST /api/campaigns/:id/paper': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/paper`, body: { code: f.paperCode, answers: ANSWERS, entry: 1 } }),
  'GET /api/campaigns/:id/paper/discrepancies': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/paper/discrepancies` }),
  'POST /api/campaigns/:id/paper/resolve': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/paper/resolve`, body: { code: f.paperCode, answers: ANSWERS } }),
  'GET /api/campaigns/:id/responses': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/responses?${PURPOSE}` }),
  'GET /api/campaigns/:id/responses.csv': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/responses.csv?${PURPOSE}` }),
  'GET /api/campaigns/:id/population-strata.csv': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/population-strata.csv` }),
  'GET /api/campaigns/:id/analysis': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/analysis` }),
  'POST /api/campaigns/:id/analysis': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/analysis`, body: ANALYSIS }),
  'POST /api/campaigns/:id/analysis.csv': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/analysis.csv`, body: ANALYSIS }),
  'GET /api/campaigns/:id/published-figures': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/published-figures` }),
  'GET /api/campaigns/:id/published-figures/:figuresId': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/published-figures/${f.figuresId}` }),
  'POST /api/campaigns/:id/published-figures': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/published-figures`, body: { title: 'Matris', analysis: ANALYSIS } }),
  'GET /api/campaigns/:id/registered-tables': (f) => ({ method: 'GET', path: `/api/campaigns/${f.campaignId}/registered-tables` }),
  'POST /api/campaigns/:id/registered-tables': (f) => ({ method: 'POST', path: `/api/campaigns/${f.campaignId}/registered-tables?fileName=reg.csv`, text: 'indikator,antal\nutsatt_12m,10\n' }),
  'GET /api/population/:kommunkod': () => ({ method: 'GET', path: '/api/population/9999' }),
  'GET /api/population-years': () => ({ method: 'GET', path: '/api/population-years' }),
  'POST /api/admin/population-years': () => ({ method: 'POST', path: '/api/admin/population-years?fileName=scb.csv', text: 'region,kön,ålder,2024\n"1880 Örebro",kvinnor,"ett år",10\n' }),
  'GET /api/kommuner/:kommunkod/population-tables': () => ({ method: 'GET', path: '/api/kommuner/9999/population-tables' }),
  'POST /api/kommuner/:kommunkod/population-tables': () => ({ method: 'POST', path: '/api/kommuner/9999/population-tables?fileName=omraden.csv', text: 'omrade,antal\nnorr,100\nsyd,200\n' }),
  'PATCH /api/kommuner/:kommunkod/population-tables/:id': (f) => ({ method: 'PATCH', path: `/api/kommuner/9999/population-tables/${f.populationTableId}`, body: { active: false } }),
  'GET /api/kommuner/:kommunkod/settings': () => ({ method: 'GET', path: '/api/kommuner/9999/settings' }),
  'GET /api/county/:lanKod/kommuner': () => ({ method: 'GET', path: '/api/county/18/kommuner' }),
  'GET /api/county/:lanKod/comparison': () => ({ method: 'GET', path: '/api/county/18/comparison' }),
  'POST /api/admin/users': () => ({
    method: 'POST',
    path: '/api/admin/users',
    body: { email: `matris-${randomBytes(4).toString('hex')}@example.se`, displayName: 'Matris', kommunkod: '9999', roles: [{ role: 'analyst', kommunkod: '9999' }] },
  }),
  'GET /api/admin/users': () => ({ method: 'GET', path: '/api/admin/users' }),
  'PATCH /api/admin/users/:id': (f) => ({ method: 'PATCH', path: `/api/admin/users/${f.accountId}`, body: { displayName: 'Matris omdöpt' } }),
  'POST /api/admin/users/:id/password': (f) => ({ method: 'POST', path: `/api/admin/users/${f.accountId}/password` }),
  'POST /api/admin/users/:id/invite': (f) => ({ method: 'POST', path: `/api/admin/users/${f.accountId}/invite` }),
  'GET /api/admin/audit': () => ({ method: 'GET', path: '/api/admin/audit?limit=5' }),
  'GET /api/admin/audit.csv': () => ({ method: 'GET', path: '/api/admin/audit.csv?limit=5' }),
  'GET /api/admin/audit/actions': () => ({ method: 'GET', path: '/api/admin/audit/actions' }),
  'GET /api/admin/setup': () => ({ method: 'GET', path: '/api/admin/setup' }),
  // Choosing the installation's kommun is once only and would make the admin an analyst: the demo kommun is refused (400) after the access check.
  'POST /api/admin/setup': () => ({ method: 'POST', path: '/api/admin/setup', body: { kommunkod: '9999' } }),
  'GET /api/admin/kommuner': () => ({ method: 'GET', path: '/api/admin/kommuner' }),
  'GET /api/admin/kommuner/:kommunkod/settings': () => ({ method: 'GET', path: '/api/admin/kommuner/9999/settings' }),
  'PUT /api/admin/kommuner/:kommunkod/settings': () => ({ method: 'PUT', path: `/api/admin/kommuner/${ADMIN_KOMMUN}/settings`, body: { minCell: 5 } }),
  'POST /api/admin/kommuner/:kommunkod/areas.csv': () => ({ method: 'POST', path: `/api/admin/kommuner/${ADMIN_KOMMUN}/areas.csv?fileName=omraden.csv`, text: 'kod,namn\nnorr,Norr\n' }),
  'POST /api/admin/kommuner/:kommunkod/units': () => ({ method: 'POST', path: `/api/admin/kommuner/${ADMIN_KOMMUN}/units`, body: { verksamhet: 'forsorjningsstod', enhet: 'Matris' } }),
  // Anyone logged in may change their own password; a wrong current password is refused (400) after the access check, so no caller's password changes.
  'POST /api/auth/password': () => ({ method: 'POST', path: '/api/auth/password', body: { currentPassword: 'inte-det-nuvarande', newPassword: `Matris-${randomBytes(8).toString('hex')}` } }),
  'GET /api/auth/invite/:token': (f) => ({ method: 'GET', path: `/api/auth/invite/${f.inviteToken}` }),
  'POST /api/auth/invite/:token': (f) => ({ method: 'POST', path: `/api/auth/invite/${f.acceptToken}`, body: { password: `Matris-${randomBytes(8).toString('hex')}` } }),
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
  'GET /api/screening/:id/registrations.csv': (f) => ({ method: 'GET', path: `/api/screening/${f.screeningId}/registrations.csv?${PURPOSE}` }),
  'GET /api/screening/:id/units/:unitId/inventory': (f) => ({ method: 'GET', path: `/api/screening/${f.inventoryId}/units/${f.unitA}/inventory` }),
  'PUT /api/screening/:id/units/:unitId/inventory': (f) => ({ method: 'PUT', path: `/api/screening/${f.inventoryId}/units/${f.unitA}/inventory`, body: { version: 0, counts: [] } }),
  'GET /api/screening/:id/inventory': (f) => ({ method: 'GET', path: `/api/screening/${f.inventoryId}/inventory` }),
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
  'POST /api/campaigns/:id/reopen-draft': (f) => ({ method: 'POST', path: `/api/campaigns/${f.spareId}/reopen-draft` }),
  'DELETE /api/campaigns/:id': (f) => ({ method: 'DELETE', path: `/api/campaigns/${f.spareId}` }),
  'DELETE /api/kommuner/:kommunkod/population-tables/:id': (f) => ({ method: 'DELETE', path: `/api/kommuner/9999/population-tables/${f.populationTableId}` }),
  'POST /api/admin/retention/run': () => ({ method: 'POST', path: '/api/admin/retention/run' }),
  'POST /api/auth/logout': () => ({ method: 'POST', path: '/api/auth/logout' }),
};

/** Credentials of one caller: headers to send (none for anonymous), and the loopback address it connects from. */
export interface Credentials {
  headers: Record<string, string>;
  /**
   * Each kind of caller is its own client (127.0.0.10, .11, …), so limits
   * per address (e.g. 20 password checks and invitation look-ups per 10
   * minutes) count one caller's probes, not the whole table's.
   */
  address: string;
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
  const spare = await campaign();
  const table = await must(
    await server.request('POST', '/api/kommuner/9999/population-tables?fileName=matris.csv', {
      token: owner,
      body: 'omrade,antal\nnorr,100\nsyd,200\n',
      headers: { 'content-type': 'text/csv' },
    }),
    201,
    'population table',
  );
  // Figures need an answer: the third code of the main campaign answers (the first two are the respondent and paper probes').
  await must(
    await server.request('POST', `/api/respond/${main.codes[2]}/submit`, { body: { submissionId: `matris-${randomBytes(6).toString('hex')}`, answers: ANSWERS } }),
    201,
    'answer',
  );
  const figures = await must(
    await server.request('POST', `/api/campaigns/${main.id}/published-figures`, { token: owner, body: { title: 'Matris', analysis: ANALYSIS } }),
    201,
    'published figures',
  );
  const invited = async () =>
    must(
      await server.request('POST', '/api/admin/users', {
        token: owner,
        body: { email: `inbjuden-${randomBytes(4).toString('hex')}@matris.se`, displayName: 'Inbjuden', kommunkod: '9999', roles: [{ role: 'analyst', kommunkod: '9999' }], invite: 'link' },
      }),
      201,
      'invited account',
    ) as Promise<{ id: string; invite: { token: string } }>;
  const [account, lookedUp, accepted] = [await invited(), await invited(), await invited()];
  const classCampaign = await must(
    await server.request('POST', '/api/campaigns', { token: owner, body: { templateId: 'demo', title: 'Matris klasser', mode: 'classes' } }),
    201,
    'class campaign',
  );
  const classes = await must(
    await server.request('POST', `/api/campaigns/${classCampaign.id}/classes`, { token: owner, body: { classes: [{ skola: 'Matrisskolan', klass: '9A', arskurs: '9', elever: 25 }] } }),
    201,
    'classes',
  );
  const demo = await must(await server.request('GET', '/api/templates/demo', { token: owner }), 200, 'demo template');
  const sheet = await must(await server.request('GET', '/api/templates/befolkningsenkat/translations/en.csv', { token: owner }), 200, 'translator sheet');
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
  const inventory = await must(
    await server.request('POST', '/api/screening', {
      token: owner,
      body: {
        title: 'Matris inventering',
        templateId: 'inventering',
        periodStart: swedishToday(),
        periodEnd: swedishToday(),
        units: [{ verksamhet: 'forsorjningsstod', enhet: 'A' }, { verksamhet: 'oppenvard', enhet: 'B' }],
      },
    }),
    201,
    'inventory month',
  );
  const inventoryView = await must(await server.request('GET', `/api/screening/${inventory.id}`, { token: owner }), 200, 'inventory view');
  // Units belong to the kommun: the inventory month's unit A is the screening month's.
  if (inventoryView.units.find((u: { enhet: string }) => u.enhet === 'A')?.unitId !== unit('A').unitId) throw new Error('the inventory month has another unit A');
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
      spareId: spare.id,
      populationTableId: table.id,
      figuresId: figures.id,
      accountId: account.id,
      inviteToken: lookedUp.invite.token,
      acceptToken: accepted.invite.token,
      classCampaignId: classCampaign.id,
      classId: classes.classes[0].id,
      inventoryId: inventory.id,
      demoVersion: demo.version,
      translationCsv: firstTranslationLine(sheet as string),
    },
    screenerA,
    screenerB,
  };
}

/**
 * The header and first text of a translator sheet, comma-separated (the
 * import reads either delimiter): the fuzz suite's malformed variants of an
 * upload assume commas.
 */
function firstTranslationLine(sheet: string): string {
  const { rows } = parseCsv(sheet, 'oversattning-en.csv');
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const { id, sv, en } = rows[0].values;
  return `id,sv,en\n${id},${quote(sv)},${quote(en)}\n`;
}

async function loginHeaders(server: TestServer, user: { email: string; password: string }): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await server.login(user.email, user.password)}` };
}

/** The credentials of one caller, against its fixture. */
export async function credentialsOf(caller: Caller, server: TestServer, users: FixedUsers, made: Awaited<ReturnType<typeof makeFixture>>): Promise<Credentials> {
  return { headers: await headersOf(caller, server, users, made), address: `127.0.0.${10 + CALLERS.indexOf(caller)}` };
}

async function headersOf(caller: Caller, server: TestServer, users: FixedUsers, made: Awaited<ReturnType<typeof makeFixture>>): Promise<Record<string, string>> {
  switch (caller) {
    case 'anonym':
      return {};
    case 'ogiltig token':
      return { authorization: `Bearer ${randomBytes(32).toString('base64url')}` };
    case 'utgången session': {
      const headers = await loginHeaders(server, users.analyst);
      const token = headers.authorization.slice('Bearer '.length);
      await server.db.query(`update sessions set expires_at = now() - interval '1 minute' where token_hash = $1`, [hashToken(token)]);
      return headers;
    }
    case 'avstängd': {
      // Logged in before the account was disabled: the session no longer counts.
      await server.db.query('update users set disabled = false where email = $1', [users.disabled.email]);
      const headers = await loginHeaders(server, users.disabled);
      await server.db.query('update users set disabled = true where email = $1', [users.disabled.email]);
      return headers;
    }
    case 'cookie utan CSRF': {
      const response = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(users.analyst) });
      const cookie = response.headers.get('set-cookie')!.split(';')[0];
      return { cookie };
    }
    case 'admin':
      return loginHeaders(server, users.admin);
    case 'analytiker':
      return loginHeaders(server, users.analyst);
    case 'utan mikrodata':
      return loginHeaders(server, users.noMicrodata);
    case 'annan kommun':
      return loginHeaders(server, users.otherKommun);
    case 'screener A':
      return loginHeaders(server, made.screenerA);
    case 'screener B':
      return loginHeaders(server, made.screenerB);
    case 'enhetslänk A': {
      const session = await server.request('POST', `/api/screening-link/${made.fixture.linkToken}/session`, { body: { pin: made.fixture.pin } });
      return { authorization: `Bearer ${session.body.token}` };
    }
    case 'länsvy':
      return loginHeaders(server, users.county);
    case 'annat län':
      return loginHeaders(server, users.otherCounty);
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

/** Sends a probe with a caller's credentials (cookie callers: no CSRF header) from the caller's address; returns the status. */
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
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const url = new URL(server.url + probe.path);
  const status = await new Promise<number>((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: probe.method, headers, localAddress: credentials.address },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode!));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  await server.responseStore.settled();
  return status;
}
