import type { ConversationStatus } from '../api/types.js';
import type { TicketType } from './types.js';

export interface TicketFilters {
  type: TicketType | '';
  status: ConversationStatus | 'all';
  overdue: boolean;
  /** A user id, `me`, `none` or '' for anyone. */
  assigneeId: string;
  inboxId: string;
  q: string;
}

export const DEFAULT_TICKET_FILTERS: TicketFilters = { type: '', status: 'all', overdue: false, assigneeId: '', inboxId: '', q: '' };

/** The query string of GET /api/tickets for these filters. */
export function ticketFiltersToQuery(filters: TicketFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.type) query.type = filters.type;
  if (filters.status !== 'all') query.status = filters.status;
  if (filters.overdue) query.overdue = 'true';
  if (filters.assigneeId) query.assigneeId = filters.assigneeId;
  if (filters.inboxId) query.inboxId = filters.inboxId;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}
