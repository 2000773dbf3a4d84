import { z } from 'zod';
import { CAMPAIGN_KINDS } from '../campaign';
import { SUPPORT_LINE_IDS, type SupportLineId } from '../support-lines';

/**
 * A questionnaire template as stored in `surveys/<id>.json` and in the
 * database: SurveyJS JSON plus our own metadata (weighting variables and
 * indicator definitions). Types that cross the wire are derived from here.
 *
 * The format is documented for kommun staff in `docs/questionnaires.md`.
 * Every field added after the first version is optional, so templates
 * written for the first version stay valid.
 */
export const localizedText = z.union([z.string(), z.record(z.string(), z.string())]);

/** Answer values that are not substantive answers by default (see `meta.nonSubstantiveValues`). */
export const DEFAULT_NON_SUBSTANTIVE_VALUES: readonly string[] = ['vill_inte_svara', 'vill_ej_svara'];

const ageRange = z
  .object({ minAge: z.number().int().min(0), maxAge: z.number().int().max(130) })
  .refine((r) => r.minAge <= r.maxAge, { message: 'minAge får inte vara större än maxAge' });

const questionName = z.string().min(1, 'frågans namn saknas');

export const indicatorSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'id: små bokstäver, siffror och _'),
  label: localizedText,
  /** Optional longer explanation shown in reports. */
  description: localizedText.optional(),
  /** survey-core condition over the answers; true → 1, false → 0. */
  expression: z.string().min(1),
  /**
   * Questions whose answers the indicator depends on: if none of them is
   * known (a substantive answer, or hidden by branching whose controlling
   * question was answered), the indicator is missing (null), not 0.
   */
  items: z.array(questionName).min(1),
  period: z.enum(['12 månader', 'livstid', 'pågående', 'uppväxt']),
  /** Age range of the indicator's population; defaults to `meta.population`. */
  population: ageRange.optional(),
  /**
   * Optional survey-core condition that defines a subpopulation (e.g. "exposed
   * to any violence"): respondents for whom it is not true get null.
   */
  among: z.string().min(1).optional(),
  /**
   * Registered-ärende category used for mörkertal, or null if none is
   * comparable. Suggested values are listed in `REGISTER_CATEGORIES`.
   */
  registerCategory: z.string().nullable(),
});

/**
 * Suggested registered-ärende categories (free strings are allowed so that a
 * kommun can map its own case-system categories).
 */
export const REGISTER_CATEGORIES = [
  'vald_i_nara_relation',
  'psykiskt_vald',
  'fysiskt_vald',
  'sexuellt_vald',
  'ekonomiskt_vald',
  'hot',
  'hedersrelaterat_vald',
  'barn_bevittnat_vald',
  'barn_utsatt_vald',
  'vald_utovare',
] as const;

export const weightingVariableSchema = z.object({
  name: z.string().min(1),
  question: questionName,
  /** Levels used for weighting. Omit when the levels come from the campaign (e.g. område). */
  levels: z.array(z.string()).optional(),
});

/** An optional part of the questionnaire that a kommun can switch off per campaign. */
export const surveyModuleSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'id: små bokstäver, siffror och _'),
  label: localizedText,
  /** Names of the SurveyJS pages that belong to the module. */
  pages: z.array(z.string().min(1)).min(1),
  enabledByDefault: z.boolean(),
});

/** The question whose choices the server fills in from the campaign's list of områden. */
export const areaQuestionSchema = z.object({
  question: questionName,
  /** Choice values kept after the campaign's områden, e.g. "vet_inte", "vill_inte_svara". */
  keepChoices: z.array(z.string()).default([]),
});

/** A place where a kommun may paste Socialstyrelsen's official FREDA text instead of ours. */
export const fredaTextSlotSchema = z.object({
  question: questionName,
  property: z.enum(['title', 'description']),
});

export const templateMetaSchema = z.object({
  /**
   * The neutral title respondents see (page heading, paper form), a
   * campaign's default public title. It must not name violence: the letter,
   * the screen and the paper may be seen by others. Defaults to the survey's
   * own `title`.
   */
  publicTitle: localizedText.optional(),
  /**
   * The page that introduces the survey and asks for consent. On the web the
   * respondent app's own information page (with one consent button) takes
   * its place, so this page is left out of the web survey; it is printed on paper.
   */
  introPage: z.string().min(1).optional(),
  population: ageRange.optional(),
  /**
   * The ages the questionnaire is written for, [youngest, oldest] (e.g. [13, 19]
   * for årskurs 9 and gymnasiet år 2): its wording, support lines and the
   * information page suit them. Analyses use `population`.
   */
  targetAges: z
    .tuple([z.number().int().min(0), z.number().int().max(130)])
    .refine(([low, high]) => low <= high, { message: 'den lägsta åldern får inte vara större än den högsta' })
    .optional(),
  /**
   * Where each language other than Swedish comes from: `authored` (written
   * with the template, like the built-in English) or `translation` (with who
   * translated). A translation is offered to respondents only once an analyst
   * has marked this exact text reviewed by a qualified translator
   * (docs/questionnaires.md, "Languages"); a language missing here counts as
   * an unreviewed translation.
   */
  translations: z
    .record(
      z.string().regex(/^[a-z]{2,3}$/, 'språkkod som en, ar'),
      z.object({ source: z.enum(['authored', 'translation']), translator: z.string().max(200).optional() }),
    )
    .optional(),
  /**
   * Screening templates: what a unit records. `contacts` (default): one
   * registration per client contact (FREDA-style questions). `inventory`:
   * once for the period, counts of persons known to the unit per category,
   * kön and åldersgrupp (domain/inventory.ts).
   */
  form: z.enum(['contacts', 'inventory']).optional(),
  /** National support lines on every respondent page, beside 112 and the kommun's contact; default Kvinnofridslinjen. */
  supportLines: z
    .array(z.enum(SUPPORT_LINE_IDS as [SupportLineId, ...SupportLineId[]]))
    .min(1)
    .optional(),
  /** Question holding the respondent's age in years; defaults to the weighting variable named "alder". */
  ageQuestion: questionName.optional(),
  /** Answer values that count as "no substantive answer"; defaults to `DEFAULT_NON_SUBSTANTIVE_VALUES`. */
  nonSubstantiveValues: z.array(z.string()).optional(),
  weighting: z.object({
    variables: z.array(weightingVariableSchema),
    ageGroups: z.array(z.string()).optional(),
  }),
  areaQuestion: areaQuestionSchema.optional(),
  modules: z.array(surveyModuleSchema).optional(),
  fredaTextSlots: z.array(fredaTextSlotSchema).optional(),
  indicators: z.array(indicatorSchema),
});

export const templateSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id: små bokstäver, siffror och -'),
  version: z.number().int().positive(),
  kind: z.enum(CAMPAIGN_KINDS),
  title: z.string().min(1),
  survey: z.record(z.string(), z.unknown()),
  meta: templateMetaSchema,
});

export type TemplateDefinition = z.infer<typeof templateSchema>;
export type TemplateMeta = z.infer<typeof templateMetaSchema>;
export type IndicatorDefinition = z.infer<typeof indicatorSchema>;
export type WeightingVariable = z.infer<typeof weightingVariableSchema>;
export type SurveyModule = z.infer<typeof surveyModuleSchema>;
