import { useApp } from '../app-context.js';
import { useNow } from '../ui/use-now.js';
import { useWorkspace } from '../workspace.js';
import { formatCountdown } from './report-format.js';
import type { SlaAlert } from './types.js';

interface Props {
  title: string;
  alerts: SlaAlert[];
  kind: 'breach' | 'warning';
  emptyText: string;
}

/** SLA breaches or warnings, each a link to its conversation with a clock that keeps counting. */
export function SlaAlertList({ title, alerts, kind, emptyText }: Props) {
  const { t, locale, navigate } = useApp();
  const { userName, inboxById } = useWorkspace();
  const now = useNow(1000);
  const sorted = [...alerts].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return (
    <section className={`dash-card dash-sla dash-sla--${kind}`} aria-label={title} data-testid={`dash-sla-${kind}`}>
      <header className="dash-card__head">
        <h2>{title}</h2>
        <span className={`dash-count dash-count--${kind}`}>{alerts.length}</span>
      </header>
      {sorted.length === 0 ? (
        <p className="muted dash-card__empty">{emptyText}</p>
      ) : (
        <ul className="dash-sla__list">
          {sorted.map((alert) => {
            const countdown = formatCountdown(alert.dueAt, now, locale);
            return (
              <li key={`${alert.conversationId}:${alert.kind}`}>
                <a
                  href={`/inbox/${alert.conversationId}`}
                  className="dash-sla__item"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate({ page: 'inbox', conversationId: alert.conversationId, panel: false });
                  }}
                >
                  <span className="dash-sla__main">
                    <span className="dash-sla__name">{alert.contactName || t('ui.contact.unnamed')}</span>
                    <span className="muted dash-sla__sub">
                      {t(`ui.sla.kind.${alert.kind}`)} · {inboxById(alert.inboxId)?.name ?? ''} · {alert.assigneeId ? userName(alert.assigneeId) : t('ui.dashboard.nobody')}
                    </span>
                  </span>
                  <time className={countdown.overdue ? 'dash-sla__clock is-overdue' : 'dash-sla__clock'} dateTime={alert.dueAt}>
                    {countdown.text}
                  </time>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
