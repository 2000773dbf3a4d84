/**
 * The analysis page's downloads: the estimates table (Excel sv-SE by default, the CLI's CSV with
 * `?format=csv`) and the final weights that the microdata export attaches to each response.
 */
import { estimatesCsv, estimatesExcelCsv } from '../../analysis/estimates-csv';
import { AnalysisInputError, InvalidInputError, weightSurvey, type RespondentColumns } from '../../analysis/index';
import { badRequest } from '../http/http-error';
import type { AnalysisRequest } from '../../contracts/analysis';
import { domainLabel } from '../../domain/domain-label';
import { ESTIMATE_FLAG_TEXT, suppressionReasonText } from '../../domain/estimate-flags';
import { textFor } from '../../domain/localized-text';
import type { CsvDialect } from '../../domain/csv';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { writeAuditLog } from '../queries/audit-log';
import { engineError, prepareCampaignAnalysis, runCampaignAnalysis } from './analysis';
import { designColumns, STRATUM_COLUMN } from './analysis-design';

/** POST /api/campaigns/:id/analysis.csv: the estimates with the mörkertal, audit-logged as an export. */
export async function analysisCsv(db: Database, auth: AuthContext, id: string, body: AnalysisRequest, dialect: CsvDialect): Promise<string> {
  const analysis = await runCampaignAnalysis(db, auth, id, body);
  await writeAuditLog(db, { userId: auth.userId, kommunkod: analysis.meta.campaign.kommunkod, action: 'campaign.analysis_export', details: { campaignId: analysis.meta.campaign.id, format: dialect } });
  if (dialect === 'csv') return estimatesCsv(analysis);
  const labels = new Map(analysis.meta.indicators.map((i) => [i.id, textFor(i.label) || i.id]));
  return estimatesExcelCsv(analysis, {
    indicator: (indicatorId) => labels.get(indicatorId) ?? indicatorId,
    domain: (domain) => domainLabel(domain, analysis.meta.areas),
    flag: (flag) => ESTIMATE_FLAG_TEXT[flag] ?? flag,
    reason: (reason) => suppressionReasonText(reason, analysis.meta.parameters.minCell),
  });
}

const ROW = '\u0000rad';

/** Each response's design variables and weights for the microdata export. */
export interface ResponseWeights {
  /** Response id → its stratum key, N_h (N for simple random sampling), base weight and final weight; absent when left out of the weighting. */
  readonly byId: ReadonlyMap<string, { stratum: string; stratumSize: number | null; baseWeight: number; weight: number }>;
  /** The analysis the weights belong to (for the R and SPSS scripts). */
  readonly prepared: Awaited<ReturnType<typeof prepareCampaignAnalysis>>;
  readonly populationSize: number;
}

/**
 * The final weights of the campaign's analysis with the given settings (the page's, or the defaults),
 * from the same weighting step as the analysis (weightSurvey on the same columns, population and design).
 */
export async function responseWeights(db: Database, auth: AuthContext, id: string, body: AnalysisRequest): Promise<ResponseWeights> {
  const prepared = await prepareCampaignAnalysis(db, auth, id, body, { withIds: true });
  const ids = prepared.loaded.ids!;
  const base = designColumns(prepared.loaded, prepared.design);
  const rows = Float64Array.from({ length: base.size }, (_, i) => i);
  const respondents: RespondentColumns = { size: base.size, columns: new Map([...base.columns, [ROW, { kind: 'numeric', values: rows }]]) };
  let design: ReturnType<typeof weightSurvey>;
  try {
    design = weightSurvey({ respondents, population: prepared.population.tables, stratumSizes: prepared.design.stratumSizes, options: prepared.options });
  } catch (error) {
    if (error instanceof AnalysisInputError) engineError(error, prepared.population.sources.map((s) => s.name));
    if (error instanceof InvalidInputError) throw badRequest(`Analysinställningarna är ogiltiga (${error.message}).`);
    throw error;
  }
  const rowOf = design.respondents.columns.get(ROW);
  if (!rowOf || rowOf.kind !== 'numeric') throw new Error('responseWeights: the row column was lost in the weighting');
  const stratumColumn = prepared.design.stratified ? design.respondents.columns.get(STRATUM_COLUMN) : undefined;
  const sizes = new Map((prepared.design.stratumSizes?.rows ?? []).map((r) => [String(r[STRATUM_COLUMN]), Number(r.antal)]));
  const byId = new Map<string, { stratum: string; stratumSize: number | null; baseWeight: number; weight: number }>();
  for (let i = 0; i < design.respondents.size; i++) {
    const stratum = stratumColumn && stratumColumn.kind === 'categorical' ? (stratumColumn.levels[stratumColumn.codes[i]] ?? '') : 'alla';
    const stratumSize = stratumColumn ? (sizes.get(stratum) ?? null) : design.populationSize;
    byId.set(ids[rowOf.values[i]], { stratum, stratumSize, baseWeight: design.cells.respondentBaseWeight[i], weight: design.weights[i] });
  }
  return { byId, prepared, populationSize: design.populationSize };
}
