import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DealStageChanged } from '@app/crm';
import { botFlows, botSessions, businessHours, contacts, conversations, inboxes, messages, messageTriggers, templates, triggerOccurrences, type Db, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { OutreachPort, SegmentsPort, type OutreachRequest, type OutreachResult } from '../marketing.contract.js';
import { TriggerCandidatesRepository } from './trigger-candidates.repository.js';
import { TriggerDelivery } from './trigger-delivery.service.js';
import { TriggerSweepService } from './trigger-sweep.service.js';
import { TriggerZones } from './trigger-zones.js';
import { TriggersClock } from './triggers-clock.js';
import { TriggersRepository, type TriggerValues } from './triggers.repository.js';

class FakeClock extends TriggersClock {
  at = new Date('2027-01-01T00:00:00Z');
  override now() {
    return new Date(this.at);
  }
}

/**
 * Queues a real outgoing message in the contact's latest conversation of the inbox in one transaction with
 * the caller's ledger, as outreach does; refuses opted-out contacts.
 */
class FakeOutreach extends OutreachPort {
  readonly calls: OutreachRequest[] = [];
  readonly optedOut = new Set<string>();
  constructor(private readonly db: Db) {
    super();
  }
  async send(request: OutreachRequest): Promise<OutreachResult> {
    this.calls.push(request);
    if (this.optedOut.has(request.contactId)) return { status: 'skipped', reason: 'opted_out' };
    return this.db.transaction(async (tx): Promise<OutreachResult> => {
      if (request.ledger && !(await request.ledger.claim(tx))) return { status: 'settled' };
      const [existing] = await tx
        .select()
        .from(conversations)
        .where(and(eq(conversations.contactId, request.contactId), eq(conversations.inboxId, request.inboxId)))
        .orderBy(desc(conversations.id))
        .limit(1);
      const conversation = existing ?? (await tx.insert(conversations).values({ contactId: request.contactId, inboxId: request.inboxId }).returning())[0];
      const [message] = await tx
        .insert(messages)
        .values({ conversationId: conversation.id, inboxId: request.inboxId, messageType: 'outgoing', senderType: 'bot', content: 'triggered', status: 'queued', contentAttributes: { outreach: request.source } })
        .returning();
      await request.ledger?.record(tx, { conversationId: conversation.id, messageId: message.id });
      return { status: 'queued', conversationId: conversation.id, messageId: message.id };
    });
  }
}

class FakeSegments extends SegmentsPort {
  readonly members = new Map<string, Set<string>>();
  page = async () => [];
  count = async () => 0;
  has = async (segmentId: string, contactId: string) => this.members.get(segmentId)?.has(contactId) ?? false;
  require = async (segmentId: string) => ({ id: segmentId, name: 'VIP' });
}

describe.each(databaseTargets())('TriggerSweepService on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let db: Db;
    let inboxId: string;
    let templateId: string;
    let clock: FakeClock;
    let outreach: FakeOutreach;
    let segments: FakeSegments;
    let repo: TriggersRepository;

    /** One process's services over the shared database and the shared fakes. */
    function process(): TriggerSweepService {
      const processRepo = new TriggersRepository(db);
      const candidates = new TriggerCandidatesRepository(db);
      const delivery = new TriggerDelivery(processRepo, outreach, clock);
      return new TriggerSweepService(processRepo, candidates, delivery, segments, new TriggerZones(candidates), clock);
    }

    beforeAll(async () => {
      handle = await target.open();
      db = handle.db;
      [{ id: inboxId }] = await db.insert(inboxes).values({ type: 'api', name: 'API', settings: {}, enabled: true }).returning();
      [{ id: templateId }] = await db.insert(templates).values({ shortCode: 'hb', name: 'Birthday', body: 'С днём рождения, {{contact.name}}!' }).returning();
      clock = new FakeClock();
      outreach = new FakeOutreach(db);
      segments = new FakeSegments();
      repo = new TriggersRepository(db);
    });
    afterEach(async () => {
      await db.delete(messageTriggers);
      await db.delete(contacts);
      outreach.calls.length = 0;
      outreach.optedOut.clear();
    });
    afterAll(() => handle?.close());

    const trigger = (values: Partial<TriggerValues> & Pick<TriggerValues, 'kind' | 'config'>) =>
      repo.create({ name: 'Trigger', active: true, inboxId, templateId, segmentId: null, sendAtLocal: '09:00', quietHours: null, ...values });
    const contact = async (values: Partial<typeof contacts.$inferInsert> = {}) => (await db.insert(contacts).values({ name: 'Анна', ...values }).returning())[0];
    const log = (triggerId: string) => db.select().from(triggerOccurrences).where(eq(triggerOccurrences.triggerId, triggerId)).orderBy(triggerOccurrences.id);
    const sweepAt = (iso: string, sweeper = process()) => {
      clock.at = new Date(iso);
      return sweeper.sweep();
    };

    it('sends a birthday message once per year at 09:00 in each contact\'s own zone, even with two processes sweeping', async () => {
      const birthday = await trigger({ kind: 'date', config: { field: 'birthday', offsetDays: 0 } });
      const east = await contact({ name: 'Владивосток', birthday: '1990-03-01', timeZone: 'Asia/Vladivostok' });
      const west = await contact({ name: 'Калининград', birthday: '1985-03-01', timeZone: 'Europe/Kaliningrad' });

      // 23:30 UTC on 28 Feb is 09:30 on 1 Mar in Vladivostok and 01:30 in Kaliningrad.
      expect(await sweepAt('2027-02-28T23:30:00Z')).toEqual({ recorded: 1, delivered: 1 });
      expect(await sweepAt('2027-02-28T23:32:00Z')).toEqual({ recorded: 0, delivered: 0 });
      expect(outreach.calls.map((c) => c.contactId)).toEqual([east.id]);

      clock.at = new Date('2027-03-01T07:05:00Z');
      const reports = await Promise.all([process().sweep(), process().sweep()]);
      expect(reports.reduce((sum, r) => sum + r.delivered, 0)).toBe(1);
      expect(outreach.calls.map((c) => c.contactId)).toEqual([east.id, west.id]);
      expect(outreach.calls[0]).toMatchObject({ inboxId, templateId, source: { kind: 'trigger', id: birthday.id } });

      await sweepAt('2028-02-29T23:10:00Z');
      const rows = await log(birthday.id);
      expect(rows.map((r) => [r.contactId, r.occurrenceKey, r.status])).toEqual([
        [east.id, 'birthday:2027', 'sent'],
        [west.id, 'birthday:2027', 'sent'],
        [east.id, 'birthday:2028', 'sent'],
      ]);
      expect(rows[0].messageId).toBeTruthy();
      expect((await repo.findById(birthday.id))?.lastFiredAt?.toISOString()).toBe('2028-02-29T23:10:00.000Z');
    });

    it('uses the business-hours zone of the inbox for a contact without a zone, and Moscow without hours', async () => {
      const [eastInbox] = await db.insert(inboxes).values({ type: 'api', name: 'Восток', settings: {}, enabled: true }).returning();
      await db.insert(businessHours).values({ inboxId: eastInbox.id, enabled: true, timeZone: 'Asia/Vladivostok' });
      const east = await trigger({ kind: 'date', config: { field: 'birthday', offsetDays: 0 }, inboxId: eastInbox.id });
      const moscow = await trigger({ kind: 'date', config: { field: 'birthday', offsetDays: 0 } });
      await contact({ birthday: '1990-04-01' });
      await sweepAt('2027-03-31T23:30:00Z');
      expect((await log(east.id)).map((r) => r.dueAt.toISOString())).toEqual(['2027-03-31T23:00:00.000Z']);
      expect(await log(moscow.id)).toHaveLength(0);
      await sweepAt('2027-04-01T06:05:00Z');
      expect((await log(moscow.id)).map((r) => r.dueAt.toISOString())).toEqual(['2027-04-01T06:00:00.000Z']);
    });

    it('holds a birthday message inside quiet hours until they end, and sends it then', async () => {
      const late = await trigger({ kind: 'date', config: { field: 'birthday', offsetDays: 0 }, sendAtLocal: '22:00', quietHours: { from: '21:00', to: '08:00' } });
      await contact({ birthday: '1990-05-10', timeZone: 'Europe/Moscow' });
      await sweepAt('2027-05-10T19:10:00Z');
      await sweepAt('2027-05-11T04:59:00Z');
      expect(outreach.calls).toHaveLength(0);
      await sweepAt('2027-05-11T05:01:00Z');
      expect((await log(late.id)).map((r) => [r.status, r.dueAt.toISOString()])).toEqual([['sent', '2027-05-11T05:00:00.000Z']]);
    });

    it('records a skip when outreach refuses an opted-out contact, and does not try again', async () => {
      const birthday = await trigger({ kind: 'date', config: { field: 'birthday', offsetDays: 0 } });
      const refused = await contact({ birthday: '1990-07-01', timeZone: 'Europe/Moscow', optedOutAt: new Date() });
      outreach.optedOut.add(refused.id);
      await sweepAt('2027-07-01T06:30:00Z');
      await sweepAt('2027-07-01T06:40:00Z');
      expect(outreach.calls).toHaveLength(1);
      expect((await log(birthday.id)).map((r) => [r.status, r.reason])).toEqual([['skipped', 'opted_out']]);
    });

    it('leaves out contacts outside the trigger\'s segment', async () => {
      const segmentId = '01900000-0000-7000-8000-000000000001';
      const birthday = await trigger({ kind: 'date', config: { field: 'birthday', offsetDays: 0 }, segmentId });
      const member = await contact({ birthday: '1990-08-01' });
      await contact({ birthday: '1991-08-01' });
      segments.members.set(segmentId, new Set([member.id]));
      await sweepAt('2027-08-01T06:30:00Z');
      expect((await log(birthday.id)).map((r) => r.contactId)).toEqual([member.id]);
    });

    it('sends a deal-stage message once per deal, even when the deal comes back to the stage', async () => {
      const stageId = '01900000-0000-7000-8000-0000000000aa';
      const won = await trigger({ kind: 'event', config: { event: 'deal_stage', stageId } });
      const buyer = await contact({ timeZone: 'Europe/Moscow' });
      await db.insert(conversations).values({ contactId: buyer.id, inboxId });
      const deal = (id: string, stage = stageId) => ({ deal: { id, contactId: buyer.id, stageId: stage, pipelineId: '01900000-0000-7000-8000-0000000000bb' }, previousStageId: 'x' }) as unknown as DealStageChanged;
      clock.at = new Date('2027-09-01T10:00:00Z');
      const sweeper = process();
      await sweeper.onDealStage(deal('01900000-0000-7000-8000-000000000d01'));
      await sweeper.onDealStage(deal('01900000-0000-7000-8000-000000000d01'));
      await sweeper.onDealStage(deal('01900000-0000-7000-8000-000000000d01', '01900000-0000-7000-8000-0000000000cc'));
      await sweeper.onDealStage(deal('01900000-0000-7000-8000-000000000d02'));
      expect(outreach.calls.map((c) => c.dealId)).toEqual(['01900000-0000-7000-8000-000000000d01', '01900000-0000-7000-8000-000000000d02']);
      expect((await log(won.id)).map((r) => r.occurrenceKey)).toEqual([`deal:01900000-0000-7000-8000-000000000d01:${stageId}`, `deal:01900000-0000-7000-8000-000000000d02:${stageId}`]);
    });

    it('reminds a customer who has not answered the agent for N days, once, and not after their own reply or the reminder', async () => {
      const silence = await trigger({ kind: 'event', config: { event: 'no_reply', days: 3 }, inboxId: null, quietHours: { from: '21:00', to: '09:00' } });
      const quiet = await contact({ name: 'Молчун', timeZone: 'Europe/Moscow' });
      const talker = await contact({ name: 'Ответил' });
      const say = async (conversationId: string, type: 'incoming' | 'outgoing', at: string) =>
        db.insert(messages).values({ conversationId, inboxId, messageType: type, senderType: type === 'incoming' ? 'contact' : 'user', content: type, createdAt: new Date(at) });
      const [a] = await db.insert(conversations).values({ contactId: quiet.id, inboxId, lastMessageAt: new Date('2027-10-01T10:00:00Z') }).returning();
      const [b] = await db.insert(conversations).values({ contactId: talker.id, inboxId, lastMessageAt: new Date('2027-10-01T11:00:00Z') }).returning();
      await say(a.id, 'incoming', '2027-10-01T09:00:00Z');
      await say(a.id, 'outgoing', '2027-10-01T10:00:00Z');
      await say(b.id, 'outgoing', '2027-10-01T10:00:00Z');
      await say(b.id, 'incoming', '2027-10-01T11:00:00Z');

      expect(await sweepAt('2027-10-04T09:00:00Z')).toEqual({ recorded: 0, delivered: 0 });
      // 22:00 in Moscow: recorded now, held until 09:00.
      expect(await sweepAt('2027-10-04T19:00:00Z')).toEqual({ recorded: 1, delivered: 0 });
      expect(await sweepAt('2027-10-05T06:01:00Z')).toEqual({ recorded: 0, delivered: 1 });
      expect(outreach.calls.map((c) => c.contactId)).toEqual([quiet.id]);
      // The reminder is the conversation's last message now; it starts no new silence of its own.
      await sweepAt('2027-10-09T12:00:00Z');
      expect(outreach.calls).toHaveLength(1);
      expect((await log(silence.id))[0]).toMatchObject({ status: 'sent', conversationId: a.id, dueAt: new Date('2027-10-05T06:00:00Z') });
    });

    it('reminds about a bot cart left without an order, once per session', async () => {
      const carts = await trigger({ kind: 'event', config: { event: 'cart_abandoned', hours: 2 }, inboxId: null });
      const [flow] = await db.insert(botFlows).values({ name: 'Shop', draft: {} }).returning();
      const session = async (variables: Record<string, unknown>) => {
        const buyer = await contact();
        const [conversation] = await db.insert(conversations).values({ contactId: buyer.id, inboxId }).returning();
        await db.insert(botSessions).values({ conversationId: conversation.id, flowId: flow.id, version: 1, status: 'ended', variables, endedAt: new Date('2027-11-01T10:00:00Z') });
        return buyer;
      };
      const cart = { items: [{ productId: 'p1', name: 'Кофе', sku: null, price: '890.00', quantity: 2 }], total: '1780.00', currency: 'RUB' };
      const left = await session({ cart });
      await session({ cart, deal: { id: 'd1' } });
      await session({ cart: { items: [], total: '0.00', currency: 'RUB' } });

      await sweepAt('2027-11-01T11:30:00Z');
      expect(outreach.calls).toHaveLength(0);
      await sweepAt('2027-11-01T12:05:00Z');
      await sweepAt('2027-11-01T12:07:00Z');
      expect(outreach.calls).toHaveLength(1);
      expect(outreach.calls[0]).toMatchObject({ contactId: left.id, inboxId, variables: { 'cart.total': '1780.00 RUB', 'cart.items': 'Кофе × 2' } });
      expect((await log(carts.id)).map((r) => r.status)).toEqual(['sent']);
    });

    it('marks an occurrence failed when sending throws, and sends nothing for a switched-off trigger', async () => {
      const birthday = await trigger({ kind: 'date', config: { field: 'custom', customFieldKey: 'anniversary', offsetDays: 0 } });
      await contact({ customFields: { anniversary: '01.12.2015' } });
      const send = outreach.send.bind(outreach);
      outreach.send = async () => {
        throw new Error('channel down');
      };
      try {
        await sweepAt('2027-12-01T06:30:00Z');
      } finally {
        outreach.send = send;
      }
      expect((await log(birthday.id)).map((r) => [r.status, r.reason])).toEqual([['failed', 'channel down']]);

      await repo.update(birthday.id, { active: false });
      await contact({ customFields: { anniversary: '2016-12-02' } });
      await sweepAt('2027-12-02T06:30:00Z');
      expect(await log(birthday.id)).toHaveLength(1);
    });

    const messagesOf = (occurrenceId: string) =>
      db.select({ id: messages.id }).from(messages).where(sql`${messages.contentAttributes} -> 'outreach' ->> 'recipientId' = ${occurrenceId}`);

    it('sends each occurrence exactly once when a process stopped mid-send, before or after the message was committed', async () => {
      const birthday = await trigger({ kind: 'date', config: { field: 'birthday', offsetDays: 0 } });
      clock.at = new Date('2027-05-10T06:05:00Z');
      const occurrenceOf = async () =>
        (await repo.insertOccurrence({ triggerId: birthday.id, contactId: (await contact()).id, occurrenceKey: 'birthday:2027', dueAt: clock.now(), context: { inboxId } }))!;
      const [beforeCommit, afterCommit] = [await occurrenceOf(), await occurrenceOf()];

      // A process that stops writes nothing more: its own settling of the claim fails too.
      const stopped = new TriggersRepository(db);
      stopped.finish = async () => {
        throw new Error('process stopped');
      };
      const send = outreach.send.bind(outreach);
      const stopsAt = async (occurrenceId: string, crash: (request: OutreachRequest) => Promise<OutreachResult>) => {
        outreach.send = crash;
        await expect(new TriggerDelivery(stopped, outreach, clock).deliver(occurrenceId)).rejects.toThrow('process stopped');
        outreach.send = send;
      };
      await stopsAt(beforeCommit.id, (request) =>
        send({
          ...request,
          ledger: {
            claim: request.ledger!.claim,
            record: async (tx, queued) => {
              await request.ledger!.record(tx, queued);
              throw new Error('process stopped');
            },
          },
        }),
      );
      await stopsAt(afterCommit.id, async (request) => {
        await send(request);
        throw new Error('process stopped');
      });
      expect(await messagesOf(beforeCommit.id)).toHaveLength(0);
      expect(await messagesOf(afterCommit.id)).toHaveLength(1);
      expect((await log(birthday.id)).map((r) => r.status)).toEqual(['sending', 'sent']);

      await sweepAt('2027-05-10T06:10:00Z');
      expect(await messagesOf(beforeCommit.id)).toHaveLength(0);
      // Once the claim is stale, the next sweep sends what was never committed, and only that.
      await db.update(triggerOccurrences).set({ updatedAt: new Date(Date.now() - 16 * 60_000) }).where(eq(triggerOccurrences.id, beforeCommit.id));
      expect(await sweepAt('2027-05-10T06:30:00Z')).toEqual({ recorded: 0, delivered: 1 });
      await sweepAt('2027-05-10T06:35:00Z');
      expect(await messagesOf(beforeCommit.id)).toHaveLength(1);
      expect(await messagesOf(afterCommit.id)).toHaveLength(1);
      expect((await log(birthday.id)).map((r) => [r.status, r.reason, r.messageId !== null])).toEqual([
        ['sent', null, true],
        ['sent', null, true],
      ]);
    });

    it('writes one message when two attempts at the same occurrence overlap', async () => {
      const birthday = await trigger({ kind: 'date', config: { field: 'birthday', offsetDays: 0 } });
      const occurrence = (await repo.insertOccurrence({ triggerId: birthday.id, contactId: (await contact()).id, occurrenceKey: 'birthday:2027', dueAt: clock.now(), context: { inboxId } }))!;
      await repo.claim(occurrence.id);
      const attempt = () =>
        outreach.send({
          contactId: occurrence.contactId,
          inboxId,
          templateId,
          source: { kind: 'trigger', id: birthday.id, recipientId: occurrence.id },
          ledger: { claim: (tx) => repo.lockClaimed(tx, occurrence.id), record: (tx, queued) => repo.recordSent(tx, occurrence.id, queued, clock.now()) },
        });
      const results = await Promise.all([attempt(), attempt()]);
      expect(results.map((r) => r.status).sort()).toEqual(['queued', 'settled']);
      expect(await messagesOf(occurrence.id)).toHaveLength(1);
    });
  });
});
