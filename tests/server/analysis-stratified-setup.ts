/** Runs the stratified campaign of tests/analysis/fixtures/stratified-campaign through a test server. */
import { areaTable, responders, STRATA } from '../analysis/fixtures/stratified-campaign/campaign';
import type { SampleDesign } from '../../contracts/fieldwork';
import type { TestServer } from './test-server';

/**
 * Creates the campaign (population questionnaire, demo kommun), issues the
 * codes per stratum with N_h, opens it, submits every responder's answers
 * through the respondent API with a code of their stratum, and uploads the
 * område table. Returns the campaign id and the område table's id. `sample` is the design the
 * browser would record with the codes (the lägesbild's method section).
 */
export async function setUpStratifiedCampaign(server: TestServer, token: string, sample?: SampleDesign): Promise<{ campaignId: string; areaTableId: string }> {
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'befolkningsenkat', title: 'Stratifierad enkät' } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const campaignId = created.body.id as string;
  const issued = await server.request('POST', `/api/campaigns/${campaignId}/codes`, { token, body: { strata: STRATA, ...(sample ? { sample } : {}) } });
  if (issued.status !== 201) throw new Error(`codes: ${issued.status} ${JSON.stringify(issued.body)}`);
  const opened = await server.request('POST', `/api/campaigns/${campaignId}/open`, { token });
  if (opened.status !== 200) throw new Error(`open: ${opened.status}`);
  const key = (s: Record<string, string>) => `${s.kon}|${s.aldersgrupp}|${s.omrade}`;
  const codes = new Map<string, string[]>();
  for (const code of issued.body.codes as { code: string; stratum: Record<string, string> }[]) {
    const list = codes.get(key(code.stratum)) ?? [];
    list.push(code.code);
    codes.set(key(code.stratum), list);
  }
  let n = 0;
  for (const responder of responders()) {
    const code = codes.get(key(STRATA[responder.stratum].stratum))!.shift()!;
    const submitted = await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: `stratified-${++n}-submission`, answers: responder.answers } });
    if (submitted.status !== 201) throw new Error(`submit ${n}: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  const csv = `omrade,antal\n${areaTable().map((r) => `${r.omrade},${r.antal}`).join('\n')}\n`;
  const area = await server.request('POST', '/api/kommuner/9999/population-tables?name=Områden&fileName=omraden.csv', { token, body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  if (area.status !== 201) throw new Error(`area table: ${area.status} ${JSON.stringify(area.body)}`);
  return { campaignId, areaTableId: area.body.id as string };
}
