import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import type { Database } from './db/database';
import type { Logger } from './log';
import { parseCsv } from '../domain/csv';
import { generatePassword, hashPassword } from './auth/password';
import { countKommuner, upsertKommun } from './queries/kommuner';
import { countUsers, insertRole, insertUser } from './queries/users';
import { insertTemplate } from './queries/templates';
import { insertCampaign } from './queries/campaigns';
import { loadBuiltInTemplates } from './templates/load-templates';

/** The demo kommun: not a real SCB code, always labelled as demo. */
export const DEMO_KOMMUN = { kod: '9999', namn: 'Demokommun (exempel)', lanKod: '99', lanNamn: 'Demolän (exempel)', isDemo: true };
export const DEMO_SLUG = 'demo';

const kommunerFile = fileURLToPath(new URL('./reference-data/kommuner-lan.csv', import.meta.url));

/** Loads all 290 kommuner with their län (source: SCB codes via swedish-geodata, CC0) plus the demo kommun. */
export async function seedKommuner(db: Database): Promise<void> {
  if ((await countKommuner(db)) > 0) return;
  const table = parseCsv(readFileSync(kommunerFile, 'utf8'), 'kommuner-lan.csv');
  await db.transaction(async (tx) => {
    for (const { values } of table.rows) {
      await upsertKommun(tx, {
        kod: values.municipality_code,
        namn: values.municipality_name_short,
        lanKod: values.county_code,
        lanNamn: values.county_name,
        isDemo: false,
      });
    }
    await upsertKommun(tx, DEMO_KOMMUN);
  });
}

/** Built-in templates from surveys/: inserted at every start, existing versions untouched. */
export async function seedTemplates(db: Database): Promise<void> {
  for (const template of loadBuiltInTemplates()) {
    await insertTemplate(db, template, { kommunkod: null, createdBy: null });
  }
}

/**
 * The first admin, on an empty database only. Without ADMIN_PASSWORD a
 * password is generated and printed once. The admin is also analyst in the
 * demo kommun.
 */
export async function ensureAdmin(db: Database, config: Config, log: Logger, print: (line: string) => void): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const password = config.adminPassword ?? generatePassword();
  await db.transaction(async (tx) => {
    const userId = await insertUser(tx, {
      kommunkod: DEMO_KOMMUN.kod,
      email: config.adminEmail,
      displayName: 'Administratör',
      passwordHash: await hashPassword(password),
    });
    await insertRole(tx, userId, { role: 'admin' });
    await insertRole(tx, userId, { role: 'analyst', kommunkod: DEMO_KOMMUN.kod, microdataExport: true });
  });
  log.info('created first admin', { email: config.adminEmail });
  if (!config.adminPassword) {
    print(`\nFirst admin created: ${config.adminEmail}\nGenerated password (shown only this once): ${password}\n`);
  }
}

/** A demo campaign (open link /o/demo) in the demo kommun, visibly labelled as demo. */
export async function seedDemoCampaign(db: Database, log: Logger): Promise<void> {
  const demo = loadBuiltInTemplates().find((template) => template.id === 'demo');
  if (!demo) throw new Error('surveys/demo.json is missing');
  await insertCampaign(db, {
    kommunkod: DEMO_KOMMUN.kod,
    title: 'DEMO – exempelundersökning (inga riktiga svar)',
    template: demo,
    mode: 'open',
    openSlug: DEMO_SLUG,
    status: 'open',
    isDemo: true,
    contact: { name: 'Demokommunens socialtjänst (exempel)', phone: '000-000 00 00' },
    createdBy: null,
  });
  log.info('seeded demo campaign', { slug: DEMO_SLUG });
}

/** Everything start-up seeds. `freshDatabase` is true when the first migration ran just now. */
export async function seed(db: Database, config: Config, log: Logger, freshDatabase: boolean, print = (line: string) => console.log(line)): Promise<void> {
  await seedKommuner(db);
  await seedTemplates(db);
  await ensureAdmin(db, config, log, print);
  if (freshDatabase && config.seedDemo) await seedDemoCampaign(db, log);
}
