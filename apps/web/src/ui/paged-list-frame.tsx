import type { ReactNode } from 'react';
import { useApp } from '../app-context.js';
import { Empty, Spinner } from './bits.js';

interface Props {
  /** The block name its parts are styled by: `<block>__toolbar`, `<block>__search`, `<block>__more`. */
  block: string;
  label: string;
  /** Shown first in the toolbar, e.g. the heading of a list that is part of a page. */
  heading?: ReactNode;
  /** Absent for a list that is only filtered, not searched. */
  search?: { value: string; onChange(value: string): void; label: string };
  /** Shown beside the search box, e.g. a "new" button or a filter. */
  action?: ReactNode;
  error: string | null;
  /** null while the first page loads. */
  count: number | null;
  emptyText: string;
  more: { label: string; onMore(): void } | null;
  /** The list itself, shown when there is something in it. */
  children: ReactNode;
}

/** A list read page by page (see useSearchPages): its toolbar with the search box, its loading, error and empty states, and its "more" button. */
export function PagedListFrame({ block, label, heading, search, action, error, count, emptyText, more, children }: Props) {
  const { t } = useApp();
  return (
    <section className={block} aria-label={label}>
      <div className={`${block}__toolbar`}>
        {heading}
        {search ? (
          <input type="search" className={`input input--search ${block}__search`} placeholder={search.label} aria-label={search.label} value={search.value} onChange={(e) => search.onChange(e.target.value)} />
        ) : null}
        {action}
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {count === null && !error ? <Spinner label={t('ui.loading')} /> : null}
      {count === 0 ? <Empty>{emptyText}</Empty> : null}
      {count ? children : null}
      {more ? (
        <button type="button" className={`btn btn--small ${block}__more`} onClick={more.onMore}>
          {more.label}
        </button>
      ) : null}
    </section>
  );
}
