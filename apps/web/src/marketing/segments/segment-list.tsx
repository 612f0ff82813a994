import { useApp } from '../../app-context.js';
import { formatDateTime } from '../../format.js';
import { PagedListFrame } from '../../ui/paged-list-frame.js';
import { useSearchPages } from '../../ui/use-search-pages.js';
import { canEditSegments, segmentsApi } from './segments-api.js';

/** Stable, as useSearchPages asks. */
const listSegments = (query: { q: string; cursor: string | null }) => segmentsApi.list({ q: query.q || undefined, cursor: query.cursor });

/** Every saved segment, searchable by name and description. */
export function SegmentList({ onOpen }: { onOpen(id: string): void }) {
  const { t, me, locale } = useApp();
  const { q, setQ, items, cursor, error, load } = useSearchPages(listSegments);

  return (
    <PagedListFrame
      block="segments"
      label={t('ui.marketing.segments')}
      search={{ value: q, onChange: setQ, label: t('ui.segments.search') }}
      action={
        canEditSegments(me?.role) ? (
          <button type="button" className="btn btn--small btn--primary" onClick={() => onOpen('new')}>
            + {t('ui.segments.new')}
          </button>
        ) : null
      }
      error={error}
      count={items ? items.length : null}
      emptyText={q ? t('ui.segments.none_found') : t('ui.segments.empty')}
      more={cursor ? { label: t('ui.segments.more'), onMore: () => void load(cursor) } : null}
    >
      <table className="segments-table">
        <thead>
          <tr>
            <th>{t('ui.segments.name')}</th>
            <th>{t('ui.segments.description')}</th>
            <th>{t('ui.segments.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((segment) => (
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
    </PagedListFrame>
  );
}
