/**
 * Analysis records at rest (server/services/response-records.ts): computed
 * when a batch moves into `responses`, equal to the analysis CSV export's
 * rows, and kept consistent for responses written another way, corrections
 * and a changed definition. Runs on PGlite, and on PostgreSQL with
 * `npm run test:pg -- npx vitest run tests/server/response-records.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respondentRecord } from '../../analysis/index';
import { parseCsv } from '../../domain/csv';
import { findCampaign } from '../../server/queries/campaigns';
import { chooseBatch, moveChosenToResponses } from '../../server/queries/response-pool';
import { insertResponse } from '../../server/queries/responses';
import { batchRecordSegment } from '../../server/services/response-records';
import { campaignRecords } from '../../server/services/analysis-records';
import { startTestServer, type TestServer } from './test-server';
import { newSubmissionId } from './fieldwork-helpers';

let server: TestServer;
let admin: string;
let campaignId: string;
const SUBMITTED = 30;

const answersFor = (i: number) => ({
  kon: i % 3 === 0 ? 'man' : 'kvinna',
  alder: 18 + ((i * 7) % 68),
  psykiskt_12m: i % 4 === 0 ? 'ja' : 'nej',
  fysiskt_12m: i % 5 === 0 ? 'vill_inte_svara' : 'nej',
});

/** The records as the engine gets them, as sorted rows of the export's columns (row order is random by design). */
async function storedRows(): Promise<{ rows: string[]; recordedNow: number }> {
  const campaign = (await findCampaign(server.db, campaignId))!;
  const { columns, recordedNow } = await campaignRecords(server.db, campaign);
  const rows = Array.from({ length: columns.size }, (_, i) => {
    const r = respondentRecord(columns, i);
    return JSON.stringify([r.kon, r.alder, r.aldersgrupp, r.utsatt_12m]);
  });
  return { rows: rows.sort(), recordedNow };
}

/** The same from the analysis CSV export, which evaluates every response's indicators from its answers. */
async function exportedRows(): Promise<string[]> {
  const csv = await server.request('GET', `/api/campaigns/${campaignId}/responses.csv?purpose=Kontroll%20av%20analysposter`, { token: admin });
  expect(csv.status).toBe(200);
  const cell = (v: string) => (v === '' ? null : v);
  return parseCsv(csv.body as string, 'svar.csv')
    .rows.map((r) => JSON.stringify([cell(r.values.kon), r.values.alder === '' ? null : Number(r.values.alder), cell(r.values.aldersgrupp), r.values.utsatt_12m === '' ? null : Number(r.values.utsatt_12m)]))
    .sort();
}

const count = async (sql: string) => (await server.db.query<{ n: number }>(sql, [campaignId]))[0].n;

beforeAll(async () => {
  // Every submission is its own batch here, so the segments are many and small.
  server = await startTestServer();
  admin = await server.login();
  [{ id: campaignId }] = await server.db.query<{ id: string }>("select id from campaigns where open_slug = 'demo'");
  for (let i = 0; i < SUBMITTED; i++) {
    const response = await server.request('POST', '/api/open/demo/submit', { body: { submissionId: newSubmissionId(), answers: answersFor(i) } });
    expect(response.status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('analysis records at rest', () => {
  it('records each batch as it moves into responses, as the export maps the answers', async () => {
    expect(await count('select count(*)::int as n from responses where campaign_id = $1 and not recorded')).toBe(0);
    expect(await count('select coalesce(sum(responses), 0)::int as n from response_records where campaign_id = $1')).toBe(SUBMITTED);
    const { rows, recordedNow } = await storedRows();
    expect(recordedNow).toBe(0);
    expect(rows).toEqual(await exportedRows());
  });

  it('merges small segments so a campaign keeps few', async () => {
    // 30 one-response batches: merged once more than 24 small segments wait.
    expect(await count('select count(*)::int as n from response_records where campaign_id = $1')).toBeLessThanOrEqual(25);
    expect(await count('select count(*)::int as n from response_records where campaign_id = $1')).toBeLessThan(SUBMITTED);
  });

  it('records responses written another way on the next analysis, once', async () => {
    const [{ kommunkod }] = await server.db.query<{ kommunkod: string }>('select kommunkod from campaigns where id = $1', [campaignId]);
    for (let i = 100; i < 105; i++) await insertResponse(server.db, { campaignId, kommunkod, stratum: null, mode: 'paper', answers: answersFor(i) });
    const first = await storedRows();
    expect(first.recordedNow).toBe(5);
    expect(first.rows).toEqual(await exportedRows());
    expect((await storedRows()).recordedNow).toBe(0);
  });

  it('computes every record again after a correction of a response', async () => {
    await server.db.query(
      `update responses set answers = jsonb_set(answers, '{psykiskt_12m}', '"ja"')
        where id = (select id from responses where campaign_id = $1 and answers->>'psykiskt_12m' = 'nej' limit 1)`,
      [campaignId],
    );
    expect(await count('select count(*)::int as n from response_records where campaign_id = $1')).toBe(0);
    const again = await storedRows();
    expect(again.recordedNow).toBe(SUBMITTED + 5);
    expect(again.rows).toEqual(await exportedRows());
  });

  it('computes every record again when the indicator definitions are fixed', async () => {
    const before = (await storedRows()).rows;
    await server.db.query(
      `update campaigns set definition = jsonb_set(definition, '{meta,indicators,0,expression}', '"{fysiskt_12m} = ''ja''"') where id = $1`,
      [campaignId],
    );
    const after = await storedRows();
    expect(after.recordedNow).toBe(SUBMITTED + 5);
    expect(after.rows).toEqual(await exportedRows());
    expect(after.rows).not.toEqual(before);
  });

  it('drops the records of a deleted response', async () => {
    await server.db.query('delete from responses where id = (select id from responses where campaign_id = $1 limit 1)', [campaignId]);
    const after = await storedRows();
    expect(after.rows).toHaveLength(SUBMITTED + 4);
    expect(after.rows).toEqual(await exportedRows());
  });

  // A batch's records are computed before its move (no lock held meanwhile) and stored by the move's own statement.
  it('moves a chosen batch with its records only whole: if another mover took one of it, nothing moves', async () => {
    await storedRows();
    const [{ kommunkod }] = await server.db.query<{ kommunkod: string }>('select kommunkod from campaigns where id = $1', [campaignId]);
    const pool = (from: number) =>
      server.db.query(
        `insert into response_pool (campaign_id, kommunkod, stratum, mode, answers) select $1, $2, null, 'web', a from unnest($3::jsonb[]) as a`,
        [campaignId, kommunkod, [0, 1, 2, 3].map((k) => JSON.stringify(answersFor(from + k)))],
      );
    const segments = () => count('select count(*)::int as n from response_records where campaign_id = $1');
    const waiting = () => count('select count(*)::int as n from response_pool where campaign_id = $1');
    const responses = () => count('select count(*)::int as n from responses where campaign_id = $1');

    await pool(300);
    const whole = await chooseBatch(server.db, campaignId, 10);
    expect(whole).toHaveLength(4);
    const [segmentsBefore, responsesBefore] = [await segments(), await responses()];
    const moved = await moveChosenToResponses(server.db, campaignId, whole.map((row) => row.id), await batchRecordSegment(server.db, campaignId, whole));
    expect(moved).toBe(4);
    expect([await segments(), await responses(), await waiting()]).toEqual([segmentsBefore + 1, responsesBefore + 4, 0]);
    expect(await count('select count(*)::int as n from responses where campaign_id = $1 and not recorded')).toBe(0);

    await pool(310);
    const chosen = await chooseBatch(server.db, campaignId, 10);
    const segment = await batchRecordSegment(server.db, campaignId, chosen);
    // Another mover took one of them first: a batch of 3 would be smaller than chosen, so nothing moves.
    await server.db.query('delete from response_pool where id = $1', [chosen[0].id]);
    expect(await moveChosenToResponses(server.db, campaignId, chosen.map((row) => row.id), segment)).toBe(0);
    expect([await segments(), await responses(), await waiting()]).toEqual([segmentsBefore + 1, responsesBefore + 4, 3]);
    // The next flush chooses again.
    const again = await chooseBatch(server.db, campaignId, 10);
    expect(await moveChosenToResponses(server.db, campaignId, again.map((row) => row.id), await batchRecordSegment(server.db, campaignId, again))).toBe(3);
    const after = await storedRows();
    expect(after.recordedNow).toBe(0);
    expect(after.rows).toEqual(await exportedRows());
    expect(await waiting()).toBe(0);
  });

  // Two analyses at once on PostgreSQL (two processes, or a request and the warm-up after start): the
  // second skipped the rows the first was recording and analysed only a part of the responses.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('waits for records that another transaction is computing (PostgreSQL)', async () => {
    const [{ kommunkod }] = await server.db.query<{ kommunkod: string }>('select kommunkod from campaigns where id = $1', [campaignId]);
    for (let i = 200; i < 205; i++) await insertResponse(server.db, { campaignId, kommunkod, stratum: null, mode: 'paper', answers: answersFor(i) });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const locking = server.db.transaction(async (tx) => {
      await tx.query('select id from responses where campaign_id = $1 and not recorded for update', [campaignId]);
      locked();
      await held;
    });
    await isLocked;
    const loading = storedRows();
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await locking;
    const { rows } = await loading;
    expect(rows).toEqual(await exportedRows());
  });
});
