import { useEffect, useState } from 'react';
import { api } from '../api/client.js';

export interface ReportState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * Loads a report for a query, a moment after the query stops changing (typing a label filter sends
 * one request, not one per letter); an answer to an older query never replaces a newer one.
 */
export function useReport<T>(path: string | null, query: Record<string, string>, version = 0): ReportState<T> & { retry(): void } {
  const [state, setState] = useState<ReportState<T>>({ data: null, error: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  const key = path ? `${path}?${new URLSearchParams(query).toString()}` : '';

  useEffect(() => {
    if (!path) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api
        .get<T>(path, query)
        .then((data) => current && setState({ data, error: null, loading: false }))
        .catch((caught: unknown) => current && setState((s) => ({ ...s, error: caught instanceof Error ? caught.message : String(caught), loading: false })));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The key holds the path and every query value.
  }, [key, version, attempt]);

  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
