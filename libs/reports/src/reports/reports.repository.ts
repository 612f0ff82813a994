import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { InjectDb, queryRows, type Db } from '@app/db';
import type { BreakdownDimension, ReportGroupBy, Stat, TimeseriesMetric } from '../reports.contract.js';
import { RollupsRepository, type MeasureFigures, type RollupMeasure, type RollupSlice } from '../rollups/rollups.repository.js';
import type { RollupSplit } from '../rollups/rollup-period.js';
import { dealConditions, factConditions, factsMatch, hourlyConditions, inPeriod, narrowsFacts, replyConditions, sliceOf, statColumns, ts, type ReportFilters } from './report-filters.js';
import type { ReportPeriod } from './report-period.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
export const statOf = (row: Row, prefix: string): Stat => ({ avg: numOrNull(row[`${prefix}_avg`]), p50: numOrNull(row[`${prefix}_p50`]), p90: numOrNull(row[`${prefix}_p90`]), count: num(row[`${prefix}_n`]) });

export interface DealFigures {
  leads: number;
  won: number;
  lost: number;
  revenue: number;
  salesCycleDays: number | null;
  newCustomers: number;
  customersInPeriod: number;
  averageRelationshipMonths: number | null;
  customersAtStart: number;
  retained: number;
}

interface ConversationFigures {
  opened: number;
  resolved: number;
  firstResponse: Stat;
  resolution: Stat;
  reply: Stat;
  repliesToResolve: number | null;
  botResolutions: number;
  botHandoffs: number;
}

/** The rating figures are those of QualityFigures; SLA outcomes are grouped with the running clocks. */
export interface PeriodFigures extends ConversationFigures, Omit<QualityFigures, 'slaHit' | 'slaMissed'> {
  incoming: number;
  outgoing: number;
  sla: { hit: number; missed: number; active: number };
  deals: DealFigures;
}

export interface FunnelRow {
  pipelineId: string;
  stageId: string;
  name: string;
  entered: number;
  avgDaysInStage: number | null;
}

export interface BreakdownFigures {
  key: string;
  label: string;
  opened: number;
  resolved: number;
  firstResponse: Stat;
  resolution: Stat;
  reply: Stat;
  csatAverage: number | null;
  slaHit: number;
  slaMissed: number;
}

const DIMENSION: Record<BreakdownDimension, { fact: SQL; reply: SQL }> = {
  agent: { fact: sql`f.assignee_id::text`, reply: sql`r.agent_id::text` },
  team: { fact: sql`f.team_id::text`, reply: sql`r.team_id::text` },
  inbox: { fact: sql`f.inbox_id::text`, reply: sql`r.inbox_id::text` },
  channel: { fact: sql`f.channel`, reply: sql`r.channel` },
  label: { fact: sql`unnest(f.labels)`, reply: sql`unnest(r.labels)` },
};

const EMPTY_STAT: Stat = { avg: null, p50: null, p90: null, count: 0 };

/** Ratings and SLA outcomes of the period, counted in the slices of their conversations. */
interface QualityFigures {
  csatAverage: number | null;
  csatResponses: number;
  csatSatisfied: number;
  promoters: number;
  passives: number;
  detractors: number;
  slaHit: number;
  slaMissed: number;
}

const QUALITY_MEASURES: RollupMeasure[] = ['csat', 'csat_satisfied', 'nps_promoter', 'nps_passive', 'nps_detractor', 'sla_hit', 'sla_missed'];

function qualityOf(of: (measure: RollupMeasure) => MeasureFigures | undefined): QualityFigures {
  const csat = of('csat');
  return {
    csatAverage: csat?.count ? numOrNull(csat.sum / csat.count) : null,
    csatResponses: csat?.count ?? 0,
    csatSatisfied: of('csat_satisfied')?.count ?? 0,
    promoters: of('nps_promoter')?.count ?? 0,
    passives: of('nps_passive')?.count ?? 0,
    detractors: of('nps_detractor')?.count ?? 0,
    slaHit: of('sla_hit')?.count ?? 0,
    slaMissed: of('sla_missed')?.count ?? 0,
  };
}

function qualityFromRow(row: Row): QualityFigures {
  return {
    csatAverage: numOrNull(row.csat_avg),
    csatResponses: num(row.csat_n),
    csatSatisfied: num(row.csat_satisfied),
    promoters: num(row.promoters),
    passives: num(row.passives),
    detractors: num(row.detractors),
    slaHit: num(row.sla_hit),
    slaMissed: num(row.sla_missed),
  };
}

/** The duration measures of the rollups, in calendar or in business time. */
const durationMeasures = (business: boolean) =>
  business
    ? ({ first: 'first_response_business', resolution: 'resolution_business', reply: 'reply_business' } as const)
    : ({ first: 'first_response', resolution: 'resolution', reply: 'reply' } as const);

/** The timeseries metrics the hourly rollups hold: which measure, and whether the chart shows its count or its average. */
const SERIES: Partial<Record<TimeseriesMetric, (business: boolean) => { measure: RollupMeasure; value: 'count' | 'avg' }>> = {
  conversationsOpened: () => ({ measure: 'opened', value: 'count' }),
  conversationsResolved: () => ({ measure: 'resolved', value: 'count' }),
  firstResponseTime: (business) => ({ measure: durationMeasures(business).first, value: 'avg' }),
  resolutionTime: (business) => ({ measure: durationMeasures(business).resolution, value: 'avg' }),
  replyTime: (business) => ({ measure: durationMeasures(business).reply, value: 'avg' }),
};

/**
 * Report queries over the rollups (histograms and counts per month and hour, conversation facts, reply times,
 * hourly message counters, SLA events, ratings) and the deals; no query reads messages. Conversation figures
 * of the whole workspace or of one slice come from the rollups; with two or more filters at once they are
 * computed exactly from the facts of the conversations the filters select.
 */
@Injectable()
export class ReportsRepository {
  private readonly rollups: RollupsRepository;

  constructor(@InjectDb() private readonly db: Db) {
    this.rollups = new RollupsRepository(db);
  }

  /**
   * The summary's figures: conversations, ratings and SLA outcomes from the rollups (or, for two filters at once, the
   * rows), the rest beside them in one statement.
   */
  async periodFigures(p: ReportPeriod, filters: ReportFilters): Promise<PeriodFigures> {
    const slice = sliceOf(filters);
    const months = await this.rollups.monthsOf(p);
    const [row, sliced] = await Promise.all([this.otherFigures(p, filters, months, slice), slice ? this.sliceFigures(p, slice, filters.businessHours === true, months) : null]);
    const quality = sliced?.quality ?? qualityFromRow(row);
    return {
      ...(sliced?.conversations ?? this.conversationFiguresOf(row)),
      incoming: num(row.incoming),
      outgoing: num(row.outgoing),
      csatAverage: quality.csatAverage,
      csatResponses: quality.csatResponses,
      csatSatisfied: quality.csatSatisfied,
      promoters: quality.promoters,
      passives: quality.passives,
      detractors: quality.detractors,
      sla: { hit: quality.slaHit, missed: quality.slaMissed, active: num(row.sla_active) },
      deals: {
        leads: num(row.leads),
        won: num(row.won),
        lost: num(row.lost),
        revenue: num(row.revenue),
        salesCycleDays: numOrNull(row.cycle_days),
        newCustomers: num(row.new_customers),
        customersInPeriod: num(row.customers),
        averageRelationshipMonths: numOrNull(row.relationship_months),
        customersAtStart: num(row.at_start),
        retained: num(row.retained),
      },
    };
  }

  /** Opened, resolved, response times, bot figures, ratings and SLA outcomes of one slice, from the rollups. */
  private async sliceFigures(p: ReportPeriod, slice: RollupSlice, business: boolean, months: RollupSplit): Promise<{ conversations: ConversationFigures; quality: QualityFigures }> {
    const m = durationMeasures(business);
    const figures = (await this.rollups.figures(p, slice, ['opened', 'bot_handoff', 'resolved', 'bot_resolved', m.first, m.resolution, m.reply, ...QUALITY_MEASURES], months)).get(slice.key ?? '');
    const of = (measure: RollupMeasure): MeasureFigures | undefined => figures?.get(measure);
    const resolved = of('resolved');
    const conversations: ConversationFigures = {
      opened: of('opened')?.count ?? 0,
      resolved: resolved?.count ?? 0,
      firstResponse: of(m.first)?.stat ?? EMPTY_STAT,
      resolution: of(m.resolution)?.stat ?? EMPTY_STAT,
      reply: of(m.reply)?.stat ?? EMPTY_STAT,
      repliesToResolve: resolved?.count ? numOrNull(resolved.sum / resolved.count) : null,
      botResolutions: of('bot_resolved')?.count ?? 0,
      botHandoffs: of('bot_handoff')?.count ?? 0,
    };
    return { conversations, quality: qualityOf(of) };
  }

  private conversationFiguresOf(row: Row): ConversationFigures {
    return {
      opened: num(row.opened),
      resolved: num(row.resolved),
      firstResponse: statOf(row, 'first'),
      resolution: statOf(row, 'resolution'),
      reply: statOf(row, 'reply'),
      repliesToResolve: numOrNull(row.replies_to_resolve),
      botResolutions: num(row.bot_resolutions),
      botHandoffs: num(row.bot_handoffs),
    };
  }

  /**
   * Every other one-row figure of the summary in one statement (one round trip): messages, running SLA clocks,
   * deals, plus the conversation, rating and SLA figures from the rows when no rollup slice answers for the filters.
   */
  private async otherFigures(p: ReportPeriod, filters: ReportFilters, months: RollupSplit, slice: RollupSlice | null): Promise<Row> {
    const business = filters.businessHours === true;
    const where = factConditions(filters);
    const conversationParts = [
      sql`select count(*)::int as opened, count(*) filter (where f.bot_handoff)::int as bot_handoffs from conversation_facts f where ${inPeriod(sql`f.opened_at`, p)} and ${where}`,
      sql`select count(*)::int as resolved, ${statColumns(business ? sql`f.resolution_business_seconds` : sql`f.resolution_seconds`, sql`true`, 'resolution')},
          avg(f.replies)::float8 as replies_to_resolve, count(*) filter (where f.bot_resolved)::int as bot_resolutions
        from conversation_facts f where ${inPeriod(sql`f.resolved_at`, p)} and ${where}`,
      sql`select ${statColumns(business ? sql`f.first_response_business_seconds` : sql`f.first_response_seconds`, sql`true`, 'first')}
        from conversation_facts f where ${inPeriod(sql`f.first_response_at`, p)} and ${where}`,
      sql`select ${statColumns(business ? sql`r.business_seconds` : sql`r.seconds`, sql`true`, 'reply')} from reply_times r where ${inPeriod(sql`r.replied_at`, p)} and ${replyConditions(filters)}`,
    ];
    // The conversations the filters select, found once for every part keyed by conversation.
    const selected = (alias: string) => sql`${sql.raw(alias)}.conversation_id in (select conversation_id from selected)`;
    const qualityParts = [
      sql`select avg(r.csat)::float8 as csat_avg, count(r.csat)::int as csat_n, count(*) filter (where r.csat >= 4)::int as csat_satisfied
        from conversation_ratings r where ${inPeriod(sql`r.csat_at`, p)} and ${selected('r')}`,
      sql`select count(*) filter (where r.nps >= 9)::int as promoters, count(*) filter (where r.nps between 7 and 8)::int as passives, count(*) filter (where r.nps <= 6)::int as detractors
        from conversation_ratings r where ${inPeriod(sql`r.nps_at`, p)} and ${selected('r')}`,
      sql`select count(*) filter (where e.event = 'hit')::int as sla_hit, count(*) filter (where e.event = 'breached')::int as sla_missed
        from sla_events e where ${inPeriod(sql`e.created_at`, p)} and e.event <> 'warning' and ${selected('e')}`,
      sql`select count(*)::int as sla_active from conversation_sla s where s.status in ('active', 'active_with_misses') and ${selected('s')}`,
    ];
    const parts = [
      ...(slice ? [this.rollups.runningSlaClocksSql({ dimension: slice.dimension, key: slice.key ?? '' })] : [...conversationParts, ...qualityParts]),
      this.rollups.messageCountsSql(months, hourlyConditions(filters)),
      this.dealsSql(p, filters),
    ];
    const joined = sql.join(parts.map((part, i) => sql`(${part}) ${sql.raw(`p${i}`)}`), sql` cross join `);
    const [row] = await queryRows<Row>(
      this.db,
      slice ? sql`select * from ${joined}` : sql`with selected as materialized (select f.conversation_id from conversation_facts f where ${where}) select * from ${joined}`,
    );
    return row;
  }

  /** Leads, won and lost deals, revenue, cycle length; customers new, buying, retained from the previous period of the same length. */
  private dealsSql(p: ReportPeriod, filters: ReportFilters): SQL {
    const previousFrom = new Date(p.from.getTime() - (p.to.getTime() - p.from.getTime()));
    // Only the columns used: the CTE is materialized, and whole rows would spill to disk on a small work_mem.
    return sql`with d as (select d.contact_id, d.amount, d.status, d.created_at, d.closed_at from deals d left join inboxes si on si.id = d.source_inbox_id where ${dealConditions(filters)}),
        won as (select contact_id, amount, created_at, closed_at from d where status = 'won' and closed_at is not null),
        firsts as (select contact_id, min(closed_at) as first_won, max(closed_at) as last_won from won where contact_id is not null and closed_at < ${ts(p.to)} group by contact_id),
        before as (select distinct contact_id from won where contact_id is not null and closed_at >= ${ts(previousFrom)} and closed_at < ${ts(p.from)}),
        during as (select distinct contact_id from won where contact_id is not null and ${inPeriod(sql`closed_at`, p)})
      select
        (select count(*)::int from d where ${inPeriod(sql`created_at`, p)}) as leads,
        (select count(*)::int from won where ${inPeriod(sql`closed_at`, p)}) as won,
        (select count(*)::int from d where status = 'lost' and ${inPeriod(sql`closed_at`, p)}) as lost,
        (select coalesce(sum(amount), 0)::float8 from won where ${inPeriod(sql`closed_at`, p)}) as revenue,
        (select avg(extract(epoch from (closed_at - created_at)) / 86400)::float8 from won where ${inPeriod(sql`closed_at`, p)}) as cycle_days,
        (select count(*)::int from firsts where ${inPeriod(sql`first_won`, p)}) as new_customers,
        (select count(*)::int from during) as customers,
        (select avg(greatest(1, extract(epoch from (last_won - first_won)) / 2629800))::float8 from firsts) as relationship_months,
        (select count(*)::int from before) as at_start,
        (select count(*)::int from before b where b.contact_id in (select contact_id from during)) as retained`;
  }

  async revenueByChannel(p: ReportPeriod, filters: ReportFilters): Promise<Array<{ channel: string; revenue: number; deals: number }>> {
    const rows = await queryRows<Row>(
      this.db,
      sql`select coalesce(si.type::text, 'direct') as channel, coalesce(sum(d.amount), 0)::float8 as revenue, count(*)::int as deals
      from deals d left join inboxes si on si.id = d.source_inbox_id
      where d.status = 'won' and ${inPeriod(sql`d.closed_at`, p)} and ${dealConditions(filters)}
      group by 1 order by 2 desc`,
    );
    return rows.map((r) => ({ channel: String(r.channel), revenue: num(r.revenue), deals: num(r.deals) }));
  }

  /** Deals created in the period, counted in every stage up to the furthest one they reached (a won deal reached all). */
  async funnel(p: ReportPeriod, filters: ReportFilters): Promise<FunnelRow[]> {
    const rows = await queryRows<Row>(
      this.db,
      // The cohort is inlined where it is used, so the planner sees the deals' statistics rather than guessing a CTE's.
      sql`with cohort as not materialized (
          select d.id, d.pipeline_id, d.status, d.stage_id from deals d left join inboxes si on si.id = d.source_inbox_id
          where ${inPeriod(sql`d.created_at`, p)} and ${dealConditions(filters)}),
        visited as (
          select h.deal_id, max(s.position) as pos from deal_stage_history h join pipeline_stages s on s.id = h.stage_id and s.kind <> 'lost'
          where h.deal_id in (select id from cohort) group by h.deal_id),
        reached as (
          select c.pipeline_id, case when c.status = 'won' then 2147483647 else greatest(coalesce(cs.position, -1), coalesce(v.pos, -1)) end as pos
          from cohort c left join pipeline_stages cs on cs.id = c.stage_id and cs.kind <> 'lost' left join visited v on v.deal_id = c.id),
        -- How many deals stopped at each position, counted once rather than once per stage.
        levels as materialized (select pipeline_id, pos, count(*)::int as n from reached group by pipeline_id, pos)
      select s.pipeline_id, s.id as stage_id, s.name,
        (select coalesce(sum(l.n), 0)::int from levels l where l.pipeline_id = s.pipeline_id and l.pos >= s.position) as entered,
        (select avg(extract(epoch from (h.left_at - h.entered_at)) / 86400)::float8 from deal_stage_history h
          where h.stage_id = s.id and h.left_at is not null and ${inPeriod(sql`h.entered_at`, p)}) as avg_days
      from pipeline_stages s join pipelines pl on pl.id = s.pipeline_id
      where s.kind <> 'lost'
      order by pl.position, pl.id, s.position`,
    );
    return rows.map((r) => ({ pipelineId: String(r.pipeline_id), stageId: String(r.stage_id), name: String(r.name), entered: num(r.entered), avgDaysInStage: numOrNull(r.avg_days) }));
  }

  async breakdown(p: ReportPeriod, filters: ReportFilters, dimension: BreakdownDimension): Promise<BreakdownFigures[]> {
    // On PostgreSQL the two statements of the filtered case run at once, each on its own connection.
    const [conversations, quality] = narrowsFacts(filters)
      ? await Promise.all([this.breakdownFromFacts(p, filters, dimension), this.breakdownQualityFromRows(p, filters, dimension)])
      : await this.breakdownFromRollups(p, filters.businessHours === true, dimension);
    const keys = [...new Set([...conversations.keys(), ...quality.keys()])];
    const labels = await this.labelsOf(dimension, keys);
    const none: ConversationFigures = { opened: 0, resolved: 0, firstResponse: EMPTY_STAT, resolution: EMPTY_STAT, reply: EMPTY_STAT, repliesToResolve: null, botResolutions: 0, botHandoffs: 0 };
    return keys.map((key) => {
      const c = conversations.get(key) ?? none;
      const extra = quality.get(key);
      return {
        key,
        label: labels.get(key) ?? key,
        opened: c.opened,
        resolved: c.resolved,
        firstResponse: c.firstResponse,
        resolution: c.resolution,
        reply: c.reply,
        csatAverage: extra?.csatAverage ?? null,
        slaHit: extra?.slaHit ?? 0,
        slaMissed: extra?.slaMissed ?? 0,
      };
    });
  }

  /** Each value of the dimension over the whole workspace, from the rollups. */
  private async breakdownFromRollups(p: ReportPeriod, business: boolean, dimension: BreakdownDimension): Promise<[Map<string, ConversationFigures>, Map<string, QualityFigures>]> {
    const m = durationMeasures(business);
    const figures = await this.rollups.figures(p, { dimension }, ['opened', 'resolved', m.first, m.resolution, m.reply, 'csat', 'sla_hit', 'sla_missed']);
    const conversations = new Map<string, ConversationFigures>();
    const quality = new Map<string, QualityFigures>();
    for (const [key, of] of figures) {
      conversations.set(key, {
        opened: of.get('opened')?.count ?? 0,
        resolved: of.get('resolved')?.count ?? 0,
        firstResponse: of.get(m.first)?.stat ?? EMPTY_STAT,
        resolution: of.get(m.resolution)?.stat ?? EMPTY_STAT,
        reply: of.get(m.reply)?.stat ?? EMPTY_STAT,
        repliesToResolve: null,
        botResolutions: 0,
        botHandoffs: 0,
      });
      quality.set(key, qualityOf((measure) => of.get(measure)));
    }
    return [conversations, quality];
  }

  /** CSAT and SLA outcomes per value of the dimension among the conversations the filters select, from the rows. */
  private async breakdownQualityFromRows(p: ReportPeriod, filters: ReportFilters, dimension: BreakdownDimension): Promise<Map<string, QualityFigures>> {
    // One hash join of the period's ratings and SLA events with the facts, not a facts probe per row.
    const rows = await queryRows<Row>(
      this.db,
      sql`select key, avg(csat)::float8 as csat_avg, sum(hit)::int as sla_hit, sum(missed)::int as sla_missed from (
          select ${DIMENSION[dimension].fact} as key, y.csat, y.hit, y.missed from (
              select r.conversation_id, r.csat, 0 as hit, 0 as missed from conversation_ratings r where ${inPeriod(sql`r.csat_at`, p)}
              union all
              select e.conversation_id, null, (e.event = 'hit')::int, (e.event = 'breached')::int from sla_events e where ${inPeriod(sql`e.created_at`, p)} and e.event <> 'warning') y
            join conversation_facts f on f.conversation_id = y.conversation_id
          where ${factConditions(filters)}) x
      group by key`,
    );
    return new Map(rows.map((r) => [r.key === null ? '' : String(r.key), qualityFromRow(r)]));
  }

  /** Each value of the dimension among the conversations the filters select, exactly from the facts. */
  private async breakdownFromFacts(p: ReportPeriod, filters: ReportFilters, dimension: BreakdownDimension): Promise<Map<string, ConversationFigures>> {
    const d = DIMENSION[dimension];
    const business = filters.businessHours === true;
    const opened = inPeriod(sql`f.opened_at`, p);
    const resolved = inPeriod(sql`f.resolved_at`, p);
    const responded = inPeriod(sql`f.first_response_at`, p);
    const [facts, replies] = await Promise.all([
      queryRows<Row>(
        this.db,
        sql`select key, count(*) filter (where ${opened})::int as opened, count(*) filter (where ${resolved})::int as resolved,
          ${statColumns(business ? sql`first_response_business_seconds` : sql`first_response_seconds`, responded, 'first')},
          ${statColumns(business ? sql`resolution_business_seconds` : sql`resolution_seconds`, resolved, 'resolution')}
        from (select f.*, ${d.fact} as key from conversation_facts f where ${factConditions(filters)} and f.conversation_id in (
            select conversation_id from conversation_facts f where ${opened} union
            select conversation_id from conversation_facts f where ${resolved} union
            select conversation_id from conversation_facts f where ${responded})) f
        group by key`,
      ),
      queryRows<Row>(
        this.db,
        sql`select key, ${statColumns(business ? sql`business_seconds` : sql`seconds`, sql`true`, 'reply')}
        from (select r.*, ${d.reply} as key from reply_times r where ${inPeriod(sql`r.replied_at`, p)} and ${replyConditions(filters)}) r group by key`,
      ),
    ]);
    const keyOf = (r: Row) => (r.key === null ? '' : String(r.key));
    const f = new Map(facts.map((r) => [keyOf(r), r]));
    const r = new Map(replies.map((row) => [keyOf(row), row]));
    const keys = new Set([...f.keys(), ...r.keys()]);
    return new Map(
      [...keys].map((key) => {
        const fact = f.get(key) ?? {};
        return [
          key,
          {
            opened: num(fact.opened),
            resolved: num(fact.resolved),
            firstResponse: statOf(fact, 'first'),
            resolution: statOf(fact, 'resolution'),
            reply: statOf(r.get(key) ?? {}, 'reply'),
            repliesToResolve: null,
            botResolutions: 0,
            botHandoffs: 0,
          },
        ];
      }),
    );
  }

  /** One chart: the metric per local bucket of the time zone, every bucket of the period present. */
  async timeseries(p: ReportPeriod, filters: ReportFilters, metric: TimeseriesMetric, groupBy: ReportGroupBy): Promise<Array<{ bucket: Date; value: number | null }>> {
    const fromRollups = narrowsFacts(filters) ? undefined : SERIES[metric]?.(filters.businessHours === true);
    if (fromRollups) return this.rollups.series(p, fromRollups.measure, groupBy, fromRollups.value);
    const unit = sql.raw(`'${groupBy}'`);
    const local = (column: SQL) => sql`date_trunc(${unit}, ${column} at time zone ${p.timezone})`;
    const source = this.metricSource(metric, filters);
    const rows = await queryRows<Row>(
      this.db,
      sql`with buckets as (
          select b as local_start from generate_series(${local(ts(p.from))}, ${local(sql`(${ts(p.to)} - interval '1 millisecond')`)}, ${sql.raw(`'1 ${groupBy}'`)}::interval) b),
        data as (select ${local(source.at)} as local_start, ${source.value} as value from ${source.from} where ${inPeriod(source.at, p)} and ${source.where} group by 1)
      select (b.local_start at time zone ${p.timezone}) as bucket, d.value from buckets b left join data d on d.local_start = b.local_start order by b.local_start`,
    );
    const zeroIfEmpty = source.counts;
    return rows.map((r) => ({ bucket: new Date(r.bucket as string), value: r.value === null || r.value === undefined ? (zeroIfEmpty ? 0 : null) : numOrNull(r.value) }));
  }

  private metricSource(metric: TimeseriesMetric, filters: ReportFilters): { from: SQL; at: SQL; value: SQL; where: SQL; counts: boolean } {
    const facts = sql`conversation_facts f`;
    const fw = factConditions(filters);
    const business = filters.businessHours === true;
    switch (metric) {
      case 'conversationsOpened':
        return { from: facts, at: sql`f.opened_at`, value: sql`count(*)::int`, where: fw, counts: true };
      case 'conversationsResolved':
        return { from: facts, at: sql`f.resolved_at`, value: sql`count(*)::int`, where: fw, counts: true };
      case 'firstResponseTime':
        return { from: facts, at: sql`f.first_response_at`, value: business ? sql`avg(f.first_response_business_seconds)::float8` : sql`avg(f.first_response_seconds)::float8`, where: fw, counts: false };
      case 'resolutionTime':
        return { from: facts, at: sql`f.resolved_at`, value: business ? sql`avg(f.resolution_business_seconds)::float8` : sql`avg(f.resolution_seconds)::float8`, where: fw, counts: false };
      case 'replyTime':
        return { from: sql`reply_times r`, at: sql`r.replied_at`, value: business ? sql`avg(r.business_seconds)::float8` : sql`avg(r.seconds)::float8`, where: replyConditions(filters), counts: false };
      case 'incomingMessages':
        return { from: sql`message_counts_hourly h`, at: sql`h.bucket`, value: sql`sum(h.incoming)::int`, where: hourlyConditions(filters), counts: true };
      case 'outgoingMessages':
        return { from: sql`message_counts_hourly h`, at: sql`h.bucket`, value: sql`sum(h.outgoing)::int`, where: hourlyConditions(filters), counts: true };
      case 'csat':
        return { from: sql`conversation_ratings r`, at: sql`r.csat_at`, value: sql`avg(r.csat)::float8`, where: factsMatch('r', filters), counts: false };
      case 'revenue':
        return { from: sql`deals d left join inboxes si on si.id = d.source_inbox_id`, at: sql`d.closed_at`, value: sql`sum(d.amount)::float8`, where: sql`d.status = 'won' and ${dealConditions(filters)}`, counts: true };
      case 'slaMissed':
        return { from: sql`sla_events e`, at: sql`e.created_at`, value: sql`count(*)::int`, where: sql`e.event = 'breached' and ${factsMatch('e', filters)}`, counts: true };
    }
  }

  private async labelsOf(dimension: BreakdownDimension, keys: string[]): Promise<Map<string, string>> {
    const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
    if (!ids.length || dimension === 'channel' || dimension === 'label') return new Map();
    const table = sql.raw(dimension === 'agent' ? 'users' : dimension === 'team' ? 'teams' : 'inboxes');
    const rows = await queryRows<{ id: string; name: string }>(this.db, sql`select id::text as id, name from ${table} where id::text in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
