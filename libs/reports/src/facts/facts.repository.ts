import { Injectable } from '@nestjs/common';
import { eq, sql, type Placeholder } from 'drizzle-orm';
import { conversationFacts, InjectDb, messageCountsHourly, queryRows, replyTimes, reusableStatement, type ConversationFactsRow, type Db } from '@app/db';

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

  /**
   * Conversations that have no facts row (created before the reports existed, or written straight to the
   * database like the demo workspace) get one from what the conversation and its messages show: the
   * queue, who is waiting since when, and the message counts. Response times stay unknown for them.
   */
  async backfillMissing(): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      this.db,
      sql`with added as (
        insert into conversation_facts (conversation_id, inbox_id, channel, team_id, assignee_id, labels, opened_at, resolved_at, status, awaiting_since, incoming_messages, outgoing_messages)
        select c.id, c.inbox_id, i.type::text, c.team_id, c.assignee_id, c.labels, c.created_at, c.resolved_at, c.status::text,
          (select min(m.created_at) from messages m
            where m.conversation_id = c.id and m.message_type = 'incoming'
              and m.created_at > coalesce((select max(o.created_at) from messages o where o.conversation_id = c.id and o.message_type = 'outgoing' and o.sender_type = 'user'), '-infinity'::timestamptz)),
          (select count(*)::int from messages m where m.conversation_id = c.id and m.message_type = 'incoming'),
          (select count(*)::int from messages m where m.conversation_id = c.id and m.message_type = 'outgoing')
        from conversations c join inboxes i on i.id = c.inbox_id
        where not exists (select 1 from conversation_facts f where f.conversation_id = c.id)
        on conflict (conversation_id) do nothing
        returning 1)
      select count(*)::int as n from added`,
    );
    return rows[0]?.n ?? 0;
  }

  async update(conversationId: string, values: FactsValues): Promise<void> {
    await this.db.update(conversationFacts).set(values).where(eq(conversationFacts.conversationId, conversationId));
  }

  /**
   * A customer's message, in one statement: the facts row is made if missing and counts it, and the
   * hour's counter counts it too.
   */
  async countIncoming(values: typeof conversationFacts.$inferInsert, at: Date): Promise<void> {
    await countIncomingStatement(this.db, {
      conversationId: values.conversationId,
      inboxId: values.inboxId,
      channel: values.channel,
      teamId: values.teamId ?? null,
      assigneeId: values.assigneeId ?? null,
      labels: values.labels ?? [],
      openedAt: values.openedAt,
      status: values.status ?? 'open',
      at,
      bucket: hourOf(at),
      updatedAt: new Date().toISOString(),
    });
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
    await this.hourlyCount(this.db, at, inboxId, channel, agentId, direction);
  }

  private hourlyCount(qb: Pick<Db, 'insert'>, at: Date, inboxId: string, channel: string, agentId: string | null, direction: 'incoming' | 'outgoing') {
    return hourlyCountQuery(qb, hourOf(at), inboxId, channel, agentId ?? NO_AGENT, direction);
  }
}

const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

function hourlyCountQuery(
  qb: Pick<Db, 'insert'>,
  bucket: Date | Placeholder,
  inboxId: string | Placeholder,
  channel: string | Placeholder,
  agentId: string,
  direction: 'incoming' | 'outgoing',
) {
  const column = direction === 'incoming' ? messageCountsHourly.incoming : messageCountsHourly.outgoing;
  return qb
    .insert(messageCountsHourly)
    .values({ bucket, inboxId, channel, agentId, incoming: direction === 'incoming' ? 1 : 0, outgoing: direction === 'outgoing' ? 1 : 0 })
    .onConflictDoUpdate({
      target: [messageCountsHourly.bucket, messageCountsHourly.inboxId, messageCountsHourly.agentId],
      set: direction === 'incoming' ? { incoming: sql`${column} + 1` } : { outgoing: sql`${column} + 1` },
    });
}

/** Inserted values go through their column's mapping (see reusableStatement). */
interface IncomingCount extends Record<string, unknown> {
  conversationId: string;
  inboxId: string;
  channel: string;
  teamId: string | null;
  assigneeId: string | null;
  labels: string[];
  openedAt: Date;
  status: string;
  at: Date;
  bucket: Date;
  updatedAt: string;
}

/** Runs on every customer message: built once (see reusableStatement). */
const countIncomingStatement = reusableStatement<IncomingCount, unknown>((db) => {
  const p = (name: keyof IncomingCount & string) => sql.placeholder(name);
  const counted = db.$with('counted_facts').as(
    db
      .insert(conversationFacts)
      .values({
        conversationId: p('conversationId'),
        inboxId: p('inboxId'),
        channel: p('channel'),
        teamId: p('teamId'),
        assigneeId: p('assigneeId'),
        labels: p('labels'),
        openedAt: p('openedAt'),
        status: p('status'),
        incomingMessages: 1,
        awaitingSince: p('at'),
      })
      .onConflictDoUpdate({
        target: conversationFacts.conversationId,
        set: {
          incomingMessages: sql`${conversationFacts.incomingMessages} + 1`,
          awaitingSince: sql`coalesce(${conversationFacts.awaitingSince}, excluded.awaiting_since)`,
          // A placeholder in SQL reaches the driver as it is: an ISO string.
          updatedAt: sql`${p('updatedAt')}`,
        },
      })
      .returning({ conversationId: conversationFacts.conversationId }),
  );
  return hourlyCountQuery(db.with(counted), p('bucket'), p('inboxId'), p('channel'), NO_AGENT, 'incoming');
});
