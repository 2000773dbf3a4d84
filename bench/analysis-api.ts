/**
 * Analysis API benchmark (not a test: figures are printed, not asserted).
 *
 *   npx tsx bench/analysis-api.ts [responses]                         # PGlite in memory
 *   npm run test:pg -- -- npx tsx bench/analysis-api.ts [responses]   # on a throwaway PostgreSQL cluster
 *
 * Starts the real server (same harness as the API tests), creates a campaign
 * of the population questionnaire in Stockholm (0180), stores 100,000
 * synthetic responses (bulk SQL, not timed as part of the analysis), uploads
 * an område table, then times POST /api/campaigns/:id/analysis over HTTP:
 * a cold run (read every response, map answers to analysis records with the
 * export's mapping, evaluate 16 indicators, rake, estimate) and warm runs
 * (records cached in the process; a new response invalidates the cache).
 * Each run estimates all 16 indicators overall and by kön, åldersgrupp and
 * område, with the mörkertal against a registered table.
 */
import { insertRole } from '../server/queries/users';
import { startTestServer } from '../tests/server/test-server';
import { mulberry32 } from '../analysis/mulberry32';

const n = Number(process.argv[2] ?? 100_000);
const KOMMUN = '0180';

const random = mulberry32(2024);
const forms = ['psykiskt', 'hot', 'fysiskt', 'sexuellt', 'ekonomiskt'];
const hrv = ['hrv_partnerval', 'hrv_vanner', 'hrv_klader', 'hrv_fritid', 'hrv_utbildning', 'hrv_hot_rykte', 'hrv_aktenskap', 'hrv_utlandet', 'hrv_konsstympning'];
const answer = (pJa: number): string | undefined => {
  const u = random();
  return u < pJa ? 'ja' : u < 0.95 ? 'nej' : u < 0.98 ? 'vill_inte_svara' : undefined;
};
function respondent(): Record<string, unknown> {
  const r: Record<string, unknown> = { kon: random() < 0.55 ? 'kvinna' : 'man', alder: 18 + Math.floor(random() * 68), omrade: `omrade_${1 + Math.floor(random() * 3)}` };
  r.hushall = random() < 0.3 ? ['partner', 'barn_under_18'] : ['ensam'];
  for (const f of forms) {
    r[`${f}_nagonsin`] = answer(0.15);
    if (r[`${f}_nagonsin`] === 'ja') r[`${f}_12m`] = answer(0.3);
  }
  for (const h of hrv) r[h] = answer(0.02);
  r.barndom_bevittnat = answer(0.1);
  r.egen_nagonsin = answer(0.05);
  if (forms.some((f) => r[`${f}_nagonsin`] === 'ja')) r.sokt_hjalp = answer(0.12);
  return r;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const server = await startTestServer();
/** The harness's request, retried once: the set-up pauses longer than the server's keep-alive, which can reset a pooled socket. */
const request: typeof server.request = async (...args) => {
  try {
    return await server.request(...args);
  } catch {
    return server.request(...args);
  }
};
try {
  // 100,000 respondents need a large kommun: the admin also becomes analyst in Stockholm (0180).
  const [admin] = await server.db.query<{ id: string }>('select id from users limit 1');
  await insertRole(server.db, admin.id, { role: 'analyst', kommunkod: KOMMUN });
  const token = await server.login();
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'befolkningsenkat', title: 'Bench', kommunkod: KOMMUN } });
  const id = created.body.id as string;
  let t0 = performance.now();
  const BATCH = 5000;
  for (let done = 0; done < n; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - done) }, respondent);
    await server.db.query(
      `insert into responses (campaign_id, kommunkod, mode, answers)
       select $1, $3, 'web', value from jsonb_array_elements($2::jsonb)`,
      [id, JSON.stringify(batch), KOMMUN],
    );
  }
  console.log(`database:            ${server.db.kind}`);
  console.log(`stored responses:    ${n} in ${((performance.now() - t0) / 1000).toFixed(1)} s (set-up, not part of the analysis)`);

  const population = await request('GET', `/api/population/${KOMMUN}?ageGroups=18-29,30-44,45-64,65-85`, { token });
  const total = population.body.total as number;
  const areas = `omrade,antal\nomrade_1,${Math.round(total * 0.4)}\nomrade_2,${Math.round(total * 0.35)}\nomrade_3,${total - Math.round(total * 0.4) - Math.round(total * 0.35)}\n`;
  await request('POST', `/api/kommuner/${KOMMUN}/population-tables?name=Omr`, { token, body: areas, headers: { 'content-type': 'text/csv' } });
  const reg = await request('POST', `/api/campaigns/${id}/registered-tables?period=2024`, {
    token,
    body: 'indikator,kon,antal\nvald_i_nara_relation,,250\nvald_i_nara_relation,kvinna,190\nvald_i_nara_relation,man,60\n',
    headers: { 'content-type': 'text/csv' },
  });
  const body = { by: [['kon'], ['aldersgrupp'], ['omrade']], registeredTableId: reg.body.id };

  for (const label of ['cold (read + map + analyse)', 'warm (cached records)', 'warm (cached records)']) {
    t0 = performance.now();
    const response = await request('POST', `/api/campaigns/${id}/analysis`, { token, body });
    const ms = performance.now() - t0;
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    const { timing } = response.body.meta;
    console.log(
      `${label.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms over HTTP; load+map ${timing.loadMs} ms (read ${timing.readMs} ms)${timing.cached ? ' (cached earlier)' : ''}, analyzeSurvey ${timing.analysisMs} ms; ` +
        `${response.body.estimates.length} estimates, ${response.body.darkFigure.length} mörkertal rows, ${(JSON.stringify(response.body).length / 1024).toFixed(0)} kB JSON`,
    );
  }
  const memory = process.memoryUsage();
  console.log(`memory after runs:   rss ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)}`);
} finally {
  await server.close();
}
