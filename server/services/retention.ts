/**
 * Retention (gallring): each kommun decides how many months after a
 * campaign or screening month closes its survey responses, screening
 * registrations and uploaded tables are kept, and how long audit entries
 * are kept. A daily job deletes what is due and logs what it deleted.
 *
 * Deleting must leave nothing behind (docs/privacy.md): the tables deleted
 * from are rewritten (VACUUM FULL), their planner statistics are dropped or
 * retaken, and the response store's scrub switches and checkpoints the
 * write-ahead log. Published figures (server/services/published-figures.ts)
 * and the per-stratum counts stay.
 */
import type { AuthContext } from '../auth/auth-context';
import type { CampaignRetention } from '../../contracts/retention';
import type { CampaignKind } from '../../domain/campaign';
import type { Database, Queryable } from '../db/database';
import type { Logger } from '../log';
import { writeAuditLog } from '../queries/audit-log';
import { deleteCodesKeepingCounts } from '../queries/codes';
import { findInstallation } from '../queries/installation';
import { findKommunSettings, listKommunSettings } from '../queries/kommun-settings';
import {
  analyzeRetentionTables,
  dropRetentionStatistics,
  rewriteRetentionTables,
  rewriteStatistics,
  TRANSIENT_TABLES,
  type RetentionTable,
} from '../queries/maintenance';
import {
  claimDailyRun,
  currentDate,
  deleteDueAuditEntries,
  deleteDuePopulationTables,
  deleteDueRegisteredTables,
  deleteScreeningMicrodata,
  deleteSurveyMicrodata,
  listCampaignsDueForMicrodataDeletion,
  markMicrodataDeleted,
  releaseDailyRun,
} from '../queries/retention';
import { forgetCampaignRecords } from './analysis-records';
import type { ResponseStore } from './response-store';

/** What one run deleted. */
export interface RetentionReport {
  today: string;
  surveys: { campaignId: string; kommunkod: string; responses: number; codes: number }[];
  screenings: { campaignId: string; kommunkod: string; registrations: number; changes: number }[];
  registeredTables: number;
  populationTables: number;
  auditEntries: number;
}

/** The day a campaign's microdata are due for deletion (closing day + months), or null. */
export function retentionDueDate(closedOn: string | null, months: number | null): string | null {
  if (!closedOn || months === null) return null;
  const [year, month, day] = closedOn.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  // Like PostgreSQL's date + interval 'n months': the same day, or the month's last day.
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * When a campaign's microdata go: its kommun's months for responses
 * (population surveys) or registrations (screening months), counted from
 * the closing day.
 */
export async function campaignRetention(
  db: Queryable,
  campaign: { kommunkod: string; kind: CampaignKind; closedOn: string | null; microdataDeletedOn: string | null },
): Promise<CampaignRetention> {
  const settings = await findKommunSettings(db, campaign.kommunkod);
  const months = (campaign.kind === 'population' ? settings?.responsesMonths : settings?.registrationsMonths) ?? null;
  return {
    months,
    closedOn: campaign.closedOn,
    deleteOn: campaign.microdataDeletedOn ? null : retentionDueDate(campaign.closedOn, months),
    deletedOn: campaign.microdataDeletedOn,
  };
}

/**
 * Deletes everything due on `today` (default: the database's current date)
 * under every kommun's retention settings, then rewrites the tables it
 * deleted from and scrubs. Each deletion is audit-logged (counts only).
 */
export async function runRetention(db: Database, store: ResponseStore, log: Logger, options: { today?: string } = {}): Promise<RetentionReport> {
  const today = options.today ?? (await currentDate(db));
  const report: RetentionReport = { today, surveys: [], screenings: [], registeredTables: 0, populationTables: 0, auditEntries: 0 };
  const touched = new Set<RetentionTable>();
  const installation = await findInstallation(db);
  for (const settings of await listKommunSettings(db)) {
    const kommunkod = settings.kommunkod;
    if (settings.responsesMonths !== null) {
      for (const campaign of await listCampaignsDueForMicrodataDeletion(db, kommunkod, 'population', settings.responsesMonths, today)) {
        await store.flushCampaign(campaign.id);
        const deleted = await db.transaction(async (tx) => {
          const { responses, waiting } = await deleteSurveyMicrodata(tx, campaign.id);
          const codes = await deleteCodesKeepingCounts(tx, campaign.id);
          await markMicrodataDeleted(tx, campaign.id, today);
          const details = { campaignId: campaign.id, closedOn: campaign.closedOn, months: settings.responsesMonths, responses: responses + waiting, codes };
          await writeAuditLog(tx, { userId: null, kommunkod, action: 'retention.responses', details });
          return { responses: responses + waiting, codes };
        });
        forgetCampaignRecords(campaign.id);
        for (const table of ['responses', 'response_pool', 'submission_receipts', 'drafts', 'paper_entries', 'codes', 'code_usage'] as const) touched.add(table);
        report.surveys.push({ campaignId: campaign.id, kommunkod, ...deleted });
      }
    }
    if (settings.registrationsMonths !== null) {
      for (const campaign of await listCampaignsDueForMicrodataDeletion(db, kommunkod, 'screening', settings.registrationsMonths, today)) {
        const deleted = await db.transaction(async (tx) => {
          const counts = await deleteScreeningMicrodata(tx, campaign.id);
          await markMicrodataDeleted(tx, campaign.id, today);
          await writeAuditLog(tx, {
            userId: null,
            kommunkod,
            action: 'retention.registrations',
            details: { campaignId: campaign.id, closedOn: campaign.closedOn, months: settings.registrationsMonths, ...counts },
          });
          return counts;
        });
        touched.add('screening_registrations').add('screening_registration_changes');
        report.screenings.push({ campaignId: campaign.id, kommunkod, ...deleted });
      }
    }
    if (settings.tablesMonths !== null) {
      const months = settings.tablesMonths;
      const [registered, population] = await db.transaction(async (tx) => {
        const counts = [await deleteDueRegisteredTables(tx, kommunkod, months, today), await deleteDuePopulationTables(tx, kommunkod, months, today)];
        if (counts[0] + counts[1] > 0) {
          await writeAuditLog(tx, { userId: null, kommunkod, action: 'retention.tables', details: { months, registeredTables: counts[0], populationTables: counts[1] } });
        }
        return counts;
      });
      if (registered > 0) touched.add('registered_tables');
      if (population > 0) touched.add('population_tables');
      report.registeredTables += registered;
      report.populationTables += population;
    }
    if (settings.auditMonths !== null) {
      const months = settings.auditMonths;
      // Entries of no kommun (installation-wide) follow the served kommun's rule.
      const unscoped = installation?.kommunkod === kommunkod;
      const entries = await db.transaction(async (tx) => {
        const n = await deleteDueAuditEntries(tx, kommunkod, unscoped, months, today);
        if (n > 0) await writeAuditLog(tx, { userId: null, kommunkod, action: 'retention.audit', details: { months, entries: n } });
        return n;
      });
      if (entries > 0) touched.add('audit_log');
      report.auditEntries += entries;
    }
  }
  if (touched.size > 0) await scrubAfterDeletion(db, store, log, [...touched]);
  const deletedAnything = report.surveys.length + report.screenings.length + report.registeredTables + report.populationTables + report.auditEntries > 0;
  if (deletedAnything) log.info('retention deleted data', { ...report });
  return report;
}

/** Runs retention at once for an admin (the daily job runs anyway); the request is audit-logged. */
export async function runRetentionNow(db: Database, store: ResponseStore, log: Logger, auth: AuthContext): Promise<RetentionReport> {
  await writeAuditLog(db, { userId: auth.userId, kommunkod: null, action: 'admin.retention.run', details: {} });
  return runRetention(db, store, log);
}

/**
 * After a deletion: rewrite the tables deleted from, drop (embedded) or
 * retake (PostgreSQL) their statistics, then the store's scrub (transient
 * tables, write-ahead log).
 */
async function scrubAfterDeletion(db: Database, store: ResponseStore, log: Logger, tables: RetentionTable[]): Promise<void> {
  await rewriteRetentionTables(db, tables);
  try {
    if (db.kind === 'pglite') {
      await dropRetentionStatistics(db, tables);
      await rewriteStatistics(db);
    } else {
      await analyzeRetentionTables(db, tables);
      await rewriteStatistics(db);
    }
  } catch (error) {
    if (db.kind === 'pglite') throw error;
    log.warn('cannot rewrite pg_statistic after retention (needs superuser); see docs/privacy.md', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
  await store.scrub(TRANSIENT_TABLES);
}

/** The daily job's name in maintenance_runs. */
const JOB = 'retention';
/** How often the server checks whether today's run is due. */
const CHECK_EVERY_MS = 60 * 60_000;

/**
 * Runs retention once a day from inside the server: at start and then every
 * hour it claims today's run (one process of several wins) and runs it.
 * Returns a stop function.
 */
export function scheduleRetention(db: Database, store: ResponseStore, log: Logger): { runDue: () => Promise<void>; stop: () => Promise<void> } {
  let running: Promise<void> | undefined;
  const runDue = async () => {
    if (running) return running;
    running = (async () => {
      let claimed: string | undefined;
      try {
        const today = await currentDate(db);
        if (!(await claimDailyRun(db, JOB, today))) return;
        claimed = today;
        await runRetention(db, store, log, { today });
      } catch (error) {
        log.error('retention run failed; it is retried at the next check', { error });
        if (claimed) await releaseDailyRun(db, JOB, claimed).catch(() => undefined);
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => void runDue(), CHECK_EVERY_MS);
  timer.unref();
  return {
    runDue,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
