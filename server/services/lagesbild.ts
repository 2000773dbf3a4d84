/**
 * The lägesbild (the periodic report to the nämnd): the fieldwork facts its method section is written
 * from, and trends between campaigns of the same kommun. Statistics come from analysis/ (the analysis
 * service, compareEstimates, complementarySuppression); this module gathers and suppresses.
 */
import { compareEstimates } from '../../analysis/compare-estimates';
import { complementarySuppression } from '../../analysis/complementary-suppression';
import { crossingRelations } from '../../analysis/crossing-relations';
import type { StratumProgress } from '../../contracts/fieldwork';
import type { AnalysisRequest } from '../../contracts/analysis';
import type { LagesbildSetup, ResponseRateRow, Trend, TrendCampaign, TrendRequest } from '../../contracts/lagesbild';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { HttpError } from '../http/http-error';
import { findCampaignDetail } from '../queries/campaign-fieldwork';
import { findKommuner } from '../queries/kommuner';
import { listPopulationCampaignsWithIndicators, listScreeningMonths, type TrendCampaignRow } from '../queries/lagesbild';
import { findSampleDesign } from '../queries/sample-design';
import { analysisSetup, kommunMinCell, runCampaignAnalysis } from './analysis';
import { orderStratumVariables } from './analysis-design';
import { findCampaignForAnalyst } from './campaigns';
import { campaignProgress } from './progress';

const small = (count: number, minCell: number) => count > 0 && count < minCell;

/**
 * Invited, responded and the response rate for the whole sample, each level of
 * each stratum variable and each stratum, with responded counts below minCell
 * suppressed and complementary suppression across the strata and their margins.
 */
export function responseRateTable(strata: readonly StratumProgress[], minCell: number): ResponseRateRow[] {
  if (strata.length === 0) return [];
  const variables = orderStratumVariables(strata.flatMap((s) => Object.keys(s.stratum)));
  const cells: { stratum: Record<string, string>; level: ResponseRateRow['level'] }[] = [{ stratum: {}, level: 'total' }];
  for (const variable of variables) {
    const levels = [...new Set(strata.map((s) => s.stratum[variable]).filter((v) => v !== undefined))];
    for (const value of levels) cells.push({ stratum: { [variable]: value }, level: 'margin' });
  }
  if (variables.length > 1) for (const s of strata) cells.push({ stratum: { ...s.stratum }, level: 'stratum' });
  const inCell = (cell: Record<string, string>, s: StratumProgress) => Object.entries(cell).every(([k, v]) => s.stratum[k] === v);
  const sums = cells.map((cell) => {
    const members = strata.filter((s) => inCell(cell.stratum, s));
    const known = members.every((s) => s.populationSize !== null);
    return {
      invited: members.reduce((a, s) => a + s.invited, 0),
      responded: members.reduce((a, s) => a + s.completed, 0),
      populationSize: known ? members.reduce((a, s) => a + (s.populationSize ?? 0), 0) : null,
    };
  });
  const layout = crossingRelations(cells.map((c) => c.stratum));
  const cost = layout.cells.map(() => 0);
  const primary = layout.cells.map(() => false);
  cells.forEach((_, i) => {
    cost[layout.indexOfGiven[i]] = sums[i].responded;
    primary[layout.indexOfGiven[i]] = small(sums[i].responded, minCell);
  });
  const { status } = complementarySuppression({ cost, primary, unpublished: layout.unpublished, relations: layout.relations });
  return cells.map((cell, i) => {
    const shown = status[layout.indexOfGiven[i]] === 'shown';
    const { invited, responded, populationSize } = sums[i];
    return { stratum: cell.stratum, level: cell.level, populationSize, invited, responded: shown ? responded : null, rate: shown && invited > 0 ? responded / invited : null };
  });
}

/** Counts of a one-way table whose total is shown: below minCell suppressed, with complementary suppression. */
function suppressedParts(parts: readonly number[], minCell: number): (number | null)[] {
  const { status } = complementarySuppression({
    cost: [Infinity, ...parts],
    primary: [false, ...parts.map((n) => small(n, minCell))],
    relations: [{ total: 0, parts: parts.map((_, i) => i + 1) }],
  });
  return parts.map((n, i) => (status[i + 1] === 'shown' ? n : null));
}

function trendCampaignOf(row: TrendCampaignRow, indicators: readonly string[]): TrendCampaign {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    isDemo: row.isDemo,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    fieldwork: row.firstResponse && row.lastResponse ? { first: row.firstResponse, last: row.lastResponse } : null,
    responses: row.responses,
    commonIndicators: row.indicatorIds.filter((id) => indicators.includes(id)),
  };
}

/** The kommun's population campaigns that share indicators with this one and have answers, oldest fieldwork first (this one included). */
async function trendCampaigns(db: Database, campaign: { id: string; kommunkod: string; isDemo: boolean; indicators: readonly string[] }): Promise<TrendCampaign[]> {
  const rows = await listPopulationCampaignsWithIndicators(db, campaign.kommunkod);
  return rows
    .filter((row) => row.id === campaign.id || (row.responses > 0 && row.isDemo === campaign.isDemo))
    .map((row) => trendCampaignOf(row, campaign.indicators))
    .filter((row) => row.commonIndicators.length > 0);
}

/** GET /api/campaigns/:id/lagesbild. */
export async function lagesbildSetup(db: Database, auth: AuthContext, id: string): Promise<LagesbildSetup> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  const detail = await findCampaignDetail(db, campaign.id);
  const [kommun] = await findKommuner(db, [campaign.kommunkod]);
  const progress = await campaignProgress(db, campaign.id);
  const indicators = campaign.definition.meta.indicators.map((i) => i.id);
  const trend = await trendCampaigns(db, { id: campaign.id, kommunkod: campaign.kommunkod, isDemo: campaign.is_demo, indicators });
  const own = trend.find((t) => t.id === campaign.id);
  // The kommun's own suppression threshold (its settings), as the analysis uses by default.
  const minCell = await kommunMinCell(db, campaign.kommunkod);
  const [web, paper] = suppressedParts([progress.byMode.web, progress.byMode.paper], minCell);
  const waves = suppressedParts(progress.byWave.map((w) => w.responses), minCell);
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      kommunkod: campaign.kommunkod,
      kommunNamn: kommun?.namn ?? campaign.kommunkod,
      mode: campaign.mode,
      status: campaign.status,
      isDemo: campaign.is_demo,
      periodStart: detail?.periodStart ?? null,
      periodEnd: detail?.periodEnd ?? null,
      templateTitle: campaign.definition.title,
    },
    sampleDesign: await findSampleDesign(db, campaign.id),
    fieldwork: own?.fieldwork ?? null,
    responses: own?.responses ?? 0,
    minCell,
    responseRates: responseRateTable(progress.strata, minCell),
    byMode: { web, paper },
    byWave: progress.byWave.map((w, i) => ({ wave: w.wave, sentOn: w.sentOn, codeCount: w.codeCount, responses: waves[i] })),
    trendCampaigns: trend,
    screeningMonths: await listScreeningMonths(db, campaign.kommunkod),
  };
}

/**
 * POST /api/campaigns/:id/trend: this campaign analysed with the page's settings, and each other campaign
 * of the kommun with indicators in common analysed with its own design and default weighting (its own
 * population tables and the SCB year closest to its fieldwork) and the same indicators, groups, interval
 * method, level and suppression; then the change since the latest earlier campaign (compareEstimates:
 * independent samples, normal interval). A campaign that cannot be analysed is listed with its reason.
 */
export async function campaignTrend(db: Database, auth: AuthContext, id: string, body: TrendRequest): Promise<Trend> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  const request: AnalysisRequest = body.analysis ?? {};
  const own = campaign.definition.meta.indicators.map((i) => i.id);
  const wanted = request.indicators ?? own;
  let family = await trendCampaigns(db, { id: campaign.id, kommunkod: campaign.kommunkod, isDemo: campaign.is_demo, indicators: wanted });
  if (body.campaignIds) family = family.filter((c) => c.id === campaign.id || body.campaignIds!.includes(c.id));
  const level = request.level ?? 0.95;
  const campaigns: Trend['campaigns'][number][] = [];
  for (const member of family) {
    const current = member.id === campaign.id;
    try {
      let analysisRequest: AnalysisRequest = request;
      if (!current) {
        const setup = await analysisSetup(db, auth, member.id);
        const offered = new Set(setup.variables);
        const by = (request.by ?? setup.variables.map((v) => [v])).filter((domain) => domain.every((v) => offered.has(v)));
        analysisRequest = { indicators: [...member.commonIndicators], by, ci: request.ci, level: request.level, minCell: request.minCell, fpc: request.fpc, df: request.df, method: request.method };
      }
      const result = await runCampaignAnalysis(db, auth, member.id, analysisRequest);
      campaigns.push({
        ...member,
        current,
        estimates: result.estimates.filter((e) => wanted.includes(e.indicator)),
        error: null,
        weighting: { margins: result.meta.parameters.margins, populationYear: result.meta.parameters.populationYear },
      });
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500 || current) throw error;
      campaigns.push({ ...member, current, estimates: [], error: error.message, weighting: null });
    }
  }
  const index = campaigns.findIndex((c) => c.current);
  const previous = campaigns.slice(0, index).reverse().find((c) => c.estimates.length > 0) ?? null;
  const comparisons = previous ? compareEstimates(previous.estimates, campaigns[index].estimates, { level }) : [];
  return {
    level,
    indicators: wanted.filter((id) => campaigns.some((c) => !c.current && c.commonIndicators.includes(id))),
    campaigns,
    previousId: previous?.id ?? null,
    comparisons,
  };
}
