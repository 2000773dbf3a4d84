import { randomInt } from 'node:crypto';
import type { Database } from '../db/database';
import { conflict, notFound } from '../http/http-error';
import { addToStratum } from '../queries/campaign-strata';
import { findCampaign } from '../queries/campaigns';
import { analyzeCodes, insertCodes, reserveSlots, type NewCode } from '../queries/codes';
import { CODE_ALPHABET, CODE_LENGTH, normaliseCode } from '../../domain/personal-code';
import { stratumKeyOf } from '../../domain/sampling/stratum-key';
import { keyedHash } from './code-secret';

// The code's shape lives in domain/ (the respondent app checks typed codes with it too).
export { CODE_ALPHABET, CODE_LENGTH, normaliseCode };

/** Letter references: 8 symbols ≈ 39.6 bits, unique per campaign; not secret. */
const REF_LENGTH = 8;

function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** A new personal code, grouped for print as XXXX-XXXX-XXX. */
export function generateCode(): string {
  const raw = randomString(CODE_LENGTH);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** The keyed hash stored for a code (HMAC-SHA-256 with the server secret); undefined if it cannot be a code. */
export function codeHashOf(secret: Buffer, input: string): string | undefined {
  const code = normaliseCode(input);
  return code === undefined ? undefined : keyedHash(secret, code);
}

export type Stratum = Record<string, string>;

export { stratumKeyOf } from '../../domain/sampling/stratum-key';

export interface StratumRequest {
  stratum: Stratum;
  count: number;
  /** Population size N_h of the stratum, when known. */
  N?: number;
}

export interface IssuedCode {
  code: string;
  ref: string;
  stratum: Stratum;
}

/**
 * Issues personal codes for a population campaign with codes (any status
 * before closing). Stores only each code's keyed hash, its stratum, its slot
 * in the stratum's usage bitmaps and a random letter reference; adds the
 * counts to the strata's n_h and records N_h when given. The plaintext codes
 * exist only in the returned list.
 *
 * Used by `POST /api/campaigns/:id/codes`, which the browser's (or the
 * CLI's) sampling draw calls with the drawn strata's n_h and N_h.
 * @throws HttpError 404 for an unknown campaign, 409 when it does not use codes or is closed.
 */
export async function issueCodes(db: Database, secret: Buffer, campaignId: string, strata: readonly StratumRequest[]): Promise<IssuedCode[]> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound('Undersökningen finns inte.');
  if (campaign.kind !== 'population' || campaign.mode !== 'codes') {
    throw conflict('Undersökningen använder inte personliga koder.');
  }
  if (campaign.status !== 'draft' && campaign.status !== 'open') {
    throw conflict('Koder kan bara skapas innan undersökningen har stängts.');
  }
  const issued = await db.transaction(async (tx) => {
    const issued: IssuedCode[] = [];
    for (const request of strata) {
      const key = stratumKeyOf(request.stratum);
      await addToStratum(tx, campaignId, { key, values: request.stratum, invited: request.count, populationSize: request.N });
      let missing = request.count;
      // Redraw the rare code or ref that collides with an existing one.
      for (let round = 0; missing > 0; round++) {
        if (round > 5) throw new Error('could not draw unique codes');
        const batch: (NewCode & { code: string })[] = [];
        for (let i = 0; i < missing; i++) {
          const code = generateCode();
          batch.push({ code, codeHash: codeHashOf(secret, code)!, ref: randomString(REF_LENGTH) });
        }
        for (let start = 0; start < batch.length; start += 5000) {
          const chunk = batch.slice(start, start + 5000);
          const firstSlot = await reserveSlots(tx, campaignId, key, chunk.length);
          const stored = await insertCodes(tx, campaignId, key, firstSlot, chunk);
          for (const item of chunk) {
            if (!stored.delete(item.codeHash)) continue;
            issued.push({ code: item.code, ref: item.ref, stratum: request.stratum });
            missing--;
          }
        }
      }
    }
    return issued;
  });
  if (issued.length >= 1000) await analyzeCodes(db);
  return issued;
}
