/**
 * Sealing a draft in the browser (WebCrypto only; also runs in Node ≥ 20,
 * whose global `crypto.subtle` is the same API, for tests).
 *
 * From the personal code and the respondent's resume word, PBKDF2-HMAC-SHA-256
 * (a random 16-byte salt, 600,000 iterations) derives 64 bytes:
 * - bytes 0–31 are an AES-256-GCM key (imported non-extractable) that seals
 *   the draft (answers and the last page reached) with a fresh 12-byte IV on
 *   every save;
 * - bytes 32–63 are the verifier, which the server keeps only as a keyed hash
 *   and compares to release the sealed blob or to allow replacing it.
 * Knowing the verifier does not help to find the key: both are independent
 * outputs of the slow derivation.
 *
 * Derive once per session (`deriveDraftKeys`), then seal on every autosave.
 */
import { normaliseCode } from './personal-code';

/** AES-256-GCM output (ciphertext with its tag) and IV, base64url; contracts/respondent.ts has its schema. */
export interface SealedDraft {
  ciphertext: string;
  iv: string;
}

/** What the browser seals; never crosses the wire in clear. contracts/respondent.ts has its schema. */
export interface DraftContents {
  version: 1;
  answers: Record<string, unknown>;
  /** Name of the last page reached, where a resume reopens. */
  page?: string;
}

/** Key derivation and sealing parameters, shared by the browser and the server's checks (contracts/respondent.ts). */
export const DRAFT_KDF = {
  hash: 'SHA-256',
  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; the browser uses exactly this. */
  iterations: 600_000,
  minIterations: 600_000,
  maxIterations: 5_000_000,
  saltBytes: 16,
  ivBytes: 12,
  verifierBytes: 32,
} as const;

/** Wrong resume words in a row before a draft is locked (only "start over" remains). */
export const MAX_RESUME_ATTEMPTS = 5;
/** Resume-word checks (`POST …/draft/open`) per code and minute, per server process. */
export const RESUME_CHECKS_PER_MINUTE = 3;
/** The shortest resume word the app accepts (after normalising). */
export const MIN_RESUME_WORD_LENGTH = 6;

/** Additional authenticated data: binds a ciphertext to this format. */
const AAD = new TextEncoder().encode('kartlaggning-draft-v1');

export interface DraftKeys {
  /** AES-256-GCM, not extractable. */
  readonly key: CryptoKey;
  /** base64url of the 32-byte verifier. */
  readonly verifier: string;
  /** base64url of the salt the keys were derived with. */
  readonly salt: string;
  readonly iterations: number;
}

/**
 * The resume word as it is fed to the derivation: Unicode NFC, trimmed,
 * inner white space collapsed, lower case. Phones capitalise the first
 * letter on their own, so "Sommarhus" and "sommarhus" are the same word.
 *
 * @example
 * normaliseResumeWord('  Sommar  hus ') // → 'sommar hus'
 */
export function normaliseResumeWord(word: string): string {
  return word.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A fresh random salt, base64url. */
export function newDraftSalt(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(DRAFT_KDF.saltBytes)));
}

/**
 * Derives the sealing key and the verifier from the code and the word.
 * Slow on purpose (about 0.2–1 s on a phone): call it once per session.
 *
 * @throws Error if the code is not a well-formed personal code or the word is empty.
 */
export async function deriveDraftKeys(code: string, word: string, salt: string, iterations: number = DRAFT_KDF.iterations): Promise<DraftKeys> {
  const canonicalCode = normaliseCode(code);
  const canonicalWord = normaliseResumeWord(word);
  if (canonicalCode === undefined) throw new Error('deriveDraftKeys: not a personal code');
  if (canonicalWord === '') throw new Error('deriveDraftKeys: empty resume word');
  const secret = new TextEncoder().encode(`${canonicalCode}\u0000${canonicalWord}`);
  const base = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: DRAFT_KDF.hash, salt: fromBase64url(salt), iterations }, base, 512),
  );
  const key = await crypto.subtle.importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  const verifier = toBase64url(bits.slice(32, 64));
  bits.fill(0);
  return { key, verifier, salt, iterations };
}

/** Seals the draft with a fresh IV. */
export async function sealDraft(keys: DraftKeys, contents: DraftContents): Promise<SealedDraft> {
  const iv = crypto.getRandomValues(new Uint8Array(DRAFT_KDF.ivBytes));
  const plain = new TextEncoder().encode(JSON.stringify(contents));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, keys.key, plain));
  return { ciphertext: toBase64url(sealed), iv: toBase64url(iv) };
}

/**
 * Opens a sealed draft.
 * @throws Error if the key is wrong or the blob was altered (AES-GCM's tag fails), or the contents are not a draft.
 */
export async function openDraft(keys: DraftKeys, sealed: SealedDraft): Promise<DraftContents> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64url(sealed.iv), additionalData: AAD },
    keys.key,
    fromBase64url(sealed.ciphertext),
  );
  const contents: unknown = JSON.parse(new TextDecoder().decode(plain));
  if (!isDraftContents(contents)) throw new Error('openDraft: the sealed data is not a draft');
  return contents;
}

/** The shape of `DraftContents` (checked by hand: the respondent bundle carries no zod). */
function isDraftContents(value: unknown): value is DraftContents {
  if (typeof value !== 'object' || value === null) return false;
  const { version, answers, page } = value as Record<string, unknown>;
  return (
    version === 1 &&
    typeof answers === 'object' &&
    answers !== null &&
    !Array.isArray(answers) &&
    (page === undefined || typeof page === 'string')
  );
}
