import { Injectable } from '@nestjs/common';
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { conversationRouting, InjectDb, type ConversationRouting, type Db, type Executor } from '@app/db';

/** Each conversation's place in the routing queue (conversation_routing). */
@Injectable()
export class RoutingStateRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async get(conversationId: string, executor: Executor = this.db): Promise<ConversationRouting | undefined> {
    const [row] = await executor.select().from(conversationRouting).where(eq(conversationRouting.conversationId, conversationId)).limit(1);
    return row;
  }

  async many(conversationIds: string[]): Promise<Map<string, ConversationRouting>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.select().from(conversationRouting).where(inArray(conversationRouting.conversationId, conversationIds));
    return new Map(rows.map((r) => [r.conversationId, r]));
  }

  /** In the queue since now, unless it already waits. */
  async markWaiting(executor: Executor, conversationId: string, now: Date): Promise<void> {
    await executor
      .insert(conversationRouting)
      .values({ conversationId, waitingSince: now })
      .onConflictDoUpdate({ target: conversationRouting.conversationId, set: { waitingSince: sql`coalesce(${conversationRouting.waitingSince}, excluded.waiting_since)` } });
  }

  /** Assigned: out of the queue; with an offer, the agent must answer before it expires (strict order). */
  async assigned(executor: Executor, conversationId: string, offer: { userId: string; at: Date; expiresAt: Date } | null): Promise<void> {
    const values = offer
      ? { waitingSince: null, offerUserId: offer.userId, offeredAt: offer.at, offerExpiresAt: offer.expiresAt, triedUserIds: sql`array_append(${conversationRouting.triedUserIds}, ${offer.userId}::uuid)` }
      : { waitingSince: null, offerUserId: null, offeredAt: null, offerExpiresAt: null, triedUserIds: sql`'{}'::uuid[]` };
    await executor
      .insert(conversationRouting)
      .values({ conversationId, waitingSince: null, ...(offer ? { offerUserId: offer.userId, offeredAt: offer.at, offerExpiresAt: offer.expiresAt, triedUserIds: [offer.userId] } : {}) })
      .onConflictDoUpdate({ target: conversationRouting.conversationId, set: values });
  }

  async clearOffer(executor: Executor, conversationId: string): Promise<void> {
    await executor.update(conversationRouting).set({ offerUserId: null, offeredAt: null, offerExpiresAt: null }).where(eq(conversationRouting.conversationId, conversationId));
  }

  /** The agent answered (or a person took over): the offer ends and the strict order starts afresh next time. */
  async clearOfferOf(conversationId: string, userId?: string): Promise<void> {
    await this.db
      .update(conversationRouting)
      .set({ offerUserId: null, offeredAt: null, offerExpiresAt: null, triedUserIds: sql`'{}'::uuid[]` })
      .where(and(eq(conversationRouting.conversationId, conversationId), userId ? eq(conversationRouting.offerUserId, userId) : isNotNull(conversationRouting.offerUserId)));
  }

  async dueOffers(now: Date): Promise<string[]> {
    const rows = await this.db
      .select({ id: conversationRouting.conversationId })
      .from(conversationRouting)
      .where(and(isNotNull(conversationRouting.offerUserId), lte(conversationRouting.offerExpiresAt, now)));
    return rows.map((r) => r.id);
  }

  /** Claims the out-of-hours reply of this period for the conversation; only one caller ever gets true. */
  async claimAutoReply(conversationId: string, period: Date): Promise<boolean> {
    const rows = await this.db
      .insert(conversationRouting)
      .values({ conversationId, autoReplyPeriod: period })
      .onConflictDoUpdate({
        target: conversationRouting.conversationId,
        set: { autoReplyPeriod: period },
        setWhere: sql`${conversationRouting.autoReplyPeriod} is distinct from excluded.auto_reply_period`,
      })
      .returning({ id: conversationRouting.conversationId });
    return rows.length > 0;
  }
}
