import { randomBytes } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log';
import { HttpError } from './http-error';

/** 404 for any route nothing else answered. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `Det finns ingen sida eller tjänst på ${req.method} ${req.originalUrl.split("?")[0]}.` } });
};

/** The full stack of one distinct error is logged at most this often. */
const STACK_EVERY_MS = 60_000;

/**
 * The one error handler. Known errors keep their status and Swedish message;
 * body-parser errors become 400/413/415; anything else is a plain 500 with
 * nothing internal but an error id (`details.errorId`), logged as one line
 * with that id and the cause; the stack of each distinct error is logged at
 * most once a minute. The route pattern is logged, never the raw path
 * (respondent paths carry codes).
 */
export function errorHandler(log: Logger, now: () => number = Date.now): ErrorRequestHandler {
  const stackLoggedAt = new Map<string, number>();
  return (error: unknown, req, res, _next) => {
    const described = describe(error);
    const { status, code, message } = described;
    let details = described.details;
    if (status >= 500) {
      const errorId = randomBytes(6).toString('hex');
      details = { errorId };
      // One line per failure; the stack of each distinct error at most once a minute (a flood of one bug stays small).
      const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const sqlState = (error as { code?: unknown } | null)?.code;
      const key = `${cause.slice(0, 200)}@${error instanceof Error ? (error.stack?.split('\n')[1] ?? '').trim() : ''}`;
      const time = now();
      const withStack = error instanceof Error && (stackLoggedAt.get(key) ?? -Infinity) <= time - STACK_EVERY_MS;
      if (withStack) {
        stackLoggedAt.set(key, time);
        if (stackLoggedAt.size > 1000) stackLoggedAt.clear();
      }
      log.error('request failed', {
        errorId,
        method: req.method,
        route: req.route?.path ?? null,
        cause: cause.length > 500 ? `${cause.slice(0, 500)}…` : cause,
        ...(typeof sqlState === 'string' ? { sqlState } : {}),
        ...(withStack ? { stack: (error as Error).stack } : {}),
      });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const retryAfter = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (status === 429) res.set('Retry-After', String(typeof retryAfter === 'number' ? retryAfter : 60));
    res.status(status).json({ error: details === undefined ? { code, message } : { code, message, details } });
  };
}

function describe(error: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (error instanceof HttpError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details };
  }
  const type = (error as { type?: string } | null)?.type;
  const status = (error as { status?: unknown } | null)?.status;
  if (type === undefined && typeof status === 'number' && status >= 400 && status < 500) {
    // http-errors from express.static and friends (e.g. a missing asset).
    return { status, code: status === 404 ? 'not_found' : 'bad_request', message: status === 404 ? 'Hittades inte.' : 'Felaktig förfrågan.' };
  }
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'invalid_json', message: 'Förfrågan innehåller ogiltig JSON.' };
    case 'entity.too.large':
      return { status: 413, code: 'payload_too_large', message: 'Förfrågan är för stor.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_encoding', message: 'Teckenkodningen stöds inte. Använd UTF-8.' };
    case 'request.aborted':
      return { status: 400, code: 'request_aborted', message: 'Förfrågan avbröts.' };
    default:
      return { status: 500, code: 'internal', message: 'Ett oväntat fel inträffade. Försök igen senare.' };
  }
}
