import { AnalysisInputError } from './analysis-input-error';
import { InvalidInputError } from './invalid-input-error';

/** The sampling design before calibration: a base weight per respondent, strata and sampling fractions. */
export interface BaseWeights {
  readonly kind: 'N/n' | 'N_h/n_h' | 'given';
  readonly weights: Float64Array;
  /** Stratum of each respondent (all 0 unless stratified). */
  readonly stratum: Int32Array;
  readonly stratumCount: number;
  /** Sampling fraction f_h per stratum for the fpc (0 without fpc). */
  readonly fpcFraction: Float64Array;
}

/**
 * Base weights of simple random sampling: w0 = N/n for everyone, and the
 * sampling fraction n/N when the fpc is used.
 *
 * Reference: R `svydesign(ids = ~1, weights = ~w0, fpc = ~N)`. Complexity: O(n).
 *
 * @throws {AnalysisInputError} if N is unknown, zero, or smaller than n.
 * @example
 * simpleRandomBaseWeights(167, 20600, false).weights[0] // → 123.3532934132
 */
export function simpleRandomBaseWeights(n: number, populationSize: number, fpc: boolean): BaseWeights {
  if (!(populationSize > 0)) {
    throw new AnalysisInputError('analyzeSurvey: the population size N is unknown or zero', 'befolkningens storlek saknas eller är noll (ange en befolkningsfil)', 'population', { table: 0, column: 'antal' });
  }
  if (populationSize < n) {
    throw new AnalysisInputError(
      `analyzeSurvey: population size ${populationSize} is smaller than the ${n} respondents`,
      `befolkningen (${populationSize}) är mindre än antalet svarande (${n})`,
      'population',
      { table: 0, column: 'antal' },
    );
  }
  const fpcFraction = new Float64Array(1);
  if (fpc) fpcFraction[0] = n / populationSize;
  return { kind: 'N/n', weights: new Float64Array(n).fill(populationSize / n), stratum: new Int32Array(n), stratumCount: 1, fpcFraction };
}

/**
 * Base weights of stratified simple random sampling with the respondents as
 * the sample: w0 = N_h/n_h, n_h the respondents in stratum h, and sampling
 * fractions n_h/N_h for the fpc. Strata without respondents get no weight.
 *
 * Reference: R `svydesign(ids = ~1, strata = ~stratum, fpc = ~N_h)` (which
 * gives these weights); Cochran (1977), §5.3. Complexity: O(n + strata).
 *
 * @param stratum stratum index of each respondent
 * @param stratumPopulation N_h of each stratum
 * @param describe names stratum h for messages (e.g. `omrade=Norr`)
 * @param table population table the sizes come from, for the error location
 * @throws {AnalysisInputError} if a stratum has more respondents than its N_h.
 * @example
 * stratifiedBaseWeights(Int32Array.from([0, 0, 1]), Float64Array.from([100, 50]), false, String).weights // → [50, 50, 50]
 */
export function stratifiedBaseWeights(
  stratum: Int32Array,
  stratumPopulation: Float64Array,
  fpc: boolean,
  describe: (h: number) => string,
  table?: number,
): BaseWeights {
  const n = stratum.length;
  const H = stratumPopulation.length;
  const sampleSize = new Float64Array(H);
  for (let row = 0; row < n; row++) sampleSize[stratum[row]]++;
  const fpcFraction = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    if (sampleSize[h] === 0) continue;
    if (!(stratumPopulation[h] >= sampleSize[h])) {
      throw new AnalysisInputError(
        `analyzeSurvey: stratum ${describe(h)} has ${sampleSize[h]} respondents but a population of ${stratumPopulation[h]}`,
        `stratumet ${describe(h)} har ${sampleSize[h]} svarande men befolkningen ${stratumPopulation[h]}`,
        'population',
        { table, column: 'antal' },
      );
    }
    if (fpc) fpcFraction[h] = sampleSize[h] / stratumPopulation[h];
  }
  const weights = new Float64Array(n);
  for (let row = 0; row < n; row++) weights[row] = stratumPopulation[stratum[row]] / sampleSize[stratum[row]];
  return { kind: 'N_h/n_h', weights, stratum: Int32Array.from(stratum), stratumCount: H, fpcFraction };
}

/**
 * Given base weights (a weight column, e.g. from a contractor's file). No
 * finite population correction: the sampling fractions are not known.
 *
 * Reference: R `svydesign(ids = ~1, weights = ~w)`. Complexity: O(n).
 *
 * @throws {AnalysisInputError} for a weight that is missing or not positive; {@link InvalidInputError} if fpc is asked for.
 * @example
 * givenBaseWeights(Float64Array.from([2, 3]), 'vikt', false).weights // → [2, 3]
 */
export function givenBaseWeights(values: Float64Array, column: string, fpc: boolean): BaseWeights {
  if (fpc) throw new InvalidInputError('analyzeSurvey: fpc needs simple random or stratified sampling, not a given weight column');
  const n = values.length;
  for (let row = 0; row < n; row++) {
    const value = values[row];
    if (!(value > 0) || !Number.isFinite(value)) {
      const raw = Number.isNaN(value) ? '' : String(value);
      throw new AnalysisInputError(`analyzeSurvey: respondents[${row}].${column} is not a positive weight: "${raw}"`, `vikten "${raw}" är inte ett positivt tal`, 'respondents', { row, column });
    }
  }
  return { kind: 'given', weights: Float64Array.from(values), stratum: new Int32Array(n), stratumCount: 1, fpcFraction: new Float64Array(1) };
}
