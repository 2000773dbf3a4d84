/** Shared set-up for the population fieldwork tests: a campaign of the demo template with codes. */
import type { TestServer } from './test-server';

export const STRATA = [
  { stratum: { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' }, count: 3, N: 400 },
  { stratum: { kon: 'man', aldersgrupp: '30-44', omrade: 'syd' }, count: 2, N: 300 },
];

export const ANSWERS = { kon: 'kvinna', alder: 25, psykiskt_12m: 'ja', fysiskt_12m: 'nej' };

export async function createCampaign(server: TestServer, token: string, title = 'Befolkningsenkät 2025'): Promise<string> {
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'demo', title } });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id as string;
}

/** A campaign with codes issued for STRATA, opened. */
export async function openCampaignWithCodes(
  server: TestServer,
  token: string,
  strata: unknown[] = STRATA,
): Promise<{ id: string; codes: { code: string; ref: string; stratum: Record<string, string> }[] }> {
  const id = await createCampaign(server, token);
  const issued = await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata } });
  if (issued.status !== 201) throw new Error(`codes failed: ${issued.status} ${JSON.stringify(issued.body)}`);
  const opened = await server.request('POST', `/api/campaigns/${id}/open`, { token });
  if (opened.status !== 200) throw new Error(`open failed: ${opened.status} ${JSON.stringify(opened.body)}`);
  return { id, codes: issued.body.codes };
}

let counter = 0;
export const newSubmissionId = () => `submission-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2)}`;
