/**
 * The sampling page's name for `apiText` (client/staff/api.ts), kept so that
 * page needs no change while it is being reworked; new code calls `apiText`.
 * The CSRF token comes from the session, so `csrfToken` is not used.
 */
import { apiText, type TextResponse } from '../api';

export type { TextResponse };

export function requestText(
  method: 'GET' | 'POST',
  path: string,
  options: { csrfToken?: string; body?: string | object; contentType?: string },
): Promise<TextResponse> {
  return apiText(method, path, { body: options.body, contentType: options.contentType });
}
