import { describe, expect, it } from 'vitest';
import {
  deriveDraftKeys,
  fromBase64url,
  newDraftSalt,
  normaliseResumeWord,
  openDraft,
  sealDraft,
  toBase64url,
} from '../../domain/sealed-draft';

const CODE = 'ABCD-EFGH-JKM';
const contents = { version: 1 as const, answers: { kon: 'kvinna', alder: 40, hushall: ['ensam'] }, page: 'hot' };

describe('sealed drafts in WebCrypto', () => {
  it('normalises the word: NFC, trimmed, inner space collapsed, lower case', () => {
    expect(normaliseResumeWord('  Sommar \t Hus ')).toBe('sommar hus');
    // "å" as one code point and as a + combining ring are the same word.
    expect(normaliseResumeWord('Ålö')).toBe(normaliseResumeWord('A\u030Alo\u0308'));
  });

  it('round-trips base64url', () => {
    const bytes = new Uint8Array([0, 1, 250, 251, 252, 253, 254, 255, 62, 63]);
    expect(toBase64url(bytes)).not.toMatch(/[+/=]/);
    expect([...fromBase64url(toBase64url(bytes))]).toEqual([...bytes]);
    expect(newDraftSalt()).toHaveLength(22);
  });

  it('seals and opens with keys derived from the same code and word, written any way', async () => {
    const salt = newDraftSalt();
    const keys = await deriveDraftKeys(CODE, 'Sommarhus', salt);
    const again = await deriveDraftKeys('abcd efgh jkm', ' sommarhus', salt);
    expect(again.verifier).toBe(keys.verifier);
    expect(keys.verifier).toHaveLength(43);
    expect(keys.iterations).toBe(600_000);
    const sealed = await sealDraft(keys, contents);
    expect(sealed.iv).toHaveLength(16);
    expect(sealed.ciphertext).not.toContain('kvinna');
    expect(await openDraft(again, sealed)).toEqual(contents);
    // A fresh IV on every seal.
    expect((await sealDraft(keys, contents)).iv).not.toBe(sealed.iv);
  });

  it('gives other keys for another word, another code or another salt, and refuses to open with them', async () => {
    const salt = newDraftSalt();
    const keys = await deriveDraftKeys(CODE, 'sommarhus', salt);
    const sealed = await sealDraft(keys, contents);
    for (const other of [
      await deriveDraftKeys(CODE, 'vinterhus', salt),
      await deriveDraftKeys('ABCD-EFGH-JKN', 'sommarhus', salt),
      await deriveDraftKeys(CODE, 'sommarhus', newDraftSalt()),
    ]) {
      expect(other.verifier).not.toBe(keys.verifier);
      await expect(openDraft(other, sealed)).rejects.toThrow();
    }
  });

  it('detects a changed ciphertext (AES-GCM tag)', async () => {
    const keys = await deriveDraftKeys(CODE, 'sommarhus', newDraftSalt());
    const sealed = await sealDraft(keys, contents);
    const bytes = fromBase64url(sealed.ciphertext);
    bytes[3] ^= 1;
    await expect(openDraft(keys, { ...sealed, ciphertext: toBase64url(bytes) })).rejects.toThrow();
  });

  it('refuses a code that is not one and an empty word', async () => {
    await expect(deriveDraftKeys('hello', 'sommarhus', newDraftSalt())).rejects.toThrow(/personal code/);
    await expect(deriveDraftKeys(CODE, '   ', newDraftSalt())).rejects.toThrow(/empty/);
  });
});
