/**
 * One client contact registered during a screening month (kartläggningsmånad).
 *
 * A contact is an occasion, not a person: a client seen twice in the month by
 * two units may appear twice (see `redanTillfragad`). The record never carries
 * the client's name or personnummer (DOMAIN.md §5).
 *
 * The FREDA-style short questions are recorded per violence type as
 * 'ja' | 'nej' | 'vill_ej_svara', or null when the question was not answered
 * or the contact was not asked. Answers of contacts with `tillfragad = false`
 * are ignored by every analysis function.
 */
export interface ScreeningContact {
  /** The unit (enhet) that registered the contact, e.g. "Försörjningsstöd". */
  readonly enhet: string;
  /** Optional broader line of business (verksamhet) the unit belongs to. */
  readonly verksamhet?: string;
  readonly kon: ScreeningKon;
  /** Age group label as recorded, e.g. "18–29"; free text, non-empty. */
  readonly aldersgrupp: string;
  /** Whether the client was asked the screening questions. */
  readonly tillfragad: boolean;
  /** Why the client was not asked (free text); only read when `tillfragad` is false. */
  readonly orsakEjTillfragad?: string | null;
  /** Psychological violence by a närstående, ever. */
  readonly psykiskt: ScreeningAnswer | null;
  /** Physical violence by a närstående, ever. */
  readonly fysiskt: ScreeningAnswer | null;
  /** Sexual violence by a närstående, ever. */
  readonly sexuellt: ScreeningAnswer | null;
  /** Is afraid of a närstående now. */
  readonly radd: ScreeningAnswer | null;
  /** The violence is ongoing. */
  readonly pagaende: ScreeningAnswer | null;
  /** Whether the violence was already known to the unit; null if not recorded. */
  readonly kandSedanTidigare: boolean | null;
  /** Whether support was offered; null if not recorded. */
  readonly stodErbjudet: boolean | null;
  /** Whether offered support was accepted; null if not recorded. */
  readonly stodAccepterat: boolean | null;
  /** Whether children are affected (carried for later use; not summarised yet). */
  readonly barnBerorda?: boolean | null;
  /** The client had already been asked earlier in the month (carried; not used in counts). */
  readonly redanTillfragad?: boolean | null;
}

/** Answer to one screening question. */
export type ScreeningAnswer = 'ja' | 'nej' | 'vill_ej_svara';

/** Recorded kön of the client. */
export type ScreeningKon = 'kvinna' | 'man' | 'annat';

/** The allowed answers, in display order. */
export const SCREENING_ANSWERS: readonly ScreeningAnswer[] = ['ja', 'nej', 'vill_ej_svara'];

/** The allowed values of `kon`, in display order. */
export const SCREENING_KON: readonly ScreeningKon[] = ['kvinna', 'man', 'annat'];

/** The five recorded questions, in output order. */
export const SCREENING_QUESTIONS = ['psykiskt', 'fysiskt', 'sexuellt', 'radd', 'pagaende'] as const;
export type ScreeningQuestion = (typeof SCREENING_QUESTIONS)[number];

/** The three violence types that define `utsatt` (exposed to any type). */
export const SCREENING_VIOLENCE_TYPES = ['psykiskt', 'fysiskt', 'sexuellt'] as const;

/** The disclosure measures, in output order: `utsatt` (any type) first. */
export const SCREENING_DISCLOSURE_MEASURES = ['utsatt', ...SCREENING_QUESTIONS] as const;
export type ScreeningDisclosureMeasure = (typeof SCREENING_DISCLOSURE_MEASURES)[number];

/** Fields a summary can be grouped by. */
export const SCREENING_DIMENSIONS = ['enhet', 'verksamhet', 'kon', 'aldersgrupp'] as const;
export type ScreeningDimension = (typeof SCREENING_DIMENSIONS)[number];
