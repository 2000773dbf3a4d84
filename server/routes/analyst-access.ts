import type { RequestHandler, Response } from 'express';
import { once } from 'node:events';
import type { Database } from '../db/database';
import { authenticate, requireRole } from '../auth/authenticate';

/**
 * Staff access for analyst routes: a logged-in user with an analyst role
 * somewhere (the service checks the campaign's kommun). Reuses `req.auth`
 * when an earlier router already authenticated the request.
 */
export function analystAccess(db: Database): RequestHandler[] {
  const login = authenticate(db);
  return [(req, res, next) => (req.auth ? next() : login(req, res, next)), requireRole('analyst')];
}

/** Writes chunks to the response, waiting when the socket's buffer is full. */
export async function streamChunks(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (!res.write(chunk)) await once(res, 'drain');
  }
  res.end();
}
