/** Wire schemas of population totals and a kommun's own population tables (docs/api-analysis.md). */
import { z } from 'zod';
import { list } from './common';

/** Query of GET /api/population/:kommunkod; `year` defaults to the built-in 2019 table. */
export const populationQuery = z.object({ ageGroups: z.string().max(200).optional(), year: z.coerce.number().int().min(1968).max(2200).optional() });

/** GET /api/population/:kommunkod: residents by kön × åldersgrupp from SCB's table of a year (default the built-in 2019). */
export const populationResponse = z.object({
  kommunkod: z.string(),
  kommun: z.string(),
  ageGroups: list(z.string()),
  rows: list(z.object({ kon: z.enum(['kvinna', 'man']), aldersgrupp: z.string(), antal: z.number() })),
  total: z.number(),
  source: z.string(),
  /** True when the figures are a labelled stand-in (the demo kommun). */
  standIn: z.boolean(),
  /** The year whose 31 December population this is. */
  year: z.number(),
});
export type KommunPopulation = z.infer<typeof populationResponse>;

/** A year of SCB's population table the analyses can use (GET /api/population-years lists them, newest first). */
export const scbPopulationYear = z.object({
  year: z.number(),
  /** True for the 2019 table shipped with the server; false for a year an admin imported. */
  builtIn: z.boolean(),
  source: z.string(),
  kommuner: z.number(),
  total: z.number(),
  fileName: z.string().nullable(),
  importedAt: z.string().nullable(),
});
export type ScbPopulationYear = z.infer<typeof scbPopulationYear>;
export const scbPopulationYearListResponse = list(scbPopulationYear);

/** Query of POST /api/admin/population-years (the body is SCB's BE0101 file, PX or CSV, as bytes). */
export const scbPopulationImportQuery = z.object({ fileName: z.string().trim().min(1).max(200).default('BE0101N1.px') });

/** POST /api/admin/population-years: the years the file held, as they are now stored. */
export const scbPopulationImportResponse = z.object({ years: list(scbPopulationYear) });
export type ScbPopulationImport = z.infer<typeof scbPopulationImportResponse>;

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
  /** False once switched off: kept, but never chosen for an analysis. */
  active: z.boolean(),
});
export type PopulationTableSummary = z.infer<typeof populationTableSummary>;
export const populationTableListResponse = list(populationTableSummary);

/** Body of PATCH /api/kommuner/:kommunkod/population-tables/:id; answered with the table's summary. */
export const populationTablePatchBody = z.strictObject({ active: z.boolean() });
export type PopulationTablePatch = z.infer<typeof populationTablePatchBody>;

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
