import type { Conversation, ConversationStatus } from '../api/types.js';
import { ticketOf, type TicketType } from '../tickets/types.js';

export type InboxTab = 'mine' | 'unassigned' | 'all';

/** '' every conversation; 'only' those marked as tickets; 'overdue' tickets past their due date. */
export type TicketListFilter = '' | 'only' | 'overdue';

export interface ListFilters {
  tab: InboxTab;
  status: ConversationStatus | 'all';
  inboxId: string;
  teamId: string;
  label: string;
  ticket: TicketListFilter;
  ticketType: TicketType | '';
  q: string;
}

export const DEFAULT_FILTERS: ListFilters = { tab: 'mine', status: 'open', inboxId: '', teamId: '', label: '', ticket: '', ticketType: '', q: '' };

/** The query string of GET /api/conversations for these filters. */
export function filtersToQuery(filters: ListFilters): Record<string, string> {
  const query: Record<string, string> = { status: filters.status };
  if (filters.tab === 'mine') query.assigneeId = 'me';
  if (filters.tab === 'unassigned') query.assigneeId = 'none';
  if (filters.inboxId) query.inboxId = filters.inboxId;
  if (filters.teamId) query.teamId = filters.teamId;
  if (filters.label.trim()) query.label = filters.label.trim();
  if (filters.ticket) query.ticket = filters.ticket;
  if (filters.ticketType) query.ticketType = filters.ticketType;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}

/** How many of the filters behind the filter button are set. */
export function countExtraFilters(filters: ListFilters): number {
  return [filters.inboxId, filters.teamId, filters.label, filters.ticket, filters.ticketType].filter(Boolean).length;
}

/**
 * Whether a conversation belongs in the list, or null when the browser cannot tell: a text search
 * runs on the server over messages, so a live change can update a listed row but not add one.
 */
export function matchesFilters(c: Conversation, filters: ListFilters, meId: string): boolean | null {
  if (filters.tab === 'mine' && c.assigneeId !== meId) return false;
  if (filters.tab === 'unassigned' && c.assigneeId !== null) return false;
  if (filters.status !== 'all' && c.status !== filters.status) return false;
  if (filters.inboxId && c.inboxId !== filters.inboxId) return false;
  if (filters.teamId && c.teamId !== filters.teamId) return false;
  if (filters.label.trim() && !c.labels.includes(filters.label.trim())) return false;
  const ticket = matchesTicket(c, filters);
  if (ticket === false) return false;
  if (filters.q.trim() || ticket === null) return null;
  return true;
}

/** Null when the ticket filters are set and the change came without the conversation's ticket field. */
function matchesTicket(c: Conversation, filters: ListFilters): boolean | null {
  if (!filters.ticket && !filters.ticketType) return true;
  if (!('ticket' in c)) return null;
  const ticket = ticketOf(c);
  if (!ticket) return false;
  if (filters.ticketType && ticket.type !== filters.ticketType) return false;
  return filters.ticket !== 'overdue' || ticket.overdue;
}

export interface ListState {
  items: Conversation[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
}

export const EMPTY_LIST: ListState = { items: [], nextCursor: null, loading: true, error: null };

const sortKey = (c: Conversation) => c.lastMessageAt ?? c.createdAt;

/** Newest activity first, ties by id, the order the server pages in. */
export function compareConversations(a: Conversation, b: Conversation): number {
  const byTime = sortKey(b).localeCompare(sortKey(a));
  return byTime !== 0 ? byTime : b.id.localeCompare(a.id);
}

/** Applies a live conversation change to the list: added, moved, updated or removed as the filters say. */
export function applyConversation(state: ListState, incoming: Conversation, filters: ListFilters, meId: string): ListState {
  const index = state.items.findIndex((c) => c.id === incoming.id);
  const existing = index >= 0 ? state.items[index] : undefined;
  // An older copy (a catch-up replaying events already shown) must not undo a newer one.
  if (existing && existing.updatedAt > incoming.updatedAt) return state;
  const merged: Conversation = existing ? { ...existing, ...incoming, contact: incoming.contact ?? existing.contact } : incoming;
  const belongs = matchesFilters(merged, filters, meId);
  const keep = belongs === true || (belongs === null && existing !== undefined);
  const rest = index >= 0 ? [...state.items.slice(0, index), ...state.items.slice(index + 1)] : state.items;
  if (!keep) return index >= 0 ? { ...state, items: rest } : state;
  // A row older than everything loaded so far arrives with a later page, not now.
  const last = rest[rest.length - 1];
  if (!existing && state.nextCursor && last && compareConversations(merged, last) > 0) return state;
  return { ...state, items: [...rest, merged].sort(compareConversations) };
}

/** Appends a fetched page, skipping rows a live event already put in the list. */
export function appendPage(state: ListState, page: { items: Conversation[]; nextCursor: string | null }, replace: boolean): ListState {
  const base = replace ? [] : state.items;
  const known = new Set(base.map((c) => c.id));
  return { items: [...base, ...page.items.filter((c) => !known.has(c.id))], nextCursor: page.nextCursor, loading: false, error: null };
}

export function totalUnread(items: readonly Conversation[]): number {
  return items.reduce((sum, c) => sum + (c.unreadCount > 0 ? 1 : 0), 0);
}

/** A reply this soon after the customer's message is the same moment: a new conversation is stamped just after its first message. */
const SAME_MOMENT_MS = 1000;

/** Since when the customer has been waiting for an answer, or null when the last word was ours. */
export function waitingSince(c: Conversation): string | null {
  if (c.status === 'resolved' || c.status === 'snoozed') return null;
  const incoming = c.lastIncomingAt ?? (c.unreadCount > 0 ? c.lastMessageAt : null);
  if (!incoming) return null;
  if (c.lastMessageAt && Date.parse(c.lastMessageAt) - Date.parse(incoming) >= SAME_MOMENT_MS) return null;
  return incoming;
}
