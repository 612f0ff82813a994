import type { Conversation } from '../api/types.js';
import { useApp } from '../app-context.js';
import { ticketOf } from './types.js';

/** The ticket number in a conversation row, red once the ticket is overdue. */
export function TicketBadge({ conversation }: { conversation: Conversation }) {
  const { t } = useApp();
  const ticket = ticketOf(conversation);
  if (!ticket) return null;
  return (
    <span
      className={ticket.overdue ? 'chip tickets-badge is-overdue' : 'chip tickets-badge'}
      title={`${t('ui.tickets.badge_title', { number: ticket.number, type: t(`ticket.type.${ticket.type}`) })}${ticket.overdue ? ` · ${t('ui.tickets.overdue')}` : ''}`}
      data-testid="ticket-badge"
    >
      #{ticket.number}
    </span>
  );
}
