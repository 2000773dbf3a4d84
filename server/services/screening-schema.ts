/**
 * Wire schemas of the screening month API. Request types are derived from
 * them, so the routes, the services and the stored rows cannot drift.
 * Registration fields use the names of surveys/screening.json and of the
 * registrations file read by `npm run screening`.
 */
import { z } from 'zod';
import { SCREENING_DIMENSIONS, type ScreeningDimension } from '../../analysis/screening-contact';

/**
 * Something that looks like a Swedish personnummer or samordningsnummer:
 * 10 or 12 digits, optionally with -, + or a space before the last four
 * (e.g. 850101-1234, 198501011234). Free text with such a pattern is refused,
 * since a screening record must never identify the client.
 */
export const PERSONNUMMER_LIKE = /(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)/;

const noPersonnummer = (text: string) => !PERSONNUMMER_LIKE.test(text);
const personnummerMessage = 'får inte innehålla något som liknar ett personnummer';

/** The screening template's verksamhet codes. */
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

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ett datum ÅÅÅÅ-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'ett giltigt datum');

const unitInput = z.strictObject({
  verksamhet: z.enum(SCREENING_VERKSAMHETER),
  enhet: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .refine((text) => !/^[=+\-@]/.test(text), 'får inte börja med =, +, - eller @')
    .refine((text) => !/[;"\r\n]/.test(text), 'får inte innehålla semikolon, citattecken eller radbrytning')
    .refine(noPersonnummer, personnummerMessage),
});
export type ScreeningUnitInput = z.infer<typeof unitInput>;

const units = z
  .array(unitInput)
  .min(1, 'minst en enhet')
  .max(100)
  .refine((list) => new Set(list.map((u) => `${u.verksamhet}\u0000${u.enhet.toLowerCase()}`)).size === list.length, 'samma enhet förekommer två gånger');

export const createScreeningBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    periodStart: isoDate,
    periodEnd: isoDate,
    units,
    kommunkod: z.string().regex(/^\d{4}$/, 'fyra siffror (SCB:s kommunkod)').optional(),
  })
  .refine((body) => body.periodStart <= body.periodEnd, { message: 'måste vara samma dag som eller efter periodStart', path: ['periodEnd'] });
export type CreateScreeningInput = z.infer<typeof createScreeningBody>;

export const patchScreeningBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
  /** The complete new list of units: missing ones are added, absent ones removed (only if they have no registrations). */
  units: units.optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export type PatchScreeningInput = z.infer<typeof patchScreeningBody>;

export const createScreenerBody = z.strictObject({
  email: z.email().max(320).transform((email) => email.toLowerCase()),
  displayName: z.string().trim().min(1).max(120),
  unitIds: z.array(z.uuid()).min(1).max(20),
});
export type CreateScreenerInput = z.infer<typeof createScreenerBody>;

export const pinBody = z.strictObject({ pin: z.string().regex(/^\d{6,8}$/, '6–8 siffror') });

const yesNo = z.enum(['ja', 'nej']);
const answer = z.enum(['ja', 'nej', 'vill_ej_svara']);

/** The fields of one registration (a client contact). Unknown fields are refused (400). */
export const registrationFields = {
  datum: isoDate,
  kon: z.enum(['kvinna', 'man', 'annat']),
  aldersgrupp: z.string().min(1).max(20),
  tillfragad: yesNo,
  orsak_ej_tillfragad: z.string().min(1).max(40).nullable().optional(),
  orsak_annat_text: z.string().trim().max(200).refine(noPersonnummer, personnummerMessage).nullable().optional(),
  psykiskt: answer.nullable().optional(),
  fysiskt: answer.nullable().optional(),
  sexuellt: answer.nullable().optional(),
  radd: answer.nullable().optional(),
  pagaende: answer.nullable().optional(),
  kand_sedan_tidigare: yesNo.nullable().optional(),
  stod_erbjudet: yesNo.nullable().optional(),
  stod_accepterat: yesNo.nullable().optional(),
  barn_berorda: yesNo.nullable().optional(),
  redan_tillfragad: yesNo.nullable().optional(),
};

export const registrationBody = z.strictObject({ unitId: z.uuid(), ...registrationFields });
export type RegistrationInput = z.infer<typeof registrationBody>;

export const correctionBody = z.strictObject({ version: z.number().int().positive(), ...registrationFields });
export type CorrectionInput = z.infer<typeof correctionBody>;

export const withdrawBody = z.strictObject({ version: z.number().int().positive() });

/** Registration fields as they travel on the wire (yes/no as 'ja' | 'nej'). */
export type RegistrationWireFields = Omit<RegistrationInput, 'unitId'>;

const dimension = z.enum(SCREENING_DIMENSIONS as unknown as [ScreeningDimension, ...ScreeningDimension[]]);

/** `?by=enhet&by=enhet:kon&minCell=5`, as the CLI's `--by` and `--min-cell`; minCell at least 5 on the web. */
export const summaryQuery = z.object({
  by: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .pipe(
      z
        .array(
          z
            .string()
            .transform((text) => text.split(':').map((part) => part.trim()))
            .pipe(z.array(dimension).min(1))
            .refine((dims) => new Set(dims).size === dims.length, 'samma gruppering två gånger i en korsning'),
        )
        .max(10),
    ),
  minCell: z.coerce
    .number()
    .int()
    .min(5, 'minst 5, så att ingen enskild person kan identifieras')
    .max(10_000)
    .optional()
    .default(5),
});

export const comparisonQuery = z.object({
  measure: z.enum(['utsatt', 'psykiskt', 'fysiskt', 'sexuellt', 'radd', 'pagaende']).optional().default('utsatt'),
  minCell: summaryQuery.shape.minCell,
});
