/**
 * Formatting for the administration pages: role grants and audit entries in
 * Swedish words. Data come from contracts/admin.ts; nothing is computed here.
 */
import type { AuditEntry, KommunInfo, RoleGrantInput, UnitInfo } from '../../../contracts/admin';
import type { RoleGrant } from '../../../contracts/auth';
import { roleLabels } from '../session';

export const ADMIN_PATH = '/arbetsyta/admin';
export const AUDIT_PATH = '/arbetsyta/admin/logg';

const dateTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' });

/** A time as the kommun reads it (Swedish time), or a dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : dateTime.format(date);
}

export interface Names {
  kommuner: readonly KommunInfo[];
  units?: readonly UnitInfo[];
}

const kommunName = (kod: string | null | undefined, names: Names) => names.kommuner.find((k) => k.kod === kod)?.namn ?? kod ?? '';
const lanName = (lanKod: string | null | undefined, names: Names) => names.kommuner.find((k) => k.lanKod === lanKod)?.lanNamn ?? `län ${lanKod}`;

/** "Analytiker i Örebro (med mikrodata)", "Kartläggare, Försörjningsstöd (Örebro)", "Länsstyrelse: Örebro län", "Administratör". */
export function grantText(grant: RoleGrant | RoleGrantInput, names: Names): string {
  const label = roleLabels[grant.role] ?? grant.role;
  if (grant.role === 'analyst') return `${label} i ${kommunName(grant.kommunkod, names)}${grant.microdataExport ? ' (med mikrodata)' : ''}`;
  if (grant.role === 'screener') {
    const unit = names.units?.find((u) => u.id === grant.unitId);
    return `${label}, ${unit?.enhet ?? 'enhet'} (${kommunName(grant.kommunkod, names)})`;
  }
  if (grant.role === 'county_viewer') return `${label}: ${lanName(grant.lanKod, names)}`;
  return label;
}

/** The input form of a stored grant (for PATCH). */
export function grantInput(grant: RoleGrant): RoleGrantInput {
  return {
    role: grant.role,
    ...(grant.kommunkod ? { kommunkod: grant.kommunkod } : {}),
    ...(grant.lanKod ? { lanKod: grant.lanKod } : {}),
    ...(grant.unitId ? { unitId: grant.unitId } : {}),
    ...(grant.role === 'analyst' ? { microdataExport: grant.microdataExport } : {}),
  };
}

/** Swedish names of the audit log's actions; unknown ones are shown as they are. */
export const actionLabels: Record<string, string> = {
  'auth.login': 'Inloggning',
  'auth.password_change': 'Bytte sitt lösenord',
  'auth.invite_accept': 'Tog emot inbjudan',
  'admin.setup': 'Valde installationens kommun',
  'admin.kommun.settings': 'Ändrade kommunens inställningar',
  'admin.kommun.unit': 'Lade till enhet',
  'admin.user.create': 'Skapade konto',
  'admin.user.update': 'Ändrade konto',
  'admin.user.disable': 'Stängde av konto',
  'admin.user.enable': 'Aktiverade konto',
  'admin.user.password_reset': 'Återställde lösenord',
  'admin.user.invite': 'Skickade ny inbjudningslänk',
  'admin.audit.export': 'Laddade ner granskningsloggen',
  'admin.retention.run': 'Körde gallring',
  'retention.responses': 'Gallring: enkätsvar raderade',
  'retention.registrations': 'Gallring: registreringar raderade',
  'retention.tables': 'Gallring: tabeller raderade',
  'retention.audit': 'Gallring: loggposter raderade',
  'backup.create': 'Säkerhetskopia tagen',
  'backup.restore': 'Säkerhetskopia återläst',
  'campaign.create': 'Skapade undersökning',
  'campaign.open': 'Öppnade insamlingen',
  'campaign.close': 'Stängde insamlingen',
  'campaign.archive': 'Arkiverade undersökningen',
  'campaign.delete_codes': 'Raderade koderna',
  'campaign.responses_export': 'Exporterade svar (mikrodata)',
  'campaign.population_strata_export': 'Exporterade stratumstorlekar',
  'campaign.unused_codes_export': 'Exporterade påminnelselista',
  'campaign.analysis': 'Körde analys',
  'campaign.analysis_export': 'Exporterade skattningar',
  'campaign.publish_figures': 'Publicerade siffror',
  'campaign.paper_entry': 'Registrerade pappersenkät',
  'campaign.paper_resolve': 'Löste pappersavvikelse',
  'campaign.reminder_wave': 'Skapade påminnelseomgång',
  'screening.create': 'Skapade kartläggningsmånad',
  'screening.update': 'Ändrade kartläggningsmånad',
  'screening.export': 'Exporterade registreringar (mikrodata)',
  'screening.report': 'Tog fram rapport (kartläggning)',
  'screening.pin.rotate': 'Ny PIN-kod för enhetslänk',
  'screening.pin.failed': 'Fel PIN-kod för enhetslänk',
  'screening.screener.create': 'Skapade kartläggarkonto',
};

export const actionLabel = (action: string) => actionLabels[action] ?? action;

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** What an entry concerns, in a few words: the campaign, the format, the account, the counts. */
export function entrySubject(entry: AuditEntry): string {
  const d = entry.details;
  const parts: string[] = [];
  if (entry.campaignTitle) parts.push(entry.campaignTitle);
  else if (str(d.campaignId)) parts.push(`undersökning ${str(d.campaignId)!.slice(0, 8)}`);
  if (str(d.format)) parts.push(str(d.format)!.toUpperCase());
  if (str(d.email)) parts.push(str(d.email)!);
  if (num(d.rows) !== undefined && entry.action !== 'backup.create') parts.push(`${num(d.rows)} rader`);
  if (num(d.responses) !== undefined) parts.push(`${num(d.responses)} svar`);
  if (num(d.registrations) !== undefined) parts.push(`${num(d.registrations)} registreringar`);
  if (num(d.entries) !== undefined) parts.push(`${num(d.entries)} poster`);
  if (str(d.kommunkod) && entry.action === 'admin.setup') parts.push(`kommun ${str(d.kommunkod)}`);
  if (str(d.lanKod) && entry.action === 'admin.setup') parts.push(`län ${str(d.lanKod)}`);
  if (entry.action === 'admin.kommun.settings') {
    if (num(d.areas) !== undefined) parts.push(`${num(d.areas)} områden`);
    if (d.contact === true) parts.push('kontakt');
    if (num(d.minCell) !== undefined) parts.push(`minsta cell ${num(d.minCell)}`);
    if (d.retention && typeof d.retention === 'object') parts.push('gallring');
  }
  if (str(d.title)) parts.push(str(d.title)!);
  if (str(d.enhet)) parts.push(str(d.enhet)!);
  const changes = d.changes as Record<string, unknown> | undefined;
  if (changes && typeof changes === 'object') {
    const names: Record<string, string> = { roles: 'roller', disabled: 'avstängd', displayName: 'namn' };
    parts.push(`ändrat: ${Object.keys(changes).map((k) => names[k] ?? k).join(', ')}`);
  }
  return parts.join(' · ');
}

/** The purpose an analyst gave for a microdata export, if any. */
export const entryPurpose = (entry: AuditEntry) => str(entry.details.purpose) ?? '';

/** Months as the settings form shows them: empty means "until decided". */
export function monthsText(months: number | null): string {
  if (months === null) return 'tills vidare (inget beslut)';
  if (months === 0) return 'raderas när undersökningen stängs';
  return months % 12 === 0 ? `${months / 12} år` : `${months} månader`;
}
