import { Injectable } from '@nestjs/common';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { contacts, conversations, InjectDb, likePattern, tickets, users, type Db, type Executor, type TicketRow } from '@app/db';
import type { TicketStatus } from './ticket-view.js';

/** A ticket with what it takes from its conversation (status, inbox, assignee, contact). */
export interface TicketRecord {
  ticket: TicketRow;
  status: TicketStatus;
  inboxId: string;
  assigneeId: string | null;
  contactId: string;
  contactName: string | null;
}

export interface TicketListFilter {
  /** null: every inbox. */
  visibleInboxIds: string[] | null;
  type?: TicketRow['type'];
  status?: TicketStatus;
  overdue?: boolean;
  /** null: unassigned. */
  assigneeId?: string | null;
  inboxId?: string;
  /** Folded search text, or a ticket number. */
  q?: string;
  number?: number;
  now: Date;
}

/** What the report needs of one ticket. */
export interface TicketReportRow {
  type: TicketRow['type'];
  status: TicketStatus;
  createdAt: Date;
  closedAt: Date | null;
  dueAt: Date | null;
  checklist: TicketRow['checklist'];
}

const recordColumns = {
  ticket: tickets,
  status: conversations.status,
  inboxId: conversations.inboxId,
  assigneeId: conversations.assigneeId,
  contactId: conversations.contactId,
  contactName: contacts.name,
};

// Tickets take status, inbox and assignee from their conversation: joined read-only, never written here.
@Injectable()
export class TicketsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  private records(executor: Executor) {
    return executor
      .select(recordColumns)
      .from(tickets)
      .innerJoin(conversations, eq(conversations.id, tickets.conversationId))
      .leftJoin(contacts, eq(contacts.id, conversations.contactId));
  }

  async findById(id: string, executor: Executor = this.db): Promise<TicketRecord | undefined> {
    const [row] = await this.records(executor).where(eq(tickets.id, id)).limit(1);
    return row;
  }

  async findByConversation(conversationId: string, executor: Executor = this.db): Promise<TicketRecord | undefined> {
    const [row] = await this.records(executor).where(eq(tickets.conversationId, conversationId)).limit(1);
    return row;
  }

  /** The tickets of these conversations, one query for a page of views. */
  async ofConversations(conversationIds: string[]): Promise<TicketRecord[]> {
    return conversationIds.length ? this.records(this.db).where(inArray(tickets.conversationId, conversationIds)) : [];
  }

  async insert(tx: Executor, values: typeof tickets.$inferInsert): Promise<TicketRow> {
    const [row] = await tx.insert(tickets).values(values).returning();
    return row;
  }

  async update(tx: Executor, id: string, values: Partial<typeof tickets.$inferInsert>): Promise<TicketRow> {
    const [row] = await tx.update(tickets).set(values).where(eq(tickets.id, id)).returning();
    return row;
  }

  async delete(tx: Executor, id: string): Promise<void> {
    await tx.delete(tickets).where(eq(tickets.id, id));
  }

  /** Newest first, keyset over ids. */
  async list(filter: TicketListFilter, cursor: string | undefined, limit: number): Promise<TicketRecord[]> {
    return this.records(this.db)
      .where(and(...this.conditions(filter), cursor ? lt(tickets.id, cursor) : undefined))
      .orderBy(desc(tickets.id))
      .limit(limit);
  }

  private conditions(f: TicketListFilter): Array<SQL | undefined> {
    const open = ne(conversations.status, 'resolved');
    const overdue = and(open, isNotNull(tickets.dueAt), lt(tickets.dueAt, f.now));
    const notOverdue = or(eq(conversations.status, 'resolved'), isNull(tickets.dueAt), gte(tickets.dueAt, f.now));
    return [
      f.visibleInboxIds ? (f.visibleInboxIds.length ? inArray(conversations.inboxId, f.visibleInboxIds) : sql`false`) : undefined,
      f.type ? eq(tickets.type, f.type) : undefined,
      f.status ? eq(conversations.status, f.status) : undefined,
      f.overdue === undefined ? undefined : f.overdue ? overdue : notOverdue,
      f.assigneeId === undefined ? undefined : f.assigneeId === null ? isNull(conversations.assigneeId) : eq(conversations.assigneeId, f.assigneeId),
      f.inboxId ? eq(conversations.inboxId, f.inboxId) : undefined,
      f.q !== undefined ? or(sql`${contacts.searchText} like ${likePattern(f.q)}`, f.number !== undefined ? eq(tickets.number, f.number) : undefined) : undefined,
    ];
  }

  /** Tickets opened or closed in [from, to), and every ticket open now, of the visible inboxes. */
  async reportRows(visibleInboxIds: string[] | null, from: Date, to: Date): Promise<TicketReportRow[]> {
    if (visibleInboxIds && visibleInboxIds.length === 0) return [];
    const inPeriod = (column: typeof tickets.createdAt | typeof tickets.closedAt) => and(gte(column, from), lt(column, to));
    return this.db
      .select({ type: tickets.type, status: conversations.status, createdAt: tickets.createdAt, closedAt: tickets.closedAt, dueAt: tickets.dueAt, checklist: tickets.checklist })
      .from(tickets)
      .innerJoin(conversations, eq(conversations.id, tickets.conversationId))
      .where(and(visibleInboxIds ? inArray(conversations.inboxId, visibleInboxIds) : undefined, or(inPeriod(tickets.createdAt), inPeriod(tickets.closedAt), ne(conversations.status, 'resolved'))));
  }

  /** Names of users (assignees, checklist authors) for views and exports. */
  async userNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Mirrors the conversation's resolution (null when it opens again). */
  async setClosedAt(conversationId: string, closedAt: Date | null): Promise<void> {
    await this.db.update(tickets).set({ closedAt }).where(eq(tickets.conversationId, conversationId));
  }

  /** Records the alert for this due date; false when another process already sent it or the due date moved. */
  async claimOverdueAlert(ticketId: string, dueAt: Date): Promise<boolean> {
    const rows = await this.db
      .update(tickets)
      .set({ overdueAlertedFor: dueAt })
      .where(and(eq(tickets.id, ticketId), eq(tickets.dueAt, dueAt), or(isNull(tickets.overdueAlertedFor), ne(tickets.overdueAlertedFor, dueAt))))
      .returning({ id: tickets.id });
    return rows.length > 0;
  }

  /** Open tickets due before `until` whose due date has no alert yet. */
  async awaitingAlert(until: Date): Promise<Array<{ id: string; dueAt: Date }>> {
    const rows = await this.db
      .select({ id: tickets.id, dueAt: tickets.dueAt })
      .from(tickets)
      .innerJoin(conversations, eq(conversations.id, tickets.conversationId))
      .where(and(isNotNull(tickets.dueAt), lt(tickets.dueAt, until), ne(conversations.status, 'resolved'), or(isNull(tickets.overdueAlertedFor), ne(tickets.overdueAlertedFor, tickets.dueAt))));
    return rows.map((r) => ({ id: r.id, dueAt: r.dueAt! }));
  }
}
