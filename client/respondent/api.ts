/**
 * The respondent side of the HTTP API. Same-origin only; no cookies are
 * needed (the personal code in the path is the credential). Wire types come
 * from contracts/respondent.ts (types only: the first bundle carries no zod).
 */
import type {
  Answers,
  OpenDraftResponse,
  RespondentCampaign,
  RespondentErrorCode,
  SaveDraftBody,
  SubmitResponse,
  SurveyResponse,
} from '../../contracts/respondent';
import { isLeaving } from './quick-exit';

export type { Answers, RespondentCampaign, SurveyResponse };
export type CampaignContact = RespondentCampaign['contact'];

/** Where the survey comes from: an open link or a personal code. */
export type SurveySource = { kind: 'open'; slug: string } | { kind: 'code'; code: string };

/** status 0 means the request never got an HTTP answer (offline, DNS, reset, or the page is leaving). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    /** The server's error code (`RespondentErrorCode`), or `http_<status>` / `network`. */
    readonly code: RespondentErrorCode | string,
    /** The server's Swedish message, if it sent one. */
    readonly serverMessage: string | undefined,
    readonly details?: unknown,
  ) {
    super(serverMessage ?? `HTTP ${status} (${code})`);
  }

  /** Worth retrying with the same body: network failure, timeout, overload, server error. */
  get retryable(): boolean {
    if (this.code === 'leaving') return false;
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

async function request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  // After the quick exit has started, nothing more goes to the server: above all nothing that changes a draft.
  if (isLeaving()) throw new ApiError(0, 'leaving', undefined);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, 'network', undefined);
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const envelope = (parsed ?? {}) as ErrorEnvelope;
    const code = typeof envelope.error?.code === 'string' ? envelope.error.code : `http_${response.status}`;
    const message = typeof envelope.error?.message === 'string' ? envelope.error.message : undefined;
    throw new ApiError(response.status, code, message, envelope.error?.details);
  }
  return { status: response.status, data: parsed as T };
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
    throw new ApiError(502, 'bad_payload', undefined);
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
      if (!(error instanceof ApiError) || !error.retryable || attempt >= delays.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}
