import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from '../../app-context.js';
import { formatAmount, formatDateTime } from '../../format.js';
import { Empty, Spinner } from '../../ui/bits.js';
import { useLiveEvents, useResync, useWorkspace } from '../../workspace.js';
import { ConfirmDialog } from '../../bots/confirm-dialog.js';
import { campaignsApi, canRunCampaigns, type CampaignTransition } from './campaigns-api.js';
import { ProgressBar, StatusChip } from './campaign-bits.js';
import { CampaignEditor } from './campaign-editor.js';
import { actionsFor, formatRate, withProgress } from './campaign-progress.js';
import { RecipientsTable } from './recipients-table.js';
import type { CampaignProgressPayload, CampaignResults, CampaignView } from './types.js';

const COUNTERS = ['total', 'queued', 'sent', 'delivered', 'failed', 'skipped', 'replied'] as const;
/** Results are computed from deals too; during a running campaign they are read again at most this often. */
const RESULTS_REFRESH_MS = 2_000;

/** One campaign: its live counters, results, the buttons its status allows, and its recipients. */
export function CampaignDetail({ id }: { id: string }) {
  const { t, me, locale, navigate, notify } = useApp();
  const { inboxById } = useWorkspace();
  const [campaign, setCampaign] = useState<CampaignView | null>(null);
  const [results, setResults] = useState<CampaignResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<'cancel' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const resultsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const runner = canRunCampaigns(me?.role);

  const loadResults = useCallback(() => {
    campaignsApi.results(id).then(setResults, () => undefined);
  }, [id]);

  const load = useCallback(async () => {
    try {
      setCampaign(await campaignsApi.get(id));
      setError(null);
      loadResults();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, [id, loadResults]);

  useEffect(() => {
    void load();
    return () => {
      if (resultsTimer.current) clearTimeout(resultsTimer.current);
    };
  }, [load]);

  useLiveEvents((event) => {
    if (event.type !== 'campaign.progress') return;
    const payload = event.payload as CampaignProgressPayload;
    if (payload.campaignId !== id) return;
    setCampaign((current) => (current ? withProgress(current, payload) : current));
    if (payload.status === 'completed' || payload.status === 'cancelled') return loadResults();
    if (!resultsTimer.current) {
      resultsTimer.current = setTimeout(() => {
        resultsTimer.current = null;
        loadResults();
      }, RESULTS_REFRESH_MS);
    }
  });
  useResync(() => void load());

  async function apply(action: CampaignTransition) {
    setBusy(true);
    try {
      setCampaign(await campaignsApi.transition(id, action));
      notify(t(`ui.campaigns.done.${action}`));
      setConfirming(null);
      loadResults();
    } catch (caught) {
      notify(caught instanceof Error ? caught.message : String(caught), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await campaignsApi.remove(id);
      notify(t('ui.campaigns.deleted'));
      navigate({ page: 'marketing', section: 'campaigns', id: null });
    } catch (caught) {
      notify(caught instanceof Error ? caught.message : String(caught), 'error');
    } finally {
      setBusy(false);
    }
  }

  if (error) {
    return (
      <p className="notice notice--error" role="alert">
        {error}
      </p>
    );
  }
  if (!campaign) return <Spinner label={t('ui.loading')} />;
  if (editing) {
    return (
      <CampaignEditor
        campaign={campaign}
        onCancel={() => setEditing(false)}
        onSaved={(saved) => {
          setCampaign(saved);
          setEditing(false);
        }}
      />
    );
  }

  const deletable = ['draft', 'completed', 'cancelled'].includes(campaign.status);
  return (
    <section className="campaigns-detail" aria-label={campaign.name}>
      <header className="campaigns-detail__head">
        <button type="button" className="btn btn--small btn--ghost" onClick={() => navigate({ page: 'marketing', section: 'campaigns', id: null })}>
          ← {t('ui.marketing.campaigns')}
        </button>
        <h2>{campaign.name}</h2>
        <StatusChip status={campaign.status} />
        {runner ? (
          <div className="campaigns-detail__actions">
            {actionsFor(campaign.status).map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'launch' || action === 'resume' ? 'btn btn--small btn--primary' : 'btn btn--small'}
                disabled={busy}
                data-action={action}
                onClick={() => (action === 'cancel' ? setConfirming('cancel') : void apply(action))}
              >
                {t(`ui.campaigns.action.${action}`)}
              </button>
            ))}
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setEditing(true)}>
              {t('ui.action.edit')}
            </button>
            {deletable ? (
              <button type="button" className="btn btn--small btn--ghost" onClick={() => setConfirming('delete')}>
                {t('ui.campaigns.delete')}
              </button>
            ) : null}
          </div>
        ) : null}
      </header>
      <p className="muted campaigns-detail__meta">
        {t('ui.campaigns.meta', { inbox: inboxById(campaign.inboxId)?.name ?? '—', created: formatDateTime(campaign.createdAt, locale) })}
        {campaign.scheduledAt && campaign.status === 'scheduled' ? ` · ${t('ui.campaigns.scheduled_for', { at: formatDateTime(campaign.scheduledAt, locale) })}` : null}
        {campaign.finishedAt ? ` · ${t('ui.campaigns.finished_at', { at: formatDateTime(campaign.finishedAt, locale) })}` : null}
      </p>
      <ProgressBar counts={campaign.counts} />
      <dl className="campaigns-counters" aria-live="polite">
        {COUNTERS.map((key) => (
          <div key={key} className="campaigns-counters__item" data-counter={key}>
            <dt>{t(`ui.campaigns.count.${key}`)}</dt>
            <dd>{campaign.counts[key]}</dd>
          </div>
        ))}
      </dl>
      {results ? <ResultsCard results={results} /> : null}
      <RecipientsTable campaignId={campaign.id} version={campaign.counts.total - campaign.counts.queued + campaign.counts.replied} />
      {confirming ? (
        <ConfirmDialog
          title={confirming === 'cancel' ? t('ui.campaigns.cancel_title') : t('ui.campaigns.delete_title')}
          text={confirming === 'cancel' ? t('ui.campaigns.cancel_text') : t('ui.campaigns.delete_text')}
          confirmLabel={confirming === 'cancel' ? t('ui.campaigns.action.cancel') : t('ui.campaigns.delete')}
          busy={busy}
          onConfirm={() => void (confirming === 'cancel' ? apply('cancel') : remove())}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </section>
  );
}

function ResultsCard({ results }: { results: CampaignResults }) {
  const { t, locale } = useApp();
  const money = (amount: string | null) => (amount === null ? '—' : formatAmount(amount, 'RUB', locale));
  const rows: Array<[string, string]> = [
    [t('ui.campaigns.result.delivery_rate'), formatRate(results.deliveryRate, locale)],
    [t('ui.campaigns.result.reply_rate'), formatRate(results.replyRate, locale)],
    [t('ui.campaigns.result.deals'), String(results.dealsCreated)],
    [t('ui.campaigns.result.revenue'), money(results.revenue)],
    [t('ui.campaigns.result.cost'), money(results.cost)],
    [t('ui.campaigns.result.cost_per_lead'), money(results.costPerLead)],
  ];
  return (
    <section className="campaigns-results" aria-label={t('ui.campaigns.results')}>
      <h3>{t('ui.campaigns.results')}</h3>
      {results.total === 0 ? <Empty>{t('ui.campaigns.results_empty')}</Empty> : null}
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} className="campaigns-results__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
