/**
 * The attacker test for docs/privacy.md: someone holds a full copy of the
 * database — every table, system columns, physical row order, dead rows, the
 * files and (embedded database) the write-ahead log — plus the code secret
 * and the kommun's letter file (so every code and its hash). Every response
 * carries a unique marker in its free-text answer, so the test knows which
 * code each response came from and can score each attack's pairing against
 * chance (a random pairing within each stratum gets one right per stratum on
 * average). Runs on PGlite (on disk) and, under `npm run test:pg`, on
 * PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../../server/services/code-secret';
import { belongsTo, listAllTuples, openRawDatabase, readDatabaseFiles, relationFiles, type RawTuple } from './raw-database';
import { startTestServer, type TestDatabaseLocation, type TestServer } from './test-server';
import { newSubmissionId } from './fieldwork-helpers';
import { sealedDraftBody } from './draft-helpers';

const STRATA = ['norr', 'syd', 'ost', 'vast'].map((omrade, i) => ({
  stratum: { kon: i % 2 === 0 ? 'kvinna' : 'man', aldersgrupp: '30-44', omrade },
  count: 14,
  N: 1000,
}));

interface Issued {
  code: string;
  ref: string;
  stratum: Record<string, string>;
  hash: string;
  marker?: string;
  submissionId?: string;
}

let dir: string;
let server: TestServer;
let location: TestDatabaseLocation;
let issued: Issued[];
let campaignId: string;
let files: Map<string, Buffer>;
let tuples: RawTuple[];
let responseFiles: string[];
let responses: { xmin: string; block: number; lp: number; stratum: Record<string, string>; marker: string; date: string }[];
let codeRows: { hash: string; stratumKey: string; block: number; lp: number }[];

/** Fisher–Yates with Math.random: the submission order is unknown to the attacker. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const stratumKey = (stratum: Record<string, string>) =>
  Object.keys(stratum)
    .sort()
    .map((k) => `${k}=${stratum[k]}`)
    .join('|');
const ctidOrder = (a: { block: number; lp: number }, b: { block: number; lp: number }) => a.block - b.block || a.lp - b.lp;
const xidOrder = (a: string, b: string) => Number(BigInt(a) - BigInt(b));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anonymity-'));
  // The product's defaults: batches of at least 10 (flushed promptly so the test is quick).
  server = await startTestServer({ RESPONSE_BATCH_SIZE: '10', RESPONSE_FLUSH_MS: '20' }, { pgliteDir: join(dir, 'pglite') });
  location = server.location!;
  const token = await server.login();
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'befolkningsenkat', title: 'Attack' } });
  campaignId = created.body.id;
  const codes = await server.request('POST', `/api/campaigns/${campaignId}/codes`, { token, body: { strata: STRATA } });
  expect(codes.status).toBe(201);
  await server.request('POST', `/api/campaigns/${campaignId}/open`, { token });
  issued = (codes.body.codes as Omit<Issued, 'hash'>[]).map((c) => ({ ...c, hash: keyedHash(server.codeSecret, c.code.replace(/-/g, '')) }));

  // Per stratum: 2 codes never used, 1 only opened, 1 on paper, the rest on the web (some with a draft first).
  const web: Issued[] = [];
  const paper: Issued[] = [];
  for (const { stratum } of STRATA) {
    const mine = shuffle(issued.filter((c) => stratumKey(c.stratum) === stratumKey(stratum)));
    await server.request('GET', `/api/respond/${mine[2].code}`);
    paper.push(mine[3]);
    web.push(...mine.slice(4));
  }
  for (const code of [...web, ...paper]) code.marker = `MRK${randomBytes(9).toString('hex')}`;
  const submit = (c: Issued) => {
    c.submissionId = newSubmissionId();
    return server.request('POST', `/api/respond/${c.code}/submit`, {
      body: { submissionId: c.submissionId, answers: { kon: c.stratum.kon, kommentar: c.marker } },
    });
  };
  const order = shuffle(web);
  const half = Math.floor(order.length / 2);
  for (const [i, c] of order.slice(0, half).entries()) {
    await server.request('GET', `/api/respond/${c.code}`);
    if (i % 4 === 0) {
      const { body } = await sealedDraftBody(c.code, 'mitt hemliga ord', { kon: c.stratum.kon }, { page: 'bakgrund' });
      expect((await server.request('PUT', `/api/respond/${c.code}/draft`, { body })).status).toBe(204);
    }
    expect((await submit(c)).status).toBe(201);
  }
  for (const [i, c] of paper.entries()) {
    const entered = await server.request('POST', `/api/campaigns/${campaignId}/paper`, {
      token,
      body: { code: c.code, answers: { kon: c.stratum.kon, kommentar: c.marker }, ...(i === 0 ? { entry: 1 } : {}) },
    });
    expect(entered.status).toBeLessThan(300);
    if (i === 0) {
      const second = await server.request('POST', `/api/campaigns/${campaignId}/paper`, {
        token,
        body: { code: c.code, answers: { kon: c.stratum.kon, kommentar: c.marker }, entry: 2 },
      });
      expect(second.status).toBe(201);
    }
  }
  const rest = order.slice(half);
  for (let start = 0; start < rest.length; start += 8) {
    const burst = rest.slice(start, start + 8);
    const statuses = await Promise.all(burst.map((c) => submit(c).then((r) => r.status)));
    expect(statuses.every((s) => s === 201)).toBe(true);
  }
  expect((await server.request('POST', `/api/campaigns/${campaignId}/close`, { token })).status).toBe(200);
  await server.stop();

  // The attacker's copy. On PostgreSQL, a checkpoint first puts everything in memory into the files.
  if (location.kind === 'postgresql') {
    const flush = await openRawDatabase(location);
    await flush.query('checkpoint');
    await flush.close();
  }
  files = await readDatabaseFiles(location);
  const raw = await openRawDatabase(location);
  try {
    tuples = await listAllTuples(raw);
    responseFiles = await relationFiles(raw, 'responses');
    responses = (
      await raw.query<{ xmin: string; ctid: string; stratum: Record<string, string>; marker: string; date: string }>(
        `select xmin::text, ctid::text, stratum, answers->>'kommentar' as marker, response_date::text as date from responses where campaign_id = $1`,
        [campaignId],
      )
    ).map((r) => ({ ...r, ...parseCtid(r.ctid) }));
    codeRows = (
      await raw.query<{ hash: string; stratumKey: string; ctid: string }>(
        'select code_hash as hash, stratum_key as "stratumKey", ctid::text from codes where campaign_id = $1',
        [campaignId],
      )
    ).map((r) => ({ ...r, ...parseCtid(r.ctid) }));
  } finally {
    await raw.close();
  }
}, 240_000);

afterAll(async () => {
  await server?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function parseCtid(ctid: string): { block: number; lp: number } {
  const [block, lp] = ctid.replace(/[()]/g, '').split(',').map(Number);
  return { block, lp };
}

/** Tuples (live or dead, any table) whose bytes contain the given ASCII text. */
const tuplesWith = (text: string) => {
  const needle = Buffer.from(text, 'utf8');
  return tuples.filter((t) => t.data !== null && t.data.includes(needle));
};

interface Pairing {
  name: string;
  /** marker → guessed code hash */
  guess: Map<string, string | undefined>;
}

/** Correct pairings of an attack, and what chance gives: one per stratum with responses. */
function score({ guess }: Pairing) {
  const truth = new Map(issued.filter((c) => c.marker).map((c) => [c.marker!, c.hash]));
  let correct = 0;
  for (const [marker, hash] of guess) if (hash !== undefined && truth.get(marker) === hash) correct++;
  const strata = new Set(responses.map((r) => stratumKey(r.stratum))).size;
  return { correct, chance: strata, of: responses.length };
}

/** Pairs the i-th response with the i-th code, within each stratum, after sorting both. */
function rankPairing(
  name: string,
  responseOrder: (a: (typeof responses)[number], b: (typeof responses)[number]) => number,
  codeOrder: (a: Issued, b: Issued) => number,
): Pairing {
  const guess = new Map<string, string | undefined>();
  for (const { stratum } of STRATA) {
    const key = stratumKey(stratum);
    const rs = responses.filter((r) => stratumKey(r.stratum) === key).sort(responseOrder);
    // The attacker knows which codes are used (the usage bitmaps); here: the codes that answered.
    const cs = issued.filter((c) => c.marker && stratumKey(c.stratum) === key).sort(codeOrder);
    rs.forEach((r, i) => guess.set(r.marker, cs[i]?.hash));
  }
  return { name, guess };
}

const xidsOfCode = new Map<string, string[]>();
/** Every transaction id that wrote or deleted a tuple holding the code's hash. */
function codeXids(hash: string): string[] {
  let xids = xidsOfCode.get(hash);
  if (!xids) {
    xids = tuplesWith(hash).flatMap((t) => [t.xmin, t.xmax]).filter((x): x is string => x !== null && x !== '0');
    xidsOfCode.set(hash, xids);
  }
  return xids;
}

function attacks(): Pairing[] {
  const codeCtid = new Map(codeRows.map((row) => [row.hash, row]));
  const byCtid = (a: Issued, b: Issued) => ctidOrder(codeCtid.get(a.hash)!, codeCtid.get(b.hash)!);
  const lastXid = (c: Issued) => codeXids(c.hash).sort(xidOrder).at(-1) ?? '0';

  const equalXmin: Pairing = { name: 'equal xmin/xmax of any tuple holding the code', guess: new Map() };
  for (const r of responses) equalXmin.guess.set(r.marker, issued.find((c) => c.marker && codeXids(c.hash).includes(r.xmin))?.hash);

  const deadRows: Pairing = { name: 'dead or stale tuples holding the answers, by their xmin', guess: new Map() };
  for (const r of responses) {
    const copies = tuplesWith(r.marker).filter((t) => !(t.relation === 'responses' && t.lpFlags === 1 && t.xmax === '0'));
    const xids = new Set(copies.flatMap((t) => [t.xmin, t.xmax]).filter((x) => x && x !== '0'));
    deadRows.guess.set(r.marker, issued.find((c) => c.marker && codeXids(c.hash).some((x) => xids.has(x)))?.hash);
  }

  return [
    equalXmin,
    deadRows,
    rankPairing('rank of xmin, then ctid, against the last xid that touched the code', (a, b) => xidOrder(a.xmin, b.xmin) || ctidOrder(a, b), (a, b) => xidOrder(lastXid(a), lastXid(b)) || byCtid(a, b)),
    rankPairing('physical row order (ctid) of responses against codes', ctidOrder, byCtid),
    rankPairing('physical row order against letter order (ref)', ctidOrder, (a, b) => a.ref.localeCompare(b.ref)),
  ];
}

describe('anonymity against a copy of the database, the code secret and the letter file', () => {
  it('stored every response, each with its marker', () => {
    expect(responses).toHaveLength(issued.filter((c) => c.marker).length);
    expect(new Set(responses.map((r) => r.marker))).toEqual(new Set(issued.filter((c) => c.marker).map((c) => c.marker)));
  });

  it('no pairing attack beats chance', () => {
    const results = attacks().map((attack) => ({ attack: attack.name, ...score(attack) }));
    console.log(`anonymity attacks (${location.kind}): correct pairings of ${responses.length} responses, chance ≈ 1 per stratum`);
    console.table(results);
    for (const { attack, correct, chance } of results) {
      // A random pairing gets `chance` right on average with variance ≈ chance.
      expect(correct, attack).toBeLessThanOrEqual(chance + 3 * Math.sqrt(chance) + 1);
    }
  });

  it('the answers are nowhere but in the live rows and files of `responses`: no pool row, dead row or log record keeps them', () => {
    const elsewhere: string[] = [];
    for (const r of responses) {
      const needle = Buffer.from(r.marker, 'utf8');
      for (const [path, bytes] of files) if (!belongsTo(path, responseFiles) && bytes.includes(needle)) elsewhere.push(`${path}: ${r.marker}`);
      for (const t of tuplesWith(r.marker)) {
        if (!(t.relation === 'responses' && t.lpFlags === 1 && t.xmax === '0')) elsewhere.push(`${t.relation} (${t.block},${t.lp}) flags ${t.lpFlags}`);
      }
    }
    expect(elsewhere).toEqual([]);
  });

  it('responses carry stratum, mode, a batch date and a wave only: the columns, and no secret in any cell', async () => {
    const raw = await openRawDatabase(location);
    try {
      const columns = await raw.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
        ['responses'],
      );
      // `recorded`: the response's analysis record is in a segment of response_records (true for every batch written).
      expect(columns.map((c) => c.column_name)).toEqual(['id', 'campaign_id', 'kommunkod', 'stratum', 'mode', 'response_date', 'wave', 'answers', 'recorded']);
      const recordColumns = await raw.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'response_records' order by ordinal_position`,
      );
      // Segments of analysis records, one per batch: no time, no order, nothing of a code.
      expect(recordColumns.map((c) => c.column_name)).toEqual(['id', 'campaign_id', 'definition_key', 'responses', 'data']);
      const segments = await raw.query<{ responses: number; data: Uint8Array }>('select responses, data from response_records');
      expect(segments.reduce((sum, s) => sum + s.responses, 0)).toBe(responses.length);
      const segmentBytes = Buffer.concat(segments.map((s) => Buffer.from(s.data)));
      for (const c of issued) {
        for (const secret of [c.code, c.code.replace(/-/g, ''), c.hash, c.ref]) expect(segmentBytes.includes(Buffer.from(secret)), secret).toBe(false);
      }
      const codeColumns = await raw.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'codes' order by ordinal_position`,
      );
      // Written once at issue: nothing on a code row changes when it is used.
      expect(codeColumns.map((c) => c.column_name)).toEqual(['code_hash', 'campaign_id', 'stratum_key', 'slot', 'ref']);
      const cells = JSON.stringify(await raw.query('select * from responses'));
      for (const c of issued) {
        for (const secret of [c.code, c.code.replace(/-/g, ''), c.hash, c.ref]) expect(cells.includes(secret), secret).toBe(false);
      }
      expect(new Set(responses.map((r) => r.date)).size).toBe(1);
    } finally {
      await raw.close();
    }
  });

  it('plaintext codes and submission ids are in no file', () => {
    const secrets = issued.flatMap((c) => [c.code, c.code.replace(/-/g, ''), ...(c.submissionId ? [c.submissionId] : [])]);
    const found = secrets.filter((secret) => [...files.values()].some((bytes) => bytes.includes(Buffer.from(secret))));
    expect(found).toEqual([]);
  });
});
