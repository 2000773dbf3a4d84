import type { Database } from '../db/database';
import type { AuthContext } from '../auth/auth-context';
import { badRequest, conflict } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import type { CampaignStatus } from '../../domain/campaign';
import {
  countCampaignAnswers,
  countIssuedCodes,
  deleteCampaignRow,
  findCampaignDetail,
  updateCampaignSettings,
  updateCampaignStatus,
  type CampaignSettings,
} from '../queries/campaign-fieldwork';
import { deleteCodesKeepingCounts, deleteDraftsOfCampaign } from '../queries/codes';
import { rewriteCodeTables } from '../queries/maintenance';
import { SurveyPreparationError } from '../../domain/templates/prepare-survey';
import { campaignTemplate } from './campaign-survey';
import { findCampaignForAnalyst } from './campaigns';
import { campaignProgress } from './progress';
import type { ResponseStore } from './response-store';
import { publicTitleOfRow } from './public-title';
import { assertLanguagesAvailable, campaignLanguages } from './languages';
import { campaignRetention } from './retention';

/** The one allowed next status of each status, with the action's name. */
const transitions: Record<'open' | 'close' | 'archive', { from: CampaignStatus; to: CampaignStatus }> = {
  open: { from: 'draft', to: 'open' },
  close: { from: 'open', to: 'closed' },
  archive: { from: 'closed', to: 'archived' },
};

const statusNames: Record<CampaignStatus, string> = { draft: 'utkast', open: 'öppen', closed: 'stängd', archived: 'arkiverad' };
const actionNames = { open: 'öppnas', close: 'stängas', archive: 'arkiveras' } as const;

/** Campaign details for staff: settings, template, and fieldwork counts. */
export async function campaignDetail(db: Database, auth: AuthContext, id: string) {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  const detail = (await findCampaignDetail(db, id))!;
  const progress = await campaignProgress(db, id);
  const answers = await countCampaignAnswers(db, id);
  const languages = await campaignLanguages(db, { ...campaign, languages: detail.languages }, async () => campaign.definition);
  return {
    id: detail.id,
    kommunkod: detail.kommunkod,
    kind: detail.kind,
    title: detail.title,
    /** What respondents see instead of `title` (heading, paper form). */
    publicTitle: publicTitleOfRow(detail),
    publicTitleSource: detail.publicTitle === null ? ('template' as const) : ('campaign' as const),
    status: detail.status,
    mode: detail.mode,
    openSlug: detail.openSlug,
    isDemo: detail.isDemo,
    periodStart: detail.periodStart,
    periodEnd: detail.periodEnd,
    languages: detail.languages,
    languageStatus: languages.map((lang) => ({ code: lang.code, name: lang.name, offered: lang.offered, reasons: lang.reasons })),
    contact: detail.contact,
    areas: detail.areas,
    modules: detail.modules,
    template: { id: detail.templateId, version: detail.templateVersion, title: detail.templateTitle },
    codesDeletedOn: detail.codesDeletedOn,
    openedOn: detail.openedOn,
    createdAt: detail.createdAt,
    counts: { ...progress.totals, responses: progress.byMode.web + progress.byMode.paper, byMode: progress.byMode },
    retention: await campaignRetention(db, detail),
    /** What the lifecycle buttons may offer now (the same rules the actions check). */
    can: {
      open: detail.status === 'draft' && (detail.mode !== 'codes' || progress.totals.invited > 0),
      reopenDraft: (detail.status === 'open' || detail.status === 'closed') && answers === 0 && detail.codesDeletedOn === null,
      delete: answers === 0,
    },
    answers,
  };
}

/**
 * Moves a campaign draft → open → closed → archived. Closing deletes every
 * draft of the campaign and writes its waiting submissions as a last batch.
 * Any other move is 409.
 */
export async function changeCampaignStatus(
  db: Database,
  store: ResponseStore,
  auth: AuthContext,
  id: string,
  action: keyof typeof transitions,
): Promise<CampaignStatus> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  const { from, to } = transitions[action];
  if (campaign.status !== from) {
    throw conflict(`Undersökningen kan inte ${actionNames[action]} när den är ${statusNames[campaign.status]}.`, { status: campaign.status });
  }
  if (action === 'open' && campaign.kind === 'population' && campaign.mode === 'codes' && (await countIssuedCodes(db, id)) === 0) {
    throw conflict('Undersökningen kan inte öppnas innan urvalet är draget: den har inga koder. Dra urvalet under Urval först.', { reason: 'no_codes' });
  }
  await db.transaction(async (tx) => {
    if (!(await updateCampaignStatus(tx, id, from, to))) throw conflict('Undersökningen ändrades samtidigt. Ladda om och försök igen.');
    const drafts = action === 'close' ? await deleteDraftsOfCampaign(tx, id) : 0;
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: campaign.kommunkod, action: `campaign.${action}`, details: { campaignId: id, draftsDeleted: drafts } });
  });
  if (action === 'close') await store.flushCampaign(id);
  return to;
}

/**
 * Updates title, public title, period, languages, contact, områden and modules. Områden and
 * modules shape the questionnaire, so they can only change while the
 * campaign is a draft.
 */
export async function updateCampaign(db: Database, auth: AuthContext, id: string, settings: CampaignSettings): Promise<void> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  if (settings.languages !== undefined) assertLanguagesAvailable(campaign.definition, settings.languages);
  if ((settings.areas !== undefined || settings.modules !== undefined) && campaign.status !== 'draft') {
    throw conflict('Områden och moduler kan bara ändras innan undersökningen öppnas.');
  }
  if (settings.areas !== undefined || settings.modules !== undefined) {
    const current = (await findCampaignDetail(db, id))!;
    try {
      campaignTemplate(campaign.definition, settings.areas ?? current.areas, settings.modules ?? current.modules);
    } catch (error) {
      if (error instanceof SurveyPreparationError) throw badRequest(error.message, { field: settings.areas ? 'areas' : 'modules' });
      throw error;
    }
  }
  await updateCampaignSettings(db, id, settings);
}

/**
 * Deletes the codes of a closed (or archived) campaign, keeping the started
 * and completed counts per stratum, then rewrites the code tables and scrubs
 * (`ResponseStore.scrub`), so that no code hash or letter reference stays in
 * the files or, on the embedded database, the write-ahead log. After this
 * nothing links a stratum's respondents to letters.
 */
export async function deleteCampaignCodes(db: Database, store: ResponseStore, auth: AuthContext, id: string): Promise<number> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  if (campaign.status !== 'closed' && campaign.status !== 'archived') {
    throw conflict('Koderna kan bara raderas när undersökningen är stängd.');
  }
  const deleted = await db.transaction(async (tx) => {
    const deleted = await deleteCodesKeepingCounts(tx, id);
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.delete_codes', details: { campaignId: id, codesDeleted: deleted } });
    return deleted;
  });
  await store.flushCampaign(id);
  await rewriteCodeTables(db);
  await store.scrub();
  return deleted;
}

/**
 * Takes an open (or closed) campaign back to draft, so that områden, modules
 * and the sample can change again: only while nobody has answered, and
 * while its codes exist. Respondents' saved drafts are deleted, as on closing.
 * @throws 409 once the campaign has an answer (web, paper or waiting), or its codes were deleted.
 */
export async function reopenCampaignDraft(db: Database, auth: AuthContext, id: string): Promise<CampaignStatus> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  if (campaign.status !== 'open' && campaign.status !== 'closed') {
    throw conflict(`Undersökningen kan inte bli utkast igen när den är ${statusNames[campaign.status]}.`, { status: campaign.status });
  }
  const detail = (await findCampaignDetail(db, id))!;
  if (detail.codesDeletedOn !== null) throw conflict('Undersökningen kan inte bli utkast igen: koderna är raderade. Skapa en ny undersökning.');
  await db.transaction(async (tx) => {
    const answers = await countCampaignAnswers(tx, id);
    if (answers > 0) {
      throw conflict(`Undersökningen kan inte bli utkast igen: den har ${answers} svar. Svar tas aldrig bort för att ändra en undersökning.`, { answers });
    }
    if (!(await updateCampaignStatus(tx, id, campaign.status, 'draft'))) throw conflict('Undersökningen ändrades samtidigt. Ladda om och försök igen.');
    const drafts = await deleteDraftsOfCampaign(tx, id);
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.reopen_draft', details: { campaignId: id, draftsDeleted: drafts } });
  });
  return 'draft';
}

/**
 * Deletes a campaign that nobody has answered, with its codes, strata,
 * reminder waves and uploaded tables; then rewrites the code tables and
 * scrubs, as deleting codes does, so no code hash stays in the files.
 * @throws 409 when it has an answer (web, paper, waiting, or a screening registration).
 */
export async function deleteCampaign(db: Database, store: ResponseStore, auth: AuthContext, id: string): Promise<void> {
  const campaign = await findCampaignForAnalyst(db, auth, id);
  await db.transaction(async (tx) => {
    const answers = await countCampaignAnswers(tx, id);
    if (answers > 0) {
      throw conflict(`Undersökningen kan inte raderas: den har ${answers} svar. Arkivera den i stället när den är stängd.`, { answers });
    }
    await deleteCampaignRow(tx, id);
    await writeAuditLog(tx, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.delete', details: { campaignId: id, title: campaign.title } });
  });
  store.markHeldAnswersDeleted();
  await rewriteCodeTables(db);
  await store.scrub();
}
