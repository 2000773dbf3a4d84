/**
 * Sealed drafts over HTTP (docs/api.md, "Sealed drafts"): plaintext refused,
 * only ciphertext stored, the blob released for the right resume word only,
 * wrong words counted and the draft locked after five, word checks limited
 * per code, and a saved draft replaced only with its verifier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveDraftKeys, openDraft } from '../../domain/sealed-draft';
import { keyedHash } from '../../server/services/code-secret';
import { sealedDraftBody } from './draft-helpers';
import { openCampaignWithCodes } from './fieldwork-helpers';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(async () => {
  await server?.close();
});

const ANSWERS = { kon: 'kvinna', alder: 34, psykiskt_12m: 'ja' };
const WORD = 'Sommarhus';

const draftUrl = (code: string) => `/api/respond/${code}/draft`;
const codeHashOf = (code: string) => keyedHash(server.codeSecret, code.replace(/-/g, ''));

async function codesOfOpenCampaign() {
  const { id, codes } = await openCampaignWithCodes(server, token);
  return { id, codes: codes.map((c) => c.code) };
}

describe('sealed drafts', () => {
  it('refuses plaintext answers with 400 naming the field, and stores nothing', async () => {
    const { id, codes } = await codesOfOpenCampaign();
    const plain = await server.request('PUT', draftUrl(codes[0]), { body: { answers: ANSWERS } });
    expect(plain.status).toBe(400);
    expect(plain.body.error.details.field).toBe('answers');
    expect(plain.body.error.message).toMatch(/klartext/);
    // Not even next to a sealed draft.
    const { body } = await sealedDraftBody(codes[0], WORD, ANSWERS);
    const both = await server.request('PUT', draftUrl(codes[0]), { body: { ...body, answers: ANSWERS } });
    expect([both.status, both.body.error.details.field]).toEqual([400, 'answers']);
    const weak = await server.request('PUT', draftUrl(codes[0]), { body: { ...body, iterations: 1000 } });
    expect([weak.status, weak.body.error.details.field]).toEqual([400, 'iterations']);
    expect(await server.db.query('select 1 from drafts where campaign_id = $1', [id])).toEqual([]);
  });

  it('stores only ciphertext: no answer, word, verifier or code in the drafts table', async () => {
    const { id, codes } = await codesOfOpenCampaign();
    const { body, keys } = await sealedDraftBody(codes[0], WORD, ANSWERS, { page: 'utsatthet' });
    expect((await server.request('PUT', draftUrl(codes[0]), { body })).status).toBe(204);

    const columns = await server.db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'drafts' order by ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['code_hash', 'campaign_id', 'ciphertext', 'iv', 'salt', 'iterations', 'verifier_hash', 'failed_attempts']);
    const rows = await server.db.query<Record<string, unknown>>('select * from drafts where campaign_id = $1', [id]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.code_hash).toBe(codeHashOf(codes[0]));
    expect(row.ciphertext).toBe(body.sealed.ciphertext);
    expect(row.verifier_hash).not.toBe(body.verifier);
    const stored = JSON.stringify(rows);
    for (const secret of ['kvinna', 'psykiskt', 'kon', 'alder', 'utsatthet', WORD, WORD.toLowerCase(), body.verifier, codes[0], codes[0].replace(/-/g, '')]) {
      expect(stored.includes(secret), `drafts holds "${secret}"`).toBe(false);
    }
    // The stored blob opens with the right key only.
    expect(await openDraft(keys, { ciphertext: String(row.ciphertext), iv: String(row.iv) })).toEqual({ version: 1, answers: ANSWERS, page: 'utsatthet' });
    const wrongKeys = await deriveDraftKeys(codes[0], 'vinterhus', String(row.salt));
    await expect(openDraft(wrongKeys, { ciphertext: String(row.ciphertext), iv: String(row.iv) })).rejects.toThrow();

    // Opening the letter link shows that a draft waits, and nothing of it.
    const opened = await server.request('GET', `/api/respond/${codes[0]}`);
    expect(opened.status).toBe(200);
    expect(opened.body.answers).toEqual({});
    expect(opened.body.draft).toEqual({ salt: body.salt, iterations: 600_000, attemptsLeft: 5 });
    expect(JSON.stringify(opened.body)).not.toContain(body.sealed.ciphertext);
  });

  it('releases the sealed draft for the right word (any case), which reopens on the page reached', async () => {
    const { codes } = await codesOfOpenCampaign();
    const { body } = await sealedDraftBody(codes[0], WORD, ANSWERS, { page: 'utsatthet' });
    await server.request('PUT', draftUrl(codes[0]), { body });
    const { draft } = (await server.request('GET', `/api/respond/${codes[0]}`)).body;
    // Another device: only the code (typed in lower case) and the word.
    const keys = await deriveDraftKeys(codes[0].toLowerCase(), ' sommarhus ', draft.salt, draft.iterations);
    const released = await server.request('POST', `${draftUrl(codes[0])}/open`, { body: { verifier: keys.verifier } });
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ sealed: body.sealed, salt: body.salt, iterations: 600_000 });
    expect(await openDraft(keys, released.body.sealed)).toEqual({ version: 1, answers: ANSWERS, page: 'utsatthet' });
  });

  it('counts wrong words, a right one resets the count, and checks are limited to 3 a minute per code', async () => {
    const { codes } = await codesOfOpenCampaign();
    const { body, keys } = await sealedDraftBody(codes[0], WORD, ANSWERS);
    await server.request('PUT', draftUrl(codes[0]), { body });
    const wrong = await deriveDraftKeys(codes[0], 'vinterhus', body.salt);
    const open = (verifier: string) => server.request('POST', `${draftUrl(codes[0])}/open`, { body: { verifier } });

    const first = await open(wrong.verifier);
    expect([first.status, first.body.error.code, first.body.error.details]).toEqual([403, 'wrong_resume_word', { attemptsLeft: 4 }]);
    expect(first.body.error.message).toBe('Ordet stämmer inte. Du kan försöka 4 gånger till.');
    expect((await open(wrong.verifier)).body.error.details).toEqual({ attemptsLeft: 3 });
    expect((await server.request('GET', `/api/respond/${codes[0]}`)).body.draft.attemptsLeft).toBe(3);
    expect((await open(keys.verifier)).status).toBe(200);
    expect((await server.request('GET', `/api/respond/${codes[0]}`)).body.draft.attemptsLeft).toBe(5);
    // A fourth check of this code within the minute is refused before the word is looked at.
    const limited = await open(keys.verifier);
    expect([limited.status, limited.body.error.code]).toEqual([429, 'too_many_requests']);
    // Another code is not affected.
    const { body: otherBody, keys: otherKeys } = await sealedDraftBody(codes[1], WORD, ANSWERS);
    await server.request('PUT', draftUrl(codes[1]), { body: otherBody });
    expect((await server.request('POST', `${draftUrl(codes[1])}/open`, { body: { verifier: otherKeys.verifier } })).status).toBe(200);
  });

  it('refuses to replace a draft without its verifier, counts that as a wrong word, and locks after five', async () => {
    const { codes } = await codesOfOpenCampaign();
    const code = codes[0];
    const { body, keys } = await sealedDraftBody(code, WORD, ANSWERS, { page: 'bakgrund' });
    expect((await server.request('PUT', draftUrl(code), { body })).status).toBe(204);

    // Someone with only the letter cannot put a draft of their own in its place.
    const { body: intruder } = await sealedDraftBody(code, 'annat-ord', { kon: 'man' });
    const replaced = await server.request('PUT', draftUrl(code), { body: intruder });
    expect([replaced.status, replaced.body.error.code, replaced.body.error.details]).toEqual([403, 'wrong_resume_word', { attemptsLeft: 4 }]);

    // The owner may replace it (same key, fresh IV).
    const { body: newer } = await sealedDraftBody(code, WORD, { ...ANSWERS, alder: 35 }, { page: 'utsatthet', keys });
    expect((await server.request('PUT', draftUrl(code), { body: newer })).status).toBe(204);
    expect((await server.request('GET', `/api/respond/${code}`)).body.draft.attemptsLeft).toBe(5);

    // Five wrong words in a row, by either route, lock the draft.
    const wrong = await deriveDraftKeys(code, 'vinterhus', body.salt);
    const lefts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const got = await server.request('POST', `${draftUrl(code)}/open`, { body: { verifier: wrong.verifier } });
      lefts.push(got.body.error.details.attemptsLeft);
    }
    for (let i = 0; i < 2; i++) {
      const got = await server.request('PUT', draftUrl(code), { body: intruder });
      lefts.push(got.body.error.details.attemptsLeft);
    }
    expect(lefts).toEqual([4, 3, 2, 1, 0]);
    const locked = await server.request('PUT', draftUrl(code), { body: newer });
    expect([locked.status, locked.body.error.code]).toEqual([423, 'draft_locked']);
    expect((await server.request('GET', `/api/respond/${code}`)).body.draft.attemptsLeft).toBe(0);
    const [row] = await server.db.query<{ ciphertext: string; failed_attempts: number }>('select ciphertext, failed_attempts from drafts where code_hash = $1', [codeHashOf(code)]);
    expect(row).toEqual({ ciphertext: newer.sealed.ciphertext, failed_attempts: 5 });

    // A forgotten word (or a locked draft) means starting over: discard, then save afresh.
    expect((await server.request('DELETE', draftUrl(code))).status).toBe(204);
    expect((await server.request('DELETE', draftUrl(code))).status).toBe(204);
    expect((await server.request('GET', `/api/respond/${code}`)).body.draft).toBeNull();
    // (Another code: this one has had its three checks this minute.)
    const noDraft = await server.request('POST', `${draftUrl(codes[2])}/open`, { body: { verifier: keys.verifier } });
    expect([noDraft.status, noDraft.body.error.code]).toEqual([404, 'no_draft']);
    expect((await server.request('PUT', draftUrl(code), { body: intruder })).status).toBe(204);
  });
});
