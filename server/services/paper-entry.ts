import type { PaperOutcome } from '../../contracts/paper';
import type { Database, Queryable } from '../db/database';
import { canExportMicrodata, type AuthContext } from '../auth/auth-context';
import { badRequest, conflict, forbidden } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findCodeHashByRef, findCodesForSubmit, lockStrataUsage, type CodeRow } from '../queries/codes';
import { listPaperEntryPairs, savePaperEntry } from '../queries/paper-entries';
import type { AnswerValidator } from './answer-validator';
import { campaignSurvey } from './campaign-survey';
import { findCampaignForAnalyst } from './campaigns';
import { codeHashOf } from './personal-codes';
import { openPaperCode, sealPaperCode } from './paper-code-seal';
import { invalidAnswers } from './respond';
import { storeCodeSubmissions, type ResponseStore } from './response-store';

/** Paper forms may arrive after closing. */
const PAPER_STATUSES = ['open', 'closed'];

const unknownCode = () => badRequest('Koden finns inte i den här undersökningen.', { field: 'code' });

/** Questions whose answers differ between two entries (union of both sets of names, sorted). */
export function differingQuestions(first: Record<string, unknown>, second: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(first), ...Object.keys(second)]);
  return [...names].filter((name) => JSON.stringify(first[name]) !== JSON.stringify(second[name])).sort();
}

function validated(validate: AnswerValidator, answers: Record<string, unknown>): Record<string, unknown> {
  const checked = validate(answers);
  if (!checked.ok) throw invalidAnswers(checked.errors);
  return checked.answers;
}

function checkUsable(code: CodeRow | undefined, campaignId: string): asserts code is CodeRow {
  if (!code || code.campaignId !== campaignId) throw unknownCode();
  if (code.status === 'completed') throw conflict('Koden har redan använts: svaren finns redan.');
  if (!PAPER_STATUSES.includes(code.campaignStatus)) {
    throw conflict('Pappersenkäter kan bara registreras när undersökningen är öppen eller stängd.');
  }
}


/** The code, with its stratum's usage row locked for the rest of the transaction (so entries 1 and 2 take turns). */
async function findCode(tx: Queryable, codeHash: string): Promise<CodeRow | undefined> {
  const [found] = await findCodesForSubmit(tx, [codeHash]);
  if (!found) return undefined;
  await lockStrataUsage(tx, [found]);
  // Read again under the lock: a concurrent web answer may have used the code meanwhile.
  return (await findCodesForSubmit(tx, [codeHash]))[0];
}

/**
 * Stores a paper form's answers as the code's response, in the caller's
 * transaction (see `storeCodeSubmissions`, which re-checks the code under
 * its stratum's lock): 409 if a web answer got there first.
 */
async function storePaperResponse(tx: Queryable, code: CodeRow, answers: Record<string, unknown>): Promise<void> {
  const {
    outcomes: [outcome],
  } = await storeCodeSubmissions(tx, [{ code, receiptHash: null, mode: 'paper', answers }], PAPER_STATUSES);
  if (outcome === 'used') throw conflict('Koden har redan använts: svaren finns redan.');
  if (outcome !== 'stored') throw conflict('Pappersenkäter kan bara registreras när undersökningen är öppen eller stängd.');
}

/**
 * Registers a returned paper form under its code. Without `entry` the
 * response is stored at once (mode `paper`, code completed). With double
 * entry (`entry` 1 and 2, by two people), each entry is held under the code's
 * hash; when both are in and agree the response is stored, otherwise the code
 * is listed under discrepancies until resolved.
 */
export async function registerPaperForm(
  db: Database,
  store: ResponseStore,
  secret: Buffer,
  auth: AuthContext,
  campaignId: string,
  form: { code: string; answers: Record<string, unknown>; entry?: 1 | 2 },
): Promise<PaperOutcome> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  const codeHash = codeHashOf(secret, form.code);
  if (codeHash === undefined) throw unknownCode();
  // Loaded before the transaction: on PGlite a load queued behind our own transaction would deadlock.
  const { validate } = await campaignSurvey(db, campaignId, campaign.status);
  const outcome = await db.transaction(async (tx): Promise<PaperOutcome> => {
    const code = await findCode(tx, codeHash);
    checkUsable(code, campaignId);
    const answers = validated(validate, form.answers);
    if (form.entry === undefined) {
      await storePaperResponse(tx, code, answers);
      return { status: 'stored' };
    }
    const entries = await savePaperEntry(tx, { codeHash, campaignId, entry: form.entry, answers, codeSealed: sealPaperCode(secret, form.code) ?? null });
    if (entries.length < 2) return { status: 'waiting_for_second_entry', entry: form.entry };
    const questions = differingQuestions(entries[0].answers, entries[1].answers);
    if (questions.length > 0) return { status: 'discrepancy', ref: code.ref, questions };
    await storePaperResponse(tx, code, answers);
    return { status: 'stored' };
  });
  if (outcome.status === 'stored') {
    store.markHeldAnswersDeleted();
    store.requestFlush();
    await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.paper_entry', details: { campaignId } });
  }
  return outcome;
}

/**
 * Codes whose two entries differ, by the code written on the paper (opened
 * from its seal) and the letter reference, with the differing questions and
 * both values.
 */
export async function paperDiscrepancies(db: Database, secret: Buffer, auth: AuthContext, campaignId: string) {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  // The list shows individual paper answers: microdata. (There is no separate paper-entry role; an analyst without
  // the right keys in and re-keys forms by code, but does not see other entries.)
  if (!canExportMicrodata(auth, campaign.kommunkod)) {
    throw forbidden('Avvikelserna visar enskilda svar. Du behöver rätten att se svar på individnivå (mikrodata).');
  }
  const pairs = await listPaperEntryPairs(db, campaignId);
  return pairs
    .map((pair) => {
      const questions = differingQuestions(pair.first, pair.second);
      return {
        ref: pair.ref,
        code: openPaperCode(secret, pair.codeSealed),
        questions: questions.map((question) => ({ question, entry1: pair.first[question] ?? null, entry2: pair.second[question] ?? null })),
      };
    })
    .filter((pair) => pair.questions.length > 0);
}

/** Stores the final version of a double-entered form (by `ref` from the discrepancy list, or by `code`). */
export async function resolvePaperForm(
  db: Database,
  store: ResponseStore,
  secret: Buffer,
  auth: AuthContext,
  campaignId: string,
  resolution: { ref?: string; code?: string; answers: Record<string, unknown> },
): Promise<void> {
  const campaign = await findCampaignForAnalyst(db, auth, campaignId);
  const { validate } = await campaignSurvey(db, campaignId, campaign.status);
  await db.transaction(async (tx) => {
    const codeHash =
      resolution.code !== undefined
        ? codeHashOf(secret, resolution.code)
        : resolution.ref !== undefined
          ? await findCodeHashByRef(tx, campaignId, resolution.ref)
          : undefined;
    const code = codeHash === undefined ? undefined : await findCode(tx, codeHash);
    checkUsable(code, campaignId);
    await storePaperResponse(tx, code, validated(validate, resolution.answers));
  });
  store.markHeldAnswersDeleted();
  store.requestFlush();
  await writeAuditLog(db, { userId: auth.userId, kommunkod: campaign.kommunkod, action: 'campaign.paper_resolve', details: { campaignId } });
}
