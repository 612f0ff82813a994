import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { Empty, Spinner } from '../ui/bits.js';

interface Props<T> {
  path: string;
  searchLabel: string;
  emptyText: string;
  render(item: T): ReactNode;
  itemKey(item: T): string;
  /** Change to load the list again (after a create). */
  version?: number;
}

/** A list with search-as-you-type and infinite scroll over { items, nextCursor }. */
export function SearchableList<T>({ path, searchLabel, emptyText, render, itemKey, version = 0 }: Props<T>) {
  const { t } = useApp();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);
  const sentinel = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (from: string | null) => {
      const mine = ++ticket.current;
      setLoading(true);
      try {
        const page = await api.get<Page<T>>(path, { q: q.trim(), cursor: from, limit: 30 });
        if (mine !== ticket.current) return;
        setItems((list) => (from ? [...list, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        if (mine === ticket.current) setError(caught instanceof ApiError ? caught.message : String(caught));
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [path, q],
  );

  useEffect(() => {
    const timer = setTimeout(() => void load(null), q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [load, q, version]);

  const more = useRef(() => {});
  more.current = () => {
    if (cursor && !loading) void load(cursor);
  };
  useEffect(() => {
    const node = sentinel.current;
    if (!node) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more.current(), { rootMargin: '200px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="searchable">
      <input type="search" className="input input--search" placeholder={searchLabel} aria-label={searchLabel} value={q} onChange={(e) => setQ(e.target.value)} />
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="rows">
        {items.map((item) => (
          <li key={itemKey(item)}>{render(item)}</li>
        ))}
      </ul>
      {!loading && !error && items.length === 0 ? <Empty>{emptyText}</Empty> : null}
      {loading ? <Spinner label={t('ui.loading')} /> : null}
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
    </div>
  );
}
