import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../domain/csv';
import { seededRandom } from '../../server/sampling/seeded-random';
import { heldFrameCount } from '../../server/services/sampling';
import { createCampaign } from './fieldwork-helpers';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ PUBLIC_URL: 'https://enkat.example.se' });
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

const OMRADEN = ['centrum', 'norr', 'syd', 'vaster'];
const ROWS = 5000;

/** A generated frame: distinctive ids (`pnr-…-x`) so that they can be searched for in the database. */
function generateFrame(): { text: string; ids: string[]; inPopulation: number } {
  const random = seededRandom('frame');
  const ids: string[] = [];
  let text = 'Personnummer;Kön;Födelseår;Område\n';
  let inPopulation = 0;
  for (let i = 0; i < ROWS; i++) {
    const id = `pnr-${String(i).padStart(6, '0')}-x`;
    ids.push(id);
    const birthYear = 1930 + random.nextInt(80); // ages 15–94 in 2025: some outside 18–85
    const age = 2025 - birthYear;
    if (age >= 18 && age <= 85) inPopulation++;
    text += `${id};${random.nextInt(2) === 0 ? 'K' : 'M'};${birthYear};${OMRADEN[random.nextInt(OMRADEN.length)]}\n`;
  }
  return { text, ids, inPopulation };
}

async function uploadFrame(id: string, text: string, fileName = 'folkbokforing.csv') {
  const response = await fetch(`${server.url}/api/campaigns/${id}/frame?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: text,
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function dumpAllTables(): Promise<string> {
  const tables = await server.db.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
  );
  let dump = '';
  for (const { table_name } of tables) {
    const rows = await server.db.query(`select * from "${table_name}"`);
    dump += `${table_name}\n${JSON.stringify(rows)}\n`;
  }
  return dump;
}

describe('sampling: frame → allocation → draw', () => {
  it('uploads a 5,000-row frame, previews allocations, draws once, and stores no person id', async () => {
    const id = await createCampaign(server, token, 'Urvalstest');
    await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { periodStart: '2025-09-01' } });
    const frame = generateFrame();

    const uploaded = await uploadFrame(id, frame.text);
    expect(uploaded.status).toBe(201);
    const summary = uploaded.body;
    expect(summary.rowCount).toBe(ROWS);
    expect(summary.referenceYear).toBe(2025);
    expect(summary.included).toBe(frame.inPopulation);
    expect(summary.excluded.outsideAge).toBe(ROWS - frame.inPopulation);
    expect(summary.strata).toHaveLength(2 * 4 * OMRADEN.length);
    expect(summary.strata.reduce((sum: number, s: { N: number }) => sum + s.N, 0)).toBe(frame.inPopulation);
    expect(JSON.stringify(summary)).not.toContain('pnr-');

    const base = { uploadToken: summary.uploadToken };
    const proportional = await server.request('POST', `/api/campaigns/${id}/allocation`, { token, body: { ...base, method: 'proportional', total: 800, expectedResponseRate: 0.45 } });
    expect(proportional.status).toBe(200);
    expect(proportional.body.n).toBe(800);
    expect(proportional.body.omraden).toHaveLength(4);
    expect(proportional.body.omraden[0].expectedResponses).toBeCloseTo(proportional.body.omraden[0].n * 0.45, 9);

    const equal = await server.request('POST', `/api/campaigns/${id}/allocation`, { token, body: { ...base, method: 'equal', perOmrade: 150 } });
    expect(equal.body.omraden.map((o: { n: number }) => o.n)).toEqual([150, 150, 150, 150]);

    const precision = await server.request('POST', `/api/campaigns/${id}/allocation`, {
      token,
      body: { ...base, method: 'precision', targetHalfWidth: 0.08, expectedPrevalence: 0.3, expectedResponseRate: 0.45 },
    });
    expect(precision.status).toBe(200);
    for (const o of precision.body.omraden) expect(o.expectedHalfWidth).toBeLessThanOrEqual(0.08 + 1e-9);

    const missingField = await server.request('POST', `/api/campaigns/${id}/allocation`, { token, body: { ...base, method: 'precision' } });
    expect(missingField.status).toBe(400);
    expect(missingField.body.error.message).toContain('targetHalfWidth');

    const draw = await fetch(`${server.url}/api/campaigns/${id}/draw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...base, method: 'proportional', total: 800, seed: 'urval-2025-09' }),
    });
    expect(draw.status).toBe(201);
    expect(draw.headers.get('content-type')).toContain('text/csv');
    expect(draw.headers.get('x-sample-seed')).toBe('urval-2025-09');
    const letters = parseCsv(await draw.text(), 'brevfil.csv');
    expect(letters.columns).toEqual(['person_id', 'kod', 'lank', 'qr', 'kon', 'aldersgrupp', 'omrade', 'ref']);
    expect(letters.rows).toHaveLength(800);
    const codes = letters.rows.map((r) => r.values.kod);
    expect(new Set(codes).size).toBe(800);
    expect(new Set(letters.rows.map((r) => r.values.person_id)).size).toBe(800);
    // Letter references: unique, and the same refs the reminder list of unused codes gives.
    const refs = letters.rows.map((r) => r.values.ref);
    expect(new Set(refs).size).toBe(800);
    const unused = await server.request('GET', `/api/campaigns/${id}/unused-codes.csv`, { token });
    expect(unused.status).toBe(200);
    const reminderRefs = parseCsv(unused.body as string, 'paminnelse.csv').rows.map((r) => r.values.ref);
    expect([...reminderRefs].sort()).toEqual([...refs].sort());
    for (const row of letters.rows) {
      expect(frame.ids).toContain(row.values.person_id);
      expect(row.values.lank).toBe(`https://enkat.example.se/s/${row.values.kod}`);
      expect(row.values.qr).toBe(row.values.lank);
    }
    // Letters follow the allocation per stratum.
    const perStratum = new Map<string, number>();
    for (const row of letters.rows) {
      const key = `${row.values.kon}|${row.values.aldersgrupp}|${row.values.omrade}`;
      perStratum.set(key, (perStratum.get(key) ?? 0) + 1);
    }
    for (const s of proportional.body.strata) {
      expect(perStratum.get(`${s.stratum.kon}|${s.stratum.aldersgrupp}|${s.stratum.omrade}`) ?? 0).toBe(s.n);
    }

    // The codes work for respondents: n_h and N_h are recorded.
    const strata = await server.db.query<{ population_size: number; invited: number }>('select population_size, invited from campaign_strata where campaign_id = $1', [id]);
    expect(strata.reduce((sum, s) => sum + s.invited, 0)).toBe(800);
    expect(strata.reduce((sum, s) => sum + s.population_size, 0)).toBe(frame.inPopulation);

    // A second download is impossible.
    const again = await server.request('POST', `/api/campaigns/${id}/draw`, { token, body: { ...base, method: 'proportional', total: 800 } });
    expect(again.status).toBe(410);
    const preview = await server.request('POST', `/api/campaigns/${id}/allocation`, { token, body: { ...base, method: 'proportional', total: 10 } });
    expect(preview.status).toBe(410);

    // No person id anywhere in the database; the seed is recorded.
    const dump = await dumpAllTables();
    expect(dump).not.toContain('pnr-');
    for (const code of codes.slice(0, 50)) expect(dump).not.toContain(code);
    const uploads = await server.db.query<{ file_name: string; row_count: number; meta: any }>('select file_name, row_count, meta from uploads where campaign_id = $1', [id]);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ file_name: 'folkbokforing.csv', row_count: ROWS });
    expect(uploads[0].meta.draw).toMatchObject({ seed: 'urval-2025-09', method: 'proportional', n: 800 });
    const audit = await server.db.query<{ action: string; details: any }>("select action, details from audit_log where action like 'sampling.%' and details->>'campaignId' = $1", [id]);
    expect(audit.map((a) => a.action).sort()).toEqual(['sampling.draw', 'sampling.frame_upload']);
  }, 60_000);

  it('same seed and same frame give the same sample; another seed another', async () => {
    const frame = generateFrame();
    const drawWith = async (seed: string) => {
      const id = await createCampaign(server, token, `Frö ${seed}`);
      await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { periodStart: '2025-09-01' } });
      const { body } = await uploadFrame(id, frame.text);
      const response = await server.request('POST', `/api/campaigns/${id}/draw`, { token, body: { uploadToken: body.uploadToken, method: 'equal', perOmrade: 50, seed } });
      expect(response.status).toBe(201);
      return parseCsv(response.body as string, 'brev.csv').rows.map((r) => r.values.person_id).sort();
    };
    const first = await drawWith('samma');
    expect(await drawWith('samma')).toEqual(first);
    expect(await drawWith('annan')).not.toEqual(first);
  }, 60_000);

  it('without a seed, a random one is generated and returned', async () => {
    const id = await createCampaign(server, token, 'Utan frö');
    const { body } = await uploadFrame(id, 'id,kon,alder,omrade\n1,K,40,a\n2,M,50,a\n3,K,60,b\n');
    const response = await server.request('POST', `/api/campaigns/${id}/draw`, { token, body: { uploadToken: body.uploadToken, method: 'proportional', total: 2 } });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-sample-seed')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('frame errors are 400 naming file, line and column; nothing is held', async () => {
    const id = await createCampaign(server, token, 'Felaktig ram');
    const before = heldFrameCount();
    const bad = await uploadFrame(id, 'id;kon;alder;omrade\n1;K;40;a\n2;X;40;a\n3;M;fyrtio;a\n', 'ram.csv');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('ram.csv, rad 3, kolumn "kon": värdet "X" är inget giltigt kön (giltiga: kvinna, man, K, M) (och 1 fel till)');
    expect(bad.body.error.details.errors).toHaveLength(2);
    expect(bad.body.error.details.errors[1]).toMatchObject({ file: 'ram.csv', line: 4, column: 'alder' });
    const missing = await uploadFrame(id, 'id;kon;omrade\n1;K;a\n', 'ram.csv');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('kolumnen "födelseår" eller "ålder" saknas');
    expect(heldFrameCount()).toBe(before);
  });

  it('checks områden against the campaign, access, content type and unknown tokens', async () => {
    const id = await createCampaign(server, token, 'Områden');
    await server.request('PATCH', `/api/campaigns/${id}`, { token, body: { areas: [{ code: 'a', name: 'A' }] } });
    const bad = await uploadFrame(id, 'id,kon,alder,omrade\n1,K,40,a\n2,K,40,b\n');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('kolumn "omrade": området "b" finns inte bland undersökningens områden (giltiga: a)');

    const json = await server.request('POST', `/api/campaigns/${id}/frame`, { token, body: { text: 'x' } });
    expect(json.status).toBe(415);
    const anonymous = await fetch(`${server.url}/api/campaigns/${id}/frame`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'id' });
    expect(anonymous.status).toBe(401);
    const unknown = await server.request('POST', `/api/campaigns/${id}/allocation`, { token, body: { uploadToken: 'finns-inte', method: 'proportional', total: 1 } });
    expect(unknown.status).toBe(404);
    const tooMany = await uploadFrame(id, 'id,kon,alder,omrade\n1,K,40,a\n');
    const over = await server.request('POST', `/api/campaigns/${id}/allocation`, { token, body: { uploadToken: tooMany.body.uploadToken, method: 'proportional', total: 2 } });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toContain('större än ramen');
  });
});
