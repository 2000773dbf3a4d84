/**
 * The respondent side of the HTTP API. Same-origin only; no cookies are
 * needed (the personal code in the path is the credential).
 */

export interface CampaignContact {
  name: string;
  phone?: string;
  email?: string;
  url?: string;
}

export interface RespondentCampaign {
  title: string;
  contact: CampaignContact;
  languages: string[];
}

export type Answers = Record<string, unknown>;

export interface SurveyPayload {
  campaign: RespondentCampaign;
  /** SurveyJS JSON as stored in the template. */
  survey: object;
  /** Saved draft (personal-code mode) or `{}`. */
  answers: Answers;
  locale: string;
}

/** Where the survey comes from: an open link or a personal code. */
export type SurveySource = { kind: 'open'; slug: string } | { kind: 'code'; code: string };

/** status 0 means the request never got an HTTP answer (offline, DNS, reset). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's Swedish message, if it sent one. */
    readonly serverMessage: string | undefined,
  ) {
    super(serverMessage ?? `HTTP ${status} (${code})`);
  }

  /** Worth retrying with the same body: network failure, timeout, overload, server error. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown };
}

async function request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
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
    throw new ApiError(response.status, code, message);
  }
  return { status: response.status, data: parsed as T };
}

function basePath(source: SurveySource): string {
  return source.kind === 'open'
    ? `/api/open/${encodeURIComponent(source.slug)}`
    : `/api/respond/${encodeURIComponent(source.code)}`;
}

export async function fetchSurvey(source: SurveySource): Promise<SurveyPayload> {
  const { data } = await request<Partial<SurveyPayload>>('GET', basePath(source));
  if (!data || typeof data !== 'object' || !data.campaign || !data.survey) {
    throw new ApiError(502, 'bad_payload', undefined);
  }
  return {
    campaign: {
      title: data.campaign.title ?? '',
      contact: data.campaign.contact ?? { name: '' },
      languages: Array.isArray(data.campaign.languages) ? data.campaign.languages : ['sv'],
    },
    survey: data.survey,
    answers: data.answers && typeof data.answers === 'object' ? data.answers : {},
    locale: typeof data.locale === 'string' ? data.locale : 'sv',
  };
}

/** Autosave (personal-code mode only). */
export async function saveDraft(code: string, answers: Answers): Promise<void> {
  await request('PUT', `/api/respond/${encodeURIComponent(code)}/draft`, { answers });
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
      const { status } = await request('POST', `${basePath(source)}/submit`, { submissionId, answers });
      return status;
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable || attempt >= delays.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}
