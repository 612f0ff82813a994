import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { attachments, InjectDb, messages, reusableStatement, type Attachment, type Db, type Executor as DbExecutor, type Message } from '@app/db';
import type { Executor } from './conversations.repository.js';

@Injectable()
export class MessagesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findById(id: string, executor: Executor = this.db): Promise<Message | undefined> {
    const [row] = await findByIdStatement(executor, { id });
    return row;
  }

  /** The contact's latest message in the conversation before `beforeId`: what a reply written then answers. */
  async latestIncomingBefore(conversationId: string, beforeId: string): Promise<Message | undefined> {
    const [row] = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.messageType, 'incoming'), lt(messages.id, beforeId), isNotNull(messages.externalId)))
      .orderBy(desc(messages.id))
      .limit(1);
    return row;
  }

  async findByExternalId(inboxId: string, externalId: string, executor: Executor = this.db): Promise<Message | undefined> {
    const [row] = await executor
      .select()
      .from(messages)
      .where(and(eq(messages.inboxId, inboxId), eq(messages.externalId, externalId)))
      .limit(1);
    return row;
  }

  /** Inserts unless (inbox, external id) exists already; answers undefined for a duplicate. */
  /** Stores an incoming message; answers undefined when a message with its external id is already stored. */
  async insertUnlessDuplicate(executor: Executor, values: IncomingMessageValues): Promise<Message | undefined> {
    const [row] = await insertIncomingStatement(executor as DbExecutor, {
      ...values,
      id: uuidv7(),
      createdAt: values.createdAt ? values.createdAt.toISOString() : null,
    });
    return row;
  }

  async insert(executor: Executor, values: typeof messages.$inferInsert): Promise<Message> {
    const [row] = await executor.insert(messages).values(values).returning();
    return row;
  }

  async update(executor: Executor, id: string, values: Partial<typeof messages.$inferInsert>): Promise<Message> {
    const [row] = await executor.update(messages).set(values).where(eq(messages.id, id)).returning();
    return row;
  }

  async insertAttachments(executor: Executor, rows: (typeof attachments.$inferInsert)[]): Promise<Attachment[]> {
    if (rows.length === 0) return [];
    return executor.insert(attachments).values(rows).returning();
  }

  async attachmentsOf(messageIds: string[], executor: Executor = this.db): Promise<Map<string, Attachment[]>> {
    const byMessage = new Map<string, Attachment[]>();
    if (messageIds.length === 0) return byMessage;
    const rows = await executor.select().from(attachments).where(inArray(attachments.messageId, messageIds)).orderBy(asc(attachments.id));
    for (const row of rows) byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), row]);
    return byMessage;
  }

  /** A page of a thread, newest first (the client shows them oldest first). */
  async page(conversationId: string, before: string | undefined, limit: number): Promise<Message[]> {
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), before ? lt(messages.id, before) : undefined))
      .orderBy(desc(messages.id))
      .limit(limit);
  }

  /** The conversation's oldest reply still waiting for delivery: replies leave in the order they were written. */
  /** The conversation's queued replies written before `messageId`: the oldest of them and how many there are. */
  async queuedBefore(conversationId: string, messageId: string): Promise<{ oldestId: string | null; count: number }> {
    const [row] = await queuedBeforeStatement(this.db, { conversationId, messageId });
    return { oldestId: row?.oldestId ?? null, count: Number(row?.count ?? 0) };
  }

  /** Outbound messages still waiting for delivery (the transactional outbox). */
  async queuedIds(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.status, 'queued'), lt(messages.updatedAt, olderThan)))
      .orderBy(asc(messages.id))
      .limit(limit);
    return rows.map((r) => r.id);
  }
}

/** Read by every delivery attempt and reply: built once (see reusableStatement). */
const findByIdStatement = reusableStatement<{ id: string }, Message[]>((db) => db.select().from(messages).where(eq(messages.id, sql.placeholder('id'))).limit(1));

/** Asked by every delivery attempt (see queuedBefore): built once. */
const queuedBeforeStatement = reusableStatement<{ conversationId: string; messageId: string }, Array<{ oldestId: string | null; count: number }>>((db) =>
  db
    .select({ oldestId: sql<string | null>`min(${messages.id}::text collate "C")`, count: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.conversationId, sql.placeholder('conversationId')), eq(messages.status, 'queued'), lt(messages.id, sql.placeholder('messageId')))),
);

/** What the ingestion path stores of a message: every column it sets (see insertIncomingStatement). */
export interface IncomingMessageValues {
  conversationId: string;
  inboxId: string;
  messageType: Message['messageType'];
  senderType: Message['senderType'];
  senderId: string | null;
  content: string | null;
  externalId: string;
  status: Message['status'];
  replyToId: string | null;
  contentAttributes: Record<string, unknown>;
  searchText: string;
  /** The channel's own time of the message; the database's clock when absent. */
  createdAt?: Date;
}

/**
 * Runs on every incoming message: built once (see reusableStatement). A redelivered webhook meets the unique
 * external id and stores nothing. `createdAt` is an ISO string or null (a placeholder in SQL reaches the
 * driver as it is).
 */
const insertIncomingStatement = reusableStatement<Omit<IncomingMessageValues, 'createdAt'> & { id: string; createdAt: string | null }, Message[]>((db) => {
  const p = (name: keyof IncomingMessageValues | 'id') => sql.placeholder(name);
  return db
    .insert(messages)
    .values({
      id: p('id'),
      conversationId: p('conversationId'),
      inboxId: p('inboxId'),
      messageType: p('messageType'),
      senderType: p('senderType'),
      senderId: p('senderId'),
      content: p('content'),
      externalId: p('externalId'),
      status: p('status'),
      replyToId: p('replyToId'),
      contentAttributes: p('contentAttributes'),
      searchText: p('searchText'),
      createdAt: sql`coalesce(${p('createdAt')}::timestamptz, now())`,
    })
    .onConflictDoNothing({ target: [messages.inboxId, messages.externalId], where: sql`${messages.externalId} is not null` })
    .returning();
});
