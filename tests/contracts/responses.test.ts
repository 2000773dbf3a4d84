/**
 * The server's answers parse with the response schemas of contracts/: the
 * type-check proves the services' types fit the contracts, this proves the
 * JSON on the wire does too (dates as strings, counts as numbers, no field
 * missing) on the real server with a real database. On PostgreSQL:
 * `npm run test:pg -- npx vitest run tests/contracts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  adminUserListResponse,
  adminUserResponse,
  auditActionsResponse,
  auditResponse,
  createUserResponse,
  inviteLinkResponse,
  kommunListResponse,
  kommunSettingsResponse,
  resetPasswordResponse,
  setupResponse,
  unitResponse,
} from '../../contracts/admin';
import { inviteInfoResponse } from '../../contracts/auth';
import { publishedFiguresListResponse, publishedFiguresResponse } from '../../contracts/retention';
import { analysisResponse, analysisSetupResponse } from '../../contracts/analysis';
import { loginResponse, meResponse } from '../../contracts/auth';
import { campaignListResponse } from '../../contracts/campaigns';
import { createdResponse, errorResponse } from '../../contracts/common';
import { countyComparisonResponse, countyKommunerResponse } from '../../contracts/county';
import { exportedResponsesResponse } from '../../contracts/exports';
import {
  campaignDetailResponse,
  deleteCodesResponse,
  issueCodesResponse,
  progressResponse,
  reminderWaveResponse,
  statusChangeResponse,
} from '../../contracts/fieldwork';
import { paperDiscrepanciesResponse, paperOutcomeResponse } from '../../contracts/paper';
import { populationResponse, populationTableListResponse, populationTableSummary, registeredTableSummary, scbPopulationYearListResponse } from '../../contracts/population';
import {
  comparisonResponse,
  createScreenerResponse,
  followUpResponse,
  registrationChangesResponse,
  registrationListResponse,
  registrationResponse,
  reportResponse,
  rotatePinResponse,
  screeningListResponse,
  screeningViewResponse,
  summaryResponse,
  unitLinkResponse,
  unitLinkSessionResponse,
} from '../../contracts/screening';
import { savedTemplateResponse, templateListResponse, templateVersionResponse } from '../../contracts/templates';
import { swedishToday } from '../../server/services/screening-registrations';
import { ANSWERS, newSubmissionId, STRATA } from '../server/fieldwork-helpers';
import { startTestServer, type TestServer } from '../server/test-server';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

/** Calls the API and parses the answer with the schema; the zod issues are the failure message. */
async function expectAnswer(schema: z.ZodType, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}, status = 200) {
  const response = await server.request(method, path, { token, ...options });
  expect([method, path, response.status], JSON.stringify(response.body)).toEqual([method, path, status]);
  const parsed = schema.safeParse(response.body);
  expect(parsed.success ? [] : parsed.error.issues, `${method} ${path}`).toEqual([]);
  return response.body;
}

describe('the answers match contracts/', () => {
  it('auth, campaigns, fieldwork, paper and exports', async () => {
    await expectAnswer(loginResponse, 'POST', '/api/auth/login', { token: undefined, body: { email: 'admin@test.se', password: 'test-password-123' } });
    await expectAnswer(meResponse, 'GET', '/api/me');
    const { id } = await expectAnswer(createdResponse, 'POST', '/api/campaigns', { body: { templateId: 'demo', title: 'Kontraktsprov' } }, 201);
    await expectAnswer(campaignListResponse, 'GET', '/api/campaigns');
    await expectAnswer(campaignDetailResponse, 'PATCH', `/api/campaigns/${id}`, {
      body: { periodStart: '2025-01-01', contact: { name: 'Socialtjänsten', phone: '010-000 00 00' }, areas: [{ code: 'norr', name: { default: 'Norr', en: 'North' } }] },
    });
    const { codes } = await expectAnswer(issueCodesResponse, 'POST', `/api/campaigns/${id}/codes`, { body: { strata: STRATA } }, 201);
    await expectAnswer(statusChangeResponse, 'POST', `/api/campaigns/${id}/open`);
    await server.request('POST', `/api/respond/${codes[0].code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    await expectAnswer(paperOutcomeResponse, 'POST', `/api/campaigns/${id}/paper`, { body: { code: codes[1].code, answers: ANSWERS } }, 201);
    await expectAnswer(paperOutcomeResponse, 'POST', `/api/campaigns/${id}/paper`, { body: { code: codes[2].code, answers: ANSWERS, entry: 1 } });
    await expectAnswer(paperOutcomeResponse, 'POST', `/api/campaigns/${id}/paper`, { body: { code: codes[2].code, answers: { ...ANSWERS, kon: 'man' }, entry: 2 } });
    const discrepancies = await expectAnswer(paperDiscrepanciesResponse, 'GET', `/api/campaigns/${id}/paper/discrepancies`);
    expect(discrepancies).toHaveLength(1);
    await expectAnswer(reminderWaveResponse, 'POST', `/api/campaigns/${id}/reminders`, {}, 201);
    const progress = await expectAnswer(progressResponse, 'GET', `/api/campaigns/${id}/progress`);
    expect(progress.byMode).toEqual({ web: 1, paper: 1 });
    const detail = await expectAnswer(campaignDetailResponse, 'GET', `/api/campaigns/${id}`);
    expect(detail.counts.responses).toBe(2);
    const exported = await expectAnswer(exportedResponsesResponse, 'GET', `/api/campaigns/${id}/responses?purpose=Test%20av%20exporten`);
    expect(exported).toHaveLength(2);
    await expectAnswer(statusChangeResponse, 'POST', `/api/campaigns/${id}/close`);
    await expectAnswer(deleteCodesResponse, 'POST', `/api/campaigns/${id}/delete-codes`);
    await expectAnswer(errorResponse, 'POST', `/api/campaigns/${id}/open`, {}, 409);
  });

  it('templates, population tables and the analysis', async () => {
    await expectAnswer(templateListResponse, 'GET', '/api/templates');
    const template = await expectAnswer(templateVersionResponse, 'GET', '/api/templates/demo');
    await expectAnswer(savedTemplateResponse, 'POST', '/api/templates/demo/versions', { body: { definition: { ...template.definition, title: 'Demo, kommunens version' } } }, 201);

    await expectAnswer(populationResponse, 'GET', '/api/population/1880?ageGroups=18-29,30-44,45-64,65-85');
    await expectAnswer(populationResponse, 'GET', '/api/population/1880?ageGroups=18-29,30-44,45-64,65-85&year=2019');
    await expectAnswer(scbPopulationYearListResponse, 'GET', '/api/population-years');
    const upload = { headers: { 'content-type': 'text/csv; charset=utf-8' } };
    await expectAnswer(populationTableSummary, 'POST', '/api/kommuner/9999/population-tables?name=Omr%C3%A5den', { ...upload, body: 'omrade,antal\nnorr,4000\nsyd,3000\n' }, 201);
    await expectAnswer(populationTableListResponse, 'GET', '/api/kommuner/9999/population-tables');

    const { id } = await expectAnswer(createdResponse, 'POST', '/api/campaigns', { body: { templateId: 'demo', title: 'Analysprov' } }, 201);
    const { codes } = await expectAnswer(issueCodesResponse, 'POST', `/api/campaigns/${id}/codes`, { body: { strata: STRATA } }, 201);
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    for (const [i, { code }] of codes.entries()) {
      const answers = { ...ANSWERS, kon: i % 2 === 0 ? 'kvinna' : 'man', alder: 20 + 10 * i, psykiskt_12m: i === 0 ? 'ja' : 'nej' };
      await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers } });
    }
    await expectAnswer(registeredTableSummary, 'POST', `/api/campaigns/${id}/registered-tables?name=REG&period=2024`, { ...upload, body: 'indikator,antal\nutsatt_12m,7\n' }, 201);
    const setup = await expectAnswer(analysisSetupResponse, 'GET', `/api/campaigns/${id}/analysis`);
    const analysis = await expectAnswer(analysisResponse, 'POST', `/api/campaigns/${id}/analysis`, {
      body: { margins: [], by: [['kon']], minCell: 1, useScb: true, populationTableIds: [], registeredTableId: setup.registeredTables[0].id },
    });
    expect(analysis.estimates.length).toBeGreaterThan(0);
    expect(analysis.darkFigure.length).toBeGreaterThan(0);
  });

  it('the screening month', async () => {
    const today = swedishToday();
    const { id } = await expectAnswer(createdResponse, 'POST', '/api/screening', {
      body: { title: 'Kontraktsprov', periodStart: today, periodEnd: today, units: [{ verksamhet: 'forsorjningsstod', enhet: 'Försörjningsstöd' }] },
    }, 201);
    await expectAnswer(screeningListResponse, 'GET', '/api/screening');
    const view = await expectAnswer(screeningViewResponse, 'GET', `/api/screening/${id}`);
    const unitId = view.units[0].unitId as string;
    await expectAnswer(createScreenerResponse, 'POST', `/api/screening/${id}/screeners`, { body: { email: 'screener@kontrakt.se', displayName: 'Screener', unitIds: [unitId] } }, 201);
    const { pin, linkToken } = await expectAnswer(rotatePinResponse, 'POST', `/api/screening/${id}/units/${unitId}/pin`);
    await expectAnswer(unitLinkResponse, 'GET', `/api/screening-link/${linkToken}`, { token: undefined });
    const session = await expectAnswer(unitLinkSessionResponse, 'POST', `/api/screening-link/${linkToken}/session`, { token: undefined, body: { pin } });
    const unit = session.token as string;
    const fields = { datum: today, kon: 'kvinna', aldersgrupp: '30-44', tillfragad: 'ja', psykiskt: 'ja', fysiskt: 'nej', sexuellt: 'vill_ej_svara', radd: 'nej', pagaende: 'ja', kand_sedan_tidigare: 'nej', stod_erbjudet: 'ja', stod_accepterat: 'nej' };
    const created = await expectAnswer(registrationResponse, 'POST', `/api/screening/${id}/registrations`, { token: unit, body: { unitId, ...fields } }, 201);
    await expectAnswer(registrationResponse, 'PUT', `/api/screening/${id}/registrations/${created.id}`, { token: unit, body: { version: 1, ...fields, barn_berorda: 'ja' } });
    await expectAnswer(registrationChangesResponse, 'GET', `/api/screening/${id}/registrations/${created.id}/changes`, { token: unit });
    const list = await expectAnswer(registrationListResponse, 'GET', `/api/screening/${id}/units/${unitId}/registrations`, { token: unit });
    expect(list).toHaveLength(1);
    await expectAnswer(followUpResponse, 'GET', `/api/screening/${id}/follow-up`);
    await expectAnswer(summaryResponse, 'GET', `/api/screening/${id}/summary?by=enhet&by=enhet:kon`);
    await expectAnswer(comparisonResponse, 'GET', `/api/screening/${id}/comparison?measure=psykiskt`);
    await expectAnswer(reportResponse, 'GET', `/api/screening/${id}/report`);
  });

  it('setup, kommun settings, accounts, the audit log and published figures', async () => {
    await expectAnswer(setupResponse, 'GET', '/api/admin/setup');
    await expectAnswer(kommunListResponse, 'GET', '/api/admin/kommuner');
    await expectAnswer(setupResponse, 'POST', '/api/admin/setup', { body: { kommunkod: '0580', microdataExport: true } });
    await expectAnswer(kommunSettingsResponse, 'PUT', '/api/admin/kommuner/0580/settings', { body: { minCell: 5, retention: { responsesMonths: 24 } } });
    await expectAnswer(kommunSettingsResponse, 'POST', '/api/admin/kommuner/0580/areas.csv', { body: 'kod,namn\nnorr,Norr\n', headers: { 'content-type': 'text/csv' } });
    await expectAnswer(unitResponse, 'POST', '/api/admin/kommuner/0580/units', { body: { verksamhet: 'lss', enhet: 'LSS' } }, 201);
    await expectAnswer(kommunSettingsResponse, 'GET', '/api/kommuner/0580/settings');
    const invited = await expectAnswer(createUserResponse, 'POST', '/api/admin/users', {
      body: { email: 'inbjuden@kontrakt.se', displayName: 'Inbjuden', kommunkod: '0580', roles: [{ role: 'analyst', kommunkod: '0580' }], invite: 'link' },
    }, 201);
    await expectAnswer(inviteInfoResponse, 'GET', `/api/auth/invite/${invited.invite.token}`, { token: undefined });
    await expectAnswer(loginResponse, 'POST', `/api/auth/invite/${invited.invite.token}`, { token: undefined, body: { password: 'ett-eget-losenord-1' } });
    await expectAnswer(adminUserListResponse, 'GET', '/api/admin/users');
    await expectAnswer(adminUserResponse, 'PATCH', `/api/admin/users/${invited.id}`, { body: { displayName: 'Inbjuden Person', disabled: true } });
    await expectAnswer(resetPasswordResponse, 'POST', `/api/admin/users/${invited.id}/password`);
    await expectAnswer(adminUserResponse, 'PATCH', `/api/admin/users/${invited.id}`, { body: { disabled: false } });
    await expectAnswer(inviteLinkResponse, 'POST', `/api/admin/users/${invited.id}/invite`);
    await expectAnswer(auditResponse, 'GET', '/api/admin/audit?limit=5');
    await expectAnswer(auditActionsResponse, 'GET', '/api/admin/audit/actions');
    const response = await server.request('POST', '/api/auth/password', { token, body: { currentPassword: 'test-password-123', newPassword: 'test-password-123-new' } });
    expect(response.status).toBe(204);
    await server.request('POST', '/api/auth/password', { token, body: { currentPassword: 'test-password-123-new', newPassword: 'test-password-123' } });

    const { id } = await expectAnswer(createdResponse, 'POST', '/api/campaigns', { body: { templateId: 'demo', title: 'Publicerat', kommunkod: '0580' } }, 201);
    const { codes } = await expectAnswer(issueCodesResponse, 'POST', `/api/campaigns/${id}/codes`, { body: { strata: STRATA } }, 201);
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    for (const issued of codes.slice(0, 3)) await server.request('POST', `/api/respond/${issued.code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    const published = await expectAnswer(publishedFiguresResponse, 'POST', `/api/campaigns/${id}/published-figures`, { body: { title: 'Rapport', analysis: { margins: [] } } }, 201);
    await expectAnswer(publishedFiguresListResponse, 'GET', `/api/campaigns/${id}/published-figures`);
    await expectAnswer(publishedFiguresResponse, 'GET', `/api/campaigns/${id}/published-figures/${published.id}`);
  });

  it('administration and the county views', async () => {
    const created = await expectAnswer(createUserResponse, 'POST', '/api/admin/users', {
      body: { email: 'lan05@kontrakt.se', displayName: 'Länsstyrelsen', kommunkod: '0580', roles: [{ role: 'county_viewer', lanKod: '05' }] },
    }, 201);
    const viewer = await server.login(created.email, created.password);
    await expectAnswer(countyKommunerResponse, 'GET', '/api/county/05/kommuner', { token: viewer });
    await expectAnswer(countyComparisonResponse, 'GET', '/api/county/05/comparison', { token: viewer });
    await expectAnswer(errorResponse, 'GET', '/api/county/01/kommuner', { token: viewer }, 403);
  });
});
