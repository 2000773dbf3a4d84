import { useEffect, useState } from 'react';

export type RespondentRoute =
  | { name: 'code-entry' }
  | { name: 'code'; code: string }
  | { name: 'open'; slug: string }
  | { name: 'not-found' };

export function parseRoute(pathname: string): RespondentRoute {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'code-entry' };
  const match = /^\/(s|o)\/([^/]+)$/.exec(path);
  if (match) {
    let value: string;
    try {
      value = decodeURIComponent(match[2]);
    } catch {
      return { name: 'not-found' };
    }
    return match[1] === 's' ? { name: 'code', code: value } : { name: 'open', slug: value };
  }
  return { name: 'not-found' };
}

const listeners = new Set<() => void>();

/**
 * In-app navigation always *replaces* the history entry: the survey then
 * occupies a single entry, which the quick exit overwrites.
 */
export function navigate(path: string): void {
  history.replaceState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): RespondentRoute {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}
