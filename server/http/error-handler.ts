import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log';
import { HttpError } from './http-error';

/** 404 for any route nothing else answered. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `Det finns ingen sida eller tjänst på ${req.method} ${req.originalUrl.split("?")[0]}.` } });
};

/**
 * The one error handler. Known errors keep their status and Swedish message;
 * body-parser errors become 400/413/415; anything else is a plain 500 with
 * nothing internal, logged with its cause.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const { status, code, message, details } = describe(error);
    if (status >= 500) {
      log.error('request failed', { method: req.method, path: req.route?.path ?? req.path, error });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
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
