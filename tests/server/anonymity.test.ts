/**
 * Unlinkability of responses and codes (docs/privacy.md): after codes were
 * issued, drafts saved and answers submitted (web and paper), a dump of every
 * table in the public schema shows no way to join a response to its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../../server/services/code-secret';
import { startTestServer, type TestServer } from './test-server';
import { sealedDraftBody } from './draft-helpers';
import { ANSWERS, newSubmissionId, openCampaignWithCodes } from './fieldwork-helpers';

let server: TestServer;
let secrets: string[];
let codes: { code: string; ref: string; stratum: Record<string, string> }[];
let campaignId: string;
let dump: Record<string, Record<string, unknown>[]>;

const STRATA = [
  { stratum: { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' }, count: 6, N: 600 },
  { stratum: { kon: 'man', aldersgrupp: '45-64', omrade: 'syd' }, count: 6, N: 700 },
];

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.login();
  ({ id: campaignId, codes } = await openCampaignWithCodes(server, token, STRATA));
  const submissionIds: string[] = [];
  for (const [index, issued] of codes.entries()) {
    if (index % 3 === 2) continue; // some codes stay unused
    await server.request('GET', `/api/respond/${issued.code}`);
    if (index % 2 === 0) {
      const { body } = await sealedDraftBody(issued.code, 'sommarhus', { kon: issued.stratum.kon });
      expect((await server.request('PUT', `/api/respond/${issued.code}/draft`, { body })).status).toBe(204);
    }
    if (index === 4) continue; // one draft left behind
    if (index === 7) {
      const paper = await server.request('POST', `/api/campaigns/${campaignId}/paper`, { token, body: { code: issued.code, answers: ANSWERS } });
      expect(paper.status).toBe(201);
      continue;
    }
    const submissionId = newSubmissionId();
    submissionIds.push(submissionId);
    const answers = { ...ANSWERS, kon: issued.stratum.kon, alder: 20 + index };
    const submitted = await server.request('POST', `/api/respond/${issued.code}/submit`, { body: { submissionId, answers } });
    expect(submitted.status).toBe(201);
  }
  // Double entry held, not yet complete.
  await server.request('POST', `/api/campaigns/${campaignId}/paper`, { token, body: { code: codes[2].code, answers: ANSWERS, entry: 1 } });

  const codeHashes = codes.map((c) => keyedHash(server.codeSecret, c.code.replace(/-/g, '')));
  const submissionHashes = codeHashes.flatMap((hash) => submissionIds.map((id) => keyedHash(server.codeSecret, 'submission', hash, id)));
  secrets = [
    ...codes.map((c) => c.code),
    ...codes.map((c) => c.code.replace(/-/g, '')),
    ...codeHashes,
    ...submissionIds,
    ...submissionHashes,
    ...codes.map((c) => c.ref),
  ];

  const tables = await server.db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  dump = {};
  for (const { table_name } of tables) {
    dump[table_name] = await server.db.query(`select * from "${table_name.replace(/"/g, '""')}"`);
  }
});
afterAll(async () => {
  await server?.close();
});

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

describe('anonymity of responses', () => {
  it('dumped every table, including responses and codes', () => {
    expect(Object.keys(dump)).toEqual(expect.arrayContaining(['responses', 'codes', 'drafts', 'campaign_strata', 'audit_log', 'paper_entries']));
    expect(dump.responses.filter((r) => r.campaign_id === campaignId)).toHaveLength(7);
    expect(dump.codes.filter((c) => c.status === 'completed')).toHaveLength(7);
  });

  it('responses have only an id, the campaign, kommun, stratum, mode, a date and the answers', async () => {
    const columns = await server.db.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = 'responses' order by ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'uuid' },
      { column_name: 'campaign_id', data_type: 'uuid' },
      { column_name: 'kommunkod', data_type: 'text' },
      { column_name: 'stratum', data_type: 'jsonb' },
      { column_name: 'mode', data_type: 'text' },
      { column_name: 'response_date', data_type: 'date' },
      { column_name: 'answers', data_type: 'jsonb' },
    ]);
  });

  it('no column of any response equals or contains a code, code hash, submission id or hash, or letter reference', () => {
    for (const response of dump.responses) {
      for (const [column, value] of Object.entries(response)) {
        const cell = text(value);
        for (const secret of secrets) expect(cell.includes(secret), `responses.${column} contains ${secret}`).toBe(false);
      }
    }
  });

  it('no value is shared between a response row and a code row except campaign and stratum data', () => {
    const codeValues = new Set(dump.codes.flatMap((row) => Object.entries(row).filter(([c]) => !['campaign_id', 'status', 'status_date', 'stratum_key'].includes(c)).map(([, v]) => text(v))));
    for (const response of dump.responses) {
      for (const [column, value] of Object.entries(response)) {
        if (['campaign_id', 'response_date'].includes(column)) continue;
        expect(codeValues.has(text(value)), `responses.${column}`).toBe(false);
      }
    }
  });

  it('times are dates only: codes and responses carry no timestamp or sequence that orders them', async () => {
    const columns = await server.db.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and table_name in ('responses', 'codes', 'drafts', 'paper_entries', 'open_submissions')`,
    );
    // A sealed draft's PBKDF2 iteration count and its count of wrong resume words are numbers, but order nothing.
    const counts = new Set(['drafts.iterations', 'drafts.failed_attempts']);
    for (const column of columns) {
      const name = `${column.table_name}.${column.column_name}`;
      if (counts.has(name)) continue;
      expect(column.data_type, name).not.toMatch(/timestamp|time|interval|bigint|integer|serial/);
    }
    // Every response of the day has the same date; ids are random (v4), so id order is not arrival order.
    const dates = new Set(dump.responses.map((r) => r.response_date));
    expect(dates.size).toBe(1);
    for (const response of dump.responses) expect(String(response.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('the audit log records exports and changes without codes, refs or answers', () => {
    const auditText = JSON.stringify(dump.audit_log);
    for (const secret of secrets) expect(auditText.includes(secret)).toBe(false);
    expect(auditText).not.toContain('psykiskt_12m');
  });

  it('plaintext codes and submission ids appear nowhere in the database', () => {
    const all = JSON.stringify(dump);
    for (const { code } of codes) {
      expect(all.includes(code)).toBe(false);
      expect(all.includes(code.replace(/-/g, ''))).toBe(false);
    }
    for (const secret of secrets.filter((s) => s.startsWith('submission-'))) expect(all.includes(secret)).toBe(false);
  });
});
