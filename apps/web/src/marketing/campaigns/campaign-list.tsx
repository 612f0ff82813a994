import { useApp } from '../../app-context.js';
import { formatDateTime } from '../../format.js';
import { Empty, Spinner } from '../../ui/bits.js';
import { useSearchPages } from '../../bots/use-search-pages.js';
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
    <section className="campaigns" aria-label={t('ui.marketing.campaigns')}>
      <div className="campaigns__toolbar">
        <input type="search" className="input input--search campaigns__search" placeholder={t('ui.campaigns.search')} aria-label={t('ui.campaigns.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        {canRunCampaigns(me?.role) ? (
          <button type="button" className="btn btn--small btn--primary" onClick={() => open('new')}>
            + {t('ui.campaigns.new')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {items === null && !error ? <Spinner label={t('ui.loading')} /> : null}
      {items && items.length === 0 ? <Empty>{q ? t('ui.campaigns.none_found') : t('ui.campaigns.empty')}</Empty> : null}
      {items && items.length > 0 ? (
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
            {items.map((campaign) => (
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
      ) : null}
      {cursor ? (
        <button type="button" className="btn btn--small campaigns__more" onClick={() => void load(cursor)}>
          {t('ui.campaigns.more')}
        </button>
      ) : null}
    </section>
  );
}
