import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, getTableColumns, isNull, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import { foldForSearch, notFound } from '@app/common';
import { contacts, InjectDb, isForeignKeyViolation, likePattern, pgErrorOf, messageTriggers, toPage, triggerOccurrences, type Db, type Executor, type MessageTriggerRow, type Page, type TriggerOccurrenceRow } from '@app/db';
import type { TriggerKind } from './dto/trigger.dto.js';

export type TriggerValues = Omit<typeof messageTriggers.$inferInsert, 'id' | 'searchText' | 'createdAt' | 'updatedAt' | 'lastFiredAt'>;
export type NewOccurrence = Pick<typeof triggerOccurrences.$inferInsert, 'triggerId' | 'contactId' | 'occurrenceKey' | 'dueAt' | 'context'> & {
  test?: boolean;
  status?: TriggerOccurrenceRow['status'];
  reason?: string | null;
};
/** A log row, with the contact's name for the log's screen. */
export type OccurrenceView = TriggerOccurrenceRow & { contactName: string };
export type OccurrenceOutcome = Pick<TriggerOccurrenceRow, 'status' | 'reason'> & Partial<Pick<TriggerOccurrenceRow, 'conversationId' | 'messageId' | 'sentAt'>>;

/** A claim older than this belongs to a process that stopped mid-send (a send takes well under a second). */
const STALE_CLAIM_MS = 15 * 60_000;

@Injectable()
export class TriggersRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filters: { q?: string; kind?: TriggerKind; cursor?: string; limit: number }): Promise<Page<MessageTriggerRow>> {
    const conditions: Array<SQL | undefined> = [
      filters.kind ? eq(messageTriggers.kind, filters.kind) : undefined,
      filters.q ? like(messageTriggers.searchText, likePattern(foldForSearch(filters.q))) : undefined,
      filters.cursor ? lt(messageTriggers.id, filters.cursor) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(messageTriggers)
      .where(and(...conditions))
      .orderBy(desc(messageTriggers.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async listActive(): Promise<MessageTriggerRow[]> {
    return this.db.select().from(messageTriggers).where(eq(messageTriggers.active, true)).orderBy(asc(messageTriggers.id));
  }

  async findById(id: string): Promise<MessageTriggerRow | undefined> {
    const [row] = await this.db.select().from(messageTriggers).where(eq(messageTriggers.id, id)).limit(1);
    return row;
  }

  async create(values: TriggerValues): Promise<MessageTriggerRow> {
    try {
      const [row] = await this.db
        .insert(messageTriggers)
        .values({ ...values, searchText: foldForSearch(values.name) })
        .returning();
      return row;
    } catch (error) {
      throw translate(error, values);
    }
  }

  async update(id: string, values: Partial<TriggerValues>): Promise<MessageTriggerRow | undefined> {
    try {
      const [row] = await this.db
        .update(messageTriggers)
        .set({ ...values, ...(values.name !== undefined ? { searchText: foldForSearch(values.name) } : {}) })
        .where(eq(messageTriggers.id, id))
        .returning();
      return row;
    } catch (error) {
      throw translate(error, values);
    }
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(messageTriggers).where(eq(messageTriggers.id, id)).returning({ id: messageTriggers.id });
    return rows.length > 0;
  }

  async markFired(id: string, at: Date): Promise<void> {
    await this.db.update(messageTriggers).set({ lastFiredAt: at }).where(eq(messageTriggers.id, id));
  }

  async occurrences(triggerId: string, filters: { cursor?: string; limit: number }): Promise<Page<OccurrenceView>> {
    const rows = await this.db
      .select({ ...getTableColumns(triggerOccurrences), contactName: contacts.name })
      .from(triggerOccurrences)
      .innerJoin(contacts, eq(contacts.id, triggerOccurrences.contactId))
      .where(and(eq(triggerOccurrences.triggerId, triggerId), filters.cursor ? lt(triggerOccurrences.id, filters.cursor) : undefined))
      .orderBy(desc(triggerOccurrences.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  /** Records the occurrence unless the contact already has it: null when it existed (another sweep or process was first). */
  async insertOccurrence(occurrence: NewOccurrence): Promise<TriggerOccurrenceRow | null> {
    const [row] = await this.db.insert(triggerOccurrences).values(occurrence).onConflictDoNothing().returning();
    return row ?? null;
  }

  async findOccurrence(id: string): Promise<TriggerOccurrenceRow | undefined> {
    const [row] = await this.db.select().from(triggerOccurrences).where(eq(triggerOccurrences.id, id)).limit(1);
    return row;
  }

  /** Pending occurrences whose time has come, oldest first. */
  async duePending(now: Date, limit: number): Promise<TriggerOccurrenceRow[]> {
    return this.db
      .select()
      .from(triggerOccurrences)
      .where(and(eq(triggerOccurrences.status, 'pending'), lte(triggerOccurrences.dueAt, now)))
      .orderBy(asc(triggerOccurrences.dueAt), asc(triggerOccurrences.id))
      .limit(limit);
  }

  /** Takes a pending occurrence for this process; null when another one took it. */
  async claim(id: string): Promise<TriggerOccurrenceRow | null> {
    const [row] = await this.db
      .update(triggerOccurrences)
      .set({ status: 'sending' })
      .where(and(eq(triggerOccurrences.id, id), eq(triggerOccurrences.status, 'pending')))
      .returning();
    return row ?? null;
  }

  /**
   * Locks the occurrence until the transaction ends; true when it is still claimed and has no message. A
   * second attempt at the same occurrence waits here and then writes nothing.
   */
  async lockClaimed(tx: Executor, id: string): Promise<boolean> {
    const [row] = await tx
      .select({ status: triggerOccurrences.status, messageId: triggerOccurrences.messageId })
      .from(triggerOccurrences)
      .where(eq(triggerOccurrences.id, id))
      .for('update')
      .limit(1);
    return row?.status === 'sending' && row.messageId === null;
  }

  /** Written in the message's transaction, so the occurrence is sent exactly when its message exists. */
  async recordSent(tx: Executor, id: string, queued: { conversationId: string; messageId: string }, sentAt: Date): Promise<void> {
    await tx
      .update(triggerOccurrences)
      .set({ status: 'sent', reason: null, conversationId: queued.conversationId, messageId: queued.messageId, sentAt })
      .where(eq(triggerOccurrences.id, id));
  }

  /** Settles a claim; an occurrence settled already (its message was recorded with it) keeps its outcome. */
  async finish(id: string, outcome: OccurrenceOutcome): Promise<TriggerOccurrenceRow | undefined> {
    const [row] = await this.db
      .update(triggerOccurrences)
      .set(outcome)
      .where(and(eq(triggerOccurrences.id, id), eq(triggerOccurrences.status, 'sending')))
      .returning();
    return row ?? (await this.findOccurrence(id));
  }

  /**
   * Claims left by a process that stopped mid-send go back to pending and are sent by the next sweep: a
   * claim still "sending" has no message, because the message and the "sent" are committed together.
   */
  async releaseStaleClaims(): Promise<number> {
    const rows = await this.db
      .update(triggerOccurrences)
      .set({ status: 'pending' })
      .where(
        and(
          eq(triggerOccurrences.status, 'sending'),
          isNull(triggerOccurrences.messageId),
          // Wall-clock time, like the claim's updated_at: staleness is about a process, not about the trigger's schedule.
          lt(triggerOccurrences.updatedAt, new Date(Date.now() - STALE_CLAIM_MS)),
        ),
      )
      .returning({ id: triggerOccurrences.id });
    return rows.length;
  }

  /** How many real (not test) occurrences the trigger has per status. */
  async countsByStatus(triggerId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .select({ status: triggerOccurrences.status, count: sql<number>`count(*)::int` })
      .from(triggerOccurrences)
      .where(and(eq(triggerOccurrences.triggerId, triggerId), eq(triggerOccurrences.test, false)))
      .groupBy(triggerOccurrences.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.count]));
  }
}

function translate(error: unknown, values: Partial<TriggerValues>): unknown {
  if (!isForeignKeyViolation(error)) return error;
  const constraint = pgErrorOf(error)?.constraint ?? '';
  if (values.templateId && constraint.includes('template')) return notFound('entity.template', values.templateId);
  if (values.inboxId && constraint.includes('inbox')) return notFound('entity.inbox', values.inboxId);
  return error;
}
