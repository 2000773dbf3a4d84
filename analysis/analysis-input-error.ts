import { InvalidInputError } from './invalid-input-error';

/** Which input of {@link analyzeSurvey} an {@link AnalysisInputError} points at. */
export type AnalysisInputSource = 'respondents' | 'population' | 'registered' | 'options';

/**
 * What the user can do about it, for the front end to phrase in its own
 * terms (a CLI flag, a setting on the page): merge levels of a variable, or
 * choose one kommun from a table that holds several.
 */
export type AnalysisInputAdvice = { readonly kind: 'collapse'; readonly variable: string } | { readonly kind: 'choose-kommun' };

/**
 * Bad input to the survey analysis, located precisely enough for a front end
 * to name the file, line and column.
 *
 * - `message` is English, for logs (`analyzeSurvey: respondents[13].kon …`).
 * - `swedish` is the user-facing Swedish detail without the location
 *   (`värdet "K " finns inte i befolkningsfilen (giltiga: kvinna, man)`); the
 *   CLI or the server prefixes it with file, line and column.
 * - `table` is the index of the population table when `source` is
 *   `population`; `row` is the 0-based record index (undefined for a
 *   header/column problem); `column` is the column name when known.
 * - `advice`, when present, is the remedy (front ends name their own flag or setting).
 */
export class AnalysisInputError extends InvalidInputError {
  constructor(
    message: string,
    readonly swedish: string,
    readonly source: AnalysisInputSource,
    readonly location: { readonly table?: number; readonly row?: number; readonly column?: string } = {},
    readonly advice?: AnalysisInputAdvice,
  ) {
    super(message);
  }
}
