/**
 * The staff workspace's typed fetch client: same-origin cookie session,
 * `x-csrf-token` on every non-GET request, and the server's error envelope
 * turned into an ApiError with a Swedish message. Response and request types
 * come from contracts/ (type-only imports), e.g. `api<CampaignDetail>('GET', …)`.
 */
import { ApiError, parseJson, request, type RequestOptions, type TextResponse } from '../http';

export { ApiError, downloadBytes, downloadText, type TextResponse } from '../http';

let csrfToken: string | undefined;
let unauthorizedHandler: (() => void) | undefined;

/** Called when a request (other than the login itself) gets 401: the session has ended. */
export function onUnauthorized(handler: (() => void) | undefined): void {
  unauthorizedHandler = handler;
}

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Swedish fallbacks when the server sends no message of its own. */
function fallbackMessage(status: number): string {
  if (status === 0) return 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.';
  if (status === 400) return 'Uppgifterna är inte giltiga.';
  if (status === 401) return 'Du är inte inloggad.';
  if (status === 403) return 'Du har inte behörighet till det här.';
  if (status === 404) return 'Det du söker finns inte.';
  if (status === 409) return 'Åtgärden krockar med en ändring som redan har gjorts.';
  if (status === 429) return 'För många försök. Vänta en stund och försök igen.';
  if (status >= 500) return 'Något gick fel på servern. Försök igen om en stund.';
  return `Oväntat svar från servern (${status}).`;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface StaffRequestOptions {
  /** A 401 here does not end the session (the PIN of a unit link, the login itself). */
  readonly keepSession?: boolean;
}

async function staffRequest(method: Method, path: string, options: RequestOptions & StaffRequestOptions): Promise<TextResponse> {
  const headers = method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : undefined;
  try {
    return await request(method, path, { ...options, headers, fallbackMessage });
  } catch (error) {
    const sessionCall = options.keepSession || path === '/api/auth/login' || path === '/api/me';
    if (error instanceof ApiError && error.status === 401 && !sessionCall) unauthorizedHandler?.();
    throw error;
  }
}

/** A JSON request with a JSON answer. `T` is the contract's response type. */
export async function api<T>(method: Method, path: string, body?: unknown, options: StaffRequestOptions = {}): Promise<T> {
  const response = await staffRequest(method, path, { body, ...options });
  return parseJson(response.text) as T;
}

/** A request whose body is text (a CSV upload) or whose answer is text (a CSV download). */
export function apiText(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: string | object; contentType?: string } = {},
): Promise<TextResponse> {
  return staffRequest(method, path, { ...options, accept: 'text/csv, application/json' });
}

/** A POST of a file's bytes as they are (e.g. SCB's PX or CSV in any encoding) with a JSON answer. `T` is the contract's response type. */
export async function apiBytes<T>(path: string, bytes: ArrayBuffer | Blob, contentType = 'application/octet-stream'): Promise<T> {
  const response = await staffRequest('POST', path, { body: bytes, contentType });
  return parseJson(response.text) as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Något gick fel. Försök igen.';
}
