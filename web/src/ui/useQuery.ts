/**
 * Loads data for a page: { data, error, loading, reload, setData }. Changing `deps` reloads;
 * an answer that arrives after a newer request started is dropped.
 */
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';

export interface Query<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  setData(update: (d: T | undefined) => T | undefined): void;
}

export function useQuery<T>(load: () => Promise<T>, deps: DependencyList): Query<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const id = ++latest.current;
    setLoading(true);
    loader.current().then(
      (d) => {
        if (id !== latest.current) return;
        setDataState(d);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (id !== latest.current) return;
        setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((update: (d: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
