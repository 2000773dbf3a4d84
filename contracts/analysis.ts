/**
 * Wire schemas of the survey analysis of a campaign (docs/api-analysis.md).
 *
 * The response schema describes what `analyzeSurvey` (analysis/) and the
 * analysis service return; the route's type-check proves the service's
 * result is assignable to `AnalysisResult`, so a field renamed or retyped in
 * the engine fails `npm run typecheck`. A field the engine adds is simply not
 * part of the contract until it is added here (objects are not strict).
 */
import { z } from 'zod';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES } from '../domain/campaign';
import { localizedText } from '../domain/templates/template-schema';
import { campaignAreaResponse, list, pair, variableName } from './common';
import { populationTableSummary, registeredTableSummary } from './population';

const crossing = z.array(variableName).min(1).max(3);

/** Body of POST /api/campaigns/:id/analysis (and analysis.csv). */
export const analysisBody = z.strictObject({
  /** Indicator ids; default every indicator of the questionnaire. */
  indicators: z.array(variableName).min(1).max(50).optional(),
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
  collapse: z.record(variableName, z.array(z.array(z.string().min(1)).min(2)).max(20)).optional(),
});
export type AnalysisRequest = z.infer<typeof analysisBody>;

/** An indicator of the questionnaire, as the analysis page lists it. */
export const indicatorInfo = z.object({
  id: z.string(),
  label: localizedText,
  /** The template's period: '12 månader', 'livstid', 'pågående' or 'uppväxt'. */
  period: z.string(),
  registerCategory: z.string().nullable(),
});
export type IndicatorInfo = z.infer<typeof indicatorInfo>;

/** GET /api/campaigns/:id/analysis: what the analysis page offers to choose from. */
export const analysisSetupResponse = z.object({
  campaign: z.object({
    id: z.string(),
    title: z.string(),
    kommunkod: z.string(),
    kind: z.enum(CAMPAIGN_KINDS),
    status: z.enum(CAMPAIGN_STATUSES),
    isDemo: z.boolean(),
  }),
  responses: z.number(),
  indicators: list(indicatorInfo),
  /** Variables that can be margins or domains (aldersgrupp for alder). */
  variables: list(z.string()),
  ageGroups: list(z.string()),
  areas: list(campaignAreaResponse),
  populationTables: list(populationTableSummary),
  registeredTables: list(registeredTableSummary),
  minCellFloor: z.number(),
  defaultMinCell: z.number(),
});
export type AnalysisSetup = z.infer<typeof analysisSetupResponse>;

const interval = pair(z.number());

/** How the weights came out: the calibration, its convergence and the weights' spread. */
export const weighting = z.object({
  method: z.enum(['rake', 'poststrat', 'linear', 'raking', 'none']),
  iterations: z.number(),
  converged: z.boolean(),
  maxMarginError: z.number(),
  nEffective: z.number(),
  weightMin: z.number(),
  weightMax: z.number(),
  weightCv: z.number(),
  /** 1 + CV² of the weights: the design effect due to weighting. */
  weightingDesignEffect: z.number(),
  respondents: z.number(),
  populationSize: z.number(),
  trimRounds: z.number(),
});
export type Weighting = z.infer<typeof weighting>;

/** One prevalence estimate: an indicator in a domain (`{}` is the whole population). Suppressed values are null. */
export const estimate = z.object({
  indicator: z.string(),
  domain: z.record(z.string(), z.string()),
  n: z.number(),
  df: z.number().nullable(),
  proportion: z.number().nullable(),
  se: z.number().nullable(),
  ci: interval.nullable(),
  total: z.number().nullable(),
  totalSe: z.number().nullable(),
  totalCi: interval.nullable(),
  deff: z.number().nullable(),
  cv: z.number().nullable(),
  /** NCHS-style reliability flags, e.g. `n<30`, `df<8`. */
  flags: list(z.string()),
  suppressed: z.boolean(),
  reason: z.string().optional(),
});
export type Estimate = z.infer<typeof estimate>;

/** The mörkertal of an indicator in a domain: estimated total against registered persons. */
export const darkFigure = z.object({
  indicator: z.string(),
  domain: z.record(z.string(), z.string()),
  registered: z.number().nullable(),
  estimatedTotal: z.number().nullable(),
  estimatedTotalCi: interval.nullable(),
  unregistered: z.number().nullable(),
  unregisteredCi: interval.nullable(),
  detectionRatio: z.number().nullable(),
  detectionRatioCi: pair(z.number().nullable()).nullable(),
  suppressed: z.boolean(),
  reason: z.string().optional(),
});
export type DarkFigure = z.infer<typeof darkFigure>;

/** A population table the weighting used: SCB's or one the kommun uploaded. */
export const populationSource = z.object({
  kind: z.enum(['scb', 'upload']),
  id: z.string().nullable(),
  name: z.string(),
  source: z.string(),
  columns: list(z.string()),
  total: z.number(),
});

/** POST /api/campaigns/:id/analysis: the engine's `{ weighting, estimates, darkFigure }` and what the page needs to explain it. */
export const analysisResponse = z.object({
  weighting,
  estimates: list(estimate),
  darkFigure: list(darkFigure),
  meta: z.object({
    campaign: z.object({ id: z.string(), title: z.string(), kommunkod: z.string(), isDemo: z.boolean() }),
    responses: z.number(),
    analysed: z.number(),
    /** Respondents who could not be weighted, by the first variable whose value no population table has. */
    excluded: list(z.object({ variable: z.string(), value: z.string(), count: z.number() })),
    parameters: z.object({
      indicators: list(z.string()),
      margins: list(list(z.string())),
      method: z.enum(['rake', 'poststrat', 'linear', 'raking']),
      by: list(list(z.string())),
      ci: z.enum(['logit', 'beta', 'wilson']),
      level: z.number(),
      minCell: z.number(),
      fpc: z.boolean(),
      ageGroups: list(z.string()),
      /** Level → merged level, per variable. */
      collapse: z.record(z.string(), z.record(z.string(), z.string())),
    }),
    population: list(populationSource),
    registered: registeredTableSummary.nullable(),
    indicators: list(indicatorInfo),
    areas: list(campaignAreaResponse),
    /** Where survey and register may not align, stated next to every mörkertal. */
    caveats: list(z.object({ indicator: z.string(), points: list(z.string()) })),
    timing: z.object({ loadMs: z.number(), readMs: z.number(), cached: z.boolean(), analysisMs: z.number() }),
  }),
});
export type AnalysisResult = z.infer<typeof analysisResponse>;
