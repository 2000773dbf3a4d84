/**
 * Requests that `api()` does not cover: a text body (CSV upload) or a text
 * answer (CSV download). Same cookie session, CSRF header and Swedish error
 * messages from the server's error envelope.
 */
import { ApiError } from '../api';

export interface TextResponse {
  text: string;
  contentType: string;
  fileName: string | undefined;
  headers: Headers;
}

function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : undefined;
}

export async function requestText(
  method: 'GET' | 'POST',
  path: string,
  options: { csrfToken: string; body?: string | object; contentType?: string },
): Promise<TextResponse> {
  const headers: Record<string, string> = { accept: 'text/csv, application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = options.csrfToken;
  let body: string | undefined;
  if (typeof options.body === 'string') {
    body = options.body;
    headers['content-type'] = options.contentType ?? 'text/csv; charset=utf-8';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.');
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    let message = `Servern svarade med ett fel (${response.status}).`;
    let code = `http_${response.status}`;
    let details: unknown;
    try {
      const envelope = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
      if (envelope.error?.message) message = envelope.error.message;
      if (envelope.error?.code) code = envelope.error.code;
      details = envelope.error?.details;
    } catch {
      if (response.status === 404) message = 'Funktionen finns inte på servern ännu.';
    }
    throw new ApiError(response.status, code, message, details);
  }
  return { text, contentType: response.headers.get('content-type') ?? '', fileName: fileNameOf(response.headers.get('content-disposition')), headers: response.headers };
}
