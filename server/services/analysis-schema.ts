import { z } from 'zod';

const variable = z.string().regex(/^[a-z][a-z0-9_]*$/, 'variabelnamn: små bokstäver, siffror och _');
const crossing = z.array(variable).min(1).max(3);

/** Body of POST /api/campaigns/:id/analysis (and analysis.csv). */
export const analysisBody = z.strictObject({
  /** Indicator ids; default every indicator of the questionnaire. */
  indicators: z.array(variable).min(1).max(50).optional(),
  /** Calibration margins, e.g. [["kon","aldersgrupp"],["omrade"]]; default kön × åldersgrupp, plus område when an område table is used. [] = no calibration. */
  margins: z.array(crossing).max(4).optional(),
  method: z.enum(['rake', 'poststrat', 'linear']).optional(),
  /** Domains, e.g. [["kon"],["omrade"]]; default kön, åldersgrupp and område (when the questionnaire asks it). */
  by: z.array(crossing).max(8).optional(),
  ci: z.enum(['logit', 'beta', 'wilson']).optional(),
  level: z.number().min(0.5).max(0.999).optional(),
  fpc: z.boolean().optional(),
  /** Suppression threshold (default 5; at least 3 unless the user is admin). */
  minCell: z.number().int().min(1).max(1000).optional(),
  registeredTableId: z.uuid().optional(),
  /** The kommun's own tables to use; default the newest table with an omrade column. [] = none. */
  populationTableIds: z.array(z.uuid()).max(5).optional(),
  /** Use SCB's kön × åldersgrupp totals (default: yes, unless a chosen table has kon and aldersgrupp). */
  useScb: z.boolean().optional(),
  /** Levels to merge before weighting: { aldersgrupp: [["65-85", "45-64"]] } merges them into "45-64+65-85". */
  collapse: z.record(variable, z.array(z.array(z.string().min(1)).min(2)).max(20)).optional(),
  /** Bounds [L, U] on the calibration factor w/w0 (bounded calibration), 0 ≤ L < 1 < U. */
  bounds: z
    .tuple([z.number().min(0).max(1), z.number().min(1).max(100)])
    .refine(([lower, upper]) => lower < 1 && upper > 1, 'gränserna ska uppfylla L < 1 < U')
    .optional(),
  /** Bounds on the final weights themselves (trimming): persons each respondent may represent. */
  trim: z
    .strictObject({ lower: z.number().min(0).optional(), upper: z.number().positive().optional() })
    .refine((t) => t.lower !== undefined || t.upper !== undefined, 'ange en undre eller övre gräns')
    .refine((t) => t.lower === undefined || t.upper === undefined || t.lower < t.upper, 'den undre gränsen ska vara mindre än den övre')
    .optional(),
  /** Degrees of freedom of a domain: R's degf() with the rows missing the indicator (default), or answered rows only. */
  df: z.enum(['design', 'answered']).optional(),
  /** Year of SCB's population table; default the year closest to the fieldwork. */
  populationYear: z.number().int().min(1968).max(2200).optional(),
});

export type AnalysisRequest = z.infer<typeof analysisBody>;

export const registeredUploadQuery = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  period: z.string().trim().max(100).default(''),
  unit: z.enum(['persons', 'cases']).default('persons'),
  fileName: z.string().trim().min(1).max(200).default('REG.csv'),
});
