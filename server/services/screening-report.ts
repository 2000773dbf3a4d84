/**
 * Follow-up, analysis and export of a screening month. All statistics come
 * from `analysis/screening-*` (the same functions as `npm run screening`);
 * this module only maps stored rows to `ScreeningContact` and writes the
 * registrations file.
 */
import type { Database } from '../db/database';
import { canExportMicrodata, type AuthContext } from '../auth/auth-context';
import { forbidden } from '../http/http-error';
import { screeningFindings } from '../../analysis/screening-findings';
import { summariseScreening } from '../../analysis/screening-summary';
import { compareScreeningUnits } from '../../analysis/screening-unit-comparison';
import type { Comparison, FollowUp, Report, Summary } from '../../contracts/screening';
import {
  SCREENING_FILE_COLUMNS,
  screeningContact,
  screeningFileCells,
  type ScreeningContact,
  type ScreeningDimension,
  type ScreeningDisclosureMeasure,
} from '../../domain/screening-contact';
import { writeAuditLog } from '../queries/audit-log';
import { findKommuner } from '../queries/kommuner';
import {
  countScreeningFollowUp,
  listScreeningRegistrations,
  listScreeningUnits,
} from '../queries/screening';
import { screeningMinCell, templateChoices, type ScreeningAccess } from './screening';

async function activeContacts(db: Database, campaignId: string): Promise<ScreeningContact[]> {
  return (await listScreeningRegistrations(db, campaignId, { activeOnly: true })).map((row) => screeningContact(row, row));
}

/** Contacts and share asked per unit, live during the month. Screeners see only their own units. */
export async function followUp(db: Database, access: ScreeningAccess): Promise<FollowUp> {
  const rows = (await countScreeningFollowUp(db, access.campaign.id)).filter((row) => access.analyst || access.unitIds.includes(row.unitId));
  const share = (asked: number, contacts: number) => (contacts === 0 ? null : asked / contacts);
  const contacts = rows.reduce((sum, row) => sum + row.contacts, 0);
  const asked = rows.reduce((sum, row) => sum + row.asked, 0);
  return {
    units: rows.map((row) => ({ ...row, coverage: share(row.asked, row.contacts) })),
    total: { contacts, asked, coverage: share(asked, contacts) },
  };
}

/** Exactly `npm run screening`'s JSON, from the stored active registrations. Audit-logged. */
export async function screeningSummary(
  db: Database,
  auth: AuthContext,
  access: ScreeningAccess,
  options: { by: ScreeningDimension[][]; minCell?: number },
): Promise<Summary> {
  const minCell = await screeningMinCell(db, access, options.minCell);
  const summary = summariseScreening(await activeContacts(db, access.campaign.id), { by: options.by, minCell });
  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod: access.campaign.kommunkod,
    action: 'screening.summary',
    details: { campaignId: access.campaign.id, by: options.by.map((dims) => dims.join(':')), minCell },
  });
  return summary;
}

export async function screeningComparison(
  db: Database,
  access: ScreeningAccess,
  options: { measure: ScreeningDisclosureMeasure; minCell?: number; by?: ScreeningDimension[][] },
): Promise<Comparison> {
  const minCell = await screeningMinCell(db, access, options.minCell);
  return compareScreeningUnits(await activeContacts(db, access.campaign.id), { ...options, minCell });
}

/** Natural phrases for units named like their verksamhet ("kvinnor på försörjningsstöd"). */
const VERKSAMHET_PHRASES: Record<string, [label: string, phrase: string]> = {
  forsorjningsstod: ['försörjningsstöd', 'på försörjningsstöd'],
  mottagning: ['mottagning', 'på mottagningen'],
  barn_och_unga: ['barn och unga', 'inom barn och unga'],
  vuxen: ['vuxen', 'inom vuxenverksamheten'],
  oppenvard: ['öppenvård', 'inom öppenvården'],
  aldreomsorg: ['äldreomsorg', 'inom äldreomsorgen'],
  lss: ['lss', 'inom LSS'],
};

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** "1–30 november 2025", "15 oktober–14 november 2025", "20 december 2025–10 januari 2026". */
export function formatSwedishPeriod(start: string, end: string): string {
  const [y1, m1, d1] = start.split('-').map(Number);
  const [y2, m2, d2] = end.split('-').map(Number);
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${MONTHS[m2 - 1]} ${y2}`;
  if (y1 === y2) return `${d1} ${MONTHS[m1 - 1]}–${d2} ${MONTHS[m2 - 1]} ${y2}`;
  return `${d1} ${MONTHS[m1 - 1]} ${y1}–${d2} ${MONTHS[m2 - 1]} ${y2}`;
}

/** Everything the printable nämnd summary shows. Audit-logged. */
export async function screeningReport(db: Database, auth: AuthContext, access: ScreeningAccess, requestedMinCell?: number): Promise<Report> {
  const { campaign } = access;
  const minCell = await screeningMinCell(db, access, requestedMinCell);
  const contacts = await activeContacts(db, campaign.id);
  const by: ScreeningDimension[][] = [['enhet'], ['enhet', 'kon']];
  const summary = summariseScreening(contacts, { by, minCell });
  const units = await listScreeningUnits(db, campaign.id);
  const unitPhrases: Record<string, string> = {};
  for (const unit of units) {
    const known = VERKSAMHET_PHRASES[unit.verksamhet];
    if (known && unit.enhet.toLowerCase() === known[0]) unitPhrases[unit.enhet] = known[1];
  }
  const reasonLabels: Record<string, string> = {};
  for (const choice of templateChoices(campaign.definition).orsak_ej_tillfragad ?? []) reasonLabels[choice.value] = choice.text.toLowerCase();
  const period = campaign.period_start && campaign.period_end ? formatSwedishPeriod(campaign.period_start, campaign.period_end) : null;
  const text = screeningFindings(summary, { unitPhrases, reasonLabels, minCell, ...(period ? { period } : {}) });
  // The unit table of the method section shows what the summary's unit groups show, nothing more.
  const unitGroups = new Map(summary.groups.filter((g) => Object.keys(g.group).length === 1 && g.group.enhet !== undefined).map((g) => [g.group.enhet!, g]));
  const followUpRows = await countScreeningFollowUp(db, campaign.id);
  const [kommun] = await findKommuner(db, [campaign.kommunkod]);
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'screening.report', details: { campaignId: campaign.id, minCell } });
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      kommunkod: campaign.kommunkod,
      kommunNamn: kommun?.namn ?? campaign.kommunkod,
      periodStart: campaign.period_start,
      periodEnd: campaign.period_end,
      period,
      status: campaign.status,
    },
    units: followUpRows.map((row) => {
      const group = unitGroups.get(row.enhet);
      const base = { enhet: row.enhet, verksamhet: row.verksamhet };
      if (row.contacts === 0 || !group) return { ...base, contacts: row.contacts, asked: 0, coverage: null, suppressed: false };
      if (group.suppressed) return { ...base, contacts: null, asked: null, coverage: null, suppressed: true };
      return { ...base, contacts: group.contacts, asked: group.asked, coverage: group.coverage.suppressed ? null : group.coverage.p, suppressed: group.coverage.suppressed };
    }),
    minCell,
    summary,
    comparison: compareScreeningUnits(contacts, { minCell, by }),
    text,
    generatedOn: new Date().toISOString().slice(0, 10),
  };
}

/**
 * The active registrations as a registrations file for `npm run screening`:
 * UTF-8 with a BOM (opens in Excel), semicolon-separated, CRLF line ends,
 * ja/nej for yes/no, empty for not recorded. Audit-logged with the purpose.
 */
export async function exportRegistrationsCsv(db: Database, auth: AuthContext, access: ScreeningAccess, purpose: string): Promise<string> {
  // One row per client contact is microdata, even without identity: the same separate right as survey responses.
  if (!canExportMicrodata(auth, access.campaign.kommunkod)) throw forbidden('Du har inte behörighet att exportera registreringar på individnivå.');
  const rows = await listScreeningRegistrations(db, access.campaign.id, { activeOnly: true });
  const lines = [SCREENING_FILE_COLUMNS.join(';')];
  for (const row of rows) {
    const values = screeningFileCells(row, row);
    lines.push(SCREENING_FILE_COLUMNS.map((column) => csvCell(values[column])).join(';'));
  }
  await writeAuditLog(db, {
    userId: auth.userId,
    kommunkod: access.campaign.kommunkod,
    action: 'screening.export',
    details: { campaignId: access.campaign.id, rows: rows.length, purpose },
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Quotes a cell when needed and defuses spreadsheet formulas in free text. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
