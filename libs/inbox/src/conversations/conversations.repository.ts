import { Injectable } from '@nestjs/common';
import { and, desc, eq, exists, inArray, isNull, lt, ne, sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';
import { contacts, conversations, InjectDb, likePattern, messages, reusableStatement, tickets, type Conversation, type Db, type TicketType } from '@app/db';

import type { Executor } from '@app/db';
export type { Executor };

export interface ConversationFilters {
  status?: Conversation['status'];
  inboxId?: string;
  /** 'none' lists unassigned conversations. */
  assigneeId?: string | 'none';
  teamId?: string;
  label?: string;
  contactId?: string;
  dealId?: string;
  /** Already folded for search. */
  q?: string;
  /** Only conversations marked as tickets, of this type, or overdue at `now`. */
  ticket?: TicketFilter;
  /** null: every inbox. */
  visibleInboxIds: string[] | null;
}

export interface TicketFilter {
  type?: TicketType;
  overdue?: boolean;
  now: Date;
}

export interface ConversationCursor {
  lastMessageAt: string;
  id: string;
}

export interface ConversationListRow {
  conversation: Conversation;
  contact: { id: string; name: string };
}

@Injectable()
export class ConversationsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findById(id: string, executor: Executor = this.db): Promise<Conversation | undefined> {
    const [row] = await findByIdStatement(executor, { id });
    return row;
  }

  async findForUpdate(executor: Executor, id: string): Promise<Conversation | undefined> {
    const [row] = await executor.select().from(conversations).where(eq(conversations.id, id)).for('update').limit(1);
    return row;
  }

  /** The conversation a new message from this contact joins: the latest one not resolved. */
  async findActive(executor: Executor, inboxId: string, contactId: string, threadKey: string | null): Promise<Conversation | undefined> {
    const [row] = await activeConversationQuery(executor, inboxId, contactId, threadKey);
    return row;
  }

  /**
   * The open conversation with this contact holding one of the messages (external ids, nearest
   * first): where a reply that names the messages it answers (e-mail References) belongs.
   */
  async findActiveByMessage(executor: Executor, inboxId: string, contactId: string, externalIds: string[]): Promise<Conversation | undefined> {
    if (externalIds.length === 0) return undefined;
    const [row] = await executor
      .select({ conversation: conversations })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(
        and(
          eq(messages.inboxId, inboxId),
          inArray(messages.externalId, externalIds),
          eq(conversations.contactId, contactId),
          sql`${conversations.status} <> 'resolved'`,
        ),
      )
      .orderBy(sql`array_position(array[${sql.join(externalIds.map((id) => sql`${id}`), sql`, `)}]::text[], ${messages.externalId})`, desc(conversations.id))
      .for('update', { of: conversations })
      .limit(1);
    return row?.conversation;
  }

  async insert(executor: Executor, values: typeof conversations.$inferInsert): Promise<Conversation> {
    const [row] = await executor.insert(conversations).values(values).returning();
    return row;
  }

  async update(executor: Executor, id: string, values: Partial<typeof conversations.$inferInsert>): Promise<Conversation> {
    const [row] = await executor.update(conversations).set(values).where(eq(conversations.id, id)).returning();
    return row;
  }

  /** Applies what an incoming message changes (see conversationAfterIncoming) with a statement built once. */
  async applyIncoming(executor: Executor, id: string, changes: IncomingConversationChanges): Promise<Conversation> {
    const [row] = await applyIncomingStatement(executor, {
      id,
      lastMessageAt: changes.lastMessageAt?.toISOString() ?? null,
      lastMessagePreview: changes.lastMessagePreview,
      unreadCount: changes.unreadCount ?? null,
      lastIncomingAt: changes.lastIncomingAt?.toISOString() ?? null,
      reopen: changes.status === 'open',
      updatedAt: new Date().toISOString(),
    });
    return row;
  }

  /** Newest activity first; the cursor is the (lastMessageAt, id) of the previous page's last row. */
  async list(filters: ConversationFilters, cursor: ConversationCursor | undefined, limit: number): Promise<ConversationListRow[]> {
    const conditions: (SQL | undefined)[] = [];
    if (filters.visibleInboxIds !== null) {
      if (filters.visibleInboxIds.length === 0) return [];
      conditions.push(inArray(conversations.inboxId, filters.visibleInboxIds));
    }
    if (filters.status) conditions.push(eq(conversations.status, filters.status));
    if (filters.inboxId) conditions.push(eq(conversations.inboxId, filters.inboxId));
    if (filters.assigneeId === 'none') conditions.push(isNull(conversations.assigneeId));
    else if (filters.assigneeId) conditions.push(eq(conversations.assigneeId, filters.assigneeId));
    if (filters.teamId) conditions.push(eq(conversations.teamId, filters.teamId));
    if (filters.contactId) conditions.push(eq(conversations.contactId, filters.contactId));
    if (filters.dealId) conditions.push(eq(conversations.dealId, filters.dealId));
    if (filters.label) conditions.push(sql`${conversations.labels} @> ARRAY[${filters.label}]::text[]`);
    if (filters.ticket) conditions.push(...this.ticketConditions(filters.ticket));
    if (filters.q) {
      const pattern = likePattern(filters.q);
      // The matching ids come first from the trigram indexes (a small set), so the list reads only those
      // conversations instead of probing every conversation's messages in activity order.
      conditions.push(
        sql`${conversations.id} in (
          select ${messages.conversationId} from ${messages} where ${messages.searchText} like ${pattern}
          union
          select c2.id from ${conversations} c2 join ${contacts} k on k.id = c2.contact_id where k.search_text like ${pattern}
        )`,
      );
    }
    const sortKey = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;
    if (cursor) {
      conditions.push(sql`(${sortKey}, ${conversations.id}) < (${cursor.lastMessageAt}::timestamptz, ${cursor.id}::uuid)`);
    }
    const rows = await this.db
      .select({ conversation: conversations, contact: { id: contacts.id, name: contacts.name } })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(and(...conditions))
      .orderBy(desc(sortKey), desc(conversations.id))
      .limit(limit);
    return rows;
  }

  /**
   * A semi-join on the ticket's unique conversation id: the planner reads the few tickets first or probes
   * each listed conversation, whichever its statistics say is cheaper.
   */
  private ticketConditions(filter: TicketFilter): SQL[] {
    const ticket = this.db
      .select({ one: sql`1` })
      .from(tickets)
      .where(
        and(
          eq(tickets.conversationId, conversations.id),
          filter.type ? eq(tickets.type, filter.type) : undefined,
          filter.overdue ? lt(tickets.dueAt, filter.now) : undefined,
        ),
      );
    // Overdue as the tickets page tells it: the due date passed and the conversation is not resolved.
    return filter.overdue ? [exists(ticket), ne(conversations.status, 'resolved')] : [exists(ticket)];
  }

  async contactSummary(executor: Executor | undefined, contactId: string): Promise<{ id: string; name: string }> {
    const [row] = await (executor ?? this.db).select({ id: contacts.id, name: contacts.name }).from(contacts).where(eq(contacts.id, contactId)).limit(1);
    return row ?? { id: contactId, name: '' };
  }

  async inboxOf(id: string): Promise<string | null> {
    const [row] = await this.db.select({ inboxId: conversations.inboxId }).from(conversations).where(eq(conversations.id, id)).limit(1);
    return row?.inboxId ?? null;
  }

  /** The conversation with the latest activity among those about a deal, or else with a contact. */
  async latestOf(where: { dealId: string } | { contactId: string }): Promise<Conversation | undefined> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where('dealId' in where ? eq(conversations.dealId, where.dealId) : eq(conversations.contactId, where.contactId))
      .orderBy(sql`${conversations.lastMessageAt} desc nulls last`, desc(conversations.id))
      .limit(1);
    return row;
  }

  /** Conversations due to wake from snooze, for the wake-up sweep. */
  async dueSnoozed(now: Date): Promise<string[]> {
    const rows = await this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.status, 'snoozed'), lt(conversations.snoozedUntil, now)));
    return rows.map((r) => r.id);
  }
}

/**
 * The query behind {@link ConversationsRepository.findActive}, locking the row it finds. The contact may
 * be a column of an outer query, so a caller can join it laterally and save a round trip, and the other
 * values placeholders of a statement built once.
 */
export function activeConversationQuery(executor: Executor, inboxId: string | Placeholder, contactId: string | Column, threadKey: string | Placeholder | null) {
  return executor
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.inboxId, inboxId),
        eq(conversations.contactId, contactId),
        sql`${conversations.status} <> 'resolved'`,
        threadKey === null ? isNull(conversations.threadKey) : eq(conversations.threadKey, threadKey),
      ),
    )
    .orderBy(desc(conversations.id))
    .for('update')
    .limit(1);
}

/**
 * What an incoming message changes in its conversation: always the last activity and the preview; for a
 * customer's message also the unread count and last incoming time, and a snoozed or pending conversation
 * opens again.
 */
export interface IncomingConversationChanges {
  lastMessageAt: Date | null;
  lastMessagePreview: string | null;
  unreadCount?: number;
  lastIncomingAt?: Date;
  status?: 'open';
  snoozedUntil?: null;
}

/** Read by every reply and delivery: built once (see reusableStatement). */
const findByIdStatement = reusableStatement<{ id: string }, Conversation[]>((db) => db.select().from(conversations).where(eq(conversations.id, sql.placeholder('id'))).limit(1));

/**
 * Runs on every incoming message: built once (see reusableStatement). Times are ISO strings (placeholders in
 * SQL reach the driver as they are); a null leaves the column as it is.
 */
const applyIncomingStatement = reusableStatement<
  { id: string; lastMessageAt: string | null; lastMessagePreview: string | null; unreadCount: number | null; lastIncomingAt: string | null; reopen: boolean; updatedAt: string },
  Conversation[]
>((db) => {
  const p = (name: string) => sql.placeholder(name);
  const reopen = sql`${p('reopen')}::boolean`;
  return db
    .update(conversations)
    .set({
      lastMessageAt: sql`coalesce(${p('lastMessageAt')}::timestamptz, ${conversations.lastMessageAt})`,
      lastMessagePreview: sql`${p('lastMessagePreview')}::text`,
      unreadCount: sql`coalesce(${p('unreadCount')}::integer, ${conversations.unreadCount})`,
      lastIncomingAt: sql`coalesce(${p('lastIncomingAt')}::timestamptz, ${conversations.lastIncomingAt})`,
      status: sql`case when ${reopen} then 'open' else ${conversations.status} end`,
      snoozedUntil: sql`case when ${reopen} then null else ${conversations.snoozedUntil} end`,
      updatedAt: sql`${p('updatedAt')}::timestamptz`,
    })
    .where(eq(conversations.id, sql.placeholder('id')))
    .returning();
});
