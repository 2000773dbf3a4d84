import { z } from 'zod';

/**
 * A questionnaire template as stored in `surveys/<id>.json` and in the
 * database: SurveyJS JSON plus our own metadata (weighting variables and
 * indicator definitions). Types that cross the wire are derived from here.
 */
export const localizedText = z.union([z.string(), z.record(z.string(), z.string())]);

export const indicatorSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'id: små bokstäver, siffror och _'),
  label: localizedText,
  /** survey-core expression over the answers; true → 1, false → 0. */
  expression: z.string().min(1),
  /** Questions whose answers the indicator depends on: if none has a substantive answer, the indicator is missing. */
  items: z.array(z.string()).min(1),
  period: z.enum(['12 månader', 'livstid', 'pågående', 'uppväxt']),
  population: z.object({ minAge: z.number().int(), maxAge: z.number().int() }).optional(),
  /** Registered-ärende category used for mörkertal, or null if none is comparable. */
  registerCategory: z.string().nullable(),
});

export const weightingVariableSchema = z.object({
  name: z.string(),
  question: z.string(),
  levels: z.array(z.string()).optional(),
});

export const templateMetaSchema = z.object({
  population: z.object({ minAge: z.number().int(), maxAge: z.number().int() }).optional(),
  weighting: z.object({
    variables: z.array(weightingVariableSchema),
    ageGroups: z.array(z.string()).optional(),
  }),
  indicators: z.array(indicatorSchema),
});

export const templateSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().positive(),
  kind: z.enum(['population', 'screening']),
  title: z.string().min(1),
  survey: z.record(z.string(), z.unknown()),
  meta: templateMetaSchema,
});

export type TemplateDefinition = z.infer<typeof templateSchema>;
export type IndicatorDefinition = z.infer<typeof indicatorSchema>;
