import { useEffect, useState } from 'react';

export type RespondentRoute =
  | { name: 'code-entry' }
  | { name: 'code'; code: string }
  | { name: 'open'; slug: string }
  | { name: 'not-found' };

export function parseRoute(pathname: string): RespondentRoute {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/s') return { name: 'code-entry' };
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
 * The current route is held in memory, not read back from the address bar:
 * a personal code is taken out of the address bar at once (it becomes `/s`),
 * so the session's Back entry and a reload do not show it; reloading `/s`
 * asks for the code again. The browser's global history may still have
 * recorded the letter link as first opened: a limit stated in docs/privacy.md.
 */
let current: RespondentRoute = parseRoute(location.pathname);
hideCode(current, location.pathname);

function hideCode(route: RespondentRoute, path: string): void {
  history.replaceState(null, '', route.name === 'code' ? '/s' : path);
}

/**
 * In-app navigation always *replaces* the history entry: the survey then
 * occupies a single entry, which the quick exit overwrites.
 */
export function navigate(path: string): void {
  current = parseRoute(path);
  hideCode(current, path);
  for (const listener of listeners) listener();
}

export function useRoute(): RespondentRoute {
  const [route, setRoute] = useState(() => current);
  useEffect(() => {
    const update = () => setRoute(current);
    const onPopState = () => {
      current = parseRoute(location.pathname);
      update();
    };
    listeners.add(update);
    window.addEventListener('popstate', onPopState);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', onPopState);
    };
  }, []);
  return route;
}
