import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { Empty, Spinner } from '../ui/bits.js';

const PAGE_SIZE = 30;

interface Props<T> {
  path: string;
  searchLabel: string;
  emptyText: string;
  render(item: T): ReactNode;
  itemKey(item: T): string;
  /** Change to load the list again (after a create). */
  version?: number;
  /** More query parameters the list route takes (filters), sent with every page. */
  query?: Record<string, string>;
  /** Narrows the loaded items further, for a filter the route does not take. */
  keep?(item: T): boolean;
  /** Controls shown next to the search box. */
  toolbar?: ReactNode;
}

/** A list with search-as-you-type and infinite scroll over { items, nextCursor }. */
export function SearchableList<T>({ path, searchLabel, emptyText, render, itemKey, version = 0, query, keep, toolbar }: Props<T>) {
  const { t } = useApp();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);
  const sentinel = useRef<HTMLDivElement>(null);
  const filters = JSON.stringify(query ?? {});

  const load = useCallback(
    async (from: string | null) => {
      const mine = ++ticket.current;
      setLoading(true);
      try {
        const page = await api.get<Page<T>>(path, { ...(JSON.parse(filters) as Record<string, string>), q: q.trim(), cursor: from, limit: PAGE_SIZE });
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
    [path, q, filters],
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

  const shown = keep ? items.filter(keep) : items;
  // Items left out by keep do not fill the screen, so the sentinel may never come into view again.
  const short = Boolean(keep) && shown.length < PAGE_SIZE;
  useEffect(() => {
    if (short) more.current();
  }, [short, items]);
  return (
    <div className="searchable">
      <input type="search" className="input input--search" placeholder={searchLabel} aria-label={searchLabel} value={q} onChange={(e) => setQ(e.target.value)} />
      {toolbar}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="rows">
        {shown.map((item) => (
          <li key={itemKey(item)}>{render(item)}</li>
        ))}
      </ul>
      {!loading && !error && shown.length === 0 ? <Empty>{emptyText}</Empty> : null}
      {loading ? <Spinner label={t('ui.loading')} /> : null}
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
    </div>
  );
}
