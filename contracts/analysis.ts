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
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_STATUSES } from '../domain/campaign';
import { localizedText } from '../domain/templates/template-schema';
import { campaignAreaResponse, list, pair, variableName } from './common';
import { populationTableSummary, registeredTableSummary, scbPopulationYear } from './population';

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
  /**
   * When SCB's total and a chosen table's total disagree: scale SCB's kön ×
   * åldersgrupp counts to the total of this table (one of `populationTableIds`),
   * keeping SCB's shares.
   */
  scaleScbToTable: z.uuid().optional(),
});
export type AnalysisRequest = z.infer<typeof analysisBody>;

/**
 * `details` of the 400 `population_totals_disagree`: SCB's total and a chosen
 * table's total differ by more than 0.1 %, so the weights cannot meet both.
 * The page offers the ways out: this table's total (`scaleScbToTable`),
 * another SCB year (`populationYear`), or switching the table off.
 */
export const populationTotalsConflict = z.object({
  kind: z.literal('population_totals_disagree'),
  tableId: z.string(),
  tableName: z.string(),
  tableTotal: z.number(),
  scbYear: z.number(),
  scbTotal: z.number(),
  /** tableTotal − scbTotal. */
  difference: z.number(),
  /** SCB's other years with their totals for the same kommun and ages, nearest year first. */
  otherYears: list(z.object({ year: z.number(), total: z.number() })),
});
export type PopulationTotalsConflict = z.infer<typeof populationTotalsConflict>;

/** An indicator of the questionnaire, as the analysis page lists it. */
export const indicatorInfo = z.object({
  id: z.string(),
  label: localizedText,
  /** The template's period: '12 månader', 'livstid', 'pågående' or 'uppväxt'. */
  period: z.string(),
  registerCategory: z.string().nullable(),
});
export type IndicatorInfo = z.infer<typeof indicatorInfo>;

/**
 * Where a weighting or domain variable's values come from: the code's
 * register stratum, the respondent's answers, or (class-link campaigns) the
 * class link the respondent answered through (skola and årskurs).
 */
export const variableSource = z.enum(['register', 'answers', 'class']);
export type VariableSource = z.infer<typeof variableSource>;

/** Each offered variable and its source. */
const variableSources = list(z.object({ variable: z.string(), source: variableSource }));

/** GET /api/campaigns/:id/analysis: what the analysis page offers to choose from. */
export const analysisSetupResponse = z.object({
  campaign: z.object({
    id: z.string(),
    title: z.string(),
    kommunkod: z.string(),
    kind: z.enum(CAMPAIGN_KINDS),
    status: z.enum(CAMPAIGN_STATUSES),
    isDemo: z.boolean(),
    mode: z.enum(CAMPAIGN_MODES),
  }),
  responses: z.number(),
  indicators: list(indicatorInfo),
  /** Variables that can be margins or domains (aldersgrupp for alder; område from the register even when not asked). */
  variables: list(z.string()),
  variableSources,
  /** The sampling design: register strata (personal codes with strata) or the answers (open link). */
  design: z.object({ source: variableSource, stratified: z.boolean(), strata: z.number(), frameSize: z.number().nullable() }),
  ageGroups: list(z.string()),
  areas: list(campaignAreaResponse),
  populationTables: list(populationTableSummary),
  /** SCB years to choose from, newest first. */
  populationYears: list(scbPopulationYear),
  registeredTables: list(registeredTableSummary),
  minCellFloor: z.number(),
  defaultMinCell: z.number(),
  /** An admin may import newer SCB years. */
  isAdmin: z.boolean(),
});
export type AnalysisSetup = z.infer<typeof analysisSetupResponse>;

const interval = pair(z.number());

/** Spread of a set of weights. */
export const weightDiagnostics = z.object({
  weightMin: z.number(),
  weightMax: z.number(),
  weightCv: z.number(),
  /** Kish (Σw)²/Σw². */
  nEffective: z.number(),
  /** 1 + CV² of the weights: the design effect due to weighting. */
  weightingDesignEffect: z.number(),
});

/** Weights that did not reach their target: a calibration that did not converge, or trimming that cannot meet the margins. */
export const weightingProblem = z.object({
  kind: z.enum(['calibration', 'trimming']),
  /** The margin (crossed variables joined by `:`) and cell furthest from its total; null when no margin is involved. */
  margin: z.string().nullable(),
  cell: z.record(z.string(), z.string()).nullable(),
  /** Σ w − N in that cell (persons; signed); without margins, how far the worst weight lies outside the bounds. */
  error: z.number(),
  iterations: z.number(),
});
export type WeightingProblem = z.infer<typeof weightingProblem>;

/** How the weights came out: the design, the calibration, its convergence, bounds and trimming, and the weights' spread. */
export const weighting = weightDiagnostics.extend({
  method: z.enum(['rake', 'poststrat', 'linear', 'raking', 'none']),
  iterations: z.number(),
  converged: z.boolean(),
  maxMarginError: z.number(),
  respondents: z.number(),
  populationSize: z.number(),
  trimRounds: z.number(),
  /** `N/n` (simple random sampling), `N_h/n_h` (stratified) or `given` (a weight column). */
  baseWeights: z.enum(['N/n', 'N_h/n_h', 'given']),
  /** Sampling strata with respondents (1 unless stratified). */
  strata: z.number(),
  /** Strata with a single respondent (centred at the grand mean). */
  lonelyStrata: z.number(),
  /** Bounds on w/w0, if any. */
  bounds: pair(z.number()).nullable(),
  /** Bounds on the weights themselves (trimming); null ends are unbounded. */
  trim: z.object({ lower: z.number().nullable(), upper: z.number().nullable() }).nullable(),
  /** The weights before trimming (null without trimming). */
  beforeTrim: weightDiagnostics.nullable(),
  /** Empty when the weights reached their target; otherwise every estimate carries the flag `weighting-failed`. */
  problems: list(weightingProblem),
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

/** The unweighted proportion (Wilson interval) among respondents who could not be weighted: a bias check beside the weighted one. */
export const unweightedEstimate = z.object({
  indicator: z.string(),
  n: z.number(),
  proportion: z.number().nullable(),
  ci: interval.nullable(),
  suppressed: z.boolean(),
  reason: z.string().optional(),
});
export type UnweightedEstimate = z.infer<typeof unweightedEstimate>;

/** A population table the weighting used: SCB's or one the kommun uploaded. */
export const populationSource = z.object({
  kind: z.enum(['scb', 'upload']),
  id: z.string().nullable(),
  name: z.string(),
  source: z.string(),
  columns: list(z.string()),
  total: z.number(),
  /** SCB: the year whose 31 December population this is. */
  year: z.number().nullable(),
});

/** Registered persons per year next to the survey (a registered table with an `ar` column). */
export const registeredSeries = z.object({
  years: list(z.number()),
  /** The survey's 12 months: before the middle of the fieldwork. */
  surveyWindow: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** The calendar year holding most of that window, if the table has it: the only year with a detection ratio. */
  alignedYear: z.number().nullable(),
  rows: list(z.object({ indicator: z.string(), year: z.number(), registered: z.number().nullable(), suppressed: z.boolean(), aligned: z.boolean() })),
  note: z.string(),
});
export type RegisteredSeriesInfo = z.infer<typeof registeredSeries>;

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
    excluded: list(z.object({ variable: z.string(), value: z.string(), count: z.number().nullable() })),
    /** Unweighted estimates among the respondents left out of the weighting, to compare with the weighted ones. */
    excludedEstimates: list(unweightedEstimate),
    /** The sampling design: register strata (personal codes) or the answers (open link). */
    design: z.object({ source: variableSource, stratified: z.boolean(), strata: z.number(), frameSize: z.number().nullable(), lonelyStrata: z.number() }),
    /** Where each weighting and domain variable comes from. */
    variableSources,
    parameters: z.object({
      indicators: list(z.string()),
      margins: list(list(z.string())),
      method: z.enum(['rake', 'poststrat', 'linear', 'raking']),
      by: list(list(z.string())),
      ci: z.enum(['logit', 'beta', 'wilson']),
      level: z.number(),
      minCell: z.number(),
      fpc: z.boolean(),
      df: z.enum(['design', 'answered']),
      ageGroups: list(z.string()),
      /** Level → merged level, per variable. */
      collapse: z.record(z.string(), z.record(z.string(), z.string())),
      bounds: pair(z.number()).nullable(),
      trim: z.object({ lower: z.number().optional(), upper: z.number().optional() }).nullable(),
      populationYear: z.number().nullable(),
    }),
    population: list(populationSource),
    /** SCB years there were to choose from. */
    populationYears: list(z.number()),
    registered: registeredTableSummary.nullable(),
    indicators: list(indicatorInfo),
    areas: list(campaignAreaResponse),
    /** Where survey and register may not align, stated next to every mörkertal. */
    caveats: list(z.object({ indicator: z.string(), points: list(z.string()) })),
    /** Registered persons per calendar year, when the registered table has an `ar` column; the detection ratio only for the aligned year. */
    registeredSeries: registeredSeries.nullable(),
    /** First and last response date (the batches' dates). */
    fieldwork: z.object({ first: z.string(), last: z.string() }).nullable(),
    timing: z.object({ loadMs: z.number(), readMs: z.number(), cached: z.boolean(), analysisMs: z.number(), recordedNow: z.number().optional() }),
  }),
});
export type AnalysisResult = z.infer<typeof analysisResponse>;
