import { useApp } from '../app-context.js';
import { formatClock } from '../format.js';
import { Spinner } from '../ui/bits.js';
import { useNow } from '../ui/use-now.js';
import { DashboardAgents } from './dashboard-agents.js';
import { DashboardTiles } from './dashboard-tiles.js';
import { SlaAlertList } from './sla-alert-list.js';
import { useLiveDashboard } from './use-live-dashboard.js';

/** The supervisor's live view: it follows the live channel and never needs a reload. */
export function DashboardPage() {
  const { t, locale } = useApp();
  const { data, error, reload } = useLiveDashboard();
  const now = useNow(1000);

  if (!data) {
    return error ? (
      <div className="reports-error" role="alert">
        <p>{error}</p>
        <button type="button" className="btn" onClick={reload}>
          {t('ui.action.retry')}
        </button>
      </div>
    ) : (
      <Spinner label={t('ui.loading')} />
    );
  }

  // The longest wait keeps growing between reloads.
  const waitSeconds = data.longestWait ? data.longestWait.seconds + Math.max(0, (now - Date.parse(data.generatedAt)) / 1000) : null;
  return (
    <div className="dash">
      <p className="muted dash__updated" aria-live="off">
        {t('ui.dashboard.updated_at', { time: formatClock(data.generatedAt, locale) })}
        {error ? <span className="dash__stale"> · {t('ui.dashboard.stale')}</span> : null}
      </p>
      <DashboardTiles data={data} waitSeconds={waitSeconds} />
      <div className="dash-grid">
        <DashboardAgents agents={data.agents} />
        <div className="dash-grid__side">
          <SlaAlertList kind="breach" title={t('ui.dashboard.sla_breaches')} alerts={data.slaBreaches} emptyText={t('ui.dashboard.no_breaches')} />
          <SlaAlertList kind="warning" title={t('ui.dashboard.sla_warnings')} alerts={data.slaWarnings} emptyText={t('ui.dashboard.no_warnings')} />
        </div>
      </div>
    </div>
  );
}
