/**
 * The REST contract of tickets, shared with the web app (type-only imports). Durations are seconds or
 * null when there is no data; checklist completion is 0..1 or null.
 */
export type TicketType = 'question' | 'complaint' | 'warranty' | 'return';
/** A ticket's status is its conversation's. */
export type TicketStatus = 'open' | 'pending' | 'snoozed' | 'resolved';

export interface TicketChecklistItemView {
  id: string;
  text: string;
  done: boolean;
  doneBy: string | null;
  doneAt: string | null;
}

/** What the conversation views carry as `ticket`. */
export interface TicketSummary {
  id: string;
  number: number;
  type: TicketType;
  status: TicketStatus;
  dueAt: string | null;
  /** The due date passed and the conversation is not resolved. */
  overdue: boolean;
  checklist: TicketChecklistItemView[];
  /** When the conversation was resolved; null while it is not. */
  closedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A ticket as the tickets API answers it. */
export interface TicketView extends TicketSummary {
  conversationId: string;
  inboxId: string;
  assigneeId: string | null;
  contact: { id: string; name: string };
}

export interface TicketReportLine {
  /** null for the total over every type. */
  type: TicketType | null;
  /** Marked as tickets in the period. */
  opened: number;
  /** Resolved in the period. */
  resolved: number;
  openNow: number;
  overdueNow: number;
  /** From marking to resolution, of those resolved in the period; null when none was. */
  avgResolutionSeconds: number | null;
  p50ResolutionSeconds: number | null;
  /** Done items over all checklist items of the tickets opened in the period; null when they have none. */
  checklistCompletion: number | null;
  checklistDone: number;
  checklistTotal: number;
}

export interface TicketReport {
  from: string;
  to: string;
  timezone: string;
  rows: TicketReportLine[];
  total: TicketReportLine;
}
