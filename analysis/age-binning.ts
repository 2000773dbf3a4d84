import { ageFromBirthYear, ageGroupOf, type AgeGroup } from '../domain/age-groups';
import { AnalysisInputError } from './analysis-input-error';
import { InvalidInputError } from './invalid-input-error';
import { numericOf, type CategoricalColumn, type RespondentColumns } from './respondent-columns';

export const AGE = 'alder';
export const AGE_GROUP = 'aldersgrupp';
export const BIRTH_YEAR = 'fodelsear';

/**
 * The respondents' age groups (`aldersgrupp`) from their whole-year age
 * (`alder`) or, with a reference year, their birth year (`fodelsear`, age =
 * referenceYear − birth year, SCB's age at 31 December). The same grouping
 * bins single-year population tables (see parsePopulationTable), so both
 * sides share labels. Levels are in the order of the groups.
 *
 * Complexity: O(n · groups).
 *
 * @throws {AnalysisInputError} if neither column exists, or an age is not a whole number or lies outside every group.
 * @throws {InvalidInputError} if respondents give birth years and no reference year.
 * @example
 * binRespondentAges(columns, parseAgeGroups('18-29,30+')).levels // → ['18-29', '30+']
 */
export function binRespondentAges(respondents: RespondentColumns, groups: readonly AgeGroup[], referenceYear?: number): CategoricalColumn {
  const source = respondents.columns.has(AGE) ? AGE : respondents.columns.has(BIRTH_YEAR) ? BIRTH_YEAR : undefined;
  if (!source) {
    throw new AnalysisInputError('analyzeSurvey: age groups need an alder or fodelsear column', `kolumnen ${AGE} (eller ${BIRTH_YEAR}) saknas`, 'respondents', { column: AGE });
  }
  if (source === BIRTH_YEAR && referenceYear === undefined) {
    throw new InvalidInputError('analyzeSurvey: respondents give fodelsear, so referenceYear is required');
  }
  const values = numericOf(respondents, source);
  const codeOf = new Map(groups.map((group, index) => [group.label, index]));
  const codes = new Int32Array(respondents.size);
  for (let row = 0; row < respondents.size; row++) {
    const value = values[row];
    if (!Number.isInteger(value)) {
      const raw = Number.isNaN(value) ? '' : String(value);
      throw new AnalysisInputError(`analyzeSurvey: respondents[${row}].${source} is not a whole number: "${raw}"`, `värdet "${raw}" är inte ett heltal`, 'respondents', { row, column: source });
    }
    const age = source === BIRTH_YEAR ? ageFromBirthYear(value, referenceYear as number) : value;
    const group = ageGroupOf(age, groups);
    if (group === undefined) {
      throw new AnalysisInputError(
        `analyzeSurvey: respondents[${row}] age ${age} is outside the age groups`,
        `åldern ${age} ligger utanför åldersgrupperna (${groups.map((g) => g.label).join(', ')})`,
        'respondents',
        { row, column: source },
      );
    }
    codes[row] = codeOf.get(group) as number;
  }
  return { kind: 'categorical', levels: groups.map((g) => g.label), codes };
}
