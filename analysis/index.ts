/**
 * Public API of the analysis engine. Pure TypeScript: no I/O, no server,
 * client, Express, React or database imports. See docs/analysis.md.
 */
export { analyzeSurvey } from './analyze-survey';
export { weightSurvey, type WeightedSurveyDesign } from './weight-survey';
export type {
  AnalysisOptions,
  CalibrationMethod,
  DarkFigureOutput,
  EstimateOutput,
  IntervalMethod,
  RecordTable,
  SurveyAnalysisInput,
  SurveyAnalysisResult,
  UnweightableOutput,
  UnweightedEstimate,
  WeightDiagnostics,
  WeightingProblem,
  WeightingSummary,
} from './survey-analysis-types';
export {
  buildRespondentColumns,
  respondentColumnsFromRecords,
  respondentColumnRoles,
  respondentRecord,
  levelCoder,
  type CategoricalColumn,
  type CellValue,
  type ColumnRole,
  type ColumnSource,
  type NumericColumn,
  type RespondentColumn,
  type RespondentColumns,
  type RespondentRecord,
} from './respondent-columns';
export { AnalysisInputError, type AnalysisInputAdvice, type AnalysisInputSource } from './analysis-input-error';
export { InvalidInputError } from './invalid-input-error';
export { buildCalibrationCells, marginCellOfCells, type CalibrationCells, type Margin } from './calibration-cells';
export type { CalibrationProjection, CalibrationResult } from './calibration-result';
export { rake, type RakeOptions } from './rake';
export { postStratify } from './post-stratify';
export { calibrate, type CalibrateOptions } from './calibrate';
export { trimWeights } from './trim-weights';
export { trimDesign } from './trim-design';
export { weightDiagnostics } from './weighting-summary';
export { unweightedEstimates } from './unweighted-estimates';
export { checkMarginCells } from './check-margin-cells';
export { calibratedVariance, type InfluenceCellSums } from './calibrated-variance';
export { accumulateDomainCellSums, accumulateDomainCellSumsBySpec, accumulateGroupedDomainCellSums, type DomainCellSums } from './domain-cell-sums';
export { domainCellGroups, type DomainCellGroups } from './domain-cell-groups';
export { linearizedDomainEstimate, type LinearizedDomainEstimate } from './linearized-domain-estimate';
export { logitInterval } from './logit-interval';
export { kornGraubardInterval } from './korn-graubard-interval';
export { clopperPearsonInterval } from './clopper-pearson-interval';
export { wilsonInterval } from './wilson-interval';
export { effectiveWilsonInterval } from './effective-wilson-interval';
export { kishEffectiveSampleSize } from './kish-effective-sample-size';
export { weightingDesignEffect } from './weighting-design-effect';
export { nchsReliabilityFlags, type ProportionReliabilityInput } from './nchs-reliability-flags';
export { darkFigure, type DarkFigure } from './dark-figure';
export { studentTQuantile } from './student-t-quantile';
export { betaQuantile } from './beta-quantile';
export { normalQuantile } from './normal-quantile';
export { regularizedIncompleteBeta } from './regularized-incomplete-beta';
export { logBeta, logGamma } from './log-beta';
