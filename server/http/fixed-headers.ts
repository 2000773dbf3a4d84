import type { RequestHandler } from 'express';

/**
 * The headers a middleware sets when they are the same for every request
 * (helmet with fixed directives), captured once at start-up and then set
 * with one call per request, instead of walking the middleware's dozen
 * handlers for each. Throws at start-up if the middleware does anything
 * but set or remove headers and call next, so a change in it cannot be lost.
 */
export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const headers = new Map<string, string | string[]>();
  const removed = new Set<string>();
  let calledNext = false;
  const response = {
    setHeader(name: string, value: string | string[]) {
      headers.set(name, value);
      removed.delete(name);
    },
    removeHeader(name: string) {
      headers.delete(name);
      removed.add(name);
    },
  };
  middleware({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
    calledNext = true;
  });
  if (!calledNext) throw new Error('fixedHeaders: the middleware did not finish at once');
  const set = [...headers];
  const unset = [...removed];
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of unset) res.removeHeader(name);
    next();
  };
}
