/**
 * The fuzz suite (issue 10, item 8): every endpoint that reads a body or an
 * upload, and every path and query parameter, gets hostile input: malformed
 * JSON, wrong types, huge and deep bodies, NUL, lone surrogates and control
 * characters, bad UTF-8, formula cells; and HTML and SQL strings in every
 * text field. Malformed input must be a 4xx that changes no data; hostile
 * text must never be a 5xx (it is either refused or stored as the text it
 * is); and `/healthz` keeps answering. Runs on both drivers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database';
import { startTestServer, type TestServer } from '../test-server';
import { CALLERS, credentialsOf, makeFixedUsers, makeFixture, parseMatrix, PROBES, type Caller, type Credentials, type Fixture } from './access-matrix';

const table = parseMatrix(readFileSync(join(import.meta.dirname, '../../../docs/access-matrix.md'), 'utf8'));

let server: TestServer;
let fixture: Fixture;
const credentials = new Map<Caller, Credentials>();

/** Who sends each probe: the first of these callers that the matrix lets through. */
const PREFERRED: Caller[] = ['analytiker', 'screener A', 'admin', 'länsvy', 'anonym'];
const allowed = (status: number) => status < 400 || status === 400 || status === 409;
function callerFor(label: string): Caller {
  const row = table.rows.find((r) => r.label === label)!;
  return PREFERRED.find((caller) => allowed(row.expected[caller])) ?? 'anonym';
}

/** Tables whose rows may change on a refused request: failed attempts are counted. */
const COUNTED = new Set(['attempt_counters']);

/** A fingerprint of every table's contents (small test databases). */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (COUNTED.has(name)) continue;
    const [row] = await db.query<{ digest: string | null; n: number }>(`select md5(string_agg(t::text, '|' order by t::text)) as digest, count(*)::int as n from "${name}" t`);
    out[name] = `${row.n}:${row.digest ?? ''}`;
  }
  return out;
}

interface Sent {
  status: number;
  text: string;
}

async function sendRaw(method: string, path: string, caller: Caller, body?: string | Buffer, contentType = 'application/json'): Promise<Sent> {
  const headers: Record<string, string> = { ...credentials.get(caller)!.headers };
  if (body !== undefined) headers['content-type'] = contentType;
  const response = await fetch(server.url + path, { method, headers, body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body) });
  const text = await response.text();
  await server.responseStore.settled();
  return { status: response.status, text };
}

async function healthy(): Promise<boolean> {
  return (await fetch(`${server.url}/healthz`)).status === 200;
}

/** Paths of every string in a JSON value, as key lists. */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withLeaf(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[path[0]] = withLeaf(copy[path[0]], path.slice(1), replacement);
  return copy;
}

const wrongTypeOf = (value: unknown): unknown =>
  typeof value === 'string' ? 12345 : typeof value === 'number' ? 'tolv' : typeof value === 'boolean' ? 'ja' : Array.isArray(value) ? 'lista' : { oväntat: true };

/** Malformed variants of a JSON body: each must be refused with a 4xx. */
function malformedJson(body: unknown): { name: string; raw: string | Buffer }[] {
  const json = JSON.stringify(body);
  const variants: { name: string; raw: string | Buffer }[] = [
    { name: 'malformed JSON', raw: json.slice(0, Math.max(1, json.length - 3)) },
    { name: 'an array body', raw: '[]' },
    { name: 'a string body', raw: '"text"' },
    { name: 'a 2 MB body', raw: JSON.stringify({ ...(body as object), padding: 'x'.repeat(2_000_000) }) },
    { name: 'nesting 5,000 deep', raw: `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}` },
  ];
  const leaves = stringLeaves(body);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) variants.push({ name: `${key} of the wrong type`, raw: JSON.stringify({ ...body, [key]: wrongTypeOf(value) }) });
  }
  for (const leaf of leaves) {
    const where = leaf.join('.');
    variants.push({ name: `NUL in ${where}`, raw: JSON.stringify(withLeaf(body, leaf, 'a\u0000b')) });
    variants.push({ name: `a lone surrogate in ${where}`, raw: JSON.stringify(withLeaf(body, leaf, 'a\ud800b')) });
    variants.push({ name: `an escape character in ${where}`, raw: JSON.stringify(withLeaf(body, leaf, 'a\u001b[2Jb')) });
    const marked = JSON.stringify(withLeaf(body, leaf, 'BADUTF8'));
    const at = Buffer.from(marked).indexOf('BADUTF8');
    const bytes = Buffer.from(marked);
    variants.push({ name: `bad UTF-8 in ${where}`, raw: Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), bytes.subarray(at + 7)]) });
  }
  return variants;
}

/** Hostile but well-formed text: refused or stored as text, never a 5xx. */
const HOSTILE_TEXT = ["'); drop table users; --", "' or '1'='1", '<img src=x onerror=alert(1)><script>alert(1)</script>', '=HYPERLINK("http://x.example","klicka")', '${7*7}{{7*7}}', '../../../../etc/passwd'];

/** Malformed variants of an uploaded CSV: each must be refused with a 4xx. */
function malformedCsv(csv: string, bodyLimitMb: number): { name: string; raw: string | Buffer; contentType?: string }[] {
  const [header, first] = csv.trim().split('\n');
  const firstCell = first.split(',')[0];
  const swap = (cell: string) => `${header}\n${first.replace(firstCell, cell)}\n`;
  return [
    { name: 'an empty file', raw: '' },
    { name: 'only a header', raw: `${header}\n` },
    { name: 'a NUL in a cell', raw: swap('Norr\u0000') },
    { name: 'an escape character in a cell', raw: swap('Norr\u001b') },
    { name: 'a formula cell', raw: swap('=HYPERLINK("http://x.example")') },
    { name: 'a formula after a semicolon', raw: `${header.replace(',', ';')}\n${first.replace(',', ';').replace(firstCell, '@SUM(A1)')}\n` },
    { name: 'bad UTF-8', raw: Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0xed, 0xa0, 0x80, 0x2c, 0x35, 0x0a])]) },
    { name: `a file over the ${bodyLimitMb} MB limit`, raw: `${header}\n${`${firstCell},1\n`.repeat(Math.ceil(((bodyLimitMb + 1) * 1024 * 1024) / (firstCell.length + 3)))}` },
    { name: 'a 300-character cell', raw: swap('x'.repeat(300)) },
    { name: 'a row with too many fields', raw: `${header}\n${first},1,2,3\n` },
    { name: 'an unterminated quote', raw: `${header}\n"${first}\n` },
    { name: 'JSON instead of CSV', raw: '{"omrade":"norr"}', contentType: 'application/json' },
  ];
}

beforeAll(async () => {
  server = await startTestServer();
  const users = await makeFixedUsers(server);
  const made = await makeFixture(server, users.owner);
  fixture = made.fixture;
  for (const caller of CALLERS) if (PREFERRED.includes(caller)) credentials.set(caller, await credentialsOf(caller, server, users, made));
});
afterAll(() => server?.close());

const bodyProbes = Object.entries(PROBES).filter(([label]) => !label.endsWith('/api/auth/logout'));

describe('malformed input is a 4xx that changes nothing', () => {
  it('every JSON body: malformed, wrong types, huge, deep, NUL, surrogates, control characters, bad UTF-8', async () => {
    const problems: string[] = [];
    let sent = 0;
    for (const [label, build] of bodyProbes) {
      const probe = build(fixture);
      if (probe.body === undefined) continue;
      const caller = callerFor(label);
      const before = await fingerprint(server.db);
      for (const variant of malformedJson(probe.body)) {
        const { status, text } = await sendRaw(probe.method, probe.path, caller, variant.raw);
        sent++;
        if (status < 400 || status >= 500) problems.push(`${label} with ${variant.name}: ${status} ${text.slice(0, 120)}`);
      }
      const after = await fingerprint(server.db);
      for (const name of Object.keys(before)) if (before[name] !== after[name]) problems.push(`${label}: table ${name} changed`);
      if (!(await healthy())) problems.push(`${label}: /healthz stopped answering`);
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  }, 300_000);

  it('every upload: empty, NUL, control characters, formula cells, bad UTF-8, huge, malformed', async () => {
    const problems: string[] = [];
    for (const [label, build] of bodyProbes) {
      const probe = build(fixture);
      if (probe.text === undefined) continue;
      const caller = callerFor(label);
      const before = await fingerprint(server.db);
      // The SCB import takes whole BE0101 files (40 MB); the kommun's own tables 5 MB.
      for (const variant of malformedCsv(probe.text, probe.path.includes('population-years') ? 40 : 5)) {
        const { status, text } = await sendRaw(probe.method, probe.path, caller, variant.raw, variant.contentType ?? 'text/csv; charset=utf-8');
        if (status < 400 || status >= 500) problems.push(`${label} with ${variant.name}: ${status} ${text.slice(0, 120)}`);
      }
      const after = await fingerprint(server.db);
      for (const name of Object.keys(before)) if (before[name] !== after[name]) problems.push(`${label}: table ${name} changed`);
      if (!(await healthy())) problems.push(`${label}: /healthz stopped answering`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('every path and query parameter: NUL, bad percent-encoding, lone surrogates', async () => {
    const problems: string[] = [];
    const before = await fingerprint(server.db);
    for (const [label, build] of Object.entries(PROBES)) {
      const probe = build(fixture);
      const caller = callerFor(label);
      const segments = probe.path.split('?')[0].split('/');
      // Each parameter segment (anything after /api/<area>/) in turn.
      for (let i = 3; i < segments.length; i++) {
        for (const hostile of ['%00', '%FF', '%ED%A0%80', 'x%1B']) {
          const path = [...segments.slice(0, i), hostile, ...segments.slice(i + 1)].join('/');
          const { status, text } = await sendRaw(probe.method, path, caller, probe.body === undefined ? undefined : JSON.stringify(probe.body));
          if (status < 400 || status >= 500) problems.push(`${probe.method} ${path}: ${status} ${text.slice(0, 120)}`);
        }
      }
      const query = probe.path.split('?')[1];
      for (const pair of query?.split('&') ?? []) {
        const [key] = pair.split('=');
        const path = probe.path.replace(pair, `${key}=a%00b`);
        const { status, text } = await sendRaw(probe.method, path, caller, probe.text ?? (probe.body === undefined ? undefined : JSON.stringify(probe.body)), probe.text === undefined ? 'application/json' : 'text/csv');
        if (status < 400 || status >= 500) problems.push(`${probe.method} ${path}: ${status} ${text.slice(0, 120)}`);
      }
    }
    const after = await fingerprint(server.db);
    for (const name of Object.keys(before)) if (before[name] !== after[name]) problems.push(`table ${name} changed`);
    expect(problems).toEqual([]);
    expect(await healthy()).toBe(true);
  }, 300_000);
});

describe('hostile text is refused or stored as text', () => {
  it('SQL, HTML, formula and template strings in every text field never give a 5xx, and the database keeps its tables', async () => {
    const problems: string[] = [];
    const tablesBefore = Object.keys(await fingerprint(server.db));
    for (const [label, build] of bodyProbes) {
      const probe = build(fixture);
      if (probe.body === undefined) continue;
      for (const leaf of stringLeaves(probe.body)) {
        for (const hostile of HOSTILE_TEXT) {
          const { status, text } = await sendRaw(probe.method, probe.path, callerFor(label), JSON.stringify(withLeaf(probe.body, leaf, hostile)));
          if (status >= 500) problems.push(`${label} with ${hostile} in ${leaf.join('.')}: ${status} ${text.slice(0, 120)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(await fingerprint(server.db))).toEqual(tablesBefore);
    expect((await server.db.query<{ n: number }>('select count(*)::int as n from users'))[0].n).toBeGreaterThan(5);
    expect(await healthy()).toBe(true);
  }, 300_000);
});
