import { ageGroupOfAnswer, tryParseAgeGroups } from '../../domain/age-groups';
import type { Database } from '../db/database';
import { canExportMicrodata, type AuthContext } from '../auth/auth-context';
import { forbidden } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { listStrata } from '../queries/campaign-strata';
import type { CampaignRow } from '../queries/campaigns';
import type { ExportedResponse } from '../../contracts/exports';
import { pageResponses } from '../queries/response-stats';
import { frameAge } from '../../domain/answer-age';
import type { CellValue, ColumnRole } from '../../analysis/index';
import { compileIndicators, type IndicatorValue } from '../../domain/templates/evaluate-indicators';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { CLASS_VARIABLES, orderStratumVariables } from './analysis-design';
import { findCampaignForAnalyst } from './campaigns';
import { csvLine } from '../../domain/csv';

const PAGE = 2000;

async function microdataCampaign(db: Database, auth: AuthContext, id: string, format: string, purpose: string): Promise<CampaignRow> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  if (!canExportMicrodata(auth, campaign.kommunkod)) throw forbidden('Du har inte behörighet att exportera svar på individnivå.');
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.responses_export', details: { campaignId: id, format, purpose } });
  return campaign;
}

async function* allResponses(db: Database, campaignId: string): AsyncGenerator<ExportedResponse[]> {
  let after: string | null = null;
  for (;;) {
    const page = await pageResponses(db, campaignId, after, PAGE);
    if (page.length === 0) return;
    yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1].id;
  }
}

/**
 * All responses of a campaign as a JSON array `[{id, stratum, mode, date, answers}]`,
 * produced in pages so that 100,000 responses never sit in memory at once.
 * Requires the microdata right; written to the audit log with the purpose.
 */
export async function responsesJson(db: Database, auth: AuthContext, id: string, purpose: string): Promise<AsyncGenerator<string>> {
  await microdataCampaign(db, auth, id, 'json', purpose);
  return (async function* () {
    let first = true;
    yield '[';
    for await (const page of allResponses(db, id)) {
      let chunk = '';
      for (const response of page) {
        chunk += (first ? '' : ',') + JSON.stringify(response);
        first = false;
      }
      yield chunk;
    }
    yield ']';
  })();
}

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

/** The columns of the analysis CSV and a function that turns one response into its cells. */
export function analysisColumns(template: TemplateDefinition, stratumVariables: readonly string[]) {
  const { columns, indicators } = analysisRecordColumns(template, stratumVariables);
  const header = ['id', 'mode', 'date', ...columns.map((c) => c.name)];
  const row = (response: ExportedResponse): (string | number)[] => {
    const values = indicators.evaluate(response.answers);
    return [response.id, response.mode, response.date, ...columns.map((c) => c.value(response, values) ?? '')];
  };
  return { header, row };
}

/**
 * The analysis CSV (`npm run analyze -- --responses`): one row per response
 * with id, mode, date, the sampling stratum (`stratum_kon`, …), the weighting
 * variables from the answers (with `aldersgrupp` binned from `alder` by
 * `meta.weighting.ageGroups`) and one 0/1/empty column per indicator.
 * Indicators are compiled once per export. Requires the microdata right;
 * audit-logged with the purpose.
 */
export async function responsesCsv(db: Database, auth: AuthContext, id: string, purpose: string): Promise<AsyncGenerator<string>> {
  const campaign = await microdataCampaign(db, auth, id, 'csv', purpose);
  const strata = await listStrata(db, id);
  const stratumVariables = campaign.mode === 'classes' ? [...CLASS_VARIABLES] : orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum)));
  const { header, row } = analysisColumns(campaign.definition, stratumVariables);
  return (async function* () {
    yield csvLine(header);
    for await (const page of allResponses(db, id)) {
      let chunk = '';
      for (const response of page) chunk += csvLine(row(response));
      yield chunk;
    }
  })();
}

/**
 * Stratum sizes N_h as a population table for `npm run analyze`: the stratum
 * variables and `antal`, for strata whose size is known.
 */
export async function populationStrataCsv(db: Database, auth: AuthContext, id: string): Promise<string> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  const strata = (await listStrata(db, id)).filter((s) => s.populationSize !== null);
  const variables = orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum)));
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.population_strata_export', details: { campaignId: id } });
  return [csvLine([...variables, 'antal']), ...strata.map((s) => csvLine([...variables.map((v) => s.stratum[v] ?? ''), s.populationSize]))].join('');
}
