/**
 * Class links (campaign mode `classes`): one link per school class, so that
 * a teacher can run the youth survey in a lesson without personal codes.
 *
 * A class has a school, a name, an årskurs and a number of pupils (`elever`);
 * its link takes at most `elever` submissions. A response carries the class's
 * skola and årskurs as its stratum, never the class: a class of 25 is never a
 * cell in the data. The per-class counter is a plain count in a transient
 * table (docs/privacy.md, "Class links").
 */
import { randomBytes } from 'node:crypto';
import type { ClassInput, ClassLink, ClassProgress } from '../../contracts/classes';
import type { SurveyResponse } from '../../contracts/respondent';
import type { AuthContext } from '../auth/auth-context';
import type { Database, Queryable } from '../db/database';
import { badRequest, conflict, HttpError, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import {
  countClassUsage,
  findClassLinksByTokens,
  findExistingClasses,
  insertClassLinks,
  listClassLinks,
  updateClassElever,
  type ClassLinkRow,
  type FoundClassLink,
} from '../queries/class-links';
import type { CampaignGate, CampaignRow } from '../queries/campaigns';
import { keyedHash } from './code-secret';
import { batchedLookup } from './batcher';
import { campaignSurvey } from './campaign-survey';
import { findCampaignForAnalyst } from './campaigns';
import { respondentCampaign, respondentSurvey } from './public-title';
import { invalidAnswers } from './respond';
import type { ResponseStore } from './response-store';

/** A class link's path for respondents: the same app route as open links. */
export const classLinkPath = (token: string) => `/o/${token}`;

const toWire = (row: ClassLinkRow): ClassLink => ({
  id: row.id,
  skola: row.skola,
  klass: row.klass,
  arskurs: row.arskurs,
  elever: row.elever,
  link: classLinkPath(row.token),
});

/** 409 for the teacher when a class link has taken as many answers as the class has pupils. */
export function classFull(elever: number): HttpError {
  return new HttpError(
    409,
    'class_full',
    `Klassens länk har redan tagit emot ${elever} svar, lika många som det finns elever i klassen, och tar inte emot fler. ` +
      'Om fler elever ska svara: be den som ansvarar för undersökningen att ändra antalet elever i klassen.',
  );
}

async function classCampaign(db: Database, auth: AuthContext, campaignId: string): Promise<CampaignRow> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  if (campaign.mode !== 'classes') throw conflict('Undersökningen använder inte klasslänkar.', { mode: campaign.mode });
  return campaign;
}

/**
 * Adds classes to a class-link campaign (draft or open), each with an
 * unguessable token (128 random bits, base64url). Audit-logged with counts.
 * @throws 409 for another mode, a closed campaign, or a class that exists already.
 */
export async function addClasses(db: Database, auth: AuthContext, campaignId: string, classes: readonly ClassInput[]): Promise<ClassLink[]> {
  const campaign = await classCampaign(db, auth, campaignId);
  if (campaign.status !== 'draft' && campaign.status !== 'open') throw conflict('Klasser kan bara läggas till innan undersökningen stängs.');
  const existing = await findExistingClasses(db, campaignId, classes);
  if (existing.length > 0) {
    throw conflict(`Klassen ${existing[0].klass} på ${existing[0].skola} finns redan i undersökningen.`, { field: 'classes' });
  }
  const rows = await db.transaction(async (tx) => {
    const added = await insertClassLinks(
      tx,
      campaignId,
      classes.map((c) => ({ ...c, token: randomBytes(16).toString('base64url') })),
    );
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod: campaign.kommunkod,
      action: 'campaign.classes_add',
      details: { campaignId, classes: added.length, elever: added.reduce((sum, c) => sum + c.elever, 0) },
    });
    return added;
  });
  return rows.map(toWire);
}

/**
 * Changes a class's number of pupils (e.g. more pupils than first counted),
 * not below the answers its link has taken. Audit-logged.
 * @throws 404 for a class of another campaign, 409 below the answers taken or after closing.
 */
export async function setClassElever(db: Database, auth: AuthContext, campaignId: string, classId: string, elever: number): Promise<ClassLink> {
  const campaign = await classCampaign(db, auth, campaignId);
  if (campaign.status !== 'draft' && campaign.status !== 'open') throw conflict('Klasserna kan bara ändras innan undersökningen stängs.');
  const exists = /^[0-9a-f-]{36}$/i.test(classId) && (await listClassLinks(db, campaignId)).some((c) => c.id === classId);
  if (!exists) throw notFound('Klassen finns inte i undersökningen.');
  const updated = await updateClassElever(db, campaignId, classId, elever);
  if (!updated) throw conflict('Klassens länk har redan tagit emot fler svar än så; antalet elever kan inte vara lägre än antalet svar.', { field: 'elever' });
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.class_update', details: { campaignId, classId, elever } });
  return toWire(updated);
}

/** Every class of a class-link campaign with its link, by school and class. */
export async function listClasses(db: Database, auth: AuthContext, campaignId: string): Promise<ClassLink[]> {
  await classCampaign(db, auth, campaignId);
  return (await listClassLinks(db, campaignId)).map(toWire);
}

/** Submissions per class (the monitor's `byClass`); `[]` for a campaign without classes. */
export async function classProgressOf(db: Queryable, campaignId: string): Promise<ClassProgress[]> {
  const [classes, usage] = await Promise.all([listClassLinks(db, campaignId), countClassUsage(db, campaignId)]);
  const completed = new Map(usage.map((u) => [u.classId, u.completed]));
  return classes.map((c) => ({ id: c.id, skola: c.skola, klass: c.klass, arskurs: c.arskurs, elever: c.elever, completed: completed.get(c.id) ?? 0 }));
}

/** Concurrent requests' class-link lookups, grouped into one query. */
const findClassLink = batchedLookup(findClassLinksByTokens);

/** An open class link and its campaign; 404 with one generic message for anything else (as open links). */
export async function findOpenClassLink(db: Database, token: string): Promise<FoundClassLink | undefined> {
  if (!/^[A-Za-z0-9_-]{20,40}$/.test(token)) return undefined;
  const found = await findClassLink(db, token);
  if (!found) return undefined;
  if (found.campaign.mode !== 'classes' || found.campaign.status !== 'open') throw notFound('Enkäten finns inte eller är inte öppen.');
  return found;
}

/** The survey of a class link (as an open link's); 409 `class_full` when the class has answered in full. */
export async function classLinkSurvey(
  db: Database,
  store: ResponseStore,
  found: FoundClassLink,
): Promise<SurveyResponse> {
  if (found.link.completed >= found.link.elever) throw classFull(found.link.elever);
  const { survey } = await campaignSurvey(db, found.campaign.id, found.campaign.status);
  const campaign = await respondentCampaign(db, found.campaign.id);
  return { campaign, survey: respondentSurvey(survey, campaign), answers: {}, locale: 'sv', draft: null, batchSize: store.batchSize, linkKind: 'class' };
}

/**
 * Stores a class-link submission exactly once and at most `elever` times per
 * class: answers validated (400 naming the question), then the response store
 * writes the receipt, the counter increment and the waiting response, whose
 * stratum is `{ skola, arskurs }`.
 * @throws 409 `class_full` when the class has no room left.
 */
export async function submitClassLink(
  db: Database,
  store: ResponseStore,
  secret: Buffer,
  found: { link: ClassLinkRow; campaign: CampaignGate },
  submission: { submissionId: string; answers: Record<string, unknown> },
): Promise<'created' | 'repeat'> {
  const { link, campaign } = found;
  const { validate } = await campaignSurvey(db, campaign.id, campaign.status);
  const checked = validate(submission.answers);
  if (!checked.ok) throw invalidAnswers(checked.errors);
  const outcome = await store.storeClassSubmission({
    classId: link.id,
    campaignId: campaign.id,
    kommunkod: campaign.kommunkod,
    stratum: { skola: link.skola, arskurs: link.arskurs },
    answers: checked.answers,
    receiptHash: keyedHash(secret, 'class', campaign.id, submission.submissionId),
  });
  if (outcome === 'full') throw classFull(link.elever);
  if (outcome === 'unavailable') throw badRequest('Svaret kunde inte tas emot.');
  return outcome === 'stored' ? 'created' : 'repeat';
}
