import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api';
import type { Loadable } from '../useApi';

/**
 * Like useApi, but `refresh()` keeps showing the current data while it
 * fetches again (no loading flash, page state survives), and `intervalMs`
 * polls while the tab is visible.
 */
export function useRefreshingApi<T>(path: string | undefined, intervalMs?: number): Loadable<T> & { refresh: () => Promise<void>; updatedAt: Date | undefined } {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const current = useRef(path);
  current.current = path;
  const refresh = useCallback(async () => {
    if (!path) return;
    try {
      const data = await api<T>('GET', path);
      if (current.current === path) {
        setResult({ state: 'ready', data });
        setUpdatedAt(new Date());
      }
    } catch (error) {
      if (current.current === path) setResult((previous) => (previous.state === 'ready' ? previous : { state: 'error', message: errorMessage(error) }));
    }
  }, [path]);
  useEffect(() => {
    setResult({ state: 'loading' });
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (!intervalMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [refresh, intervalMs]);
  return { ...result, refresh, updatedAt };
}
