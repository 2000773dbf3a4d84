/** Wire schemas of population totals and a kommun's own population tables (docs/api-analysis.md). */
import { z } from 'zod';
import { list } from './common';

/** Query of GET /api/population/:kommunkod. */
export const populationQuery = z.object({ ageGroups: z.string().max(200).optional() });

/** GET /api/population/:kommunkod: residents by kön × åldersgrupp from SCB's 2019 table. */
export const populationResponse = z.object({
  kommunkod: z.string(),
  kommun: z.string(),
  ageGroups: list(z.string()),
  rows: list(z.object({ kon: z.enum(['kvinna', 'man']), aldersgrupp: z.string(), antal: z.number() })),
  total: z.number(),
  source: z.string(),
  /** True when the figures are a labelled stand-in (the demo kommun). */
  standIn: z.boolean(),
});
export type KommunPopulation = z.infer<typeof populationResponse>;

/** Query of POST /api/kommuner/:kommunkod/population-tables (the body is the CSV file). */
export const populationUploadQuery = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  source: z.string().trim().max(300).default(''),
  reference: z.string().trim().max(100).default(''),
  fileName: z.string().trim().min(1).max(200).default('befolkning.csv'),
});

/** One stored population table, without its rows. */
export const populationTableSummary = z.object({
  id: z.string(),
  kommunkod: z.string(),
  name: z.string(),
  source: z.string(),
  reference: z.string(),
  fileName: z.string(),
  columns: list(z.string()),
  rowCount: z.number(),
  total: z.number(),
  createdAt: z.string(),
});
export type PopulationTableSummary = z.infer<typeof populationTableSummary>;
export const populationTableListResponse = list(populationTableSummary);

/** Query of POST /api/campaigns/:id/registered-tables (the body is REG.csv). */
export const registeredUploadQuery = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  period: z.string().trim().max(100).default(''),
  unit: z.enum(['persons', 'cases']).default('persons'),
  fileName: z.string().trim().min(1).max(200).default('REG.csv'),
});

/** One stored table of registered persons (or ärenden), without its rows. */
export const registeredTableSummary = z.object({
  id: z.string(),
  campaignId: z.string(),
  name: z.string(),
  period: z.string(),
  unit: z.enum(['persons', 'cases']),
  fileName: z.string(),
  columns: list(z.string()),
  rowCount: z.number(),
  createdAt: z.string(),
});
export type RegisteredTableSummary = z.infer<typeof registeredTableSummary>;
export const registeredTableListResponse = list(registeredTableSummary);
