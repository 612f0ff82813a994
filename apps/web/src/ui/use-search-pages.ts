import { useCallback, useEffect, useState } from 'react';
import type { Page } from '../api/types.js';

type PageLoader<T> = (query: { q: string; cursor: string | null }) => Promise<Page<T>>;

/**
 * A searchable list read page by page: the search box's text (loaded again 250 ms after typing stops),
 * the items so far, the next page's cursor and the last error. `fetchPage` must be a stable function.
 */
export function useSearchPages<T>(fetchPage: PageLoader<T>) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (from: string | null) => {
      try {
        const page = await fetchPage({ q: q.trim(), cursor: from });
        setItems((list) => (from && list ? [...list, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    },
    [q, fetchPage],
  );

  useEffect(() => {
    const timer = setTimeout(() => void load(null), q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [load, q]);

  return { q, setQ, items, setItems, cursor, error, setError, load };
}
