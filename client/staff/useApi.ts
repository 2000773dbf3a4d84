import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from './api';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; data: T };

/** GETs `path` when mounted (and on `reload()`), with loading and Swedish error states. */
export function useApi<T>(path: string): Loadable<T> & { reload: () => void } {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setResult({ state: 'loading' });
    api<T>('GET', path).then(
      (data) => !cancelled && setResult({ state: 'ready', data }),
      (error: unknown) => !cancelled && setResult({ state: 'error', message: errorMessage(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...result, reload };
}
