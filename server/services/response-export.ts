import type { Database } from '../db/database';
import { canExportMicrodata, type AuthContext } from '../auth/auth-context';
import { forbidden } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { listStrata } from '../queries/campaign-strata';
import type { CampaignRow } from '../queries/campaigns';
import type { ExportedResponse } from '../../contracts/exports';
import { pageResponses } from '../queries/response-stats';
import { CLASS_VARIABLES, orderStratumVariables } from './analysis-design';
import { analysisRecordColumns } from './analysis-record-columns';

export { analysisRecordColumns, type AnalysisRecordColumn } from './analysis-record-columns';
import { findCampaignForAnalyst } from './campaigns';
import { csvLine, csvLineWriter, UTF8_BOM, type CsvDialect } from '../../domain/csv';
import type { AnalysisRequest } from '../../contracts/analysis';
import { countResponses } from '../queries/responses';
import { responseWeights, type ResponseWeights } from './analysis-exports';
import { HttpError } from '../http/http-error';
import { stratumKeyOf } from './personal-codes';
import type { TemplateDefinition } from '../../domain/templates/template-schema';

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
 * The weights of the export: the analysis with the given settings (its errors are the caller's to see),
 * or the default analysis, whose weights are left empty (vagd 0) when it cannot weight, e.g. before any
 * population table fits; the design columns are written either way.
 */
async function exportWeights(db: Database, auth: AuthContext, campaign: CampaignRow, analysis: AnalysisRequest | undefined): Promise<ResponseWeights['byId']> {
  if (campaign.kind !== 'population' || (await countResponses(db, campaign.id)) === 0) return new Map();
  try {
    return (await responseWeights(db, auth, campaign.id, analysis ?? {})).byId;
  } catch (error) {
    if (analysis === undefined && error instanceof HttpError && error.status === 400) return new Map();
    throw error;
  }
}

/** The design and weight columns the microdata export adds after the analysis columns. */
export const WEIGHT_COLUMNS = ['stratum', 'stratum_N', 'vagd', 'vikt_bas', 'vikt'] as const;

/**
 * The analysis CSV (`npm run analyze -- --responses`, the R and SPSS scripts): one row per response
 * with id, mode, date, the sampling stratum (`stratum_kon`, …), the weighting variables from the
 * answers (with `aldersgrupp` binned from `alder` by `meta.weighting.ageGroups`), one 0/1/empty column
 * per indicator, and the design and weights of the analysis with the given settings (the page's, or
 * the defaults): `stratum` (the stratum key; `alla` for simple random sampling), `stratum_N` (N_h, or
 * N), `vagd` (1 when weighted, 0 when left out: an answer that is not a population level), `vikt_bas`
 * (N_h/n_h or N/n) and `vikt` (the final, calibrated weight). Excel sv-SE by default (`;`, decimal
 * comma, BOM), comma and dot with `dialect: 'csv'`; the headers are the variable names either way.
 * Indicators are compiled once per export. Requires the microdata right; audit-logged with the purpose.
 */
export async function responsesCsv(
  db: Database,
  auth: AuthContext,
  id: string,
  options: { purpose: string; dialect?: CsvDialect; analysis?: AnalysisRequest },
): Promise<AsyncGenerator<string>> {
  const dialect = options.dialect ?? 'excel';
  // The audit log's `format` is the file type (csv or json), whichever CSV dialect.
  const campaign = await microdataCampaign(db, auth, id, 'csv', options.purpose);
  const strata = await listStrata(db, id);
  const stratumVariables = campaign.mode === 'classes' ? [...CLASS_VARIABLES] : orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum)));
  const { header, row } = analysisColumns(campaign.definition, stratumVariables);
  const weights = await exportWeights(db, auth, campaign, options.analysis);
  const sizes = new Map(strata.map((s) => [s.stratumKey, s.populationSize]));
  const line = csvLineWriter(dialect);
  return (async function* () {
    yield (dialect === 'excel' ? UTF8_BOM : '') + line([...header, ...WEIGHT_COLUMNS]);
    for await (const page of allResponses(db, id)) {
      let chunk = '';
      for (const response of page) {
        const w = weights.get(response.id);
        const stratum = w?.stratum ?? (response.stratum ? stratumKeyOf(response.stratum) : '');
        chunk += line([...row(response), stratum, w?.stratumSize ?? sizes.get(stratum) ?? '', w ? 1 : 0, w?.baseWeight ?? '', w?.weight ?? '']);
      }
      yield chunk;
    }
  })();
}

/**
 * Stratum sizes N_h as a population table for `npm run analyze`: the stratum
 * variables and `antal`, for strata whose size is known (Excel sv-SE by default, `csv` for programs).
 */
export async function populationStrataCsv(db: Database, auth: AuthContext, id: string, dialect: CsvDialect = 'excel'): Promise<string> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  const strata = (await listStrata(db, id)).filter((s) => s.populationSize !== null);
  const variables = orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum)));
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.population_strata_export', details: { campaignId: id } });
  const line = csvLineWriter(dialect);
  return (dialect === 'excel' ? UTF8_BOM : '') + [line([...variables, 'antal']), ...strata.map((s) => line([...variables.map((v) => s.stratum[v] ?? ''), s.populationSize]))].join('');
}
