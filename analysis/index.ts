/**
 * Public API of the analysis engine. Pure TypeScript: no I/O, no server,
 * client, Express, React or database imports. See docs/analysis.md.
 */
export { analyzeSurvey, weightSurvey } from './analyze-survey';
export type {
  AnalysisOptions,
  CalibrationMethod,
  CellValue,
  DarkFigureOutput,
  EstimateOutput,
  IntervalMethod,
  RecordTable,
  RespondentRecord,
  SurveyAnalysisInput,
  SurveyAnalysisResult,
  WeightedSurveyDesign,
  WeightingSummary,
} from './analyze-survey';
export { AnalysisInputError, type AnalysisInputSource } from './analysis-input-error';
export { InvalidInputError } from './invalid-input-error';
export { buildCalibrationCells, marginCellOfCells, type CalibrationCells, type Margin } from './calibration-cells';
export type { CalibrationProjection, CalibrationResult } from './calibration-result';
export { rake, type RakeOptions } from './rake';
export { postStratify } from './post-stratify';
export { calibrate, type CalibrateOptions } from './calibrate';
export { trimWeights } from './trim-weights';
export { checkMarginCells } from './check-margin-cells';
export { calibratedVariance, type InfluenceCellSums } from './calibrated-variance';
export { accumulateDomainCellSums, type DomainCellSums } from './domain-cell-sums';
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
