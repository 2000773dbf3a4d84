/**
 * Deleting a campaign's codes deletes them from the disk (docs/privacy.md):
 * after `delete-codes`, a byte scan of the stopped database's files — the
 * PGlite data directory, or on PostgreSQL the database folder and pg_wal —
 * finds none of the campaign's letter references or code hashes, and no
 * draft. Before this, every one of 600 refs was still in the codes file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../../server/services/code-secret';
import { openRawDatabase, readDatabaseFiles } from './raw-database';
import { startTestServer, type TestServer } from './test-server';
import { ANSWERS, newSubmissionId } from './fieldwork-helpers';
import { sealedDraftBody } from './draft-helpers';

let server: TestServer | undefined;
const dir = mkdtempSync(join(tmpdir(), 'delete-codes-'));
afterAll(async () => {
  await server?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every run of `alphabet` characters at least `length` long in the bytes, as all its `length`-windows. */
function windows(bytes: Buffer, alphabet: RegExp, length: number): Set<string> {
  const out = new Set<string>();
  const text = bytes.toString('latin1');
  for (const match of text.matchAll(alphabet)) {
    for (let i = 0; i + length <= match[0].length; i++) out.add(match[0].slice(i, i + length));
  }
  return out;
}

describe('delete-codes', () => {
  it('leaves no letter reference, code hash or draft of the campaign in any file of the database', { timeout: 120_000 }, async () => {
    server = await startTestServer({ RESPONSE_BATCH_SIZE: '10', RESPONSE_FLUSH_MS: '0' }, { pgliteDir: join(dir, 'pglite') });
    const token = await server.login();
    const created = await server.request('POST', '/api/campaigns', { token, body: { templateId: 'demo', title: 'Radering' } });
    const id = created.body.id as string;
    const strata = ['norr', 'syd', 'ost'].map((omrade) => ({ stratum: { kon: 'kvinna', aldersgrupp: '18-29', omrade }, count: 200, N: 2000 }));
    const issued = await server.request('POST', `/api/campaigns/${id}/codes`, { token, body: { strata } });
    const codes = issued.body.codes as { code: string; ref: string }[];
    expect(codes).toHaveLength(600);
    await server.request('POST', `/api/campaigns/${id}/open`, { token });
    const drafts: string[] = [];
    for (const [i, { code }] of codes.slice(0, 40).entries()) {
      await server.request('GET', `/api/respond/${code}`);
      if (i % 4 === 0) {
        const { body } = await sealedDraftBody(code, 'ett ord till', { kon: 'kvinna' });
        expect((await server.request('PUT', `/api/respond/${code}/draft`, { body })).status).toBe(204);
        drafts.push(body.sealed.ciphertext.slice(0, 40), body.verifier);
      }
      if (i < 30) await server.request('POST', `/api/respond/${code}/submit`, { body: { submissionId: newSubmissionId(), answers: ANSWERS } });
    }
    await server.request('POST', `/api/campaigns/${id}/paper`, { token, body: { code: codes[50].code, answers: ANSWERS, entry: 1 } });
    expect((await server.request('POST', `/api/campaigns/${id}/close`, { token })).status).toBe(200);
    const deleted = await server.request('POST', `/api/campaigns/${id}/delete-codes`, { token });
    expect(deleted.body).toEqual({ deleted: 600 });
    const progress = await server.request('GET', `/api/campaigns/${id}/progress`, { token });
    expect(progress.body.totals).toEqual({ invited: 600, started: 40, completed: 30 });
    await server.stop();
    const location = server.location!;
    if (location.kind === 'postgresql') {
      const raw = await openRawDatabase(location);
      await raw.query('checkpoint');
      await raw.close();
    }

    const refs = new Set(codes.map((c) => c.ref));
    const hashes = new Set(codes.map((c) => keyedHash(server!.codeSecret, c.code.replace(/-/g, ''))));
    const files = await readDatabaseFiles(location);
    const found: string[] = [];
    let scanned = 0;
    for (const [path, bytes] of files) {
      scanned += bytes.length;
      for (const w of windows(bytes, /[2-9A-HJKMNP-Z]{8,}/g, 8)) if (refs.has(w)) found.push(`${path}: ref ${w}`);
      for (const w of windows(bytes, /[A-Za-z0-9_-]{43,}/g, 43)) if (hashes.has(w)) found.push(`${path}: code hash ${w}`);
      for (const draft of drafts) if (bytes.includes(Buffer.from(draft))) found.push(`${path}: draft ${draft}`);
    }
    console.log(`delete-codes scan (${location.kind}): ${files.size} files, ${(scanned / 1e6).toFixed(1)} MB, ${found.length} hits`);
    expect(found).toEqual([]);
  });
});
