import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
  contacts,
  conversationFacts,
  conversationRatings,
  conversations,
  conversationSla,
  inboxes,
  messageCountsHourly,
  queryRows,
  replyTimes,
  slaEvents,
  slaPolicies,
  users,
  type DatabaseHandle,
  type Db,
} from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { RollupsRepository, type RollupMeasure } from './rollups.repository.js';

const DAY = 86_400_000;
const START = Date.parse('2026-01-10T05:00:00Z');
/** 100 days from 10 January: whole months February to April from the rollups, partial January and May from the rows. */
const PERIOD = { from: new Date(START), to: new Date(START + 100 * DAY) };

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Durations from a second to about a week, spread evenly on a log scale, so every bin width is exercised. */
const duration = (next: () => number) => Math.round(Math.exp(next() * Math.log(600_000)));

interface Exact {
  n: number;
  avg: number | null;
  p50: number | null;
  p90: number | null;
}

/** What percentile_cont says over the rows themselves. */
async function exact(db: Db, table: 'facts' | 'replies', value: string, at: string, where = 'true'): Promise<Exact> {
  const from = table === 'facts' ? 'conversation_facts f' : 'reply_times f';
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql.raw(`select count(${value})::int as n, avg(${value})::float8 as avg, percentile_cont(0.5) within group (order by ${value}) as p50,
      percentile_cont(0.9) within group (order by ${value}) as p90 from ${from}
      where ${at} >= '${PERIOD.from.toISOString()}' and ${at} < '${PERIOD.to.toISOString()}' and ${where}`),
  );
  const n = (v: unknown) => (v === null ? null : Number(v));
  return { n: Number(row.n), avg: n(row.avg), p50: n(row.p50), p90: n(row.p90) };
}

const QUALITY: RollupMeasure[] = ['csat', 'csat_satisfied', 'nps_promoter', 'nps_passive', 'nps_detractor', 'sla_hit', 'sla_missed'];
const NO_AGENT = '00000000-0000-0000-0000-000000000000';

/** The ratings and SLA outcomes of the period over the rows, among the conversations whose facts match `facts` (all when absent). */
async function qualityOfRows(db: Db, facts?: string): Promise<Record<RollupMeasure, { count: number; sum: number }>> {
  const inPeriod = (at: string) => `${at} >= '${PERIOD.from.toISOString()}' and ${at} < '${PERIOD.to.toISOString()}'`;
  const match = (alias: string) => (facts ? `exists (select 1 from conversation_facts f where f.conversation_id = ${alias}.conversation_id and ${facts})` : 'true');
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql.raw(`select
      (select count(csat) from conversation_ratings q where ${inPeriod('q.csat_at')} and ${match('q')}) as csat_n,
      (select coalesce(sum(csat), 0) from conversation_ratings q where ${inPeriod('q.csat_at')} and ${match('q')}) as csat_s,
      (select count(*) from conversation_ratings q where q.csat >= 4 and ${inPeriod('q.csat_at')} and ${match('q')}) as satisfied,
      (select count(*) from conversation_ratings q where q.nps >= 9 and ${inPeriod('q.nps_at')} and ${match('q')}) as promoters,
      (select count(*) from conversation_ratings q where q.nps between 7 and 8 and ${inPeriod('q.nps_at')} and ${match('q')}) as passives,
      (select count(*) from conversation_ratings q where q.nps <= 6 and ${inPeriod('q.nps_at')} and ${match('q')}) as detractors,
      (select count(*) from sla_events e where e.event = 'hit' and ${inPeriod('e.created_at')} and ${match('e')}) as hit,
      (select count(*) from sla_events e where e.event = 'breached' and ${inPeriod('e.created_at')} and ${match('e')}) as missed`),
  );
  const count = (v: unknown) => ({ count: Number(v), sum: 0 });
  return {
    csat: { count: Number(row.csat_n), sum: Number(row.csat_s) },
    csat_satisfied: count(row.satisfied),
    nps_promoter: count(row.promoters),
    nps_passive: count(row.passives),
    nps_detractor: count(row.detractors),
    sla_hit: count(row.hit),
    sla_missed: count(row.missed),
  } as Record<RollupMeasure, { count: number; sum: number }>;
}

/** Within the bin width (1%) of the exact value; counts and averages exactly. */
function expectWithinBin(actual: { count: number; avg: number | null; p50: number | null; p90: number | null }, want: Exact) {
  expect(actual.count).toBe(want.n);
  expect(actual.avg).toBeCloseTo(want.avg!, 1);
  for (const p of ['p50', 'p90'] as const) {
    expect(Math.abs(actual[p]! - want[p]!)).toBeLessThanOrEqual(want[p]! * 0.01 + 0.01);
  }
}

describe.each(databaseTargets())('report rollups on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let db: Db;
    let rollups: RollupsRepository;
    const agents: string[] = [];
    const conversationIds: string[] = [];

    beforeAll(async () => {
      handle = await target.open();
      db = handle.db;
      rollups = new RollupsRepository(db);
      const [{ id: inboxId }] = await db.insert(inboxes).values({ type: 'telegram', name: 'Телеграм' }).returning();
      const [{ id: contactId }] = await db.insert(contacts).values({ name: 'Клиент' }).returning();
      for (let i = 0; i < 3; i++) {
        const [{ id }] = await db.insert(users).values({ email: `agent${i}@example.com`, name: `Агент ${i}`, passwordHash: 'x' }).returning();
        agents.push(id);
      }
      const next = random(7);
      const facts: Array<typeof conversationFacts.$inferInsert> = [];
      const replies: Array<typeof replyTimes.$inferInsert> = [];
      for (let i = 0; i < 240; i++) {
        // A few days before and after the period too, so its edges cut through the data.
        const openedAt = new Date(START - 5 * DAY + next() * 110 * DAY);
        const [c] = await db.insert(conversations).values({ inboxId, contactId, createdAt: openedAt }).returning();
        conversationIds.push(c.id);
        const assigneeId = next() < 0.15 ? null : agents[Math.floor(next() * agents.length)];
        const labels = next() < 0.3 ? ['vip'] : [];
        const first = duration(next);
        const resolved = next() < 0.7 ? duration(next) : null;
        facts.push({
          conversationId: c.id,
          inboxId,
          channel: 'telegram',
          assigneeId,
          labels,
          openedAt,
          firstResponseAt: new Date(openedAt.getTime() + first * 1000),
          firstResponseSeconds: first,
          firstResponseBusinessSeconds: Math.round(first / 3),
          resolvedAt: resolved === null ? null : new Date(openedAt.getTime() + resolved * 1000),
          resolutionSeconds: resolved,
          resolutionBusinessSeconds: resolved === null ? null : Math.round(resolved / 2),
          replies: 1 + Math.floor(next() * 4),
          status: resolved === null ? 'open' : 'resolved',
        });
        for (let r = 0; r < 3; r++) {
          const seconds = duration(next);
          replies.push({ conversationId: c.id, repliedAt: new Date(openedAt.getTime() + (r + 1) * 3_600_000), agentId: assigneeId, inboxId, channel: 'telegram', labels, seconds, businessSeconds: Math.round(seconds / 4) });
        }
      }
      for (let r = 0; r < 25; r++) {
        replies.push({ conversationId: conversationIds[r], repliedAt: new Date(START + (r + 1) * 3 * DAY), agentId: null, inboxId, channel: 'sms', labels: [], seconds: Math.floor(next() * 100), businessSeconds: 0 });
      }
      await db.insert(conversationFacts).values(facts);
      await db.insert(replyTimes).values(replies);
      await seedQuality(inboxId, contactId);
    });

    /**
     * SLA events, clocks and ratings of every conversation, two of them on conversations without facts (counted in the
     * whole workspace only), and hourly message counters around the period.
     */
    async function seedQuality(inboxId: string, contactId: string) {
      const next = random(11);
      const [{ id: policyId }] = await db.insert(slaPolicies).values({ name: 'Стандарт' }).returning();
      for (let i = 0; i < 2; i++) {
        const [c] = await db.insert(conversations).values({ inboxId, contactId, createdAt: new Date(START + (10 + i) * DAY) }).returning();
        conversationIds.push(c.id);
      }
      const all = await db.select({ id: conversations.id, createdAt: conversations.createdAt }).from(conversations);
      const statuses = ['active', 'hit', 'missed', 'active_with_misses'];
      for (const [i, c] of all.entries()) {
        const at = c.createdAt.getTime();
        await db.insert(slaEvents).values([
          { conversationId: c.id, policyId, kind: 'first_response', event: next() < 0.6 ? 'hit' : 'breached', dueAt: new Date(at + 600_000), inboxId, createdAt: new Date(at + 600_000) },
          { conversationId: c.id, policyId, kind: 'resolution', event: ['hit', 'breached', 'warning'][i % 3], dueAt: new Date(at + DAY), inboxId, createdAt: new Date(at + DAY) },
        ]);
        await db.insert(conversationSla).values({ conversationId: c.id, policyId, status: statuses[i % statuses.length] });
        if (i % 3 !== 2) {
          const nps = next() < 0.2 ? null : Math.floor(next() * 11);
          await db.insert(conversationRatings).values({
            conversationId: c.id,
            contactId,
            inboxId,
            stage: 'done',
            csat: 1 + Math.floor(next() * 5),
            csatAt: new Date(at + 2 * DAY),
            nps,
            npsAt: nps === null ? null : new Date(at + 2 * DAY + 60_000),
          });
        }
      }
      const hours = new Set<number>();
      for (let i = 0; i < 300; i++) hours.add(Math.floor((START - 5 * DAY + next() * 115 * DAY) / 3_600_000) * 3_600_000);
      await db.insert(messageCountsHourly).values(
        [...hours].map((hour, i) => ({ bucket: new Date(hour), inboxId, channel: 'telegram', agentId: i % 2 ? agents[i % agents.length] : NO_AGENT, incoming: 1 + (i % 7), outgoing: i % 5 })),
      );
    }
    afterAll(() => handle?.close());

    const figures = async (slice: Parameters<RollupsRepository['figures']>[1], measures: RollupMeasure[]) => rollups.figures(PERIOD, slice, measures);

    it('answers counts, averages and percentiles within the bin width of percentile_cont over the same rows', async () => {
      const all = (await figures({ dimension: 'all', key: '' }, ['opened', 'resolved', 'first_response', 'resolution', 'reply', 'reply_business'])).get('')!;
      const [{ opened }] = await queryRows<{ opened: number }>(
        db,
        sql`select count(*)::int as opened from conversation_facts where opened_at >= ${PERIOD.from.toISOString()}::timestamptz and opened_at < ${PERIOD.to.toISOString()}::timestamptz`,
      );
      expect(all.get('opened')!.count).toBe(opened);
      expectWithinBin(all.get('first_response')!.stat, await exact(db, 'facts', 'first_response_seconds', 'first_response_at'));
      expectWithinBin(all.get('resolution')!.stat, await exact(db, 'facts', 'resolution_seconds', 'resolved_at'));
      expectWithinBin(all.get('reply')!.stat, await exact(db, 'replies', 'seconds', 'replied_at'));
      expectWithinBin(all.get('reply_business')!.stat, await exact(db, 'replies', 'business_seconds', 'replied_at'));
      expect(all.get('resolved')!.count).toBe((await exact(db, 'facts', 'replies', 'resolved_at')).n);
      expect(all.get('resolved')!.sum / all.get('resolved')!.count).toBeCloseTo((await exact(db, 'facts', 'replies', 'resolved_at')).avg!, 6);
    });

    it('reads the current month from its rollup when the period ends after everything counted, with the same figures', async () => {
      const open = { from: PERIOD.from, to: new Date(START + 120 * DAY + 3_600_000) };
      const all = (await rollups.figures(open, { dimension: 'all', key: '' }, ['reply', 'opened'])).get('')!;
      const [want] = await queryRows<Record<string, unknown>>(
        db,
        sql`select count(*)::int as n, avg(seconds)::float8 as avg, percentile_cont(0.5) within group (order by seconds) as p50, percentile_cont(0.9) within group (order by seconds) as p90
          from reply_times where replied_at >= ${open.from.toISOString()}::timestamptz`,
      );
      expectWithinBin(all.get('reply')!.stat, { n: Number(want.n), avg: Number(want.avg), p50: Number(want.p50), p90: Number(want.p90) });
      const [{ opened }] = await queryRows<{ opened: number }>(db, sql`select count(*)::int as opened from conversation_facts where opened_at >= ${open.from.toISOString()}::timestamptz`);
      expect(all.get('opened')!.count).toBe(opened);
    });

    it('answers each agent, the unassigned and a label the same way', async () => {
      const byAgent = await figures({ dimension: 'agent' }, ['first_response', 'reply']);
      for (const agent of agents) {
        expectWithinBin(byAgent.get(agent)!.get('first_response')!.stat, await exact(db, 'facts', 'first_response_seconds', 'first_response_at', `assignee_id = '${agent}'`));
        expectWithinBin(byAgent.get(agent)!.get('reply')!.stat, await exact(db, 'replies', 'seconds', 'replied_at', `agent_id = '${agent}'`));
      }
      expectWithinBin(byAgent.get('')!.get('first_response')!.stat, await exact(db, 'facts', 'first_response_seconds', 'first_response_at', 'assignee_id is null'));
      const vip = (await figures({ dimension: 'label', key: 'vip' }, ['resolution'])).get('vip')!;
      expectWithinBin(vip.get('resolution')!.stat, await exact(db, 'facts', 'resolution_seconds', 'resolved_at', `'vip' = any(labels)`));
    });

    it('is exact below 100 seconds, where every second has its own bin', async () => {
      const sms = (await figures({ dimension: 'channel', key: 'sms' }, ['reply'])).get('sms')!.get('reply')!.stat;
      const want = await exact(db, 'replies', 'seconds', 'replied_at', `channel = 'sms'`);
      const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
      expect(want.n).toBeGreaterThan(10);
      expect(sms).toEqual({ count: want.n, avg: round2(want.avg), p50: round2(want.p50), p90: round2(want.p90) });
    });

    it('charts the daily average and count of the whole workspace exactly as the rows give them', async () => {
      const period = { ...PERIOD, timezone: 'Europe/Moscow' };
      const points = await rollups.series(period, 'reply', 'day', 'avg');
      const want = await queryRows<{ day: string; avg: number }>(
        db,
        sql`select date_trunc('day', replied_at at time zone 'Europe/Moscow') as day, avg(seconds)::float8 as avg from reply_times
          where replied_at >= ${PERIOD.from.toISOString()}::timestamptz and replied_at < ${PERIOD.to.toISOString()}::timestamptz group by 1`,
      );
      const withData = points.filter((p) => p.value !== null);
      expect(withData).toHaveLength(want.length);
      const opened = await rollups.series(period, 'opened', 'month', 'count');
      expect(opened.reduce((n, p) => n + (p.value ?? 0), 0)).toBe((await figures({ dimension: 'all', key: '' }, ['opened'])).get('')!.get('opened')!.count);
      const byDay = new Map(want.map((w) => [new Date(`${String(w.day).slice(0, 10)}T00:00:00+03:00`).getTime(), Math.round(Number(w.avg) * 100) / 100]));
      for (const p of withData) expect(p.value).toBeCloseTo(byDay.get(p.bucket.getTime())!, 2);
    });

    it('counts ratings and SLA outcomes in the slices of their conversations exactly as the rows give them', async () => {
      const expectQuality = (got: Map<RollupMeasure, { count: number; sum: number }> | undefined, want: Record<RollupMeasure, { count: number; sum: number }>) => {
        for (const measure of QUALITY) {
          expect({ measure, count: got?.get(measure)?.count ?? 0 }).toEqual({ measure, count: want[measure].count });
          if (measure === 'csat') expect(got?.get(measure)?.sum).toBe(want.csat.sum);
        }
      };
      const all = await qualityOfRows(db);
      expect(all.csat.count).toBeGreaterThan(20);
      expect(all.sla_missed.count).toBeGreaterThan(20);
      expectQuality((await figures({ dimension: 'all', key: '' }, QUALITY)).get(''), all);
      expectQuality((await figures({ dimension: 'label', key: 'vip' }, QUALITY)).get('vip'), await qualityOfRows(db, `'vip' = any(f.labels)`));
      const byAgent = await figures({ dimension: 'agent' }, QUALITY);
      expectQuality(byAgent.get(agents[0]), await qualityOfRows(db, `f.assignee_id = '${agents[0]}'`));
      expectQuality(byAgent.get(''), await qualityOfRows(db, 'f.assignee_id is null'));
    });

    it('counts the SLA clocks running now per slice', async () => {
      const running = async (dimension: 'all' | 'label', key: string) =>
        (await queryRows<{ sla_active: number }>(db, rollups.runningSlaClocksSql({ dimension, key })))[0].sla_active;
      const [want] = await queryRows<{ all: number; vip: number }>(
        db,
        sql`select count(*)::int as all, count(*) filter (where 'vip' = any(f.labels))::int as vip
          from conversation_sla s left join conversation_facts f on f.conversation_id = s.conversation_id where s.status in ('active', 'active_with_misses')`,
      );
      expect(want.vip).toBeGreaterThan(5);
      expect(await running('all', '')).toBe(want.all);
      expect(await running('label', 'vip')).toBe(want.vip);
    });

    it('sums the message counters of the hours starting in the period, whole months from the monthly counters', async () => {
      const months = await rollups.monthsOf(PERIOD);
      expect(months.buckets).not.toBeNull();
      for (const where of [sql`true`, sql`h.agent_id = ${agents[1]}`]) {
        const [got] = await queryRows<{ incoming: number; outgoing: number }>(db, rollups.messageCountsSql(months, where));
        const [want] = await queryRows<{ incoming: number; outgoing: number }>(
          db,
          sql`select coalesce(sum(incoming), 0)::int as incoming, coalesce(sum(outgoing), 0)::int as outgoing from message_counts_hourly h
            where h.bucket >= ${PERIOD.from.toISOString()}::timestamptz and h.bucket < ${PERIOD.to.toISOString()}::timestamptz and ${where}`,
        );
        expect(want.incoming).toBeGreaterThan(0);
        expect(got).toEqual(want);
      }
    });

    it('takes back the old contribution and adds the new one when facts, replies, SLA events and clocks, ratings and message counters change, matching a full recount', async () => {
      const [a, b, c, d] = conversationIds;
      await db.transaction(async (tx) => {
        // Reopened: the resolution leaves the rollups.
        await tx.update(conversationFacts).set({ resolvedAt: null, resolutionSeconds: null, resolutionBusinessSeconds: null, status: 'open' }).where(eq(conversationFacts.conversationId, a));
        // Resolved again later, by another agent, with a label added.
        await tx
          .update(conversationFacts)
          .set({ resolvedAt: new Date(START + 40 * DAY), resolutionSeconds: 77, resolutionBusinessSeconds: 50, assigneeId: agents[2], labels: ['vip', 'доставка'], replies: 9 })
          .where(eq(conversationFacts.conversationId, b));
      });
      await db.update(replyTimes).set({ seconds: 12_345, labels: ['доставка'] }).where(eq(replyTimes.conversationId, c));
      await db.delete(conversations).where(eq(conversations.id, d));
      // Ratings answered and changed, an SLA event changed and one deleted, a clock stopped, a conversation given facts after its events.
      await db.update(conversationRatings).set({ nps: 10, npsAt: new Date(START + 41 * DAY) }).where(eq(conversationRatings.conversationId, a));
      await db.update(conversationRatings).set({ csat: 1 }).where(eq(conversationRatings.conversationId, b));
      await db.update(slaEvents).set({ event: 'breached' }).where(and(eq(slaEvents.conversationId, b), eq(slaEvents.kind, 'first_response')));
      await db.delete(slaEvents).where(and(eq(slaEvents.conversationId, c), eq(slaEvents.kind, 'first_response')));
      await db.update(conversationSla).set({ status: 'hit' }).where(eq(conversationSla.conversationId, c));
      await db.update(conversationSla).set({ status: 'active' }).where(eq(conversationSla.conversationId, b));
      const late = conversationIds[conversationIds.length - 1];
      const [{ inboxId }] = await db.select({ inboxId: conversationFacts.inboxId }).from(conversationFacts).limit(1);
      await db.insert(conversationFacts).values({ conversationId: late, inboxId, channel: 'telegram', assigneeId: agents[1], labels: ['vip'], openedAt: new Date(START + 11 * DAY) });
      // Message counters written the way replies count them (an upsert), changed and deleted.
      const [hour] = await db.select().from(messageCountsHourly).limit(1);
      await db
        .insert(messageCountsHourly)
        .values({ ...hour, incoming: 1, outgoing: 0 })
        .onConflictDoUpdate({ target: [messageCountsHourly.bucket, messageCountsHourly.inboxId, messageCountsHourly.agentId], set: { incoming: sql`${messageCountsHourly.incoming} + 1` } });
      await db.insert(messageCountsHourly).values({ bucket: new Date(START + 3_600_000 / 2 - (START % 3_600_000)), inboxId, channel: 'telegram', agentId: agents[2], incoming: 0, outgoing: 4 }).onConflictDoNothing();
      await db.delete(messageCountsHourly).where(eq(messageCountsHourly.agentId, agents[0]));
      const incremental = await queryRows<Record<string, unknown>>(
        db,
        sql`select grain, dimension, measure, key, bucket, bin, count, sum from report_rollups where count <> 0 or sum <> 0 order by 1, 2, 3, 4, 5, 6`,
      );
      const monthly = sql`select bucket, inbox_id, agent_id, incoming, outgoing from message_counts_monthly`;
      const monthlyIncremental = await queryRows<Record<string, unknown>>(db, sql`${monthly} where incoming <> 0 or outgoing <> 0 order by 1, 2, 3`);
      await db.execute(sql`select report_rollups_rebuild()`);
      const recounted = await queryRows<Record<string, unknown>>(db, sql`select grain, dimension, measure, key, bucket, bin, count, sum from report_rollups order by 1, 2, 3, 4, 5, 6`);
      expect(incremental.length).toBeGreaterThan(100);
      expect(incremental.filter((r) => r.measure === 'sla_missed' && r.dimension === 'label').length).toBeGreaterThan(0);
      expect(incremental).toEqual(recounted);
      expect(monthlyIncremental.length).toBeGreaterThan(3);
      expect(monthlyIncremental).toEqual(await queryRows<Record<string, unknown>>(db, sql`${monthly} order by 1, 2, 3`));
      const delivery = (await figures({ dimension: 'label', key: 'доставка' }, ['resolution'])).get('доставка')!.get('resolution')!.stat;
      expect(delivery).toEqual({ avg: 77, p50: 77, p90: 77, count: 1 });
    });
  });
});
