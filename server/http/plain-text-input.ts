import { isUtf8 } from 'node:buffer';
import type { RequestHandler } from 'express';
import { describeUnsafeText, unsafeCharacterOf } from '../../domain/plain-text';
import { badRequest, HttpError } from './http-error';

/**
 * `verify` for express's body parsers: a body that is not valid UTF-8 is a
 * 400, rather than being decoded with replacement characters and stored.
 */
export function utf8Only(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new HttpError(400, 'invalid_utf8', 'Förfrågan är inte giltig UTF-8.');
}

/**
 * Path parameters (codes, link tokens, ids) are text too: a path whose
 * segments do not decode, or decode to a control character or a lone
 * surrogate, is a 400 before any route sees it.
 */
export const plainTextPath: RequestHandler = (req, _res, next) => {
  for (const segment of req.path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw badRequest('Sökvägen innehåller en ogiltig procentkodning.', { field: 'path' });
    }
    const found = unsafeCharacterOf(decoded);
    if (found) throw badRequest(`Sökvägen ${describeUnsafeText(found)}.`, { field: 'path' });
  }
  next();
};
