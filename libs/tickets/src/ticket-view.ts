import { TICKET_TYPE_VALUES, type TicketRow } from '@app/db';
import type { TicketStatus, TicketSummary, TicketType, TicketView } from './tickets.contract.js';

export type { TicketStatus, TicketSummary, TicketView };

/** The schema's list: the database's check constraint and the API accept the same types. */
export const TICKET_TYPES = TICKET_TYPE_VALUES satisfies readonly TicketType[];
export const TICKET_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const satisfies readonly TicketStatus[];

/** Overdue: the due date passed and the conversation is not resolved. */
export function isOverdue(dueAt: Date | null, status: TicketStatus, now: Date): boolean {
  return dueAt !== null && status !== 'resolved' && dueAt.getTime() < now.getTime();
}

export function toTicketSummary(ticket: TicketRow, status: TicketStatus, now: Date): TicketSummary {
  return {
    id: ticket.id,
    number: ticket.number,
    type: ticket.type,
    status,
    dueAt: ticket.dueAt?.toISOString() ?? null,
    overdue: isOverdue(ticket.dueAt, status, now),
    checklist: ticket.checklist,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    createdBy: ticket.createdBy,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}

export function toTicketView(
  record: { ticket: TicketRow; status: TicketStatus; inboxId: string; assigneeId: string | null; contactId: string; contactName: string | null },
  now: Date,
): TicketView {
  return {
    ...toTicketSummary(record.ticket, record.status, now),
    conversationId: record.ticket.conversationId,
    inboxId: record.inboxId,
    assigneeId: record.assigneeId,
    contact: { id: record.contactId, name: record.contactName ?? '' },
  };
}
