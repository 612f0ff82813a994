import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { campaignRecipients, contacts, InjectDb, queryRows, toPage, type CampaignRecipientRow, type Db, type Executor, type Page } from '@app/db';
import type { CampaignCounts, CampaignRecipientStatus } from './campaign.types.js';

export type RecipientWithContact = CampaignRecipientRow & { contactName: string };

/** Where a recipient's message is now, as its delivery reports it. */
export type DeliveryOutcome = { status: 'sent' | 'delivered'; at: Date } | { status: 'failed'; error: string | null };

export const emptyCounts = (): CampaignCounts => ({ total: 0, queued: 0, sent: 0, delivered: 0, failed: 0, skipped: 0, replied: 0 });

/** Outcomes only move forward: a late "sent" never undoes "delivered", nothing undoes "replied". */
const ADVANCES_FROM: Record<DeliveryOutcome['status'], CampaignRecipientStatus[]> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  failed: ['queued', 'sent'],
};

@Injectable()
export class CampaignRecipientsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Adds the contacts as queued recipients; a contact already there is left as it is. */
  async add(campaignId: string, contactIds: string[]): Promise<void> {
    if (!contactIds.length) return;
    await this.db
      .insert(campaignRecipients)
      .values(contactIds.map((contactId) => ({ campaignId, contactId })))
      .onConflictDoNothing({ target: [campaignRecipients.campaignId, campaignRecipients.contactId] });
  }

  /** Recipients not handed to outreach yet, oldest first. */
  async undispatched(campaignId: string, limit: number): Promise<CampaignRecipientRow[]> {
    return this.db
      .select()
      .from(campaignRecipients)
      .where(
        and(
          eq(campaignRecipients.campaignId, campaignId),
          eq(campaignRecipients.status, 'queued'),
          isNull(campaignRecipients.messageId),
          isNull(campaignRecipients.conversationId),
        ),
      )
      .orderBy(campaignRecipients.id)
      .limit(limit);
  }

  /** Messages handed to the outbox that have not left yet. */
  async inFlight(campaignId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, 'queued'), isNotNull(campaignRecipients.messageId)));
    return Number(row?.n ?? 0);
  }

  /**
   * Locks the recipient until the transaction ends; true when it still waits for its message. A resumed
   * step that finds the message already recorded (or the recipient skipped by a cancel) writes nothing.
   */
  async lockUndispatched(tx: Executor, id: string): Promise<boolean> {
    const [row] = await tx
      .select({ status: campaignRecipients.status, messageId: campaignRecipients.messageId, conversationId: campaignRecipients.conversationId })
      .from(campaignRecipients)
      .where(eq(campaignRecipients.id, id))
      .for('update')
      .limit(1);
    return row?.status === 'queued' && row.messageId === null && row.conversationId === null;
  }

  /** Written in the message's transaction. The status is left alone: the delivery may already have reported back. */
  async recordQueued(id: string, conversationId: string, messageId: string, executor: Executor = this.db): Promise<void> {
    await executor.update(campaignRecipients).set({ conversationId, messageId }).where(eq(campaignRecipients.id, id));
  }

  async recordSkipped(id: string, reason: string): Promise<void> {
    await this.db
      .update(campaignRecipients)
      .set({ status: 'skipped', skipReason: reason })
      .where(and(eq(campaignRecipients.id, id), eq(campaignRecipients.status, 'queued'), isNull(campaignRecipients.messageId)));
  }

  /** Answers the campaign of the recipient that moved, if one did. */
  async recordOutcome(target: { recipientId: string } | { messageId: string }, outcome: DeliveryOutcome): Promise<string | undefined> {
    const set =
      outcome.status === 'failed'
        ? { status: 'failed' as const, error: outcome.error }
        : outcome.status === 'sent'
          ? { status: 'sent' as const, sentAt: outcome.at }
          : { status: 'delivered' as const, deliveredAt: outcome.at, sentAt: sql`coalesce(${campaignRecipients.sentAt}, ${outcome.at.toISOString()}::timestamptz)` };
    const where = 'recipientId' in target ? eq(campaignRecipients.id, target.recipientId) : eq(campaignRecipients.messageId, target.messageId);
    const rows = await this.db
      .update(campaignRecipients)
      .set(set)
      .where(and(where, inArray(campaignRecipients.status, ADVANCES_FROM[outcome.status])))
      .returning({ campaignId: campaignRecipients.campaignId });
    return rows[0]?.campaignId;
  }

  /** A reply after the message went out; answers whether the recipient changed. */
  async recordReply(campaignId: string, contactId: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(campaignRecipients)
      .set({ status: 'replied', repliedAt: at })
      .where(
        and(
          eq(campaignRecipients.campaignId, campaignId),
          eq(campaignRecipients.contactId, contactId),
          isNotNull(campaignRecipients.messageId),
          inArray(campaignRecipients.status, ['queued', 'sent', 'delivered']),
        ),
      )
      .returning({ id: campaignRecipients.id });
    return rows.length > 0;
  }

  /**
   * Catches up with deliveries whose report was missed (a process stopped between the send and its
   * report): the message's own status is the truth.
   */
  async reconcile(campaignId: string): Promise<void> {
    await this.db.execute(sql`
      update campaign_recipients r
      set status = case when m.status = 'failed' then 'failed'::campaign_recipient_status
                        when m.status in ('delivered', 'read') then 'delivered'::campaign_recipient_status
                        else 'sent'::campaign_recipient_status end,
          error = case when m.status = 'failed' then m.error else r.error end,
          sent_at = case when m.status = 'failed' then r.sent_at else coalesce(r.sent_at, m.updated_at) end,
          updated_at = now()
      from messages m
      where r.campaign_id = ${campaignId} and r.status = 'queued' and r.message_id = m.id
        and m.status in ('sent', 'delivered', 'read', 'failed')`);
    // A message removed with its conversation never reports back.
    await this.db.execute(sql`
      update campaign_recipients set status = 'failed', error = 'The message was removed before it was sent', updated_at = now()
      where campaign_id = ${campaignId} and status = 'queued' and message_id is null and conversation_id is not null`);
  }

  /** Recipients a cancelled campaign will no longer send to. */
  async skipUndispatched(campaignId: string, reason: string): Promise<void> {
    await this.db
      .update(campaignRecipients)
      .set({ status: 'skipped', skipReason: reason })
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, 'queued'), isNull(campaignRecipients.messageId)));
  }

  async counts(campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
    const result = new Map(campaignIds.map((id) => [id, emptyCounts()]));
    if (!campaignIds.length) return result;
    const rows = await this.db
      .select({ campaignId: campaignRecipients.campaignId, status: campaignRecipients.status, n: count() })
      .from(campaignRecipients)
      .where(inArray(campaignRecipients.campaignId, campaignIds))
      .groupBy(campaignRecipients.campaignId, campaignRecipients.status);
    for (const row of rows) {
      const counts = result.get(row.campaignId)!;
      counts[row.status] = Number(row.n);
      counts.total += Number(row.n);
    }
    return result;
  }

  async list(campaignId: string, filters: { status?: CampaignRecipientStatus; cursor?: string; limit: number }): Promise<Page<RecipientWithContact>> {
    const rows = await this.db
      .select({ recipient: campaignRecipients, contactName: contacts.name })
      .from(campaignRecipients)
      .innerJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
      .where(
        and(
          eq(campaignRecipients.campaignId, campaignId),
          filters.status ? eq(campaignRecipients.status, filters.status) : undefined,
          filters.cursor ? lt(campaignRecipients.id, filters.cursor) : undefined,
        ),
      )
      .orderBy(desc(campaignRecipients.id))
      .limit(filters.limit + 1);
    return toPage(
      rows.map((row) => ({ ...row.recipient, contactName: row.contactName })),
      filters.limit,
    );
  }

  /**
   * Deals the campaign brought: those of the recipients' conversations, and those created for the
   * recipients after the campaign started. Only recipients whose message went out count.
   */
  async deals(campaignId: string, startedAt: Date | null): Promise<{ created: number; revenue: string }> {
    const [row] = await queryRows<{ created: string | number; revenue: string | null }>(
      this.db,
      sql`
        with reached as (
          select contact_id, conversation_id from campaign_recipients
          where campaign_id = ${campaignId} and message_id is not null and status not in ('skipped', 'failed')
        )
        select count(*) as created, coalesce(sum(d.amount) filter (where d.status = 'won'), 0)::numeric(14, 2)::text as revenue
        from deals d
        where d.id in (select c.deal_id from conversations c join reached r on r.conversation_id = c.id where c.deal_id is not null)
           or (${startedAt ? startedAt.toISOString() : null}::timestamptz is not null
               and d.created_at >= ${startedAt ? startedAt.toISOString() : null}::timestamptz
               and d.contact_id in (select contact_id from reached))`,
    );
    return { created: Number(row?.created ?? 0), revenue: row?.revenue ?? '0.00' };
  }
}
