import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { contacts, conversations, inboxes, slaEvents, type Conversation, type DatabaseHandle, type Db } from '@app/db';
import { ReadCache } from '@app/queue';
import type { ConversationAutomationService } from '@app/inbox';
import type { RealtimeService } from '@app/realtime';
import type { BusinessHoursService, BusinessSchedule } from '@app/routing';
import { databaseTargets } from '../../../../test/support/databases.js';
import type { ReportsClock } from '../clock.js';
import { SlaClockRepository } from './sla-clock.repository.js';
import { SlaClockService } from './sla-clock.service.js';
import { SlaPoliciesRepository } from './sla-policies.repository.js';
import type { SlaTimers } from './sla-timers.js';

const weekdays: BusinessSchedule = {
  timeZone: 'Europe/Moscow',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]])),
  holidays: [],
};
// Friday 17:30 in Moscow; one business hour later is Monday 09:30 (06:30Z).
const FRIDAY_1730 = new Date('2026-11-27T14:30:00Z');
const MONDAY = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+03:00`);

/** The clock service on a real database, with a fake clock, recorded timers and recorded live events. */
function harness(db: Db) {
  const clock = { now: () => FRIDAY_1730 };
  const timers = { arm: vi.fn(async () => undefined) };
  const realtime = { emitSla: vi.fn() };
  const conversationsPort = { find: async (id: string) => (await db.select().from(conversations).where(eq(conversations.id, id)))[0] };
  const hours = { schedule: async () => weekdays };
  const policies = new SlaPoliciesRepository(db, new ReadCache());
  const service = new SlaClockService(
    policies,
    new SlaClockRepository(db),
    hours as unknown as BusinessHoursService,
    timers as unknown as SlaTimers,
    realtime as unknown as RealtimeService,
    conversationsPort as unknown as ConversationAutomationService,
    clock as ReportsClock,
  );
  return { service, clock, timers, realtime, policies };
}

describe.each(databaseTargets())('SlaClockService on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let db: Db;
    let inboxId: string;
    let contactId: string;

    beforeAll(async () => {
      handle = await target.open();
      db = handle.db;
      [{ id: inboxId }] = await db.insert(inboxes).values({ type: 'api', name: 'SLA' }).returning();
      [{ id: contactId }] = await db.insert(contacts).values({ name: 'Клиент' }).returning();
      await new SlaPoliciesRepository(db, new ReadCache()).insert({ name: 'Рабочие часы', position: 0, firstResponseSeconds: 3600, nextResponseSeconds: 1800, businessHoursOnly: true, warningPercent: 80, conditions: { inboxIds: [inboxId] } });
    });
    afterAll(() => handle?.close());

    async function conversation(): Promise<Conversation> {
      const [row] = await db.insert(conversations).values({ inboxId, contactId, createdAt: FRIDAY_1730 }).returning();
      return row;
    }
    const events = async (conversationId: string) => (await db.select().from(slaEvents).where(eq(slaEvents.conversationId, conversationId))).map((e) => `${e.kind}:${e.event}`).sort();

    it('sets the first response due time in business hours across the weekend and arms its warning and breach', async () => {
      const h = harness(db);
      const c = await conversation();
      const row = await h.service.conversationStarted(c);
      expect(row?.firstResponseDueAt?.toISOString()).toBe(MONDAY('09:30').toISOString());
      expect(h.timers.arm).toHaveBeenCalledWith(c.id, 'first_response', { dueAt: MONDAY('09:30'), warnAt: MONDAY('09:18') }, { warning: true });
    });

    it('records a hit when the agent replies before the due time, and a later breach job then does nothing', async () => {
      const h = harness(db);
      const c = await conversation();
      await h.service.conversationStarted(c);
      await h.service.agentReplied(c, MONDAY('09:20'));
      h.clock.now = () => MONDAY('09:31');
      await h.service.fire({ conversationId: c.id, kind: 'first_response', dueAt: MONDAY('09:30').toISOString(), phase: 'breach' });
      expect(await h.service.view(c.id)).toMatchObject({ status: 'hit', firstResponseDueAt: null });
      expect(await events(c.id)).toEqual(['first_response:hit']);
      expect(h.realtime.emitSla).toHaveBeenCalledWith('sla.hit', { conversationId: c.id, kind: 'first_response' }, expect.objectContaining({ inboxId }));
    });

    it('warns once before and breaches once at the due time, and a late reply adds no second miss', async () => {
      const h = harness(db);
      const c = await conversation();
      await h.service.conversationStarted(c);
      const job = { conversationId: c.id, kind: 'first_response' as const, dueAt: MONDAY('09:30').toISOString() };
      h.clock.now = () => MONDAY('09:19');
      await h.service.fire({ ...job, phase: 'warning' });
      await h.service.fire({ ...job, phase: 'warning' });
      // A breach job running early (a clock skew between processes) re-arms itself instead of breaching.
      await h.service.fire({ ...job, phase: 'breach' });
      expect(await events(c.id)).toEqual(['first_response:warning']);
      h.clock.now = () => MONDAY('09:30');
      await h.service.fire({ ...job, phase: 'breach' });
      await h.service.fire({ ...job, phase: 'breach' });
      expect(await h.service.view(c.id)).toMatchObject({ status: 'active_with_misses' });
      await h.service.agentReplied(c, MONDAY('09:45'));
      expect(await h.service.view(c.id)).toMatchObject({ status: 'missed', firstResponseDueAt: null });
      expect(await events(c.id)).toEqual(['first_response:breached', 'first_response:warning']);
      expect(h.realtime.emitSla).toHaveBeenCalledWith('sla.breached', expect.objectContaining({ conversationId: c.id, kind: 'first_response', contactName: 'Клиент' }), expect.anything());
    });

    it('records the miss when the reply comes after the due time and the timer never ran', async () => {
      const h = harness(db);
      const c = await conversation();
      await h.service.conversationStarted(c);
      await h.service.agentReplied(c, MONDAY('10:00'));
      expect(await h.service.view(c.id)).toMatchObject({ status: 'missed' });
      expect(await events(c.id)).toEqual(['first_response:breached']);
    });

    it('breaches overdue clocks and re-arms running ones after a restart, without doubles when run again', async () => {
      const before = harness(db);
      const overdue = await conversation();
      await before.service.conversationStarted(overdue);
      const later = await conversation();
      await db.update(conversations).set({ createdAt: MONDAY('09:45') }).where(eq(conversations.id, later.id));
      await before.service.conversationStarted({ ...later, createdAt: MONDAY('09:45') });

      // A new process: its queue is empty, the clocks are in the database.
      const after = harness(db);
      after.clock.now = () => MONDAY('09:40');
      await after.service.rearm();
      await after.service.rearm();
      expect(await events(overdue.id)).toEqual(['first_response:breached']);
      expect(after.timers.arm).toHaveBeenCalledWith(later.id, 'first_response', { dueAt: MONDAY('10:45'), warnAt: MONDAY('10:33') }, { warning: true });
      await after.service.sweepOverdue();
      expect(await events(overdue.id)).toEqual(['first_response:breached']);
    });

    it('starts the next response clock on a customer message after the first reply and stops it on resolution', async () => {
      const h = harness(db);
      const c = await conversation();
      await h.service.conversationStarted(c);
      await h.service.agentReplied(c, MONDAY('09:10'));
      const replied = { ...c, firstReplyAt: MONDAY('09:10') };
      await h.service.customerWrote(replied, MONDAY('17:50'));
      // 10 minutes on Monday, 20 on Tuesday from 09:00.
      expect(await h.service.view(c.id)).toMatchObject({ status: 'active', nextResponseDueAt: new Date('2026-12-01T09:20:00+03:00').toISOString() });
      await h.service.resolved({ ...replied, status: 'resolved' }, MONDAY('17:55'));
      expect(await h.service.view(c.id)).toMatchObject({ status: 'hit', nextResponseDueAt: null });
    });
  });
});
