import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { conversationFacts, InjectDb, messageCountsHourly, replyTimes, type ConversationFactsRow, type Db } from '@app/db';

export type FactsValues = Partial<Omit<typeof conversationFacts.$inferInsert, 'conversationId' | 'updatedAt'>>;
export type ReplyTimeValues = typeof replyTimes.$inferInsert;

/** The zero uuid stands for "no agent" in the hourly counters, whose key cannot hold null. */
export const NO_AGENT = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class FactsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async find(conversationId: string): Promise<ConversationFactsRow | undefined> {
    const [row] = await this.db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, conversationId)).limit(1);
    return row;
  }

  async ensure(values: typeof conversationFacts.$inferInsert): Promise<ConversationFactsRow> {
    const [row] = await this.db.insert(conversationFacts).values(values).onConflictDoNothing().returning();
    return row ?? (await this.find(values.conversationId))!;
  }

  async update(conversationId: string, values: FactsValues): Promise<void> {
    await this.db.update(conversationFacts).set(values).where(eq(conversationFacts.conversationId, conversationId));
  }

  async countIncoming(conversationId: string, at: Date): Promise<void> {
    await this.db
      .update(conversationFacts)
      .set({ incomingMessages: sql`${conversationFacts.incomingMessages} + 1`, awaitingSince: sql`coalesce(${conversationFacts.awaitingSince}, ${at.toISOString()}::timestamptz)` })
      .where(eq(conversationFacts.conversationId, conversationId));
  }

  async countBotReply(conversationId: string): Promise<void> {
    await this.db
      .update(conversationFacts)
      .set({ outgoingMessages: sql`${conversationFacts.outgoingMessages} + 1`, botReplied: true })
      .where(eq(conversationFacts.conversationId, conversationId));
  }

  /** An agent's reply: counted, and when a customer was waiting, its reply time kept. */
  async countAgentReply(conversationId: string, values: FactsValues, reply: ReplyTimeValues | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(conversationFacts)
        .set({ ...values, outgoingMessages: sql`${conversationFacts.outgoingMessages} + 1`, replies: reply ? sql`${conversationFacts.replies} + 1` : conversationFacts.replies, awaitingSince: null })
        .where(eq(conversationFacts.conversationId, conversationId));
      if (reply) await tx.insert(replyTimes).values(reply);
    });
  }

  async countHourly(at: Date, inboxId: string, channel: string, agentId: string | null, direction: 'incoming' | 'outgoing'): Promise<void> {
    const bucket = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
    const column = direction === 'incoming' ? messageCountsHourly.incoming : messageCountsHourly.outgoing;
    await this.db
      .insert(messageCountsHourly)
      .values({ bucket, inboxId, channel, agentId: agentId ?? NO_AGENT, incoming: direction === 'incoming' ? 1 : 0, outgoing: direction === 'outgoing' ? 1 : 0 })
      .onConflictDoUpdate({
        target: [messageCountsHourly.bucket, messageCountsHourly.inboxId, messageCountsHourly.agentId],
        set: direction === 'incoming' ? { incoming: sql`${column} + 1` } : { outgoing: sql`${column} + 1` },
      });
  }
}
