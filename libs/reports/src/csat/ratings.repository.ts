import { Injectable } from '@nestjs/common';
import { and, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import { conversationRatings, conversations, csatSettings, InjectDb, messages, type ConversationRatingRow, type Db, type Executor } from '@app/db';
import type { CsatSettings } from '../reports.contract.js';

const PENDING_FOR_MS = 3 * 86_400_000;

@Injectable()
export class RatingsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async settings(inboxId: string, executor: Executor = this.db): Promise<CsatSettings> {
    const [row] = await executor.select().from(csatSettings).where(eq(csatSettings.inboxId, inboxId)).limit(1);
    return { inboxId, enabled: row?.enabled ?? false, askNps: row?.askNps ?? false };
  }

  async saveSettings(inboxId: string, values: { enabled?: boolean; askNps?: boolean }): Promise<CsatSettings> {
    await this.db.insert(csatSettings).values({ inboxId, ...values }).onConflictDoUpdate({ target: csatSettings.inboxId, set: values });
    return this.settings(inboxId);
  }

  async findMany(conversationIds: string[]): Promise<ConversationRatingRow[]> {
    return conversationIds.length ? this.db.select().from(conversationRatings).where(inArray(conversationRatings.conversationId, conversationIds)) : [];
  }

  async find(conversationId: string): Promise<ConversationRatingRow | undefined> {
    const [row] = await this.db.select().from(conversationRatings).where(eq(conversationRatings.conversationId, conversationId)).limit(1);
    return row;
  }

  /** Answers true when this conversation had no request yet (a conversation is asked once). */
  async request(values: { conversationId: string; contactId: string; inboxId: string; requestedAt: Date }): Promise<boolean> {
    const rows = await this.db.insert(conversationRatings).values(values).onConflictDoNothing().returning({ id: conversationRatings.conversationId });
    return rows.length > 0;
  }

  /** The contact's latest request in this inbox still waiting for an answer. */
  async pending(tx: Executor, contactId: string, inboxId: string, now: Date): Promise<ConversationRatingRow | undefined> {
    const [row] = await tx
      .select()
      .from(conversationRatings)
      .where(
        and(
          eq(conversationRatings.contactId, contactId),
          eq(conversationRatings.inboxId, inboxId),
          ne(conversationRatings.stage, 'done'),
          gte(conversationRatings.requestedAt, new Date(now.getTime() - PENDING_FOR_MS)),
        ),
      )
      .orderBy(desc(conversationRatings.requestedAt))
      .limit(1);
    return row;
  }

  /** The contact's most recently answered request in this inbox. */
  async latestAnswered(contactId: string, inboxId: string): Promise<ConversationRatingRow | undefined> {
    const [row] = await this.db
      .select()
      .from(conversationRatings)
      .where(and(eq(conversationRatings.contactId, contactId), eq(conversationRatings.inboxId, inboxId), sql`(${conversationRatings.csatAt} is not null or ${conversationRatings.npsAt} is not null)`))
      .orderBy(desc(conversationRatings.updatedAt))
      .limit(1);
    return row;
  }

  async answer(tx: Executor, conversationId: string, values: Partial<typeof conversationRatings.$inferInsert>): Promise<void> {
    await tx.update(conversationRatings).set(values).where(eq(conversationRatings.conversationId, conversationId));
  }

  /**
   * The answer arrived while its conversation was resolved, so the inbox opened a new conversation for it
   * (resolved at once, since the message was kept out of the queues): the answer joins the rated
   * conversation's thread and the empty one goes away.
   */
  async foldIntoRated(messageId: string, strayConversationId: string, ratedConversationId: string): Promise<void> {
    if (strayConversationId === ratedConversationId) return;
    await this.db.transaction(async (tx) => {
      await tx.update(messages).set({ conversationId: ratedConversationId }).where(eq(messages.id, messageId));
      const [left] = await tx.select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.conversationId, strayConversationId));
      if (Number(left?.n ?? 0) === 0) await tx.delete(conversations).where(and(eq(conversations.id, strayConversationId), eq(conversations.status, 'resolved')));
    });
  }
}
