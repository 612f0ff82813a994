import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { InjectDb, queryRows, type Db } from '@app/db';
import type { ReportGroupBy, Stat } from '../reports.contract.js';
import { splitByHours, splitByMonths, type RollupSplit, type TimeRange } from './rollup-period.js';

/**
 * The rollups of migrations reports_rollups_maintenance and reports_event_rollups: per UTC month, per slice and per
 * measure, a count and a sum, and for durations one row per histogram bin; per UTC hour the same counts and sums for
 * the whole workspace. SLA events and ratings count in the slices of their conversation's facts as they are now.
 *
 * Percentiles come from the bins, never from sorting rows: one bin per whole second below 100 s, then bins 1%
 * wide. Each bin stands for the mean of the values it holds, and p50/p90 interpolate between the values at the
 * neighbouring ranks exactly like percentile_cont. So a percentile is exact when the values at those ranks share
 * their bin only with equal values (always below 100 s), and otherwise within 1% of percentile_cont over the
 * same rows. Averages and counts are exact. The partial months at a period's edges are binned from the rows.
 */
export type RollupMeasure =
  | 'opened'
  | 'bot_handoff'
  | 'resolved'
  | 'bot_resolved'
  | 'first_response'
  | 'first_response_business'
  | 'resolution'
  | 'resolution_business'
  | 'reply'
  | 'reply_business'
  | 'csat'
  | 'csat_satisfied'
  | 'nps_promoter'
  | 'nps_passive'
  | 'nps_detractor'
  | 'sla_hit'
  | 'sla_missed';

export type RollupDimension = 'all' | 'agent' | 'team' | 'inbox' | 'channel' | 'label';

/** One slice of the workspace: every conversation ('all'), or the conversations of one agent, team, inbox, channel or label. */
export interface RollupSlice {
  dimension: RollupDimension;
  /** Only this value of the dimension; every value (one result per value) when absent. */
  key?: string;
}

export interface MeasureFigures {
  count: number;
  sum: number;
  stat: Stat;
}

const HISTOGRAMS = new Set<RollupMeasure>(['first_response', 'first_response_business', 'resolution', 'resolution_business', 'reply', 'reply_business']);

interface RowSource {
  table: SQL;
  /** The table joined to the facts that give a row its slices, when the rows carry none of their own. */
  sliced?: SQL;
  at: SQL;
  value: SQL | null;
  when?: SQL;
  /** The slice value of a row per dimension; label rows are unnested. */
  keys: Record<Exclude<RollupDimension, 'label'>, SQL>;
  labels: SQL;
}

const factKeys = { all: sql`''`, agent: sql`coalesce(f.assignee_id::text, '')`, team: sql`coalesce(f.team_id::text, '')`, inbox: sql`f.inbox_id::text`, channel: sql`f.channel` };
const replyKeys = { all: sql`''`, agent: sql`coalesce(r.agent_id::text, '')`, team: sql`coalesce(r.team_id::text, '')`, inbox: sql`r.inbox_id::text`, channel: sql`r.channel` };
const facts = (at: SQL, value: SQL | null, when?: SQL): RowSource => ({ table: sql`conversation_facts f`, at, value, when, keys: factKeys, labels: sql`f.labels` });
const replies = (value: SQL): RowSource => ({ table: sql`reply_times r`, at: sql`r.replied_at`, value, keys: replyKeys, labels: sql`r.labels` });
const byConversation = (table: SQL, alias: string, at: SQL, value: SQL | null, when: SQL): RowSource => ({
  table: sql`${table} ${sql.raw(alias)}`,
  sliced: sql`${table} ${sql.raw(alias)} join conversation_facts f on f.conversation_id = ${sql.raw(alias)}.conversation_id`,
  at,
  value,
  when,
  keys: factKeys,
  labels: sql`f.labels`,
});
const ratings = (at: SQL, value: SQL | null, when: SQL) => byConversation(sql`conversation_ratings`, 'q', at, value, when);
const slaEvents = (event: string) => byConversation(sql`sla_events`, 'e', sql`e.created_at`, null, sql`e.event = ${event}`);

/** Where each measure comes from in the rows, the same way the triggers count it. */
const SOURCES: Record<RollupMeasure, RowSource> = {
  opened: facts(sql`f.opened_at`, null),
  bot_handoff: facts(sql`f.opened_at`, null, sql`f.bot_handoff`),
  resolved: facts(sql`f.resolved_at`, sql`f.replies`),
  bot_resolved: facts(sql`f.resolved_at`, null, sql`f.bot_resolved`),
  first_response: facts(sql`f.first_response_at`, sql`f.first_response_seconds`),
  first_response_business: facts(sql`f.first_response_at`, sql`f.first_response_business_seconds`),
  resolution: facts(sql`f.resolved_at`, sql`f.resolution_seconds`),
  resolution_business: facts(sql`f.resolved_at`, sql`f.resolution_business_seconds`),
  reply: replies(sql`r.seconds`),
  reply_business: replies(sql`r.business_seconds`),
  csat: ratings(sql`q.csat_at`, sql`q.csat`, sql`true`),
  csat_satisfied: ratings(sql`q.csat_at`, null, sql`q.csat >= 4`),
  nps_promoter: ratings(sql`q.nps_at`, null, sql`q.nps >= 9`),
  nps_passive: ratings(sql`q.nps_at`, null, sql`q.nps between 7 and 8`),
  nps_detractor: ratings(sql`q.nps_at`, null, sql`q.nps <= 6`),
  sla_hit: slaEvents('hit'),
  sla_missed: slaEvents('breached'),
};

const ts = (at: Date) => sql`${at.toISOString()}::timestamptz`;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const round2 = (v: number) => Math.round(v * 100) / 100;

/** percentile_cont's interpolation between the values at ranks floor(h) and ceil(h), h = p × (n − 1). */
function percentileOf(p: number, n: number, low: unknown, high: unknown): number | null {
  if (n === 0 || low === null || low === undefined) return null;
  const h = p * (n - 1);
  const lo = Number(low);
  const hi = high === null || high === undefined ? lo : Number(high);
  return round2(lo + (h - Math.floor(h)) * (hi - lo));
}

@Injectable()
export class RollupsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /**
   * Counts, sums and duration statistics of the measures over the period, per value of the slice's dimension;
   * `months` is the period's split into whole months and edges when the caller has it already.
   */
  async figures(period: TimeRange, slice: RollupSlice, measures: RollupMeasure[], months?: RollupSplit): Promise<Map<string, Map<RollupMeasure, MeasureFigures>>> {
    const { buckets, edges } = months ?? (await this.monthsOf(period));
    const parts: SQL[] = [];
    if (buckets) {
      parts.push(sql`select measure, key, bin, count::bigint as n, sum::float8 as s from report_rollups
        where grain = 'month' and dimension = ${slice.dimension} and ${slice.key === undefined ? sql`true` : sql`key = ${slice.key}`}
          and measure in (${sql.join(measures.map((m) => sql`${m}`), sql`, `)}) and bucket >= ${ts(buckets.from)} and bucket < ${ts(buckets.to)}`);
    }
    for (const measure of measures) for (const edge of edges) parts.push(this.binnedRows(measure, slice, edge));
    if (!parts.length) return new Map();
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`with src as (${sql.join(parts, sql` union all `)}),
        bins as (select measure, key, bin, sum(n)::float8 as n, sum(s)::float8 as s from src group by measure, key, bin having sum(n) <> 0),
        ranked as (select *, sum(n) over (partition by measure, key order by bin) - n as below, sum(n) over (partition by measure, key) as total from bins)
      select measure, key, max(total) as n, sum(s) as s,
        ${this.valueAtRank(0.5, 'floor', 'p50_lo')}, ${this.valueAtRank(0.5, 'ceil', 'p50_hi')},
        ${this.valueAtRank(0.9, 'floor', 'p90_lo')}, ${this.valueAtRank(0.9, 'ceil', 'p90_hi')}
      from ranked group by measure, key`,
    );
    const result = new Map<string, Map<RollupMeasure, MeasureFigures>>();
    for (const row of rows) {
      const key = String(row.key);
      const count = num(row.n);
      const sum = num(row.s);
      const histogram = HISTOGRAMS.has(row.measure as RollupMeasure);
      const stat: Stat = {
        avg: histogram && count > 0 ? round2(sum / count) : null,
        p50: histogram ? percentileOf(0.5, count, row.p50_lo, row.p50_hi) : null,
        p90: histogram ? percentileOf(0.9, count, row.p90_lo, row.p90_hi) : null,
        count,
      };
      if (!result.has(key)) result.set(key, new Map());
      result.get(key)!.set(row.measure as RollupMeasure, { count, sum, stat });
    }
    return result;
  }

  /**
   * A chart of the whole workspace: per local bucket of the time zone, the measure's count (`count`) or its
   * average; whole UTC hours come from the hourly rollups, the partial hours at the edges from the rows. Only the
   * measures of the facts and replies have hourly rollups; ratings and SLA outcomes are counted per month only.
   */
  async series(period: TimeRange & { timezone: string }, measure: RollupMeasure, groupBy: ReportGroupBy, value: 'count' | 'avg'): Promise<Array<{ bucket: Date; value: number | null }>> {
    const { buckets, edges } = splitByHours(period);
    const parts: SQL[] = [];
    if (buckets) {
      parts.push(sql`select bucket as at, count::float8 as n, sum::float8 as s from report_rollups
        where grain = 'hour' and dimension = 'all' and key = '' and measure = ${measure} and bin = -1 and bucket >= ${ts(buckets.from)} and bucket < ${ts(buckets.to)}`);
    }
    const source = SOURCES[measure];
    for (const edge of edges) {
      parts.push(sql`select ${source.at} as at, 1::float8 as n, coalesce(${source.value ?? sql`0`}, 0)::float8 as s from ${source.table}
        where ${this.rowConditions(source, edge)}`);
    }
    const unit = sql.raw(`'${groupBy}'`);
    const local = (column: SQL) => sql`date_trunc(${unit}, ${column} at time zone ${period.timezone})`;
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`with buckets as (
          select b as local_start from generate_series(${local(ts(period.from))}, ${local(sql`(${ts(period.to)} - interval '1 millisecond')`)}, ${sql.raw(`'1 ${groupBy}'`)}::interval) b),
        src as (${sql.join(parts, sql` union all `)}),
        data as (select ${local(sql`at`)} as local_start, sum(n) as n, sum(s) as s from src group by 1 having sum(n) <> 0)
      select (b.local_start at time zone ${period.timezone}) as bucket, d.n, d.s from buckets b left join data d on d.local_start = b.local_start order by b.local_start`,
    );
    return rows.map((r) => {
      const n = num(r.n);
      return { bucket: new Date(r.bucket as string), value: value === 'count' ? n : n > 0 ? round2(num(r.s) / n) : null };
    });
  }

  /**
   * The period's whole UTC months and its partial edges. A period that ends after everything counted so far (the
   * usual "last 30 days") holds the same rows as one that runs on to the end of its month, so the current month
   * is read from its rollup rather than its rows.
   */
  async monthsOf(period: TimeRange): Promise<RollupSplit> {
    const [row] = await queryRows<{ latest: string | null }>(
      this.db,
      sql`select greatest((select max(opened_at) from conversation_facts), (select max(first_response_at) from conversation_facts),
        (select max(resolved_at) from conversation_facts), (select max(replied_at) from reply_times), (select max(created_at) from sla_events),
        (select max(csat_at) from conversation_ratings), (select max(nps_at) from conversation_ratings), (select max(bucket) from message_counts_hourly)) as latest`,
    );
    if (row?.latest && new Date(row.latest) >= period.to) return splitByMonths(period);
    const monthEnd = new Date(Date.UTC(period.to.getUTCFullYear(), period.to.getUTCMonth() + 1, 1));
    return splitByMonths(period.to.getTime() === Date.UTC(period.to.getUTCFullYear(), period.to.getUTCMonth(), 1) ? period : { from: period.from, to: monthEnd });
  }

  /** How many SLA clocks run now in the slice, as one select (`sla_active`): their rollup has no moment (grain 'current'). */
  runningSlaClocksSql(slice: RollupSlice & { key: string }): SQL {
    return sql`select coalesce(sum(count), 0)::int as sla_active from report_rollups
      where grain = 'current' and dimension = ${slice.dimension} and measure = 'sla_running' and key = ${slice.key}`;
  }

  /**
   * Incoming and outgoing messages of the hourly counters whose hour starts in the period, as one select: whole
   * months from the monthly counters, the edges from the hourly ones. `where` holds conditions on either (alias h).
   */
  messageCountsSql(months: RollupSplit, where: SQL): SQL {
    const parts = months.edges.map((edge) => sql`select h.incoming, h.outgoing from message_counts_hourly h where h.bucket >= ${ts(edge.from)} and h.bucket < ${ts(edge.to)} and ${where}`);
    if (months.buckets) {
      parts.push(sql`select h.incoming, h.outgoing from message_counts_monthly h where h.bucket >= ${ts(months.buckets.from)} and h.bucket < ${ts(months.buckets.to)} and ${where}`);
    }
    return sql`select coalesce(sum(incoming), 0)::int as incoming, coalesce(sum(outgoing), 0)::int as outgoing from (${sql.join(parts, sql` union all `)}) h`;
  }

  /** The rows of one measure in a partial bucket, binned the way the triggers bin them. */
  private binnedRows(measure: RollupMeasure, slice: RollupSlice, range: TimeRange): SQL {
    const source = SOURCES[measure];
    const bin = HISTOGRAMS.has(measure) ? sql`report_bin(${source.value})` : sql`-1`;
    const value = source.value ? sql`coalesce(${source.value}, 0)` : sql`0`;
    if (slice.dimension === 'label') {
      return sql`select ${measure}::text as measure, l.key, ${bin} as bin, 1::bigint as n, ${value}::float8 as s
        from ${source.sliced ?? source.table} cross join unnest(${source.labels}) as l(key)
        where ${this.rowConditions(source, range)} and ${slice.key === undefined ? sql`true` : sql`l.key = ${slice.key}`}`;
    }
    const key = source.keys[slice.dimension];
    return sql`select ${measure}::text as measure, ${key} as key, ${bin} as bin, 1::bigint as n, ${value}::float8 as s
      from ${slice.dimension === 'all' ? source.table : (source.sliced ?? source.table)} where ${this.rowConditions(source, range)} and ${slice.key === undefined ? sql`true` : sql`${key} = ${slice.key}`}`;
  }

  private rowConditions(source: RowSource, range: TimeRange): SQL {
    const parts = [sql`${source.at} >= ${ts(range.from)}`, sql`${source.at} < ${ts(range.to)}`];
    if (source.value) parts.push(sql`${source.value} is not null`);
    if (source.when) parts.push(source.when);
    return sql.join(parts, sql` and `);
  }

  /** The mean of the bin holding the value at rank floor/ceil(p × (n − 1)), counting from 0. */
  private valueAtRank(p: number, round: 'floor' | 'ceil', alias: string): SQL {
    const rank = sql.raw(`${round}(${p} * (total - 1))`);
    return sql`max(s / n) filter (where bin >= 0 and below <= ${rank} and ${rank} < below + n) as ${sql.raw(alias)}`;
  }
}
