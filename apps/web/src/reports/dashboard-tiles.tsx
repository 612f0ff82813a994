import type { ReactNode } from 'react';
import { useApp } from '../app-context.js';
import { formatDuration } from './report-format.js';
import type { LiveDashboard } from './types.js';

function Tile({ label, value, testId, children }: { label: string; value: ReactNode; testId: string; children?: ReactNode }) {
  return (
    <div className="dash-tile" data-testid={testId}>
      <span className="dash-tile__label">{label}</span>
      <span className="dash-tile__value">{value}</span>
      {children}
    </div>
  );
}

/** The four numbers a supervisor looks at first. */
export function DashboardTiles({ data, waitSeconds }: { data: LiveDashboard; waitSeconds: number | null }) {
  const { t, locale, navigate } = useApp();
  const longest = data.longestWait;
  return (
    <div className="dash-tiles">
      <Tile label={t('ui.dashboard.open')} value={data.open} testId="dash-open" />
      <Tile label={t('ui.dashboard.unassigned')} value={data.unassigned} testId="dash-unassigned" />
      <Tile label={t('ui.dashboard.waiting')} value={data.waiting} testId="dash-waiting" />
      <Tile label={t('ui.dashboard.longest_wait')} value={longest ? formatDuration(waitSeconds, locale) : '—'} testId="dash-longest-wait">
        {longest ? (
          <a
            className="dash-tile__link"
            href={`/inbox/${longest.conversationId}`}
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: 'inbox', conversationId: longest.conversationId, panel: false });
            }}
          >
            {t('ui.dashboard.open_conversation')}
          </a>
        ) : null}
      </Tile>
    </div>
  );
}
