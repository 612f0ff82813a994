import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations, deals, inboxes, messages, pipelineStages, pipelines, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { CampaignRecipientsRepository } from './campaign-recipients.repository.js';
import { CampaignsRepository } from './campaigns.repository.js';

describe.each(databaseTargets())('CampaignRecipientsRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let recipients: CampaignRecipientsRepository;
    let campaigns: CampaignsRepository;
    let inboxId: string;
    let contactIds: string[];

    const newCampaign = async () => {
      const campaign = await campaigns.create({ name: 'Весна', inboxId, segmentId: inboxId, templateId: null, variables: {}, scheduledAt: null, cost: '300.00', createdById: null });
      return (await campaigns.update(campaign.id, ['draft'], { status: 'running', startedAt: new Date(Date.now() - 60_000) }))!;
    };

    /** The conversation and queued message outreach would have written for a recipient. */
    const handOver = async (campaignId: string, recipientId: string, contactId: string) => {
      const [conversation] = await handle.db.insert(conversations).values({ inboxId, contactId }).returning();
      const [message] = await handle.db
        .insert(messages)
        .values({ conversationId: conversation.id, inboxId, messageType: 'outgoing', senderType: 'system', content: 'Весна!', status: 'queued', contentAttributes: { outreach: { kind: 'campaign', id: campaignId, recipientId } } })
        .returning();
      await recipients.recordQueued(recipientId, conversation.id, message.id);
      return { conversationId: conversation.id, messageId: message.id };
    };

    beforeAll(async () => {
      handle = await target.open();
      recipients = new CampaignRecipientsRepository(handle.db);
      campaigns = new CampaignsRepository(handle.db);
      [{ id: inboxId }] = await handle.db.insert(inboxes).values({ type: 'telegram', name: 'Бот', settings: {} }).returning();
      const rows = await handle.db
        .insert(contacts)
        .values(Array.from({ length: 6 }, (_, i) => ({ name: `Контакт ${i}` })))
        .returning({ id: contacts.id });
      contactIds = rows.map((r) => r.id).sort();
    });
    afterAll(() => handle?.close());

    it('adds nobody twice when the same page of the segment is added again', async () => {
      const campaign = await newCampaign();
      await recipients.add(campaign.id, contactIds.slice(0, 4));
      await recipients.add(campaign.id, contactIds.slice(2, 6));
      const counts = (await recipients.counts([campaign.id])).get(campaign.id);
      expect(counts).toEqual({ total: 6, queued: 6, sent: 0, delivered: 0, failed: 0, skipped: 0, replied: 0 });
    });

    it('hands over the oldest recipients first and counts those still waiting in the outbox', async () => {
      const campaign = await newCampaign();
      await recipients.add(campaign.id, contactIds);
      const first = await recipients.undispatched(campaign.id, 2);
      expect(first.map((r) => r.contactId)).toEqual(contactIds.slice(0, 2));
      await handOver(campaign.id, first[0].id, first[0].contactId);
      await recipients.recordSkipped(first[1].id, 'opted_out');
      expect(await recipients.inFlight(campaign.id)).toBe(1);
      expect((await recipients.undispatched(campaign.id, 10)).map((r) => r.contactId)).toEqual(contactIds.slice(2));
    });

    it('lets a send go ahead only for a recipient without a message, and keeps a skip from overwriting a recorded message', async () => {
      const campaign = await newCampaign();
      await recipients.add(campaign.id, contactIds.slice(0, 3));
      const [waiting, sent, skipped] = await recipients.undispatched(campaign.id, 3);
      await handOver(campaign.id, sent.id, sent.contactId);
      await recipients.recordSkipped(skipped.id, 'no_address');
      const lock = (id: string) => handle.db.transaction((tx) => recipients.lockUndispatched(tx, id));
      expect(await lock(sent.id)).toBe(false);
      expect(await lock(skipped.id)).toBe(false);
      expect(await lock(waiting.id)).toBe(true);
      await recipients.recordSkipped(sent.id, 'opted_out');
      expect((await recipients.counts([campaign.id])).get(campaign.id)).toMatchObject({ total: 3, queued: 2, skipped: 1 });
    });

    it('moves a recipient only forward when delivery reports arrive out of order', async () => {
      const campaign = await newCampaign();
      await recipients.add(campaign.id, contactIds.slice(0, 1));
      const [recipient] = await recipients.undispatched(campaign.id, 1);
      const { messageId } = await handOver(campaign.id, recipient.id, recipient.contactId);
      const at = new Date();
      expect(await recipients.recordOutcome({ messageId }, { status: 'delivered', at })).toBe(campaign.id);
      expect(await recipients.recordOutcome({ recipientId: recipient.id }, { status: 'sent', at })).toBeUndefined();
      expect(await recipients.recordReply(campaign.id, recipient.contactId, at)).toBe(true);
      expect(await recipients.recordOutcome({ recipientId: recipient.id }, { status: 'failed', error: 'late' })).toBeUndefined();
      const [row] = (await recipients.list(campaign.id, { limit: 10 })).items;
      expect(row).toMatchObject({ status: 'replied', contactName: 'Контакт 0', error: null });
      expect(row.sentAt).not.toBeNull();
    });

    it('completes a campaign only once it is expanded and nothing is queued, catching up with missed reports', async () => {
      const campaign = await newCampaign();
      await recipients.add(campaign.id, contactIds.slice(0, 2));
      const [a, b] = await recipients.undispatched(campaign.id, 2);
      const sent = await handOver(campaign.id, a.id, a.contactId);
      await recipients.recordSkipped(b.id, 'no_address');
      expect(await campaigns.completeIfDone(campaign.id)).toBeUndefined();
      await campaigns.recordExpansion(campaign.id, contactIds[1], true);
      expect(await campaigns.completeIfDone(campaign.id)).toBeUndefined();
      // The message left, but its report was never heard.
      await handle.db.update(messages).set({ status: 'sent' }).where(eq(messages.id, sent.messageId));
      await recipients.reconcile(campaign.id);
      expect(await campaigns.completeIfDone(campaign.id)).toMatchObject({ status: 'completed', dispatchToken: null });
      expect((await recipients.counts([campaign.id])).get(campaign.id)).toMatchObject({ sent: 1, skipped: 1, queued: 0 });
    });

    it('counts deals of the recipients\' conversations and those created for them after the start, with the won revenue', async () => {
      const campaign = await newCampaign();
      await recipients.add(campaign.id, contactIds.slice(0, 3));
      const [a, b, c] = await recipients.undispatched(campaign.id, 3);
      const reachedA = await handOver(campaign.id, a.id, a.contactId);
      await handOver(campaign.id, b.id, b.contactId);
      await recipients.recordSkipped(c.id, 'opted_out');
      const [pipeline] = await handle.db.insert(pipelines).values({ name: 'Продажи' }).returning();
      const [open, won] = await handle.db
        .insert(pipelineStages)
        .values([
          { pipelineId: pipeline.id, name: 'Новая', kind: 'open' },
          { pipelineId: pipeline.id, name: 'Оплачено', kind: 'won' },
        ])
        .returning();
      const dealRow = (title: string, contactId: string | null, stageId: string, status: 'open' | 'won', amount: string, createdAt?: Date) => ({ title, contactId, pipelineId: pipeline.id, stageId, status, amount, ...(createdAt ? { createdAt } : {}) });
      const [linked] = await handle.db.insert(deals).values(dealRow('Из диалога', null, won.id, 'won', '1000.50')).returning();
      await handle.db.update(conversations).set({ dealId: linked.id }).where(eq(conversations.id, reachedA.conversationId));
      await handle.db.insert(deals).values([
        dealRow('После рассылки', b.contactId, open.id, 'open', '500'),
        dealRow('До рассылки', b.contactId, won.id, 'won', '9999', new Date(Date.now() - 3_600_000)),
        dealRow('Отписавшийся', c.contactId, won.id, 'won', '7777'),
      ]);
      expect(await recipients.deals(campaign.id, campaign.startedAt)).toEqual({ created: 2, revenue: '1000.50' });
    });
  });
});
