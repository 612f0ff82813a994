import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contacts,
  conversationRatings,
  conversations,
  conversationSla,
  inboxes,
  slaEvents,
  slaPolicies,
  users,
  type Conversation,
  type DatabaseHandle,
  type Db,
  type Message,
} from '@app/db';
import type { InboxesService } from '@app/inbox';
import { businessSecondsBetween, type BusinessHoursService, type BusinessSchedule } from '@app/routing';
import { databaseTargets } from '../../../../test/support/databases.js';
import { FactsRepository } from '../facts/facts.repository.js';
import { FactsService } from '../facts/facts.service.js';
import { resolvePeriod } from './report-period.js';
import { ReportsRepository } from './reports.repository.js';

const weekdays: BusinessSchedule = {
  timeZone: 'Europe/Moscow',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]])),
  holidays: [],
};
const at = (local: string) => new Date(`${local}+03:00`);

/**
 * Hand-computed fixture (Moscow time), fed through the facts service as the inbox events would:
 * A: opened Mon 10:00; replies after 300 s and 1200 s; resolved 11:00.
 * B: opened Mon 12:00; a bot answers, an agent takes over and replies after 1200 s; resolved 13:00.
 * C: opened Mon 14:00; only the bot answers; resolved 14:05 (a bot resolution).
 * D: opened Fri 17:50; replied Mon 09:10 (63 h 20 min = 228,000 s in calendar time, 20 min in business time); still open.
 */
describe.each(databaseTargets())('report figures from the rollups on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let db: Db;
    let facts: FactsService;
    let reports: ReportsRepository;
    let inboxId: string;
    let contactId: string;
    let agentId: string;
    const conversationIds: string[] = [];

    beforeAll(async () => {
      handle = await target.open();
      db = handle.db;
      [{ id: inboxId }] = await db.insert(inboxes).values({ type: 'telegram', name: 'Телеграм' }).returning();
      [{ id: contactId }] = await db.insert(contacts).values({ name: 'Клиент' }).returning();
      [{ id: agentId }] = await db.insert(users).values({ email: 'agent@example.com', name: 'Агент', passwordHash: 'x' }).returning();
      const inboxesPort = { findOrThrow: async () => ({ type: 'telegram' }) } as unknown as InboxesService;
      const hours = { businessSeconds: async (_inbox: string, from: Date, to: Date) => businessSecondsBetween(weekdays, from, to) } as unknown as BusinessHoursService;
      facts = new FactsService(new FactsRepository(db), inboxesPort, hours);
      reports = new ReportsRepository(db);

      let n = 0;
      const open = async (opened: string, labels: string[] = []) => {
        const [c] = await db.insert(conversations).values({ inboxId, contactId, createdAt: at(opened), labels }).returning();
        await facts.conversationStarted(c);
        return c;
      };
      const message = (c: Conversation, when: string, kind: 'customer' | 'agent' | 'bot') =>
        facts.messageCreated(c, {
          id: `m${++n}`,
          messageType: kind === 'customer' ? 'incoming' : 'outgoing',
          senderType: kind === 'customer' ? 'contact' : kind === 'agent' ? 'user' : 'bot',
          senderId: kind === 'agent' ? agentId : null,
          createdAt: at(when),
          contentAttributes: {},
        } as Message);
      const resolve = (c: Conversation, when: string, assigneeId: string | null = null) => facts.statusChanged({ ...c, assigneeId, status: 'resolved', resolvedAt: at(when) }, 'open');

      const a = await open('2026-11-30T10:00:00', ['vip']);
      await message(a, '2026-11-30T10:00:00', 'customer');
      await message(a, '2026-11-30T10:05:00', 'agent');
      await message(a, '2026-11-30T10:10:00', 'customer');
      await message(a, '2026-11-30T10:30:00', 'agent');
      await resolve(a, '2026-11-30T11:00:00', agentId);

      const b = await open('2026-11-30T12:00:00');
      await message(b, '2026-11-30T12:00:00', 'customer');
      await message(b, '2026-11-30T12:01:00', 'bot');
      await facts.assigned({ ...b, assigneeId: agentId });
      await message({ ...b, assigneeId: agentId }, '2026-11-30T12:20:00', 'agent');
      await resolve(b, '2026-11-30T13:00:00', agentId);

      const c = await open('2026-11-30T14:00:00');
      await message(c, '2026-11-30T14:00:00', 'customer');
      await message(c, '2026-11-30T14:01:00', 'bot');
      await resolve(c, '2026-11-30T14:05:00');

      const d = await open('2026-11-27T17:50:00');
      await message(d, '2026-11-27T17:50:00', 'customer');
      await message(d, '2026-11-30T09:10:00', 'agent');
      conversationIds.push(a.id, b.id, c.id, d.id);
    });
    afterAll(() => handle?.close());

    const monday = resolvePeriod({ from: '2026-11-30', to: '2026-12-01', timezone: 'Europe/Moscow' });
    const week = resolvePeriod({ from: '2026-11-23', to: '2026-12-01', timezone: 'Europe/Moscow' });

    it('computes counts, first response, reply and resolution times and bot figures for a day', async () => {
      const f = await reports.periodFigures(monday, {});
      expect(f).toMatchObject({ opened: 3, resolved: 3, incoming: 4, outgoing: 6, botResolutions: 1, botHandoffs: 1, repliesToResolve: 1 });
      // First responses answered on Monday: A 300, B 1200, D 228,000 (from Friday); p90 = 1200 + 0.8 × 226,800.
      expect(f.firstResponse).toEqual({ avg: 76_500, p50: 1200, p90: 182_640, count: 3 });
      // Replies to a waiting customer on Monday: 300, 1200 (A), 1200 (B), 228,000 (D); p90 = 1200 + 0.7 × 226,800.
      expect(f.reply).toEqual({ avg: 57_675, p50: 1200, p90: 159_960, count: 4 });
      expect(f.resolution).toEqual({ avg: 2500, p50: 3600, p90: 3600, count: 3 });
    });

    it('counts durations in business time when asked', async () => {
      const f = await reports.periodFigures(monday, { businessHours: true });
      // A 300, B 1200, D 1200 (10 minutes on Friday, 10 on Monday).
      expect(f.firstResponse).toEqual({ avg: 900, p50: 1200, p90: 1200, count: 3 });
    });

    it('narrows by label and by agent', async () => {
      expect(await reports.periodFigures(monday, { label: 'vip' })).toMatchObject({ opened: 1, resolved: 1, reply: { count: 2 } });
      expect(await reports.periodFigures(monday, { agentId })).toMatchObject({ opened: 2, resolved: 2, outgoing: 4 });
    });

    it('buckets a chart by local day in the time zone, every day present', async () => {
      const points = await reports.timeseries(week, {}, 'conversationsOpened', 'day');
      expect(points).toHaveLength(8);
      expect(points[0].bucket.toISOString()).toBe('2026-11-22T21:00:00.000Z');
      expect(points.map((p) => p.value)).toEqual([0, 0, 0, 0, 1, 0, 0, 3]);
      const utc = await reports.timeseries(resolvePeriod({ from: '2026-11-30', to: '2026-12-01', timezone: 'UTC' }), {}, 'incomingMessages', 'hour');
      expect(utc.filter((p) => p.value).map((p) => [p.bucket.toISOString().slice(11, 13), p.value])).toEqual([
        ['07', 2],
        ['09', 1],
        ['11', 1],
      ]);
      const firstResponse = await reports.timeseries(monday, {}, 'firstResponseTime', 'day');
      expect(firstResponse).toEqual([{ bucket: at('2026-11-30T00:00:00'), value: 76_500 }]);
    });

    it('counts ratings, SLA outcomes and running clocks the same from the rollups and, for two filters at once, from the rows', async () => {
      const [a, b, c, d] = conversationIds;
      const [{ id: policyId }] = await db.insert(slaPolicies).values({ name: 'Стандарт' }).returning();
      const event = (conversationId: string, kind: string, what: string, when: string) => ({ conversationId, policyId, kind, event: what, dueAt: at(when), inboxId, createdAt: at(when) });
      await db.insert(slaEvents).values([
        event(a, 'first_response', 'hit', '2026-11-30T10:05:00'),
        event(a, 'resolution', 'hit', '2026-11-30T11:00:00'),
        event(b, 'first_response', 'breached', '2026-11-30T12:10:00'),
        event(c, 'first_response', 'warning', '2026-11-30T14:00:30'),
        event(d, 'first_response', 'breached', '2026-11-27T18:00:00'),
      ]);
      await db.insert(conversationSla).values([
        { conversationId: a, policyId, status: 'hit' },
        { conversationId: b, policyId, status: 'active' },
        { conversationId: c, policyId, status: 'active_with_misses' },
        { conversationId: d, policyId, status: 'active' },
      ]);
      const rating = (conversationId: string, csat: number, nps: number | null, when: string) => ({
        conversationId,
        contactId,
        inboxId,
        stage: 'done',
        csat,
        csatAt: at(when),
        nps,
        npsAt: nps === null ? null : at(when),
      });
      await db.insert(conversationRatings).values([rating(a, 5, 9, '2026-11-30T11:10:00'), rating(b, 2, 5, '2026-11-30T13:10:00'), rating(c, 4, null, '2026-11-30T14:10:00')]);
      const quality = ({ csatAverage, csatResponses, csatSatisfied, promoters, passives, detractors, sla }: Awaited<ReturnType<ReportsRepository['periodFigures']>>) => ({
        csatAverage,
        csatResponses,
        csatSatisfied,
        promoters,
        passives,
        detractors,
        sla,
      });

      expect(quality(await reports.periodFigures(monday, {}))).toEqual({
        csatAverage: 3.67,
        csatResponses: 3,
        csatSatisfied: 2,
        promoters: 1,
        passives: 0,
        detractors: 1,
        sla: { hit: 2, missed: 1, active: 3 },
      });
      const vip = quality(await reports.periodFigures(monday, { label: 'vip' }));
      expect(vip).toEqual({ csatAverage: 5, csatResponses: 1, csatSatisfied: 1, promoters: 1, passives: 0, detractors: 0, sla: { hit: 2, missed: 0, active: 0 } });
      expect(quality(await reports.periodFigures(monday, { label: 'vip', channel: 'telegram' }))).toEqual(vip);
      const ofAgent = quality(await reports.periodFigures(monday, { agentId }));
      expect(ofAgent).toMatchObject({ csatAverage: 3.5, csatResponses: 2, sla: { hit: 2, missed: 1, active: 1 } });
      expect(quality(await reports.periodFigures(monday, { agentId, channel: 'telegram' }))).toEqual(ofAgent);

      const byAgent = await reports.breakdown(monday, {}, 'agent');
      expect(byAgent.find((r) => r.key === agentId)).toMatchObject({ csatAverage: 3.5, slaHit: 2, slaMissed: 1 });
      expect(byAgent.find((r) => r.key === '')).toMatchObject({ csatAverage: 4, slaHit: 0, slaMissed: 0 });
      const fromRows = await reports.breakdown(monday, { channel: 'telegram' }, 'agent');
      for (const row of byAgent) expect(fromRows.find((r) => r.key === row.key)).toMatchObject({ csatAverage: row.csatAverage, slaHit: row.slaHit, slaMissed: row.slaMissed });
    });

    it('slices by agent', async () => {
      const rows = await reports.breakdown(monday, {}, 'agent');
      const agent = rows.find((r) => r.key === agentId);
      expect(agent).toMatchObject({ label: 'Агент', opened: 2, resolved: 2, reply: { count: 4 } });
      expect(rows.find((r) => r.key === '')).toMatchObject({ opened: 1, resolved: 1 });
    });
  });
});
