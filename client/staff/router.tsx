import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Everything in the workspace lives below this path. */
export const BASE = '/arbetsyta';

export interface Match {
  params: Record<string, string>;
}

/**
 * Matches `pattern` (relative to BASE, e.g. '/kampanjer/:id') against a path.
 * Returns the decoded params, or undefined.
 */
export function matchPath(pattern: string, pathname: string): Match | undefined {
  const relative = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : undefined;
  if (relative === undefined) return undefined;
  const clean = (p: string) => p.replace(/\/+$/, '') || '/';
  const want = clean(pattern).split('/');
  const have = clean(relative || '/').split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(have[i]);
      } catch {
        return undefined;
      }
    } else if (want[i] !== have[i]) {
      return undefined;
    }
  }
  return { params };
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = to.startsWith('/') ? to : `${BASE}/${to}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

export function usePathname(): string {
  const [pathname, setPathname] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPathname(location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return pathname;
}

/** An <a> that navigates inside the workspace without reloading. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const href = to.startsWith('/') ? to : `${BASE}/${to}`;
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
