import { InvalidInputError } from './invalid-input-error';
import {
  SCREENING_ANSWERS,
  SCREENING_DIMENSIONS,
  SCREENING_KON,
  SCREENING_QUESTIONS,
  type ScreeningContact,
  type ScreeningDisclosureMeasure,
} from '../domain/screening-contact';

/** 1 = counts in x and n, 0 = counts in n only, null = left out of n. */
export type ScreeningIndicator = 0 | 1 | null;

/**
 * What one contact contributes to each share. Every counting rule of the
 * screening month lives here, so the summary, the unit comparison and the
 * server all count alike.
 */
export interface ScreeningContactOutcome {
  readonly asked: boolean;
  /** Reason for not asking ("ej_angiven" when blank); null when asked. */
  readonly notAskedReason: string | null;
  readonly disclosure: Readonly<Record<ScreeningDisclosureMeasure, ScreeningIndicator>>;
  /** Among disclosures: 1 = not known to the unit before, 0 = known, null = not a disclosure or not recorded. */
  readonly unknownToUnit: ScreeningIndicator;
  /** Among disclosures: 1 = offered support, 0 = not offered, null = not a disclosure or not recorded. */
  readonly supportOffered: ScreeningIndicator;
  /** Among disclosures offered support: 1 = accepted, 0 = declined, null otherwise. */
  readonly supportAccepted: ScreeningIndicator;
  /** Among disclosures: 1 = children affected (barn_berorda ja), 0 = not, null = not a disclosure or not recorded. */
  readonly childrenAffected: ScreeningIndicator;
}

/** Key used in `notAskedReasons` when no reason was recorded. */
export const SCREENING_REASON_NOT_GIVEN = 'ej_angiven';

/**
 * Counting rules for one screening contact.
 *
 * - Not asked (`tillfragad = false`): counts in `contacts` only, and its reason
 *   (blank → "ej_angiven") in `notAskedReasons`. Its answers are ignored.
 * - Asked, one question: 'ja' → 1, 'nej' → 0, 'vill_ej_svara' or null → left out.
 * - Asked, `utsatt` (any violence): 1 if any of psykiskt, fysiskt, sexuellt is
 *   'ja'; 0 if all three are 'nej'; otherwise left out.
 * - Disclosure (utsatt = 1): `unknownToUnit` is 1 when `kandSedanTidigare` is
 *   false, 0 when true, left out when null; `supportOffered` likewise from
 *   `stodErbjudet`. `supportAccepted` is read only for disclosures offered
 *   support, from `stodAccepterat`. `childrenAffected` is 1 when
 *   `barnBerorda` is true, 0 when false, left out when null or absent (a
 *   registrations file without the column).
 *
 * Complexity: O(1).
 *
 * @param caller name of the calling function, used in error messages.
 * @param index 0-based position of the contact, used in error messages.
 * @throws {InvalidInputError} if a field has a value outside its type
 * (e.g. kon "K", answer "kanske", empty enhet), naming the caller and index.
 * @example
 * classifyScreeningContact({ enhet: 'A', kon: 'kvinna', aldersgrupp: '30–49', tillfragad: true,
 *   psykiskt: 'ja', fysiskt: 'nej', sexuellt: null, radd: 'nej', pagaende: 'vill_ej_svara',
 *   kandSedanTidigare: false, stodErbjudet: true, stodAccepterat: null }, 0, 'f').disclosure
 * // → { utsatt: 1, psykiskt: 1, fysiskt: 0, sexuellt: null, radd: 0, pagaende: null }
 */
export function classifyScreeningContact(contact: ScreeningContact, index: number, caller: string): ScreeningContactOutcome {
  validate(contact, index, caller);
  if (!contact.tillfragad) {
    const reason = (contact.orsakEjTillfragad ?? '').trim();
    return {
      asked: false,
      notAskedReason: reason === '' ? SCREENING_REASON_NOT_GIVEN : reason,
      disclosure: { utsatt: null, psykiskt: null, fysiskt: null, sexuellt: null, radd: null, pagaende: null },
      unknownToUnit: null,
      supportOffered: null,
      supportAccepted: null,
      childrenAffected: null,
    };
  }
  const psykiskt = indicator(contact.psykiskt);
  const fysiskt = indicator(contact.fysiskt);
  const sexuellt = indicator(contact.sexuellt);
  const utsatt: ScreeningIndicator =
    psykiskt === 1 || fysiskt === 1 || sexuellt === 1 ? 1 : psykiskt === 0 && fysiskt === 0 && sexuellt === 0 ? 0 : null;
  const disclosed = utsatt === 1;
  const offered = disclosed ? booleanIndicator(contact.stodErbjudet) : null;
  return {
    asked: true,
    notAskedReason: null,
    disclosure: { utsatt, psykiskt, fysiskt, sexuellt, radd: indicator(contact.radd), pagaende: indicator(contact.pagaende) },
    unknownToUnit: disclosed ? booleanIndicator(contact.kandSedanTidigare === null ? null : !contact.kandSedanTidigare) : null,
    supportOffered: offered,
    supportAccepted: offered === 1 ? booleanIndicator(contact.stodAccepterat) : null,
    childrenAffected: disclosed ? booleanIndicator(contact.barnBerorda ?? null) : null,
  };
}

function indicator(answer: ScreeningContact['psykiskt']): ScreeningIndicator {
  return answer === 'ja' ? 1 : answer === 'nej' ? 0 : null;
}

function booleanIndicator(value: boolean | null): ScreeningIndicator {
  return value === true ? 1 : value === false ? 0 : null;
}

function validate(contact: ScreeningContact, index: number, caller: string): void {
  const fail = (requirement: string, value: unknown): never => {
    throw new InvalidInputError(`${caller}: contact ${index}: ${requirement}, got ${JSON.stringify(value)}`);
  };
  if (contact === null || typeof contact !== 'object') fail('must be an object', contact);
  for (const dimension of SCREENING_DIMENSIONS) {
    const value: unknown = contact[dimension];
    if (dimension === 'verksamhet' && (value === undefined || value === null)) continue;
    if (typeof value !== 'string' || value.trim() === '') fail(`${dimension} must be a non-empty string`, value);
  }
  if (!(SCREENING_KON as readonly string[]).includes(contact.kon)) fail(`kon must be one of ${SCREENING_KON.join(', ')}`, contact.kon);
  if (typeof contact.tillfragad !== 'boolean') fail('tillfragad must be a boolean', contact.tillfragad);
  const reason: unknown = contact.orsakEjTillfragad;
  if (reason !== undefined && reason !== null && typeof reason !== 'string') fail('orsakEjTillfragad must be a string or null', reason);
  if (!contact.tillfragad) return;
  for (const question of SCREENING_QUESTIONS) {
    const answer: unknown = contact[question];
    if (answer !== null && !(SCREENING_ANSWERS as readonly unknown[]).includes(answer)) {
      fail(`${question} must be one of ${SCREENING_ANSWERS.join(', ')} or null`, answer);
    }
  }
  for (const field of ['kandSedanTidigare', 'stodErbjudet', 'stodAccepterat'] as const) {
    const value: unknown = contact[field];
    if (value !== null && typeof value !== 'boolean') fail(`${field} must be a boolean or null`, value);
  }
  const children: unknown = contact.barnBerorda;
  if (children !== undefined && children !== null && typeof children !== 'boolean') fail('barnBerorda must be a boolean, null or absent', children);
}
