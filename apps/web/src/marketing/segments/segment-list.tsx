import { useApp } from '../../app-context.js';
import { formatDateTime } from '../../format.js';
import { Empty, Spinner } from '../../ui/bits.js';
import { useSearchPages } from '../../bots/use-search-pages.js';
import { canEditSegments, segmentsApi } from './segments-api.js';

/** Stable, as useSearchPages asks. */
const listSegments = (query: { q: string; cursor: string | null }) => segmentsApi.list({ q: query.q || undefined, cursor: query.cursor });

/** Every saved segment, searchable by name and description. */
export function SegmentList({ onOpen }: { onOpen(id: string): void }) {
  const { t, me, locale } = useApp();
  const { q, setQ, items, cursor, error, load } = useSearchPages(listSegments);

  return (
    <section className="segments" aria-label={t('ui.marketing.segments')}>
      <div className="segments__toolbar">
        <input type="search" className="input input--search segments__search" placeholder={t('ui.segments.search')} aria-label={t('ui.segments.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        {canEditSegments(me?.role) ? (
          <button type="button" className="btn btn--small btn--primary" onClick={() => onOpen('new')}>
            + {t('ui.segments.new')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {items === null && !error ? <Spinner label={t('ui.loading')} /> : null}
      {items && items.length === 0 ? <Empty>{q ? t('ui.segments.none_found') : t('ui.segments.empty')}</Empty> : null}
      {items && items.length > 0 ? (
        <table className="segments-table">
          <thead>
            <tr>
              <th>{t('ui.segments.name')}</th>
              <th>{t('ui.segments.description')}</th>
              <th>{t('ui.segments.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((segment) => (
              <tr key={segment.id} data-segment-id={segment.id}>
                <td>
                  <a
                    href={`/marketing/segments/${segment.id}`}
                    className="segments-table__name"
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(segment.id);
                    }}
                  >
                    {segment.name}
                  </a>
                </td>
                <td className="muted">{segment.description ?? ''}</td>
                <td className="muted">{formatDateTime(segment.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <button type="button" className="btn btn--small segments__more" onClick={() => void load(cursor)}>
          {t('ui.segments.more')}
        </button>
      ) : null}
    </section>
  );
}
