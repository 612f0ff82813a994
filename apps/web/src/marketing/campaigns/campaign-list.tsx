import { useApp } from '../../app-context.js';
import { formatDateTime } from '../../format.js';
import { PagedListFrame } from '../../ui/paged-list-frame.js';
import { useSearchPages } from '../../ui/use-search-pages.js';
import { useLiveEvents } from '../../workspace.js';
import { campaignsApi, canRunCampaigns } from './campaigns-api.js';
import { withProgress } from './campaign-progress.js';
import { ProgressBar, StatusChip } from './campaign-bits.js';
import type { CampaignProgressPayload } from './types.js';

/** Stable, as useSearchPages asks. */
const listCampaigns = (query: { q: string; cursor: string | null }) => campaignsApi.list(query);

/** Every campaign with its status and how far it got, kept current by the live progress events. */
export function CampaignList() {
  const { t, me, locale, navigate } = useApp();
  const { q, setQ, items, setItems, cursor, error, load } = useSearchPages(listCampaigns);

  useLiveEvents((event) => {
    if (event.type !== 'campaign.progress') return;
    const payload = event.payload as CampaignProgressPayload;
    setItems((list) => list?.map((c) => withProgress(c, payload)) ?? list);
  });

  const open = (id: string) => navigate({ page: 'marketing', section: 'campaigns', id });

  return (
    <PagedListFrame
      block="campaigns"
      label={t('ui.marketing.campaigns')}
      search={{ value: q, onChange: setQ, label: t('ui.campaigns.search') }}
      action={
        canRunCampaigns(me?.role) ? (
          <button type="button" className="btn btn--small btn--primary" onClick={() => open('new')}>
            + {t('ui.campaigns.new')}
          </button>
        ) : null
      }
      error={error}
      count={items ? items.length : null}
      emptyText={q ? t('ui.campaigns.none_found') : t('ui.campaigns.empty')}
      more={cursor ? { label: t('ui.campaigns.more'), onMore: () => void load(cursor) } : null}
    >
      <table className="campaigns-table">
        <thead>
          <tr>
            <th>{t('ui.campaigns.col.name')}</th>
            <th>{t('ui.campaigns.col.status')}</th>
            <th>{t('ui.campaigns.col.progress')}</th>
            <th>{t('ui.campaigns.col.created')}</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((campaign) => (
            <tr key={campaign.id} data-campaign-id={campaign.id}>
              <td>
                <a
                  href={`/marketing/campaigns/${campaign.id}`}
                  className="campaigns-table__name"
                  onClick={(e) => {
                    e.preventDefault();
                    open(campaign.id);
                  }}
                >
                  {campaign.name}
                </a>
              </td>
              <td>
                <StatusChip status={campaign.status} />
              </td>
              <td className="campaigns-table__progress">
                <ProgressBar counts={campaign.counts} />
              </td>
              <td className="muted">{formatDateTime(campaign.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PagedListFrame>
  );
}
