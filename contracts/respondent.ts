/**
 * Wire types of the respondent API: `/api/respond/:code…` (personal codes)
 * and `/api/open/:slug…` (open links). Pure zod: the server routes validate
 * with these schemas; the respondent app imports the types only (`import
 * type`), so its small first bundle carries no zod.
 *
 * Sealed drafts: the browser derives key material from the code and a resume
 * word (PBKDF2-SHA-256, `DRAFT_KDF`), seals `DraftContents` with AES-256-GCM,
 * and sends only the ciphertext, the IV, the salt, the iteration count and a
 * verifier. The server keeps a keyed hash of the verifier and never sees the
 * word, the key or the answers. See docs/api.md, "Sealed drafts".
 */
import { z } from 'zod';
import { DRAFT_KDF, type DraftContents as DomainDraftContents, type SealedDraft as DomainSealedDraft } from '../domain/sealed-draft';

/** `true` when A and B are mutually assignable, else `false` (a compile error where `true` is claimed). */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// The derivation parameters and attempt limits are plain constants in domain/ (the browser needs them without zod).
export { DRAFT_KDF, MAX_RESUME_ATTEMPTS, MIN_RESUME_WORD_LENGTH, RESUME_CHECKS_PER_MINUTE } from '../domain/sealed-draft';

/** A SurveyJS answer set: question value name → value. */
export const answers = z.record(z.string(), z.unknown());
export type Answers = z.infer<typeof answers>;

const base64urlOf = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'base64url utan utfyllnad')
    .length(Math.ceil((bytes * 4) / 3), `${bytes} byte i base64url`);

export const salt = base64urlOf(DRAFT_KDF.saltBytes);
export const verifier = base64urlOf(DRAFT_KDF.verifierBytes);
export const iterations = z.number().int().min(DRAFT_KDF.minIterations).max(DRAFT_KDF.maxIterations);

/** AES-256-GCM output (ciphertext with its 16-byte tag) and the 12-byte IV, base64url. */
export const sealedDraft = z.object({
  ciphertext: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url utan utfyllnad')
    .min(22)
    .max(700_000),
  iv: base64urlOf(DRAFT_KDF.ivBytes),
});
export type SealedDraft = z.infer<typeof sealedDraft>;
// The domain's sealing code has its own copy of the shape (domain/ imports nothing from contracts/); keep them equal.
true satisfies SameShape<SealedDraft, DomainSealedDraft>;

/**
 * `PUT /api/respond/:code/draft`. Plaintext `answers` are refused (400):
 * drafts are only ever stored sealed. Replacing a saved draft needs the same
 * verifier (the same code, word and salt).
 */
export const saveDraftBody = z.strictObject({
  answers: z.never({ error: 'utkast sparas bara förseglade; skicka aldrig svaren i klartext' }).optional(),
  sealed: sealedDraft,
  salt,
  iterations,
  verifier,
});
export type SaveDraftBody = z.infer<typeof saveDraftBody>;

/** `POST /api/respond/:code/draft/open`: the verifier derived from the resume word. */
export const openDraftBody = z.strictObject({ verifier });
export type OpenDraftBody = z.infer<typeof openDraftBody>;

/** 200 answer to `POST …/draft/open`: the sealed blob, for the browser to open. */
export const openDraftResponse = z.object({ sealed: sealedDraft, salt, iterations });
export type OpenDraftResponse = z.infer<typeof openDraftResponse>;

/** `details` of a 403 `wrong_resume_word`. */
export const wrongWordDetails = z.object({ attemptsLeft: z.number().int().min(0) });

/** What the browser seals. Never crosses the wire in clear. */
export const draftContents = z.object({
  version: z.literal(1),
  answers,
  /** Name of the last page reached, where a resume reopens. */
  page: z.string().optional(),
});
export type DraftContents = z.infer<typeof draftContents>;
true satisfies SameShape<DraftContents, DomainDraftContents>;

/** A sealed draft waiting under a code, as `GET /api/respond/:code` describes it: no answers, no ciphertext. */
export const draftInfo = z.object({
  salt,
  iterations,
  /** Wrong words left before the draft locks; 0 means locked. */
  attemptsLeft: z.number().int().min(0),
});
export type DraftInfo = z.infer<typeof draftInfo>;

/** A campaign's public title per language: `sv` always, `en` (and other languages) optional. */
export const publicTitle = z
  .object({
    sv: z.string().trim().min(1).max(200),
    en: z.string().trim().min(1).max(200).optional(),
  })
  .catchall(z.string().trim().min(1).max(200));
export type PublicTitle = z.infer<typeof publicTitle>;

export const respondentContact = z.object({
  name: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
  url: z.string().optional(),
});
export type RespondentContact = z.infer<typeof respondentContact>;

/** A language respondents can choose: code, its own name and writing direction. */
export const languageOption = z.object({ code: z.string(), name: z.string(), dir: z.enum(['ltr', 'rtl']) });
export type LanguageOption = z.infer<typeof languageOption>;

export const respondentCampaign = z.object({
  /** The public title in Swedish (= `publicTitle.sv`); never the campaign's internal title. */
  title: z.string(),
  publicTitle,
  contact: respondentContact,
  /** The languages respondents are offered, Swedish first: listed by the campaign, complete in the UI and the template, and reviewed. */
  languages: z.array(z.string()),
  /** The same languages with their names and writing direction, for the language switch. */
  languageOptions: z.array(languageOption),
  /** National support lines shown on every page (beside 112 and the kommun's contact). */
  supportLines: z.array(z.string()),
});
export type RespondentCampaign = z.infer<typeof respondentCampaign>;

/** `GET /api/respond/:code` and `GET /api/open/:slug`. */
export const surveyResponse = z.object({
  campaign: respondentCampaign,
  /** SurveyJS JSON with the campaign's områden, modules and public title applied. */
  survey: z.record(z.string(), z.unknown()),
  /** Always `{}`: a draft is sealed and released only against its resume word. */
  answers,
  locale: z.string(),
  /** The sealed draft waiting under the code, or null (always null for open links). */
  draft: draftInfo.nullable(),
  /** Answers are written to the database in batches of at least this many (docs/privacy.md); the information page says so. */
  batchSize: z.number().int().min(1),
  /** How the respondent came in: a personal code, an open link or a school class's link. */
  linkKind: z.enum(['code', 'open', 'class']).optional(),
});
export type SurveyResponse = z.infer<typeof surveyResponse>;

/** `POST /api/respond/:code/submit` and `POST /api/open/:slug/submit`. */
export const submitBody = z.object({
  submissionId: z.string().min(8).max(100),
  answers,
});
export type SubmitBody = z.infer<typeof submitBody>;

export const submitResponse = z.object({ status: z.enum(['stored', 'already_stored']) });
export type SubmitResponse = z.infer<typeof submitResponse>;

/**
 * Error codes the respondent API answers with (in the common envelope).
 * `code_invalid` (404): unknown, malformed, or not yet open; `code_used` and
 * `survey_closed` (410); `no_draft` (404); `wrong_resume_word` (403, details
 * `{ attemptsLeft }`); `draft_locked` (423); `too_many_requests` (429);
 * `class_full` (409: a class link has taken as many answers as the class has pupils).
 */
export const respondentErrorCode = z.enum([
  'code_invalid',
  'code_used',
  'survey_closed',
  'no_draft',
  'wrong_resume_word',
  'draft_locked',
  'too_many_requests',
  'bad_request',
  'conflict',
  'class_full',
]);
export type RespondentErrorCode = z.infer<typeof respondentErrorCode>;
