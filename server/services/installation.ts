/**
 * First start and each kommun's settings: which kommun (or län) the
 * installation serves, and what every new campaign of a kommun starts from
 * (områden, the contact shown to respondents, the suppression threshold),
 * its units, and how long its data are kept (server/services/retention.ts).
 */
import type { KommunInfo, KommunSettings, KommunSettingsInput, SetupInput, SetupStatus, UnitInfo, CreateUnitInput } from '../../contracts/admin';
import { CsvInputError, FORMULA_START, parseCsv } from '../../domain/csv';
import { describeUnsafeText, findUnsafeCell } from '../../domain/plain-text';
import type { CampaignArea } from '../../domain/templates/prepare-survey';
import { isAdmin, isAnalystIn, type AuthContext } from '../auth/auth-context';
import type { Database, Queryable } from '../db/database';
import { badRequest, conflict, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findInstallation, insertInstallation, type InstallationRow } from '../queries/installation';
import { findKommunSettings, listUnitsOfKommun, upsertKommunSettings } from '../queries/kommun-settings';
import { findDemoKommuner, findKommuner, findKommunerOfLan, lanExists, listAllKommuner } from '../queries/kommuner';
import { upsertUnit } from '../queries/screening';
import { insertRole, setHomeKommun } from '../queries/users';

/** Suppression threshold of a kommun without settings (DOMAIN.md §4: fewer than 5). */
export const DEFAULT_KOMMUN_MIN_CELL = 5;
/** Most områden a kommun may list (as a campaign may). */
const MAX_AREAS = 500;

export function listKommuner(db: Database): Promise<KommunInfo[]> {
  return listAllKommuner(db);
}

async function servedKommuner(db: Queryable, installation: InstallationRow | undefined): Promise<KommunInfo[]> {
  const served = !installation
    ? []
    : installation.scope === 'kommun'
      ? await findKommuner(db, [installation.kommunkod!])
      : await findKommunerOfLan(db, installation.lanKod!);
  return [...served, ...(await findDemoKommuner(db))];
}

/** Whether the installation still waits for its kommun (or län). */
export async function setupNeeded(db: Database, auth: AuthContext): Promise<boolean> {
  return isAdmin(auth) && (await findInstallation(db)) === undefined;
}

export async function setupStatus(db: Database): Promise<SetupStatus> {
  const installation = await findInstallation(db);
  const kommuner = await servedKommuner(db, installation);
  const namn = !installation
    ? null
    : installation.scope === 'kommun'
      ? (kommuner.find((k) => k.kod === installation.kommunkod)?.namn ?? null)
      : (kommuner.find((k) => k.lanKod === installation.lanKod)?.lanNamn ?? null);
  return {
    configured: installation !== undefined,
    scope: installation?.scope ?? null,
    kommunkod: installation?.kommunkod ?? null,
    lanKod: installation?.lanKod ?? null,
    namn,
    configuredAt: installation?.configuredAt ?? null,
    kommuner,
  };
}

/**
 * Records, once, which kommun or län the installation serves. A kommun makes
 * the admin an analyst there (with the microdata right if asked) and the
 * admin's home kommun; a län makes the admin a county viewer of it. The demo
 * kommun and the admin's demo roles stay. 409 once chosen; audit-logged.
 */
export async function configureInstallation(db: Database, auth: AuthContext, input: SetupInput): Promise<SetupStatus> {
  if (input.kommunkod !== undefined) {
    const [kommun] = await findKommuner(db, [input.kommunkod]);
    if (!kommun) throw badRequest(`Fältet "kommunkod": kommunkoden ${input.kommunkod} finns inte`, { field: 'kommunkod' });
    if (kommun.isDemo) throw badRequest('Fältet "kommunkod": välj en riktig kommun; demokommunen finns kvar ändå', { field: 'kommunkod' });
  } else if (!(await lanExists(db, input.lanKod!))) {
    throw badRequest(`Fältet "lanKod": länet ${input.lanKod} finns inte`, { field: 'lanKod' });
  }
  await db.transaction(async (tx) => {
    const scope = input.kommunkod !== undefined ? 'kommun' : 'lan';
    const inserted = await insertInstallation(tx, { scope, kommunkod: input.kommunkod ?? null, lanKod: input.lanKod ?? null, configuredBy: auth.userId });
    if (!inserted) throw conflict('Installationens kommun är redan vald.');
    if (input.kommunkod !== undefined) {
      await insertRole(tx, auth.userId, { role: 'analyst', kommunkod: input.kommunkod, microdataExport: input.microdataExport === true });
      await setHomeKommun(tx, auth.userId, input.kommunkod);
    } else {
      await insertRole(tx, auth.userId, { role: 'county_viewer', lanKod: input.lanKod });
    }
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod: input.kommunkod ?? null,
      action: 'admin.setup',
      details: { scope, kommunkod: input.kommunkod ?? null, lanKod: input.lanKod ?? null, microdataExport: input.microdataExport === true },
    });
  });
  return setupStatus(db);
}

async function existingKommun(db: Queryable, kommunkod: string): Promise<KommunInfo> {
  const [kommun] = /^\d{4}$/.test(kommunkod) ? await findKommuner(db, [kommunkod]) : [];
  if (!kommun) throw notFound('Kommunen finns inte.');
  return kommun;
}

/** A kommun's settings, with the defaults where none are saved. */
export async function kommunSettings(db: Queryable, kommunkod: string): Promise<KommunSettings> {
  const kommun = await existingKommun(db, kommunkod);
  const saved = await findKommunSettings(db, kommunkod);
  return {
    kommunkod,
    namn: kommun.namn,
    isDemo: kommun.isDemo,
    areas: saved?.areas ?? [],
    contact: saved?.contact ?? {},
    minCell: saved?.minCell ?? DEFAULT_KOMMUN_MIN_CELL,
    retention: {
      responsesMonths: saved?.responsesMonths ?? null,
      registrationsMonths: saved?.registrationsMonths ?? null,
      tablesMonths: saved?.tablesMonths ?? null,
      auditMonths: saved?.auditMonths ?? null,
    },
    units: await listUnitsOfKommun(db, kommunkod),
    updatedAt: saved?.updatedAt ?? null,
  };
}

/** The settings for an analyst of the kommun (or an admin): campaign forms start from them. 404 otherwise. */
export async function kommunSettingsFor(db: Database, auth: AuthContext, kommunkod: string): Promise<KommunSettings> {
  if (!isAdmin(auth) && !isAnalystIn(auth, kommunkod)) throw notFound('Kommunen finns inte.');
  return kommunSettings(db, kommunkod);
}

function checkAreas(areas: readonly CampaignArea[], field: string): void {
  const seen = new Set<string>();
  for (const [index, area] of areas.entries()) {
    if (seen.has(area.code)) throw badRequest(`Fältet "${field}.${index}.code": koden "${area.code}" finns redan`, { field: `${field}.${index}.code` });
    seen.add(area.code);
  }
}

/** Saves what is given of a kommun's settings. Audit-logged with what changed (områden as a count). */
export async function saveKommunSettings(db: Database, auth: AuthContext, kommunkod: string, input: KommunSettingsInput): Promise<KommunSettings> {
  await existingKommun(db, kommunkod);
  if (input.areas) checkAreas(input.areas, 'areas');
  const contact = input.contact ? (Object.fromEntries(Object.entries(input.contact).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>) : undefined;
  await db.transaction(async (tx) => {
    await upsertKommunSettings(tx, kommunkod, { areas: input.areas, contact, minCell: input.minCell, retention: input.retention, updatedBy: auth.userId });
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod,
      action: 'admin.kommun.settings',
      details: {
        ...(input.areas ? { areas: input.areas.length } : {}),
        ...(contact ? { contact: true } : {}),
        ...(input.minCell !== undefined ? { minCell: input.minCell } : {}),
        ...(input.retention ? { retention: input.retention } : {}),
      },
    });
  });
  return kommunSettings(db, kommunkod);
}

const AREA_CODE_COLUMNS = ['kod', 'code', 'omrade', 'områdeskod'];
const AREA_NAME_COLUMNS = ['namn', 'name'];
const AREA_NAME_EN_COLUMNS = ['namn_en', 'name_en'];

/**
 * Reads the kommun's own list of områden from CSV: a code column (`kod`),
 * optionally a name (`namn`) and an English name (`namn_en`); comma or
 * semicolon, UTF-8 with or without BOM. Errors name the file, line and column.
 */
export function parseAreasCsv(text: string, file: string): CampaignArea[] {
  let table;
  try {
    table = parseCsv(text, file);
  } catch (error) {
    if (error instanceof CsvInputError) throw badRequest(error.message, { file, line: error.line ?? null, column: error.column ?? null });
    throw error;
  }
  const lower = table.columns.map((c) => c.toLowerCase());
  const pick = (names: string[]) => table.columns[lower.findIndex((c) => names.includes(c))];
  const codeColumn = pick(AREA_CODE_COLUMNS);
  const nameColumn = pick(AREA_NAME_COLUMNS);
  const nameEnColumn = pick(AREA_NAME_EN_COLUMNS);
  const fail = (line: number | undefined, column: string | undefined, detail: string) =>
    badRequest(new CsvInputError(file, line, column, detail).message, { file, line: line ?? null, column: column ?? null });
  const unsafe = findUnsafeCell(table);
  if (unsafe) throw fail(unsafe.line, unsafe.column, `värdet ${describeUnsafeText(unsafe.found)}`);
  if (!codeColumn) throw fail(1, undefined, `kolumnen "kod" saknas (rubrikraden har: ${table.columns.join(', ')})`);
  if (table.rows.length === 0) throw fail(undefined, undefined, 'filen har inga områden');
  if (table.rows.length > MAX_AREAS) throw fail(undefined, undefined, `högst ${MAX_AREAS} områden (filen har ${table.rows.length})`);
  const seen = new Map<string, number>();
  return table.rows.map(({ line, values }) => {
    const code = values[codeColumn].trim();
    if (code === '') throw fail(line, codeColumn, 'koden saknas');
    if (code.length > 50) throw fail(line, codeColumn, 'koden får vara högst 50 tecken');
    if (seen.has(code)) throw fail(line, codeColumn, `koden "${code}" finns redan på rad ${seen.get(code)}`);
    seen.set(code, line);
    const sv = (nameColumn ? values[nameColumn].trim() : '') || code;
    const en = nameEnColumn ? values[nameEnColumn].trim() : '';
    if (sv.length > 200 || en.length > 200) throw fail(line, nameColumn, 'namnet får vara högst 200 tecken');
    // Områden reach the letters, the workspace and every export: nothing a spreadsheet would run.
    for (const [column, value] of [[codeColumn, code], [nameColumn, sv], [nameEnColumn, en]] as const) {
      if (column && FORMULA_START.test(value)) throw fail(line, column, `värdet "${value}" börjar som en kalkylformel (=, +, -, @); skriv det utan det första tecknet`);
    }
    return { code, name: en ? { sv, en } : sv };
  });
}

/** Replaces the kommun's områden with those of an uploaded CSV file. */
export async function importAreasCsv(db: Database, auth: AuthContext, kommunkod: string, text: string, file: string): Promise<KommunSettings> {
  await existingKommun(db, kommunkod);
  const areas = parseAreasCsv(text, file);
  return saveKommunSettings(db, auth, kommunkod, { areas });
}

/** Adds a unit of socialtjänsten to the kommun (or finds it); audit-logged. */
export async function addKommunUnit(db: Database, auth: AuthContext, kommunkod: string, input: CreateUnitInput): Promise<UnitInfo> {
  await existingKommun(db, kommunkod);
  return db.transaction(async (tx) => {
    const id = await upsertUnit(tx, { kommunkod, verksamhet: input.verksamhet, enhet: input.enhet });
    await writeAuditLog(tx, { userId: auth.userId, kommunkod, action: 'admin.kommun.unit', details: { unitId: id, verksamhet: input.verksamhet, enhet: input.enhet } });
    return { id, verksamhet: input.verksamhet, enhet: input.enhet };
  });
}
