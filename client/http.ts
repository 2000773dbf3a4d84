/**
 * The one fetch wrapper of the client: same-origin requests with a JSON,
 * text or binary body, and the server's error envelope (contracts/common.ts) turned into
 * one ApiError. The staff workspace (client/staff/api.ts) adds its session's
 * CSRF token and Swedish fallback messages on top.
 */
import type { ErrorResponse } from '../contracts/common';

/** status 0 means the request never got an HTTP answer (offline, DNS, reset). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** The server's own (Swedish) message, if it sent one. */
    readonly serverMessage?: string,
  ) {
    super(message);
  }

  /** Worth retrying with the same body: network failure, timeout, overload, server error. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface RequestOptions {
  /** A string or the bytes of a file (ArrayBuffer, Blob) are sent as they are (with `contentType`); anything else as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly credentials?: RequestCredentials;
  readonly referrerPolicy?: ReferrerPolicy;
  /** The message of an error without a server message (status 0 for a network failure). */
  readonly fallbackMessage?: (status: number) => string;
}

export interface TextResponse {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
  /** From Content-Disposition, when the server names a download. */
  readonly fileName: string | undefined;
  readonly headers: Headers;
}

const genericMessage = (status: number) => (status === 0 ? 'network error' : `HTTP ${status}`);

function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/** The body as JSON, or undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends one request and answers its text. Throws ApiError for a network
 * failure (status 0) and for any non-2xx answer, with the code, message and
 * details of the server's error envelope when it sent one.
 */
export async function request(method: string, path: string, options: RequestOptions = {}): Promise<TextResponse> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json', ...options.headers };
  let body: string | ArrayBuffer | Blob | undefined;
  if (typeof options.body === 'string') {
    body = options.body;
    headers['content-type'] = options.contentType ?? 'text/csv; charset=utf-8';
  } else if (options.body instanceof ArrayBuffer || options.body instanceof Blob) {
    body = options.body;
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const fallback = options.fallbackMessage ?? genericMessage;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: options.credentials ?? 'same-origin',
      cache: 'no-store',
      ...(options.referrerPolicy ? { referrerPolicy: options.referrerPolicy } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', fallback(0));
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    const envelope = (parseJson(text) ?? {}) as Partial<ErrorResponse>;
    const code = typeof envelope.error?.code === 'string' ? envelope.error.code : `http_${response.status}`;
    const serverMessage = typeof envelope.error?.message === 'string' ? envelope.error.message : undefined;
    throw new ApiError(response.status, code, serverMessage ?? fallback(response.status), envelope.error?.details, serverMessage);
  }
  return {
    status: response.status,
    text,
    contentType: response.headers.get('content-type') ?? '',
    fileName: fileNameOf(response.headers.get('content-disposition')),
    headers: response.headers,
  };
}

/**
 * Saves text as a file in the browser (no server round trip). With a BOM, so
 * that Excel reads a UTF-8 CSV's å, ä and ö right. The one download helper.
 */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(text.startsWith('\ufeff') ? [text] : ['\ufeff', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves bytes (a Word document) as a file download. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
