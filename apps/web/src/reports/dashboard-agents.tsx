import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';
import type { LiveAgent } from './types.js';

const PRESENCE_ORDER: Record<LiveAgent['presence'], number> = { online: 0, busy: 1, offline: 2 };

function LoadBar({ agent }: { agent: LiveAgent }) {
  const { t } = useApp();
  if (!agent.capacity) return <span className="dash-load__text">{agent.openConversations}</span>;
  const percent = Math.min(100, Math.round((agent.openConversations / agent.capacity) * 100));
  const level = percent >= 100 ? 'full' : percent >= 80 ? 'high' : 'ok';
  return (
    <span className="dash-load" title={t('ui.dashboard.load_title', { open: agent.openConversations, capacity: agent.capacity })}>
      <span className="dash-load__bar" role="meter" aria-valuemin={0} aria-valuemax={agent.capacity} aria-valuenow={agent.openConversations} aria-label={t('ui.dashboard.load')}>
        <span className={`dash-load__fill dash-load__fill--${level}`} style={{ width: `${percent}%` }} />
      </span>
      <span className="dash-load__text">
        {agent.openConversations} / {agent.capacity}
      </span>
    </span>
  );
}

/** Who is at work and how full their hands are. */
export function DashboardAgents({ agents }: { agents: LiveAgent[] }) {
  const { t } = useApp();
  const sorted = [...agents].sort((a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || b.openConversations - a.openConversations || a.name.localeCompare(b.name));
  const online = agents.filter((a) => a.presence !== 'offline').length;
  return (
    <section className="dash-card" aria-labelledby="dash-agents-title">
      <header className="dash-card__head">
        <h2 id="dash-agents-title">{t('ui.dashboard.agents')}</h2>
        <span className="muted">{t('ui.dashboard.agents_online', { n: online, total: agents.length })}</span>
      </header>
      {sorted.length === 0 ? (
        <Empty>{t('ui.dashboard.no_agents')}</Empty>
      ) : (
        <table className="reports-table dash-agents">
          <thead>
            <tr>
              <th scope="col">{t('ui.dashboard.agent')}</th>
              <th scope="col">{t('ui.dashboard.presence')}</th>
              <th scope="col">{t('ui.dashboard.load')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((agent) => (
              <tr key={agent.userId} data-user-id={agent.userId}>
                <td>{agent.name}</td>
                <td>
                  <span className={`dash-presence dash-presence--${agent.presence}`} aria-hidden="true" /> {t(`ui.dashboard.presence.${agent.presence}`)}
                </td>
                <td>
                  <LoadBar agent={agent} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
