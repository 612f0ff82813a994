import type { Conversation } from '../api/types.js';

/** The ticket shapes the web app uses: one contract with the server. */
// The browser takes only the wire types, not the lib's index (which brings the Nest server with it).
// eslint-disable-next-line no-restricted-imports
import type { TicketReport, TicketReportLine, TicketSummary, TicketType, TicketView } from '../../../../libs/tickets/src/tickets.contract.js';
// eslint-disable-next-line no-restricted-imports
import type { TicketOverduePayload } from '../../../../libs/realtime/src/agent-events.js';

export type { TicketReport, TicketReportLine, TicketSummary, TicketType };
export type Ticket = TicketView;

export const TICKET_TYPES: readonly TicketType[] = ['question', 'complaint', 'warranty', 'return'];

export type TicketOverdueAlert = TicketOverduePayload;

export type ConversationWithTicket = Conversation & { ticket?: TicketSummary | null };

/** The conversation's ticket as its view carries it; null when it is none (or the view came without the field). */
export function ticketOf(conversation: Conversation): TicketSummary | null {
  return (conversation as ConversationWithTicket).ticket ?? null;
}

/** The summary part of a full ticket, as conversation views carry it. */
export function toSummary(ticket: Ticket): TicketSummary {
  const { conversationId: _c, inboxId: _i, assigneeId: _a, contact: _contact, ...summary } = ticket;
  return summary;
}
