import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types.js';
import type { TicketSummary } from '../tickets/types.js';
import { appendPage, applyConversation, countExtraFilters, DEFAULT_FILTERS, filtersToQuery, matchesFilters, waitingSince, type ListState } from './list-state.js';

const ME = 'me-id';

function conv(id: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    inboxId: 'inbox-1',
    contactId: `contact-${id}`,
    status: 'open',
    snoozedUntil: null,
    priority: null,
    labels: [],
    assigneeId: ME,
    teamId: null,
    dealId: null,
    unreadCount: 0,
    lastMessageAt: `2026-11-28T10:0${id}:00.000Z`,
    lastMessagePreview: 'hi',
    contact: { id: `contact-${id}`, name: `Contact ${id}` },
    createdAt: '2026-11-28T09:00:00.000Z',
    updatedAt: `2026-11-28T10:0${id}:00.000Z`,
    ...overrides,
  };
}

const state = (items: Conversation[], nextCursor: string | null = null): ListState => ({ items, nextCursor, loading: false, error: null });

describe('conversation list reducer', () => {
  it('puts a new matching conversation on top when it arrives live', () => {
    const next = applyConversation(state([conv('2'), conv('1')]), conv('3'), DEFAULT_FILTERS, ME);
    expect(next.items.map((c) => c.id)).toEqual(['3', '2', '1']);
  });

  it('moves a conversation up when a new message changes its last activity', () => {
    const moved = conv('1', { lastMessageAt: '2026-11-28T11:00:00.000Z', updatedAt: '2026-11-28T11:00:00.000Z', unreadCount: 2 });
    const next = applyConversation(state([conv('2'), conv('1')]), moved, DEFAULT_FILTERS, ME);
    expect(next.items.map((c) => [c.id, c.unreadCount])).toEqual([
      ['1', 2],
      ['2', 0],
    ]);
  });

  it('removes a conversation that no longer matches, like a resolved one from the open list', () => {
    const resolved = conv('2', { status: 'resolved', updatedAt: '2026-11-28T12:00:00.000Z' });
    expect(applyConversation(state([conv('2'), conv('1')]), resolved, DEFAULT_FILTERS, ME).items.map((c) => c.id)).toEqual(['1']);
  });

  it('drops a conversation assigned to someone else from Mine and adds it to Unassigned only when unassigned', () => {
    const toOther = conv('2', { assigneeId: 'other', updatedAt: '2026-11-28T12:00:00.000Z' });
    expect(applyConversation(state([conv('2')]), toOther, DEFAULT_FILTERS, ME).items).toEqual([]);
    const unassignedTab = { ...DEFAULT_FILTERS, tab: 'unassigned' as const };
    expect(applyConversation(state([]), toOther, unassignedTab, ME).items).toEqual([]);
    expect(applyConversation(state([]), conv('4', { assigneeId: null }), unassignedTab, ME).items.map((c) => c.id)).toEqual(['4']);
  });

  it('ignores a replayed older copy of a conversation', () => {
    const fresh = conv('1', { unreadCount: 0, updatedAt: '2026-11-28T12:00:00.000Z' });
    const stale = conv('1', { unreadCount: 3, updatedAt: '2026-11-28T11:00:00.000Z' });
    expect(applyConversation(state([fresh]), stale, DEFAULT_FILTERS, ME).items[0].unreadCount).toBe(0);
  });

  it('updates but never adds rows while a text search is active', () => {
    const search = { ...DEFAULT_FILTERS, q: 'delivery' };
    expect(applyConversation(state([]), conv('5'), search, ME).items).toEqual([]);
    const updated = conv('1', { unreadCount: 4, updatedAt: '2026-11-28T12:00:00.000Z' });
    expect(applyConversation(state([conv('1')]), updated, search, ME).items[0].unreadCount).toBe(4);
  });

  it('leaves a row older than the loaded page for a later page', () => {
    const old = conv('0', { lastMessageAt: '2026-11-01T00:00:00.000Z' });
    expect(applyConversation(state([conv('2')], 'cursor'), old, DEFAULT_FILTERS, ME).items.map((c) => c.id)).toEqual(['2']);
    expect(applyConversation(state([conv('2')], null), old, DEFAULT_FILTERS, ME).items.map((c) => c.id)).toEqual(['2', '0']);
  });

  it('appends a page without duplicating rows that arrived live', () => {
    const next = appendPage(state([conv('3'), conv('2')], 'c1'), { items: [conv('2'), conv('1')], nextCursor: null }, false);
    expect(next.items.map((c) => c.id)).toEqual(['3', '2', '1']);
    expect(next.nextCursor).toBeNull();
  });
});

describe('filters', () => {
  it('turns tabs and filters into the API query', () => {
    expect(filtersToQuery(DEFAULT_FILTERS)).toEqual({ status: 'open', assigneeId: 'me' });
    expect(filtersToQuery({ tab: 'unassigned', status: 'all', inboxId: 'i', teamId: 't', label: ' vip ', ticket: 'overdue', ticketType: 'complaint', q: ' ёлкин ' })).toEqual({
      status: 'all',
      assigneeId: 'none',
      inboxId: 'i',
      teamId: 't',
      label: 'vip',
      ticket: 'overdue',
      ticketType: 'complaint',
      q: 'ёлкин',
    });
  });

  it('matches the ticket filters by the ticket the conversation carries, and cannot tell without the field', () => {
    const ticket = (type: TicketSummary['type'], overdue: boolean) =>
      ({ ticket: { id: 't', number: 1001, type, status: 'open', dueAt: null, overdue, checklist: [], closedAt: null, createdBy: null, createdAt: '', updatedAt: '' } }) as Partial<Conversation>;
    const tickets = { ...DEFAULT_FILTERS, tab: 'all' as const, ticket: 'only' as const };
    expect(matchesFilters(conv('1', ticket('complaint', false)), tickets, ME)).toBe(true);
    expect(matchesFilters(conv('1', { ticket: null } as Partial<Conversation>), tickets, ME)).toBe(false);
    expect(matchesFilters(conv('1'), tickets, ME)).toBeNull();
    expect(matchesFilters(conv('1', { status: 'resolved' }), tickets, ME)).toBe(false);
    const overdueComplaints = { ...tickets, ticket: 'overdue' as const, ticketType: 'complaint' as const };
    expect(matchesFilters(conv('1', ticket('complaint', true)), overdueComplaints, ME)).toBe(true);
    expect(matchesFilters(conv('1', ticket('complaint', false)), overdueComplaints, ME)).toBe(false);
    expect(matchesFilters(conv('1', ticket('warranty', true)), overdueComplaints, ME)).toBe(false);
    expect(countExtraFilters(overdueComplaints)).toBe(2);
  });

  it('keeps a listed ticket when a live change comes without its ticket field, and adds no unknown one', () => {
    const filters = { ...DEFAULT_FILTERS, tab: 'all' as const, ticket: 'only' as const };
    const listed = conv('1', { ticket: { type: 'question', overdue: false } } as Partial<Conversation>);
    const updated = conv('1', { unreadCount: 3, updatedAt: '2026-11-28T11:00:00.000Z' });
    expect(applyConversation(state([listed]), updated, filters, ME).items.map((c) => [c.id, c.unreadCount])).toEqual([['1', 3]]);
    expect(applyConversation(state([listed]), conv('2'), filters, ME).items.map((c) => c.id)).toEqual(['1']);
  });

  it('matches label, inbox and team filters', () => {
    const filters = { ...DEFAULT_FILTERS, tab: 'all' as const, label: 'vip', inboxId: 'inbox-1', teamId: 'team-1' };
    expect(matchesFilters(conv('1', { labels: ['vip'], teamId: 'team-1' }), filters, ME)).toBe(true);
    expect(matchesFilters(conv('1', { labels: [], teamId: 'team-1' }), filters, ME)).toBe(false);
  });
});

describe('waitingSince', () => {
  it('counts from the customer message when it is the last one', () => {
    expect(waitingSince(conv('1', { lastIncomingAt: '2026-11-28T10:01:00.000Z' }))).toBe('2026-11-28T10:01:00.000Z');
    expect(waitingSince(conv('1', { lastIncomingAt: '2026-11-28T10:00:59.950Z' }))).toBe('2026-11-28T10:00:59.950Z');
    expect(waitingSince(conv('1', { lastIncomingAt: '2026-11-28T09:00:00.000Z' }))).toBeNull();
    expect(waitingSince(conv('1', { lastIncomingAt: '2026-11-28T10:01:00.000Z', status: 'resolved' }))).toBeNull();
  });
});
