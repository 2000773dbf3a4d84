/**
 * An error with an HTTP status and a Swedish message for the client. Thrown
 * anywhere in a request; the one error handler turns it into the envelope
 * `{ "error": { "code", "message", "details"? } }`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Du behöver logga in.') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'Du har inte behörighet till detta.') => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Hittades inte.') => new HttpError(404, 'not_found', message);
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);
export const tooManyRequests = (message = 'För många försök. Vänta en stund och försök igen.') =>
  new HttpError(429, 'too_many_requests', message);
