import { useApp } from '../app-context.js';
import { formatCountdown } from '../reports/report-format.js';
import { Icon } from '../ui/icons.js';
import { useNow } from '../ui/use-now.js';
import { slaBadgeState } from './sla-state.js';
import { useConversationSla } from './use-conversation-sla.js';

/** The conversation's next SLA due time counting down, red once it is missed. */
export function SlaBadge({ conversation, size = 'list' }: { conversation: { id: string; updatedAt?: string }; size?: 'list' | 'head' }) {
  const { t, locale } = useApp();
  const now = useNow(1000);
  const state = slaBadgeState(useConversationSla(conversation), now);
  if (!state) return null;
  const countdown = state.dueAt ? formatCountdown(state.dueAt, now, locale) : null;
  const title = state.kind ? t('ui.sla.badge_title', { kind: t(`ui.sla.kind.${state.kind}`) }) : t('ui.sla.missed');
  return (
    <span className={state.missed ? `chip reports-sla-badge is-missed reports-sla-badge--${size}` : `chip reports-sla-badge reports-sla-badge--${size}`} title={title} data-testid="sla-badge">
      <Icon name="clock" size={11} /> {countdown ? t('ui.sla.badge', { time: countdown.text }) : t('ui.sla.missed')}
    </span>
  );
}
