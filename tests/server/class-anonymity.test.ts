/**
 * The attacker test of tests/server/anonymity.test.ts for class links: with
 * a full copy of the database (every table, system columns, physical row
 * order, dead rows, the files and, embedded, the write-ahead log) someone
 * must not learn a response's class beyond what it carries, its skola and
 * årskurs. Several classes share one skola × årskurs; every response carries
 * a marker in its free-text answer, so the test knows each response's class
 * and scores each attack against a random guess that respects the classes'
 * counts (which the counters show). Runs on PGlite on disk and, under
 * `npm run test:pg`, on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSubmissionId } from './fieldwork-helpers';
import { belongsTo, listAllTuples, openRawDatabase, readDatabaseFiles, relationFiles, type RawTuple } from './raw-database';
import { startTestServer, type TestDatabaseLocation, type TestServer } from './test-server';

/** Three classes share Ekskolan årskurs 9; two share Ekskolan årskurs 8. */
const CLASSES = [
  { skola: 'Ekskolan', klass: '9A', arskurs: '9', elever: 14 },
  { skola: 'Ekskolan', klass: '9B', arskurs: '9', elever: 14 },
  { skola: 'Ekskolan', klass: '9C', arskurs: '9', elever: 14 },
  { skola: 'Ekskolan', klass: '8A', arskurs: '8', elever: 12 },
  { skola: 'Ekskolan', klass: '8B', arskurs: '8', elever: 12 },
];

interface Sent {
  classId: string;
  klass: string;
  token: string;
  stratumKey: string;
  marker: string;
  submissionId: string;
}

let dir: string;
let server: TestServer;
let location: TestDatabaseLocation;
let campaignId: string;
let classes: { id: string; klass: string; link: string; skola: string; arskurs: string; elever: number }[];
let sent: Sent[];
let tuples: RawTuple[];
let files: Map<string, Buffer>;
let responseFiles: string[];
let responses: { xmin: string; block: number; lp: number; stratum: Record<string, string>; marker: string }[];

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const keyOf = (stratum: { skola: string; arskurs: string }) => `${stratum.skola}|${stratum.arskurs}`;
const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const xidOrder = (a: string, b: string) => Number(BigInt(a) - BigInt(b));
const ctidOrder = (a: { block: number; lp: number }, b: { block: number; lp: number }) => a.block - b.block || a.lp - b.lp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'class-anonymity-'));
  server = await startTestServer({ RESPONSE_BATCH_SIZE: '10', RESPONSE_FLUSH_MS: '20' }, { pgliteDir: join(dir, 'pglite') });
  location = server.location!;
  const token = await server.login();
  const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'befolkningsenkat', title: 'Klasser', mode: 'classes' } });
  campaignId = created.body.id;
  const added = await server.request('POST', `/api/campaigns/${campaignId}/classes`, { token, body: { classes: CLASSES } });
  expect(added.status).toBe(201);
  classes = added.body.classes;
  await server.request('POST', `/api/campaigns/${campaignId}/open`, { token });

  // Most pupils of every class answer (not all), in an order mixed across classes.
  const planned: Sent[] = [];
  for (const c of classes) {
    const answering = c.elever - 1 - Math.floor(Math.random() * 3);
    for (let i = 0; i < answering; i++) {
      planned.push({
        classId: c.id,
        klass: c.klass,
        token: c.link.replace('/o/', ''),
        stratumKey: keyOf(c),
        marker: `MRK${randomBytes(9).toString('hex')}`,
        submissionId: newSubmissionId(),
      });
    }
  }
  sent = shuffle(planned);
  const submit = (s: Sent) =>
    server.request('POST', `/api/open/${s.token}/submit`, { body: { submissionId: s.submissionId, answers: { kon: 'kvinna', kommentar: s.marker } } });
  const half = Math.floor(sent.length / 2);
  for (const s of sent.slice(0, half)) expect((await submit(s)).status).toBe(201);
  // A retry, to be sure a receipt seen twice leaves no trace either.
  expect((await submit(sent[0])).status).toBe(200);
  const rest = sent.slice(half);
  for (let start = 0; start < rest.length; start += 8) {
    const statuses = await Promise.all(rest.slice(start, start + 8).map((s) => submit(s).then((r) => r.status)));
    expect(statuses.every((status) => status === 201)).toBe(true);
  }
  expect((await server.request('POST', `/api/campaigns/${campaignId}/close`, { token })).status).toBe(200);
  await server.stop();

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
      await raw.query<{ xmin: string; ctid: string; stratum: Record<string, string>; marker: string }>(
        `select xmin::text, ctid::text, stratum, answers->>'kommentar' as marker from responses where campaign_id = $1`,
        [campaignId],
      )
    ).map((r) => {
      const [block, lp] = r.ctid.replace(/[()]/g, '').split(',').map(Number);
      return { ...r, block, lp };
    });
  } finally {
    await raw.close();
  }
}, 240_000);

afterAll(async () => {
  await server?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every transaction id that wrote or deleted a tuple holding the class's id (its row, its counter's versions). */
function classXids(classId: string): string[] {
  const needle = uuidBytes(classId);
  return tuples
    .filter((t) => t.data !== null && t.data.includes(needle))
    .flatMap((t) => [t.xmin, t.xmax])
    .filter((x): x is string => x !== null && x !== '0');
}

const tuplesWith = (text: string) => {
  const needle = Buffer.from(text, 'utf8');
  return tuples.filter((t) => t.data !== null && t.data.includes(needle));
};

type Guess = Map<string, string | undefined>;

/** Correct guesses, and what a random guess respecting each class's count gets on average, with its standard deviation. */
function score(guess: Guess) {
  const truth = new Map(sent.map((s) => [s.marker, s.classId]));
  let correct = 0;
  for (const [marker, classId] of guess) if (classId !== undefined && truth.get(marker) === classId) correct++;
  let expected = 0;
  let variance = 0;
  for (const s of sent) {
    const stratum = sent.filter((o) => o.stratumKey === s.stratumKey);
    const p = stratum.filter((o) => o.classId === s.classId).length / stratum.length;
    expected += p;
    variance += p * (1 - p);
  }
  return { correct, chance: Math.round(expected * 10) / 10, limit: expected + 3 * Math.sqrt(variance) + 1, of: sent.length };
}

function attacks(): { name: string; guess: Guess }[] {
  const xidsByClass = new Map(classes.map((c) => [c.id, classXids(c.id)]));
  const classOfXid = (xids: Iterable<string>) => {
    const set = new Set(xids);
    return classes.find((c) => xidsByClass.get(c.id)!.some((x) => set.has(x)))?.id;
  };

  const equalXmin: Guess = new Map(responses.map((r) => [r.marker, classOfXid([r.xmin])]));

  const deadRows: Guess = new Map();
  for (const r of responses) {
    const copies = tuplesWith(r.marker).filter((t) => !(t.relation === 'responses' && t.lpFlags === 1 && t.xmax === '0'));
    deadRows.set(r.marker, classOfXid(copies.flatMap((t) => [t.xmin, t.xmax]).filter((x): x is string => x !== null && x !== '0')));
  }

  /** Within each skola × årskurs: responses in (xmin, ctid) order split into runs of the classes' counts, classes by their counter's last xid. */
  const rank = (order: (a: (typeof responses)[number], b: (typeof responses)[number]) => number): Guess => {
    const guess: Guess = new Map();
    for (const key of new Set(sent.map((s) => s.stratumKey))) {
      const rs = responses.filter((r) => keyOf(r.stratum as { skola: string; arskurs: string }) === key).sort(order);
      const cs = classes
        .filter((c) => keyOf(c) === key)
        .sort((a, b) => xidOrder(xidsByClass.get(a.id)!.sort(xidOrder).at(-1) ?? '0', xidsByClass.get(b.id)!.sort(xidOrder).at(-1) ?? '0'));
      let i = 0;
      for (const c of cs) {
        const count = sent.filter((s) => s.classId === c.id).length;
        for (const r of rs.slice(i, i + count)) guess.set(r.marker, c.id);
        i += count;
      }
    }
    return guess;
  };

  return [
    { name: 'equal xmin/xmax of any tuple holding the class id', guess: equalXmin },
    { name: 'dead or stale tuples holding the answers, by their xids', guess: deadRows },
    { name: 'rank of xmin, then ctid, against the counters’ last xid', guess: rank((a, b) => xidOrder(a.xmin, b.xmin) || ctidOrder(a, b)) },
    { name: 'physical row order (ctid) against the counters’ last xid', guess: rank(ctidOrder) },
  ];
}

describe('class links against a copy of the database', () => {
  it('stored every response once, with skola and årskurs as its only stratum', () => {
    expect(responses).toHaveLength(sent.length);
    expect(new Set(responses.map((r) => r.marker))).toEqual(new Set(sent.map((s) => s.marker)));
    for (const r of responses) expect(Object.keys(r.stratum).sort()).toEqual(['arskurs', 'skola']);
  });

  it('no attack tells a response’s class better than a guess from the counts', () => {
    const results = attacks().map((attack) => ({ attack: attack.name, ...score(attack.guess) }));
    console.log(`class-link attacks (${location.kind}): correct classes of ${sent.length} responses`);
    console.table(results);
    for (const { attack, correct, limit } of results) expect(correct, attack).toBeLessThanOrEqual(limit);
  });

  it('no response cell holds a class id, class name or token, and the counter is a count with no time', async () => {
    const raw = await openRawDatabase(location);
    try {
      const cells = JSON.stringify(await raw.query('select * from responses where campaign_id = $1', [campaignId]));
      for (const c of classes) {
        for (const secret of [c.id, c.link.replace('/o/', ''), `"${c.klass}"`]) expect(cells.includes(secret), secret).toBe(false);
      }
      const columns = await raw.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'class_link_usage' order by ordinal_position`,
      );
      expect(columns.map((c) => c.column_name)).toEqual(['class_id', 'completed']);
      const counts = await raw.query<{ class_id: string; completed: number }>('select class_id, completed from class_link_usage');
      for (const c of classes) {
        expect(counts.find((row) => row.class_id === c.id)?.completed).toBe(sent.filter((s) => s.classId === c.id).length);
      }
    } finally {
      await raw.close();
    }
  });

  it('keeps no old version of a counter: the scrub rewrote the table', () => {
    const counterTuples = tuples.filter((t) => t.relation === 'class_link_usage' && t.lpFlags !== 0);
    expect(counterTuples).toHaveLength(classes.length);
    expect(counterTuples.every((t) => t.lpFlags === 1 && t.xmax === '0')).toBe(true);
  });

  it('the answers are nowhere but in the live rows and files of `responses`', () => {
    const elsewhere: string[] = [];
    for (const r of responses) {
      const needle = Buffer.from(r.marker, 'utf8');
      for (const [path, bytes] of files) if (!belongsTo(path, responseFiles) && bytes.includes(needle)) elsewhere.push(`${path}: ${r.marker}`);
    }
    expect(elsewhere).toEqual([]);
  });
});
