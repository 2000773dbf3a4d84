/**
 * The respondent side of the HTTP API. Same-origin only; no cookies are
 * needed (the personal code in the path is the credential). Wire types come
 * from contracts/respondent.ts (types only: the first bundle carries no zod).
 */
import type {
  Answers,
  OpenDraftResponse,
  RespondentCampaign,
  SaveDraftBody,
  SubmitResponse,
  SurveyResponse,
} from '../../contracts/respondent';
import { ApiError, parseJson, request as send } from '../http';
import { isLeaving } from './quick-exit';

export type { Answers, RespondentCampaign, SurveyResponse };
export type CampaignContact = RespondentCampaign['contact'];

/** Where the survey comes from: an open link or a personal code. */
export type SurveySource = { kind: 'open'; slug: string } | { kind: 'code'; code: string };

export { ApiError };

/**
 * One JSON request through the client's one fetch wrapper (client/http.ts):
 * no cookies (the code in the path is the credential), no Referer. After
 * the quick exit has started nothing more goes to the server — above all
 * nothing that changes a draft — so the call fails locally with code `leaving`.
 */
async function request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  if (isLeaving()) throw new ApiError(0, 'leaving', 'leaving');
  const response = await send(method, path, { body, credentials: 'omit', referrerPolicy: 'no-referrer' });
  return { status: response.status, data: parseJson(response.text) as T };
}

function basePath(source: SurveySource): string {
  return source.kind === 'open'
    ? `/api/open/${encodeURIComponent(source.slug)}`
    : `/api/respond/${encodeURIComponent(source.code)}`;
}

const draftPath = (code: string) => `/api/respond/${encodeURIComponent(code)}/draft`;

export async function fetchSurvey(source: SurveySource): Promise<SurveyResponse> {
  const { data } = await request<Partial<SurveyResponse>>('GET', basePath(source));
  if (!data || typeof data !== 'object' || !data.campaign || !data.survey || !data.campaign.publicTitle) {
    throw new ApiError(502, 'bad_payload', 'bad payload');
  }
  return {
    campaign: {
      title: data.campaign.title ?? '',
      publicTitle: data.campaign.publicTitle,
      contact: data.campaign.contact ?? { name: '' },
      languages: Array.isArray(data.campaign.languages) ? data.campaign.languages : ['sv'],
      languageOptions: Array.isArray(data.campaign.languageOptions) ? data.campaign.languageOptions : [{ code: 'sv', name: 'Svenska', dir: 'ltr' }],
      supportLines: Array.isArray(data.campaign.supportLines) ? data.campaign.supportLines : ['kvinnofridslinjen'],
    },
    survey: data.survey,
    answers: {},
    locale: typeof data.locale === 'string' ? data.locale : 'sv',
    draft: data.draft ?? null,
    batchSize: typeof data.batchSize === 'number' ? data.batchSize : 10,
    ...(data.linkKind ? { linkKind: data.linkKind } : {}),
  };
}

/** Stores the sealed draft (personal codes only). */
export async function saveSealedDraft(code: string, body: SaveDraftBody): Promise<void> {
  await request('PUT', draftPath(code), body);
}

/** Asks the server for the sealed draft with the verifier derived from the resume word. */
export async function fetchSealedDraft(code: string, verifier: string): Promise<OpenDraftResponse> {
  const { data } = await request<OpenDraftResponse>('POST', `${draftPath(code)}/open`, { verifier });
  return data;
}

/** Discards the draft ("start over"). */
export async function discardDraft(code: string): Promise<void> {
  await request('DELETE', draftPath(code));
}

export type SubmitProgress = { attempt: number; retrying: boolean };

const retryDelaysMs = [1000, 2000, 4000, 8000, 15000];

/**
 * Sends the answers once, idempotently: every attempt carries the same
 * `submissionId`, so the server stores them at most once (201 first time,
 * 200 for a repeat). Retries on network and server errors with back-off;
 * throws the last ApiError when it gives up or the error is not retryable.
 */
export async function submitAnswers(
  source: SurveySource,
  submissionId: string,
  answers: Answers,
  onProgress: (progress: SubmitProgress) => void,
  delays: readonly number[] = retryDelaysMs,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    onProgress({ attempt, retrying: attempt > 0 });
    try {
      const { status } = await request<SubmitResponse>('POST', `${basePath(source)}/submit`, { submissionId, answers });
      return status;
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable || isLeaving() || attempt >= delays.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}
