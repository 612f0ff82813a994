import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from '../../app-context.js';
import { formatDateTime } from '../../format.js';
import { PagedListFrame } from '../../ui/paged-list-frame.js';
import { campaignsApi } from './campaigns-api.js';
import type { CampaignRecipientStatus, CampaignRecipientView } from './types.js';

const STATUSES: CampaignRecipientStatus[] = ['queued', 'sent', 'delivered', 'failed', 'skipped', 'replied'];
/** While a campaign runs, the first page is read again at most this often. */
const REFRESH_MS = 3_000;

/** The recipients, newest first, filtered by status; `version` changes when the campaign's counts move. */
export function RecipientsTable({ campaignId, version }: { campaignId: string; version: number }) {
  const { t, locale, navigate } = useApp();
  const [status, setStatus] = useState<CampaignRecipientStatus | ''>('');
  const [items, setItems] = useState<CampaignRecipientView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastLoad = useRef(0);

  const load = useCallback(
    async (from: string | null) => {
      lastLoad.current = Date.now();
      try {
        const page = await campaignsApi.recipients(campaignId, { status, cursor: from });
        setItems((list) => (from && list ? [...list, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    },
    [campaignId, status],
  );

  useEffect(() => {
    setItems(null);
    void load(null);
  }, [load]);

  // The counts moving reloads the first page now and then; the filter has its own effect above.
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (Date.now() - lastLoad.current >= REFRESH_MS) void loadRef.current(null);
  }, [version]);

  return (
    <PagedListFrame
      block="campaigns-recipients"
      label={t('ui.campaigns.recipients')}
      heading={<h3>{t('ui.campaigns.recipients')}</h3>}
      action={
        <select className="input input--compact" aria-label={t('ui.campaigns.filter_status')} value={status} onChange={(e) => setStatus(e.target.value as CampaignRecipientStatus | '')}>
          <option value="">{t('ui.campaigns.all_statuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`ui.campaigns.recipient.${s}`)}
            </option>
          ))}
        </select>
      }
      error={error}
      count={items ? items.length : null}
      emptyText={t('ui.campaigns.no_recipients')}
      more={cursor ? { label: t('ui.campaigns.more'), onMore: () => void load(cursor) } : null}
    >
      <table className="campaigns-table">
        <thead>
          <tr>
            <th>{t('ui.campaigns.col.contact')}</th>
            <th>{t('ui.campaigns.col.status')}</th>
            <th>{t('ui.campaigns.col.details')}</th>
            <th>{t('ui.campaigns.col.when')}</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((r) => (
            <tr key={r.id} data-recipient-status={r.status}>
              <td>
                {r.conversationId ? (
                  <a
                    href={`/inbox/${r.conversationId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ page: 'inbox', conversationId: r.conversationId, panel: false });
                    }}
                  >
                    {r.contact.name || '—'}
                  </a>
                ) : (
                  r.contact.name || '—'
                )}
              </td>
              <td>{t(`ui.campaigns.recipient.${r.status}`)}</td>
              <td className="muted">{r.skipReason ? t(skipReasonKey(r.skipReason)) : (r.error ?? '')}</td>
              <td className="muted">{formatDateTime(r.repliedAt ?? r.deliveredAt ?? r.sentAt ?? r.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PagedListFrame>
  );
}

const SKIP_REASONS = ['opted_out', 'no_address', 'blocked', 'inbox_unavailable', 'template_missing', 'cancelled'] as const;

function skipReasonKey(reason: string) {
  const known = (SKIP_REASONS as readonly string[]).includes(reason) ? (reason as (typeof SKIP_REASONS)[number]) : 'other';
  return `ui.campaigns.skip.${known}` as const;
}
