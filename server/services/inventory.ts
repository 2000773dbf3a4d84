/**
 * The inventory month (surveys/inventering.json, domain/inventory.ts): each
 * unit reports once for the period how many persons it knows of per
 * category, kön and åldersgrupp; analysts get the sums across units with
 * small counts suppressed, set against a population survey's estimate where
 * the groups match. Counts only: no table here holds a person.
 */
import { inventoryFindings } from '../../analysis/inventory-findings';
import { summariseInventory } from '../../analysis/inventory-summary';
import { suppressSmallCount } from '../../analysis/suppress-small-count';
import type { InventoryReportBody, InventoryReportView, InventorySummaryView } from '../../contracts/screening';
import {
  ageGroupBounds,
  INVENTORY_CATEGORIES,
  INVENTORY_CATEGORY_LABELS,
  INVENTORY_REGISTER_CATEGORY,
  inventoryAgeGroups,
  type InventoryCategory,
  type InventoryReport,
} from '../../domain/inventory';
import { textFor } from '../../domain/localized-text';
import type { IndicatorDefinition, TemplateDefinition } from '../../domain/templates/template-schema';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { badRequest, conflict, HttpError, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { bumpInventoryReport, findInventoryReport, listInventoryReports, replaceInventoryCounts } from '../queries/inventory';
import { findKommuner } from '../queries/kommuner';
import { listScreeningUnits } from '../queries/screening';
import { runCampaignAnalysis } from './analysis';
import { findCampaignForAnalyst } from './campaigns';
import { requireUnit, screeningForm, screeningMinCell, type ScreeningAccess } from './screening';
import { formatSwedishPeriod } from './screening-report';

function requireInventory(access: ScreeningAccess): void {
  if (screeningForm(access.campaign.definition) !== 'inventory') {
    throw conflict('Det här är en kartläggningsmånad med registrering av kontakter, inte en inventering.');
  }
}

async function unitName(db: Database, access: ScreeningAccess, unitId: string): Promise<string> {
  const unit = (await listScreeningUnits(db, access.campaign.id)).find((u) => u.unitId === unitId);
  if (!unit) throw notFound('Enheten deltar inte i inventeringen.');
  return unit.enhet;
}

/** A unit's report as last saved (version 0 and no counts before the first). Screeners of the unit, and analysts. */
export async function unitInventory(db: Database, access: ScreeningAccess, unitId: string): Promise<InventoryReportView> {
  requireInventory(access);
  if (!access.analyst) requireUnit(access, unitId);
  const enhet = await unitName(db, access, unitId);
  const report = await findInventoryReport(db, access.campaign.id, unitId);
  return { unitId, enhet, version: report?.version ?? 0, reportedOn: report?.reportedOn ?? null, counts: report?.counts ?? [] };
}

/**
 * Saves a unit's whole report (replacing the previous one) while the month
 * is open, if `version` is still the stored one (409 otherwise). Screeners
 * of the unit (also by unit link and PIN) and the kommun's analysts (a
 * report sent on paper) may. Each age group must be one of its category's;
 * a combination may appear once. Audit-logged with the version only.
 */
export async function saveUnitInventory(db: Database, auth: AuthContext, access: ScreeningAccess, unitId: string, body: InventoryReportBody): Promise<InventoryReportView> {
  requireInventory(access);
  if (!access.analyst) requireUnit(access, unitId);
  if (access.campaign.status !== 'open') throw conflict('Inventeringen är stängd och tar inte emot fler rapporter.');
  const seen = new Set<string>();
  body.counts.forEach((count, i) => {
    const groups = inventoryAgeGroups(count.kategori);
    if (!groups.includes(count.aldersgrupp)) {
      throw badRequest(`Fältet "counts[${i}].aldersgrupp": "${count.aldersgrupp}" är ingen åldersgrupp för ${INVENTORY_CATEGORY_LABELS[count.kategori].toLowerCase()} (giltiga: ${groups.join(', ')})`, {
        field: `counts[${i}].aldersgrupp`,
      });
    }
    const key = `${count.kategori}|${count.kon}|${count.aldersgrupp}`;
    if (seen.has(key)) throw badRequest(`Fältet "counts[${i}]": ${count.kategori}, ${count.kon}, ${count.aldersgrupp} finns redan i rapporten`, { field: `counts[${i}]` });
    seen.add(key);
  });
  await unitName(db, access, unitId);
  await db.transaction(async (tx) => {
    const saved = await bumpInventoryReport(tx, { campaignId: access.campaign.id, unitId, expected: body.version, reportedBy: auth.userId });
    if (!saved) throw conflict('Rapporten har sparats av någon annan sedan du öppnade den. Ladda om och försök igen.', { field: 'version' });
    await replaceInventoryCounts(tx, access.campaign.id, unitId, body.counts.filter((c) => c.antal > 0));
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod: access.campaign.kommunkod,
      action: 'inventory.report',
      details: { campaignId: access.campaign.id, unitId, version: body.version + 1 },
    });
  });
  return unitInventory(db, access, unitId);
}

/** Indicators of a template whose register category matches an inventory category. */
function matchingIndicators(template: TemplateDefinition, kategori: InventoryCategory): IndicatorDefinition[] {
  return template.meta.indicators.filter((i) => i.registerCategory === INVENTORY_REGISTER_CATEGORY[kategori]);
}

/**
 * The inventory month's summary (`summariseInventory`, primary suppression
 * at `minCell`), its findings for the nämnd, and, when `compare` names a
 * population survey of the kommun, each category set against the survey's
 * weighted estimate of the indicator with the matching register category
 * (children who witness violence against `barn_bevittnat_12m`), counting the
 * known persons in the age groups that overlap the survey's ages, with what
 * does not align. Analysts only; audit-logged.
 */
export async function inventorySummary(
  db: Database,
  auth: AuthContext,
  access: ScreeningAccess,
  options: { minCell?: number; compare?: string },
): Promise<InventorySummaryView> {
  requireInventory(access);
  const { campaign } = access;
  const minCell = await screeningMinCell(db, access, options.minCell);
  const [units, rows, [kommun]] = await Promise.all([listScreeningUnits(db, campaign.id), listInventoryReports(db, campaign.id), findKommuner(db, [campaign.kommunkod])]);
  const reports: InventoryReport[] = rows.map((row) => ({ enhet: row.enhet, counts: row.counts }));
  const summary = summariseInventory(reports, { minCell });
  const period = campaign.period_start && campaign.period_end ? formatSwedishPeriod(campaign.period_start, campaign.period_end) : null;
  const text = inventoryFindings(summary, { units: units.length, reportingUnits: rows.length, ...(period ? { period } : {}) });
  const comparison = options.compare ? await compareWithSurvey(db, auth, reports, minCell, options.compare, period) : null;
  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod: campaign.kommunkod,
    action: 'inventory.summary',
    details: { campaignId: campaign.id, minCell, compare: options.compare ?? null },
  });
  const reported = new Map(rows.map((row) => [row.unitId, row.reportedOn]));
  return {
    campaign: { id: campaign.id, title: campaign.title, kommunkod: campaign.kommunkod, kommunNamn: kommun?.namn ?? campaign.kommunkod, period, status: campaign.status },
    units: units.map((u) => ({ unitId: u.unitId, enhet: u.enhet, verksamhet: u.verksamhet, reported: reported.has(u.unitId), reportedOn: reported.get(u.unitId) ?? null })),
    minCell,
    summary: { ...summary, categories: summary.categories.map((c) => ({ ...c, label: INVENTORY_CATEGORY_LABELS[c.kategori] })) },
    comparison,
    text,
    generatedOn: new Date().toISOString().slice(0, 10),
  };
}

/** Age groups of a category that overlap [minAge, maxAge] (uppgift saknas never does). */
function overlappingGroups(kategori: InventoryCategory, minAge: number | null, maxAge: number | null): string[] {
  return inventoryAgeGroups(kategori).filter((group) => {
    const bounds = ageGroupBounds(group);
    if (!bounds) return false;
    return (maxAge === null || bounds[0] <= maxAge) && (minAge === null || bounds[1] >= minAge);
  });
}

async function compareWithSurvey(
  db: Database,
  auth: AuthContext,
  reports: readonly InventoryReport[],
  minCell: number,
  surveyId: string,
  period: string | null,
): Promise<NonNullable<InventorySummaryView['comparison']>> {
  const survey = await findCampaignForAnalyst(db, auth, surveyId);
  if (survey.kind !== 'population') throw badRequest('Fältet "compare": jämförelsen görs med en befolkningsenkät.', { field: 'compare' });
  const template = survey.definition;
  const wanted = INVENTORY_CATEGORIES.flatMap((k) => matchingIndicators(template, k).slice(0, 1).map((i) => i.id));
  let analysis: Awaited<ReturnType<typeof runCampaignAnalysis>> | undefined;
  let failure: string | undefined;
  if (wanted.length > 0) {
    try {
      analysis = await runCampaignAnalysis(db, auth, survey.id, { indicators: wanted, by: [] });
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      failure = `Enkäten kunde inte analyseras: ${error.message}`;
    }
  }
  const rows = INVENTORY_CATEGORIES.map((kategori) => {
    const label = INVENTORY_CATEGORY_LABELS[kategori];
    const indicator = matchingIndicators(template, kategori)[0];
    if (!indicator) {
      return { kategori, label, indicator: null, known: null, knownAgeGroups: [], estimate: null, reason: 'Enkäten har ingen indikator för samma grupp.', caveats: [] };
    }
    const ages = indicator.population ?? template.meta.population;
    const minAge = ages?.minAge ?? null;
    const maxAge = ages?.maxAge ?? null;
    const groups = overlappingGroups(kategori, minAge, maxAge);
    const known = reports.reduce(
      (sum, report) => sum + report.counts.filter((c) => c.kategori === kategori && groups.includes(c.aldersgrupp)).reduce((s, c) => s + c.antal, 0),
      0,
    );
    const estimate = analysis?.estimates.find((e) => e.indicator === indicator.id && Object.keys(e.domain).length === 0);
    const shown =
      estimate && !estimate.suppressed && estimate.proportion !== null && estimate.ci !== null && estimate.total !== null && estimate.totalCi !== null
        ? { n: estimate.n, proportion: estimate.proportion, ci: estimate.ci, total: estimate.total, totalCi: estimate.totalCi }
        : null;
    const reason = failure ?? (shown ? null : estimate ? `Enkätens skattning redovisas inte (${estimate.reason ?? 'för få svar'}).` : 'Enkäten har ingen skattning för indikatorn.');
    const surveyAges = minAge !== null && maxAge !== null ? `${minAge}–${maxAge} år` : 'enkätens åldrar';
    const caveats = [
      `Period: enkäten frågar om ${indicator.period === '12 månader' ? 'de senaste 12 månaderna' : indicator.period}; inventeringen gäller ${period ?? 'sin period'}.`,
      `Ålder: enkätens skattning gäller ${surveyAges}; från inventeringen räknas åldersgrupperna ${groups.length > 0 ? groups.join(', ') : '(inga)'} år, och personer med okänd ålder inte alls.`,
      `Definition: enkäten mäter ”${textFor(indicator.label)}”, som de svarande själva uppger; enheterna räknar ${label.toLowerCase()} som de känner till.`,
      'Personer: en person som är känd av flera enheter räknas flera gånger i inventeringen, medan enkäten skattar antalet personer.',
      `Befolkning: skattningen gäller den befolkning enkäten viktades till${analysis ? ` (${analysis.meta.population.map((p) => p.name).join('; ')})` : ''}.`,
    ];
    return { kategori, label, indicator: { id: indicator.id, label: textFor(indicator.label), period: indicator.period, minAge, maxAge }, known: suppressSmallCount(known, minCell), knownAgeGroups: groups, estimate: shown, reason, caveats };
  });
  return { campaign: { id: survey.id, title: survey.title }, population: analysis?.meta.population.map((p) => p.name) ?? [], rows };
}
