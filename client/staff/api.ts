/**
 * Shared fetch helper for the staff workspace: same-origin cookie session,
 * `x-csrf-token` on every non-GET request, and the server's error envelope
 * `{error: {code, message}}` turned into an ApiError with a Swedish message.
 */

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

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

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', fallbackMessage(0));
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/auth/login' && path !== '/api/me') unauthorizedHandler?.();
    const envelope = (parsed ?? {}) as ErrorEnvelope;
    const code = typeof envelope.error?.code === 'string' ? envelope.error.code : `http_${response.status}`;
    const message = typeof envelope.error?.message === 'string' ? envelope.error.message : fallbackMessage(response.status);
    throw new ApiError(response.status, code, message, envelope.error?.details);
  }
  return parsed as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Något gick fel. Försök igen.';
}

// ---- Wire types (keep in step with the server's schemas) ----

export type RoleName = 'admin' | 'analyst' | 'screener' | 'county_viewer';

export interface RoleGrant {
  role: RoleName;
  kommunkod: string | null;
  lanKod: string | null;
  unitId: string | null;
}

export interface Me {
  user: { id: string; email: string; displayName: string };
  roles: RoleGrant[];
  kommuner: { kod: string; namn: string }[];
  csrfToken: string;
}

export interface LoginResponse {
  token: string;
  csrfToken: string;
}

export type CampaignStatus = 'draft' | 'open' | 'closed' | 'archived';

export interface CampaignSummary {
  id: string;
  title: string;
  status: CampaignStatus;
  kommunkod: string;
  kommunNamn: string;
  isDemo: boolean;
  templateId: string;
  templateVersion: number;
  mode: 'codes' | 'open';
  openSlug: string | null;
  createdAt: string;
}
