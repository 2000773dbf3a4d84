import type { AgeGroup } from '../domain/age-groups';
import type { CellValue, RespondentColumns } from './respondent-columns';

/** A small table of records (population totals, registered counts); `columns` defaults to the keys of the first record. */
export interface RecordTable {
  readonly columns?: readonly string[];
  readonly rows: readonly Readonly<Record<string, CellValue>>[];
}

export type CalibrationMethod = 'rake' | 'poststrat' | 'linear' | 'raking';
export type IntervalMethod = 'logit' | 'beta' | 'wilson';

export interface AnalysisOptions {
  /** 0/1 indicator columns; a missing value leaves the respondent out of that indicator only. */
  readonly indicators: readonly string[];
  /** Calibration margins, each a list of crossed variables: [['kon', 'aldersgrupp'], ['omrade']]. Empty = no calibration. */
  readonly margins?: readonly (readonly string[])[];
  /** Default `rake`. `linear` is GREG (calibrate, calfun linear); `raking` is calibrate with calfun raking (use with bounds). */
  readonly method?: CalibrationMethod;
  /** Bounds [L, U] on w/w0 for `linear` and `raking`; given with `rake`, the bounded raking calfun is used. */
  readonly bounds?: readonly [number, number];
  /** Domains, each a list of crossed variables; the overall estimate is always included. */
  readonly by?: readonly (readonly string[])[];
  /** Default `logit`. */
  readonly ci?: IntervalMethod;
  /** Default 0.95. */
  readonly level?: number;
  /** Finite population correction (1 − n/N, or 1 − n_h/N_h by stratum). Default false. */
  readonly fpc?: boolean;
  /** Minimum respondents (and registered persons) below which report values are suppressed. Default 5. */
  readonly minCell?: number;
  /** Age grouping, e.g. "18-29,30-44,45-64,65-85": bins `alder` (or `fodelsear` with referenceYear) into `aldersgrupp` in respondents and population. */
  readonly ageGroups?: string | readonly AgeGroup[];
  /** Year at whose end ages are counted when respondents give `fodelsear`. */
  readonly referenceYear?: number;
  /** Recode levels before weighting, in respondents and population alike, to collapse sparse cells: { aldersgrupp: { '16-29': '16-49', '30-49': '16-49' } }. */
  readonly collapse?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Column with given base weights instead of N/n. */
  readonly weightColumn?: string;
  /** Sampling stratum variable: base weights N_h/n_h (n_h = respondents in the stratum), stratified variance. */
  readonly strata?: string;
  /**
   * Keep every final weight within [lower, upper]. With calibration margins this is calibration with
   * bounds on the weights themselves (R's `calibrate(…, bounds = c(lower, upper), bounds.const = TRUE)`),
   * which meets the margins exactly or reports that it cannot; without margins, R's
   * `trimWeights(…, strict = TRUE)` (maxRounds passes, default 50).
   */
  readonly trim?: { readonly lower?: number; readonly upper?: number; readonly maxRounds?: number };
  /** `linearization` (default): Taylor linearisation on calibration residuals; `jk1`: delete-one jackknife, re-calibrated in each replicate (unstratified designs). */
  readonly variance?: 'linearization' | 'jk1';
  /**
   * Degrees of freedom of a domain: `design` (default) is R's `degf()` of the domain subset with the
   * rows whose indicator is missing (what `svyciprop` uses); `answered` counts only rows with a value.
   */
  readonly df?: 'design' | 'answered';
  /** A stratum with one respondent: `fail` (default, as R) or `adjust` (centred at the grand mean, as R's survey.lonely.psu = "adjust"). */
  readonly lonelyStratum?: 'fail' | 'adjust';
  /**
   * Respondents whose value of a weighting variable is not a level of the population tables:
   * `error` (default) stops with the row and column; `exclude` leaves them out of the weighting and
   * reports them, with their unweighted estimates as a bias check (`unweightable` in the result).
   */
  readonly unweightable?: 'error' | 'exclude';
  /** Raking/calibration tolerance relative to N (default 1e-9) and maximum iterations (default 100). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Keep only population rows of this kommun (kommunkod or name) in tables with a `kommunkod`/`kommun` column. */
  readonly kommun?: string;
}

export interface SurveyAnalysisInput {
  /** The respondents as typed columns (see buildRespondentColumns). */
  readonly respondents: RespondentColumns;
  readonly population: readonly RecordTable[];
  /** N_h of each sampling stratum: the `strata` column and `antal`. Default: summed from the population tables. */
  readonly stratumSizes?: RecordTable;
  /** Registered persons: `indikator`, any domain variables, `antal`. */
  readonly registered?: RecordTable;
  readonly options: AnalysisOptions;
}

/** Spread of a set of weights. */
export interface WeightDiagnostics {
  readonly weightMin: number;
  readonly weightMax: number;
  readonly weightCv: number;
  /** Kish (Σw)²/Σw². */
  readonly nEffective: number;
  /** 1 + CV² of the weights: the design effect due to weighting. */
  readonly weightingDesignEffect: number;
}

/**
 * Weights that did not reach their target: a calibration that did not converge, or trimming
 * (bounds on the weights) that cannot be met together with the margins. Never silent: every
 * estimate then carries the flag `weighting-failed`, and the CLI stops with exit code 2.
 */
export interface WeightingProblem {
  readonly kind: 'calibration' | 'trimming';
  /** The margin (crossed variables joined by `:`) and cell furthest from its total; null when no margin is involved. */
  readonly margin: string | null;
  readonly cell: Readonly<Record<string, string>> | null;
  /** Σ w − N in that cell (persons; signed); without margins, how far the worst weight lies outside the bounds. */
  readonly error: number;
  readonly iterations: number;
}

export interface WeightingSummary extends WeightDiagnostics {
  readonly method: CalibrationMethod | 'none';
  readonly iterations: number;
  readonly converged: boolean;
  readonly maxMarginError: number;
  readonly respondents: number;
  readonly populationSize: number;
  readonly trimRounds: number;
  /** `N/n` (simple random sampling), `N_h/n_h` (stratified) or `given` (a weight column). */
  readonly baseWeights: 'N/n' | 'N_h/n_h' | 'given';
  /** Sampling strata with respondents (1 unless stratified). */
  readonly strata: number;
  /** Strata with a single respondent, treated by `lonelyStratum`. */
  readonly lonelyStrata: number;
  /** Bounds on w/w0, if any. */
  readonly bounds: [number, number] | null;
  /** Bounds on the weights themselves (trimming); null ends are unbounded. */
  readonly trim: { readonly lower: number | null; readonly upper: number | null } | null;
  /** The weights before trimming (null without trimming). */
  readonly beforeTrim: WeightDiagnostics | null;
  readonly problems: WeightingProblem[];
}

export interface EstimateOutput {
  readonly indicator: string;
  readonly domain: Readonly<Record<string, string>>;
  readonly n: number;
  readonly df: number | null;
  readonly proportion: number | null;
  readonly se: number | null;
  readonly ci: [number, number] | null;
  readonly total: number | null;
  readonly totalSe: number | null;
  readonly totalCi: [number, number] | null;
  readonly deff: number | null;
  readonly cv: number | null;
  readonly flags: string[];
  readonly suppressed: boolean;
  readonly reason?: string;
}

export interface DarkFigureOutput {
  readonly indicator: string;
  readonly domain: Readonly<Record<string, string>>;
  readonly registered: number | null;
  readonly estimatedTotal: number | null;
  readonly estimatedTotalCi: [number, number] | null;
  readonly unregistered: number | null;
  readonly unregisteredCi: [number, number] | null;
  readonly detectionRatio: number | null;
  readonly detectionRatioCi: [number | null, number | null] | null;
  readonly suppressed: boolean;
  readonly reason?: string;
}

/** Respondents left out of the weighting (option `unweightable: 'exclude'`), with their own unweighted estimates. */
export interface UnweightableOutput {
  readonly count: number;
  /** By the first weighting variable whose value is not a population level. */
  readonly byValue: { readonly variable: string; readonly value: string; readonly count: number }[];
  /** Unweighted proportion and Wilson interval among them, per indicator: compare with the weighted estimate. */
  readonly estimates: UnweightedEstimate[];
}

export interface UnweightedEstimate {
  readonly indicator: string;
  readonly n: number;
  readonly proportion: number | null;
  readonly ci: [number, number] | null;
  readonly suppressed: boolean;
  readonly reason?: string;
}

export interface SurveyAnalysisResult {
  readonly weighting: WeightingSummary;
  readonly estimates: EstimateOutput[];
  readonly darkFigure: DarkFigureOutput[];
  /** Only with `unweightable: 'exclude'`. */
  readonly unweightable?: UnweightableOutput;
}
