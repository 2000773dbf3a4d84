/**
 * Pieces shared by the wire schemas of several API areas. Every file in
 * contracts/ is pure zod (plus domain/ vocabulary): the server validates
 * requests with these schemas, and the client imports the inferred types.
 *
 * Response schemas use readonly arrays and tuples: the server may answer
 * with any array, and the client cannot change what it was sent.
 */
import { z } from 'zod';
import { localizedText } from '../domain/templates/template-schema';

/** The one error envelope of every HTTP error: `{ "error": { "code", "message", "details"? } }`. */
export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** A readonly list in a response. */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/** A readonly pair in a response, e.g. a confidence interval [lower, upper]. */
export const pair = <T extends z.ZodType>(item: T) => z.tuple([item, item]).readonly();

/** SCB's kommunkod: four digits. */
export const kommunkod = z.string().regex(/^\d{4}$/, 'fyra siffror (SCB:s kommunkod)');

/** A variable name as the templates, population tables and CSV files use it: `kon`, `aldersgrupp`, `omrade`. */
export const variableName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'variabelnamn: små bokstäver, siffror och _');

/** A calendar date 'YYYY-MM-DD' that exists (not 2025-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ett datum ÅÅÅÅ-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'ett giltigt datum');

/** `{ id }` of a created resource. */
export const createdResponse = z.object({ id: z.string() });
export type CreatedResponse = z.infer<typeof createdResponse>;

/** Answers of a questionnaire: question name → value, as SurveyJS gives them. */
export const answers = z.record(z.string(), z.unknown());
export type Answers = z.infer<typeof answers>;

/** An område of a campaign: its code (the stored answer) and its name. */
export const campaignAreaResponse = z.object({ code: z.string(), name: localizedText });
export type CampaignArea = z.infer<typeof campaignAreaResponse>;
