/**
 * Wire schemas of the screening month API (docs/api-screening.md).
 * Registration fields use the names of surveys/screening.json and of the
 * registrations file read by `npm run screening` (domain/screening-contact.ts).
 */
import { z } from 'zod';
import { CAMPAIGN_STATUSES } from '../domain/campaign';
import {
  SCREENING_ANSWERS,
  SCREENING_DIMENSIONS,
  SCREENING_DISCLOSURE_MEASURES,
  SCREENING_KON,
  SCREENING_VERKSAMHETER,
  YES_NO,
  type ScreeningRegistrationField,
} from '../domain/screening-contact';
import { INVENTORY_CATEGORIES, INVENTORY_KON } from '../domain/inventory';
import { isoDate, kommunkod, list, pair } from './common';
import { campaignRetention } from './retention';

/**
 * Something that looks like a Swedish personnummer or samordningsnummer:
 * 10 or 12 digits, optionally with -, + or a space before the last four
 * (e.g. 850101-1234, 198501011234). Free text with such a pattern is refused,
 * since a screening record must never identify the client.
 */
export const PERSONNUMMER_LIKE = /(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)/;

const noPersonnummer = (text: string) => !PERSONNUMMER_LIKE.test(text);
const personnummerMessage = 'får inte innehålla något som liknar ett personnummer';

// ---- Set-up (analysts) ----

/** One unit of socialtjänsten: its verksamhet and the unit's name. */
export const unitInput = z.strictObject({
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

/** Body of POST /api/screening. */
export const createScreeningBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    /** `screening` (default: one registration per client contact) or `inventering` (each unit reports counts once), or a kommun's copy of either. */
    templateId: z.string().regex(/^[a-z][a-z0-9-]{0,99}$/).optional(),
    periodStart: isoDate,
    periodEnd: isoDate,
    units,
    kommunkod: kommunkod.optional(),
  })
  .refine((body) => body.periodStart <= body.periodEnd, { message: 'måste vara samma dag som eller efter periodStart', path: ['periodEnd'] });
export type CreateScreeningInput = z.infer<typeof createScreeningBody>;

/** Body of PATCH /api/screening/:id. */
export const patchScreeningBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
  /** The complete new list of units: missing ones are added, absent ones removed (only if they have no registrations). */
  units: units.optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export type PatchScreeningInput = z.infer<typeof patchScreeningBody>;

/** Body of POST /api/screening/:id/screeners. */
export const createScreenerBody = z.strictObject({
  email: z.email().max(320).transform((email) => email.toLowerCase()),
  displayName: z.string().trim().min(1).max(120),
  unitIds: z.array(z.uuid()).min(1).max(20),
});
export type CreateScreenerInput = z.infer<typeof createScreenerBody>;
export type CreateScreenerBody = z.input<typeof createScreenerBody>;

/** Answer of POST /api/screening/:id/screeners: the password is shown once. */
export const createScreenerResponse = z.object({ userId: z.string(), email: z.string(), password: z.string() });
export type CreatedScreener = z.infer<typeof createScreenerResponse>;

/** Answer of POST /api/screening/:id/units/:unitId/pin: the PIN is shown once. */
export const rotatePinResponse = z.object({ pin: z.string(), linkToken: z.string() });
export type RotatedPin = z.infer<typeof rotatePinResponse>;

/** One screening month in GET /api/screening. */
export const screeningListItem = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  kommunkod: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  /** Client contacts, or an inventory month's counts. */
  form: z.enum(['contacts', 'inventory']),
});
export type ScreeningListItem = z.infer<typeof screeningListItem>;
export const screeningListResponse = list(screeningListItem);

const choice = z.object({ value: z.string(), text: z.string() });
export type Choice = z.infer<typeof choice>;

/** GET /api/screening/:id. Analysts see every unit with its link; screeners only their own units, without links. */
export const screeningViewResponse = z.object({
  id: z.string(),
  title: z.string(),
  kommunkod: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  units: list(
    z.object({
      unitId: z.string(),
      verksamhet: z.string(),
      enhet: z.string(),
      linkToken: z.string().optional(),
      hasPin: z.boolean().optional(),
      pinSetAt: z.string().nullable().optional(),
    }),
  ),
  /** Units the caller may register for. */
  myUnitIds: list(z.string()),
  canManage: z.boolean(),
  /** Choices of the template's questions (kon, aldersgrupp, orsak_ej_tillfragad …), for the registration form. */
  choices: z.record(z.string(), list(choice)),
  /** What units record: client contacts, or (an inventory month) counts of persons known, once for the period. */
  form: z.enum(['contacts', 'inventory']),
  /** When the registrations are deleted under the kommun's retention rule (gallring). */
  retention: campaignRetention,
  /** The minimum cell the month's tables use unless another is asked for: the kommun's (its settings), at least 5. */
  minCell: z.number(),
});
export type ScreeningView = z.infer<typeof screeningViewResponse>;
export type ScreeningUnit = ScreeningView['units'][number];

// ---- Unit link + PIN ----

export const pinBody = z.strictObject({ pin: z.string().regex(/^\d{6,8}$/, '6–8 siffror') });

/** GET /api/screening-link/:token: what the PIN page shows (no secrets). */
export const unitLinkResponse = z.object({ campaignTitle: z.string(), enhet: z.string(), open: z.boolean(), form: z.enum(['contacts', 'inventory']) });
export type UnitLink = z.infer<typeof unitLinkResponse>;

/** POST /api/screening-link/:token/session. */
export const unitLinkSessionResponse = z.object({ token: z.string(), csrfToken: z.string(), campaignId: z.string(), unitId: z.string() });
export type UnitLinkSession = z.infer<typeof unitLinkSessionResponse>;

// ---- Registrations ----

const yesNo = z.enum(YES_NO);
const answer = z.enum(SCREENING_ANSWERS);

/** The fields of one registration (a client contact). Unknown fields are refused (400). */
export const registrationFields = {
  datum: isoDate,
  kon: z.enum(SCREENING_KON),
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
} satisfies Record<ScreeningRegistrationField, z.ZodType>;

/** Body of POST /api/screening/:id/registrations. */
export const registrationBody = z.strictObject({ unitId: z.uuid(), ...registrationFields });
export type RegistrationInput = z.infer<typeof registrationBody>;

/** Body of PUT /api/screening/:id/registrations/:registrationId. */
export const correctionBody = z.strictObject({ version: z.number().int().positive(), ...registrationFields });
export type CorrectionInput = z.infer<typeof correctionBody>;

/** Body of POST …/registrations/:registrationId/withdraw. */
export const withdrawBody = z.strictObject({ version: z.number().int().positive() });

/** Registration fields as they travel on the wire (yes/no as 'ja' | 'nej'). */
export type RegistrationWireFields = Omit<RegistrationInput, 'unitId'>;

/** A registration as the API returns it: every field (null when not recorded) plus the identity of the record, never of the client. */
export const registrationResponse = z
  .object(registrationFields)
  .required()
  .extend({ id: z.string(), unitId: z.string(), enhet: z.string(), status: z.enum(['active', 'withdrawn']), version: z.number() });
export type Registration = z.infer<typeof registrationResponse>;
export type RegistrationFields = Omit<Registration, 'id' | 'unitId' | 'enhet' | 'status' | 'version'>;
export const registrationListResponse = list(registrationResponse);

/** GET …/registrations/:registrationId/changes: the change log, field values before and after. */
export const registrationChangesResponse = list(
  z.object({
    version: z.number(),
    action: z.enum(['create', 'correct', 'withdraw']),
    changedAt: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  }),
);
export type RegistrationChanges = z.infer<typeof registrationChangesResponse>;

// ---- Follow-up, summary, comparison, report ----

/** GET /api/screening/:id/follow-up. */
export const followUpResponse = z.object({
  units: list(
    z.object({
      unitId: z.string(),
      enhet: z.string(),
      verksamhet: z.string(),
      contacts: z.number(),
      asked: z.number(),
      lastDate: z.string().nullable(),
      coverage: z.number().nullable(),
    }),
  ),
  total: z.object({ contacts: z.number(), asked: z.number(), coverage: z.number().nullable() }),
});
export type FollowUp = z.infer<typeof followUpResponse>;

const dimension = z.enum(SCREENING_DIMENSIONS);

/**
 * `?by=enhet&by=enhet:kon&minCell=5`, as the CLI's `--by` and `--min-cell`; minCell at least 5 on the web.
 * Without minCell the kommun's own minimum cell (its settings) applies, and at least 5.
 */
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
    .optional(),
});

/** `?measure=utsatt&minCell=5`. */
export const comparisonQuery = z.object({
  measure: z.enum(SCREENING_DISCLOSURE_MEASURES).optional().default('utsatt'),
  minCell: summaryQuery.shape.minCell,
  /** The groupings of the summary shown beside it (as the summary's `by`): the units are suppressed exactly as that summary's unit groups. */
  by: summaryQuery.shape.by,
});

/** An unweighted share x / n with its Wilson 95 % interval; p and ci are null when n = 0. */
export const proportion = z.object({ x: z.number(), n: z.number(), p: z.number().nullable(), ci: pair(z.number()).nullable() });
export type Proportion = z.infer<typeof proportion>;

/**
 * A share of the summary: shown (x / n, Wilson interval, NCHS-style reliability flags such as `n<30`), or
 * suppressed because its numerator or denominator is below minCell (`n<5`, `x<5`) or would let one be derived (`secondary`).
 */
export const share = z.discriminatedUnion('suppressed', [
  proportion.extend({ suppressed: z.literal(false), flags: list(z.string()) }),
  z.object({ x: z.null(), n: z.null(), p: z.null(), ci: z.null(), suppressed: z.literal(true), reason: z.string() }),
]);
export type Share = z.infer<typeof share>;

/** The group a summary row describes, e.g. `{ enhet: "Försörjningsstöd", kon: "kvinna" }`; `{}` is every contact. */
export const groupKey = z.partialRecord(dimension, z.string());
export type GroupKey = z.infer<typeof groupKey>;

export const groupResult = z.discriminatedUnion('suppressed', [
  z.object({
    group: groupKey,
    suppressed: z.literal(false),
    contacts: z.number(),
    /** Null when the coverage is suppressed. */
    asked: z.number().nullable(),
    coverage: share,
    /** Null for a count that is suppressed. */
    notAskedReasons: z.record(z.string(), z.number().nullable()),
    disclosure: z.record(z.enum(SCREENING_DISCLOSURE_MEASURES), share),
    unknownToUnit: share,
    supportOffered: share,
    supportAccepted: share,
    /** Among disclosures with barn_berorda recorded: share where children were affected. */
    childrenAffected: share,
  }),
  /** `n<5`, or `secondary`: hidden so that a small group cannot be derived from the total and the other groups. */
  z.object({ group: groupKey, suppressed: z.literal(true), reason: z.string() }),
]);
export type GroupResult = z.infer<typeof groupResult>;

/** GET /api/screening/:id/summary: exactly `npm run screening`'s JSON. */
export const summaryResponse = z.object({ groups: list(groupResult) });
export type Summary = z.infer<typeof summaryResponse>;

/** GET /api/screening/:id/comparison: disclosure per unit and Pearson's chi-square test of homogeneity. */
export const comparisonResponse = z.object({
  measure: z.enum(SCREENING_DISCLOSURE_MEASURES),
  units: list(
    z.discriminatedUnion('suppressed', [
      z.object({ enhet: z.string(), suppressed: z.literal(false), contacts: z.number(), disclosure: proportion }),
      z.object({ enhet: z.string(), suppressed: z.literal(true), reason: z.string() }),
    ]),
  ),
  test: z
    .object({ method: z.literal('pearson-chi-square'), statistic: z.number(), df: z.number(), pValue: z.number(), minExpected: z.number(), units: list(z.string()) })
    .nullable(),
  testNotDone: z.enum(['fewer-than-two-units', 'no-variation']).nullable(),
});
export type Comparison = z.infer<typeof comparisonResponse>;

/** GET /api/screening/:id/report: everything the printable nämnd summary shows. */
export const reportResponse = z.object({
  campaign: z.object({
    id: z.string(),
    title: z.string(),
    kommunkod: z.string(),
    kommunNamn: z.string(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    period: z.string().nullable(),
    status: z.enum(CAMPAIGN_STATUSES),
  }),
  /** Each unit's contacts and coverage, suppressed as the summary's unit groups (null when not shown). */
  units: list(
    z.object({ enhet: z.string(), verksamhet: z.string(), contacts: z.number().nullable(), asked: z.number().nullable(), coverage: z.number().nullable(), suppressed: z.boolean() }),
  ),
  minCell: z.number(),
  /** Total, per unit, per unit × kön. */
  summary: summaryResponse,
  comparison: comparisonResponse,
  /** Plain-Swedish sentences. */
  text: z.object({ findings: list(z.string()), method: list(z.string()) }),
  generatedOn: z.string(),
});
export type Report = z.infer<typeof reportResponse>;

// ---- Inventory month (surveys/inventering.json; domain/inventory.ts) ----

/** One count of a unit's report: persons of a category, kön and åldersgrupp known to the unit. */
export const inventoryCount = z.strictObject({
  kategori: z.enum(INVENTORY_CATEGORIES),
  kon: z.enum(INVENTORY_KON),
  aldersgrupp: z.string().min(1).max(20),
  antal: z.number().int().min(0).max(1_000_000),
});
export type InventoryCountInput = z.infer<typeof inventoryCount>;

/** Body of PUT /api/screening/:id/units/:unitId/inventory: the whole report; `version` as last read (0 for the first report). */
export const inventoryReportBody = z.strictObject({
  version: z.number().int().min(0),
  counts: z.array(inventoryCount).max(200),
});
export type InventoryReportBody = z.infer<typeof inventoryReportBody>;

/** A unit's report (GET and PUT …/inventory); `version` 0 and no counts before the first report. */
export const inventoryReportResponse = z.object({
  unitId: z.string(),
  enhet: z.string(),
  version: z.number(),
  reportedOn: z.string().nullable(),
  counts: list(inventoryCount),
});
export type InventoryReportView = z.infer<typeof inventoryReportResponse>;

/** `?minCell=5&compare=<population campaign id>`. */
export const inventoryQuery = z.object({
  minCell: summaryQuery.shape.minCell,
  compare: z.uuid().optional(),
});

/** A count as reports show it: the number, or null with the reason (e.g. "n<5"). */
export const shownCount = z.discriminatedUnion('suppressed', [
  z.object({ antal: z.number(), suppressed: z.literal(false) }),
  z.object({ antal: z.null(), suppressed: z.literal(true), reason: z.string() }),
]);
export type ShownCountView = z.infer<typeof shownCount>;

const inventoryCategorySummary = z.object({
  kategori: z.enum(INVENTORY_CATEGORIES),
  label: z.string(),
  total: shownCount,
  byKon: list(z.object({ kon: z.enum(INVENTORY_KON), count: shownCount })),
  byAldersgrupp: list(z.object({ aldersgrupp: z.string(), count: shownCount })),
  cells: list(z.object({ kon: z.enum(INVENTORY_KON), aldersgrupp: z.string(), count: shownCount })),
  byUnit: list(z.object({ enhet: z.string(), count: shownCount })),
});

/** One category set against a population survey's estimate of the same group. */
export const inventoryComparisonRow = z.object({
  kategori: z.enum(INVENTORY_CATEGORIES),
  label: z.string(),
  /** The survey's indicator with the matching register category (barn_bevittnat → barn_bevittnat_12m), or null. */
  indicator: z.object({ id: z.string(), label: z.string(), period: z.string(), minAge: z.number().nullable(), maxAge: z.number().nullable() }).nullable(),
  /** Persons known to the units in the age groups that overlap the survey's population. */
  known: shownCount.nullable(),
  knownAgeGroups: list(z.string()),
  /** The survey's weighted estimate: share and number of persons (T = N·p̂) with 95 % intervals; null when there is none. */
  estimate: z
    .object({ n: z.number(), proportion: z.number(), ci: pair(z.number()), total: z.number(), totalCi: pair(z.number()) })
    .nullable(),
  /** Why there is no comparison (no matching indicator, suppressed estimate, analysis not possible). */
  reason: z.string().nullable(),
  /** Where survey and inventory do not align: period, ages, definition, persons vs cases. */
  caveats: list(z.string()),
});

/** GET /api/screening/:id/inventory: the inventory month's summary for the nämnd. */
export const inventorySummaryResponse = z.object({
  campaign: z.object({ id: z.string(), title: z.string(), kommunkod: z.string(), kommunNamn: z.string(), period: z.string().nullable(), status: z.enum(CAMPAIGN_STATUSES) }),
  units: list(z.object({ unitId: z.string(), enhet: z.string(), verksamhet: z.string(), reported: z.boolean(), reportedOn: z.string().nullable() })),
  minCell: z.number(),
  summary: z.object({ units: z.number(), minCell: z.number(), categories: list(inventoryCategorySummary) }),
  comparison: z.object({ campaign: z.object({ id: z.string(), title: z.string() }), population: list(z.string()), rows: list(inventoryComparisonRow) }).nullable(),
  text: z.object({ findings: list(z.string()), method: list(z.string()) }),
  generatedOn: z.string(),
});
export type InventorySummaryView = z.infer<typeof inventorySummaryResponse>;
