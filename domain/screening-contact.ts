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
  /** Whether children are affected (barn_berorda); summarised among disclosures as `childrenAffected`. */
  readonly barnBerorda?: boolean | null;
  /** The client had already been asked earlier in the month (carried; not used in counts). */
  readonly redanTillfragad?: boolean | null;
}

/** The allowed answers to one screening question, in display order. */
export const SCREENING_ANSWERS = ['ja', 'nej', 'vill_ej_svara'] as const;
export type ScreeningAnswer = (typeof SCREENING_ANSWERS)[number];

/** The allowed values of the client's recorded `kon`, in display order. */
export const SCREENING_KON = ['kvinna', 'man', 'annat'] as const;
export type ScreeningKon = (typeof SCREENING_KON)[number];

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

/** A yes/no field as the API, the questionnaire and the registrations file write it. */
export const YES_NO = ['ja', 'nej'] as const;
export type YesNo = (typeof YES_NO)[number];

/** The screening template's verksamhet codes (surveys/screening.json). */
export const SCREENING_VERKSAMHETER = [
  'forsorjningsstod',
  'mottagning',
  'barn_och_unga',
  'vuxen',
  'oppenvard',
  'aldreomsorg',
  'lss',
  'annan',
] as const;
export type ScreeningVerksamhet = (typeof SCREENING_VERKSAMHETER)[number];

/** The follow-up fields recorded as ja/nej (null: not recorded), in file order. */
export const SCREENING_YES_NO_FIELDS = ['kand_sedan_tidigare', 'stod_erbjudet', 'stod_accepterat', 'barn_berorda', 'redan_tillfragad'] as const;
export type ScreeningYesNoField = (typeof SCREENING_YES_NO_FIELDS)[number];

/**
 * What a person calls each field of a registration (short forms of the
 * screening template's questions), for messages that name a field:
 * `Fältet "Annat skäl (fritext)": …`, never the field's id.
 */
export const SCREENING_FIELD_LABELS: Readonly<Record<string, string>> = {
  unitId: 'Enhet',
  enhet: 'Enhet',
  verksamhet: 'Verksamhet',
  datum: 'Datum för kontakten',
  kon: 'Klientens kön',
  aldersgrupp: 'Klientens åldersgrupp',
  tillfragad: 'Ställdes frågorna?',
  orsak_ej_tillfragad: 'Varför ställdes inte frågorna?',
  orsak_annat_text: 'Annat skäl (fritext)',
  psykiskt: 'Hotad, kontrollerad eller förnedrad',
  fysiskt: 'Slagen eller skadad',
  sexuellt: 'Tvingad till sexuella handlingar',
  radd: 'Rädd för någon närstående',
  pagaende: 'Pågår fortfarande',
  kand_sedan_tidigare: 'Känt för enheten sedan tidigare',
  stod_erbjudet: 'Stöd erbjudet',
  stod_accepterat: 'Stöd mottaget',
  barn_berorda: 'Barn som berörs',
  redan_tillfragad: 'Redan tillfrågad denna månad',
  version: 'Version',
};

/** The recorded fields of one registration, in the order of the form and the API. */
export const SCREENING_REGISTRATION_FIELDS = [
  'datum',
  'kon',
  'aldersgrupp',
  'tillfragad',
  'orsak_ej_tillfragad',
  'orsak_annat_text',
  ...SCREENING_QUESTIONS,
  ...SCREENING_YES_NO_FIELDS,
] as const;
export type ScreeningRegistrationField = (typeof SCREENING_REGISTRATION_FIELDS)[number];

/**
 * The recorded fields of one registration, named as in surveys/screening.json,
 * the API and the registrations file; yes/no as booleans, as stored. The
 * analysis reads them as a {@link ScreeningContact} ({@link screeningContact}).
 */
export type ScreeningRegistrationFields = {
  readonly datum: string;
  readonly kon: ScreeningKon;
  readonly aldersgrupp: string;
  readonly tillfragad: boolean;
  readonly orsak_ej_tillfragad: string | null;
  readonly orsak_annat_text: string | null;
} & { readonly [Q in ScreeningQuestion]: ScreeningAnswer | null } & { readonly [F in ScreeningYesNoField]: boolean | null };

/** Compile-time check: every listed field is a field of the type and the other way round. */
type Assert<T extends true> = T;
export type ScreeningRegistrationFieldsListed = Assert<
  [ScreeningRegistrationField] extends [keyof ScreeningRegistrationFields] ? ([keyof ScreeningRegistrationFields] extends [ScreeningRegistrationField] ? true : false) : false
>;

/**
 * Columns of the registrations file: what `npm run screening` reads and the
 * server's export writes (docs/screening.md), in this order.
 */
export const SCREENING_FILE_COLUMNS = [
  'datum',
  'enhet',
  'verksamhet',
  'kon',
  'aldersgrupp',
  'tillfragad',
  'orsak_ej_tillfragad',
  ...SCREENING_QUESTIONS,
  ...SCREENING_YES_NO_FIELDS,
  'orsak_annat_text',
] as const;
export type ScreeningFileColumn = (typeof SCREENING_FILE_COLUMNS)[number];

/** Columns a registrations file may lack: `npm run screening` does not need them. */
const SCREENING_OPTIONAL_COLUMNS: readonly ScreeningFileColumn[] = ['datum', 'verksamhet', 'barn_berorda', 'redan_tillfragad', 'orsak_annat_text'];

/** Columns every registrations file must have, in file order (the others are optional or ignored). */
export const SCREENING_REQUIRED_COLUMNS: readonly ScreeningFileColumn[] = SCREENING_FILE_COLUMNS.filter((column) => !SCREENING_OPTIONAL_COLUMNS.includes(column));

/** The fields {@link screeningContact} reads; a registrations file may lack the last two. */
export type ScreeningContactFields = Omit<ScreeningRegistrationFields, 'datum' | 'orsak_annat_text' | 'barn_berorda' | 'redan_tillfragad'> &
  Partial<Pick<ScreeningRegistrationFields, 'barn_berorda' | 'redan_tillfragad'>>;

/**
 * A registration as the analysis functions read it. The one mapping from the
 * file's field names to {@link ScreeningContact}: the server uses it on stored
 * rows, the CLI on the registrations file.
 */
export function screeningContact(unit: { readonly enhet: string; readonly verksamhet?: string }, fields: ScreeningContactFields): ScreeningContact {
  return {
    enhet: unit.enhet,
    ...(unit.verksamhet ? { verksamhet: unit.verksamhet } : {}),
    kon: fields.kon,
    aldersgrupp: fields.aldersgrupp,
    tillfragad: fields.tillfragad,
    orsakEjTillfragad: fields.orsak_ej_tillfragad,
    psykiskt: fields.psykiskt,
    fysiskt: fields.fysiskt,
    sexuellt: fields.sexuellt,
    radd: fields.radd,
    pagaende: fields.pagaende,
    kandSedanTidigare: fields.kand_sedan_tidigare,
    stodErbjudet: fields.stod_erbjudet,
    stodAccepterat: fields.stod_accepterat,
    ...(fields.barn_berorda !== undefined ? { barnBerorda: fields.barn_berorda } : {}),
    ...(fields.redan_tillfragad !== undefined ? { redanTillfragad: fields.redan_tillfragad } : {}),
  };
}

/** true → 'ja', false → 'nej', null → null. */
export function yesNoOf(value: boolean | null): YesNo | null {
  return value === null ? null : value ? 'ja' : 'nej';
}

/** 'ja' → true, 'nej' → false, null or undefined → null. */
export function booleanOf(value: YesNo | null | undefined): boolean | null {
  return value == null ? null : value === 'ja';
}

/** The cells of one row of the registrations file: ja/nej for yes/no, '' for not recorded. */
export function screeningFileCells(
  unit: { readonly enhet: string; readonly verksamhet: string },
  fields: ScreeningRegistrationFields,
): Record<ScreeningFileColumn, string> {
  const cells = { datum: fields.datum, enhet: unit.enhet, verksamhet: unit.verksamhet, kon: fields.kon, aldersgrupp: fields.aldersgrupp } as Record<ScreeningFileColumn, string>;
  cells.tillfragad = fields.tillfragad ? 'ja' : 'nej';
  cells.orsak_ej_tillfragad = fields.orsak_ej_tillfragad ?? '';
  for (const question of SCREENING_QUESTIONS) cells[question] = fields[question] ?? '';
  for (const field of SCREENING_YES_NO_FIELDS) cells[field] = yesNoOf(fields[field]) ?? '';
  cells.orsak_annat_text = fields.orsak_annat_text ?? '';
  return cells;
}
