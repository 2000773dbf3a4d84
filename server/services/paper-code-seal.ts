/**
 * The code of a paper form held for double entry, sealed with the server
 * secret, so that the list of differing entries can name the code written on
 * the paper (the only number the person holding the paper can find it by)
 * while the database never holds it in plaintext. The seal lives only as
 * long as the held entry (paper_entries is a transient table, rewritten after
 * the response is stored).
 *
 * AES-256-GCM with a key derived from the secret by HKDF-SHA-256; a random
 * 12-byte IV per seal. Stored as `iv.ciphertext+tag`, base64url.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { normaliseCode } from '../../domain/personal-code';

const keyOf = (secret: Buffer) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'paper-entry-code', 32));

/** Seals a typed code in its printed form (XXXX-XXXX-XXX); undefined if it cannot be a code. */
export function sealPaperCode(secret: Buffer, typed: string): string | undefined {
  const code = normaliseCode(typed);
  if (code === undefined) return undefined;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const printed = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
  const sealed = Buffer.concat([cipher.update(printed, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The code of a seal, or null when there is none or it does not open with this secret. */
export function openPaperCode(secret: Buffer, sealed: string | null): string | null {
  if (!sealed) return null;
  const [iv, body] = sealed.split('.');
  if (!iv || !body) return null;
  try {
    const bytes = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
