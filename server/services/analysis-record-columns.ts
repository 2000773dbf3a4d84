/** The analysis records' columns, shared by the workspace analysis (analysis-records.ts) and the responses.csv export. */
import { ageGroupOfAnswer, tryParseAgeGroups } from '../../domain/age-groups';
import { frameAge } from '../../domain/answer-age';
import type { CellValue, ColumnRole } from '../../analysis/index';
import type { ExportedResponse } from '../../contracts/exports';
import { compileIndicators, type IndicatorValue } from '../../domain/templates/evaluate-indicators';
import type { TemplateDefinition } from '../../domain/templates/template-schema';

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * One column of the analysis records: its name, how the engine reads it
 * (`buildRespondentColumns` role), and its value in a response given the
 * response's evaluated indicators. The analysis CSV export and the
 * workspace analysis both take their columns from here.
 */
export interface AnalysisRecordColumn {
  readonly name: string;
  readonly role: ColumnRole;
  readonly value: (response: ExportedResponse, indicators: Readonly<Record<string, IndicatorValue>>) => CellValue;
}

/**
 * The analysis records' columns: the sampling stratum from the code
 * (`stratum_kon`, …, register values), the weighting variables as answered
 * (with `aldersgrupp` binned from `alder` by `meta.weighting.ageGroups`), and
 * one 0/1/missing column per indicator; plus the template's indicators,
 * compiled once, to evaluate each response.
 */
export function analysisRecordColumns(template: TemplateDefinition, stratumVariables: readonly string[]) {
  const weighting = template.meta.weighting;
  const ageGroups = tryParseAgeGroups(weighting.ageGroups ?? []) ?? [];
  const columns: AnalysisRecordColumn[] = stratumVariables.map((v) => ({ name: `stratum_${v}`, role: 'category', value: (response) => response.stratum?.[v] ?? null }));
  for (const variable of weighting.variables) {
    const answer = (response: ExportedResponse): CellValue => cellValue(response.answers[variable.question]);
    columns.push({ name: variable.name, role: variable.name === 'alder' ? 'number' : 'category', value: answer });
    if (variable.name === 'alder' && ageGroups.length > 0 && !weighting.variables.some((v) => v.name === 'aldersgrupp')) {
      const population = template.meta.population;
      // An age one year outside the frame's range belongs to the edge group (domain/answer-age.ts).
      const inFrame = (age: unknown) => (population && typeof age === 'number' ? frameAge(age, population) : age);
      columns.push({ name: 'aldersgrupp', role: 'category', value: (response) => ageGroupOfAnswer(inFrame(response.answers[variable.question]), ageGroups) ?? null });
    }
  }
  const indicators = compileIndicators(template);
  for (const id of indicators.ids) columns.push({ name: id, role: 'indicator', value: (_, values) => values[id] ?? null });
  return { columns, indicators };
}

/** An answer as a cell: text and numbers as they are, anything else as JSON, missing as null. */
function cellValue(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return cell(value);
}

