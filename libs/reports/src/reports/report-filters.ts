import { sql, type SQL } from 'drizzle-orm';
import type { RollupSlice } from '../rollups/rollups.repository.js';
import type { ReportPeriod } from './report-period.js';

export interface ReportFilters {
  inboxId?: string;
  teamId?: string;
  agentId?: string;
  channel?: string;
  label?: string;
  /** Durations in business time. */
  businessHours?: boolean;
}

export const ts = (at: Date) => sql`${at.toISOString()}::timestamptz`;

export const inPeriod = (column: SQL, p: ReportPeriod) => sql`${column} >= ${ts(p.from)} and ${column} < ${ts(p.to)}`;

/** Conditions on conversation facts (alias `f`). */
export function factConditions(filters: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.inboxId) parts.push(sql`f.inbox_id = ${filters.inboxId}`);
  if (filters.teamId) parts.push(sql`f.team_id = ${filters.teamId}`);
  if (filters.agentId) parts.push(sql`f.assignee_id = ${filters.agentId}`);
  if (filters.channel) parts.push(sql`f.channel = ${filters.channel}`);
  if (filters.label) parts.push(sql`${filters.label} = any(f.labels)`);
  return sql.join(parts, sql` and `);
}

const SLICES = [
  ['inboxId', 'inbox'],
  ['teamId', 'team'],
  ['agentId', 'agent'],
  ['channel', 'channel'],
  ['label', 'label'],
] as const;

/**
 * The rollup slice the filters select: the whole workspace, or one agent, team, inbox, channel or label.
 * The rollups count each slice alone, so two filters at once (an agent's vip conversations) have none: null.
 */
export function sliceOf(filters: ReportFilters): RollupSlice | null {
  const set = SLICES.filter(([filter]) => filters[filter]);
  if (set.length === 0) return { dimension: 'all', key: '' };
  if (set.length > 1) return null;
  const [filter, dimension] = set[0];
  return { dimension, key: filters[filter]! };
}

export const narrowsFacts = (filters: ReportFilters) => Boolean(filters.inboxId || filters.teamId || filters.agentId || filters.channel || filters.label);

/**
 * Narrows rows of a table keyed by conversation (alias given) to the conversations the filters select:
 * nothing without filters, else a primary-key probe of the facts per row, cheaper than joining every fact.
 */
export function factsMatch(alias: string, filters: ReportFilters): SQL {
  if (!narrowsFacts(filters)) return sql`true`;
  return sql`exists (select 1 from conversation_facts f where f.conversation_id = ${sql.raw(alias)}.conversation_id and ${factConditions(filters)})`;
}

/** Conditions on reply times (alias `r`). */
export function replyConditions(filters: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.inboxId) parts.push(sql`r.inbox_id = ${filters.inboxId}`);
  if (filters.teamId) parts.push(sql`r.team_id = ${filters.teamId}`);
  if (filters.agentId) parts.push(sql`r.agent_id = ${filters.agentId}`);
  if (filters.channel) parts.push(sql`r.channel = ${filters.channel}`);
  if (filters.label) parts.push(sql`${filters.label} = any(r.labels)`);
  return sql.join(parts, sql` and `);
}

/** Conditions on the hourly message counters (alias `h`): inbox, channel and the replying agent; teams and labels do not apply. */
export function hourlyConditions(filters: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.inboxId) parts.push(sql`h.inbox_id = ${filters.inboxId}`);
  if (filters.channel) parts.push(sql`h.channel = ${filters.channel}`);
  if (filters.agentId) parts.push(sql`h.agent_id = ${filters.agentId}`);
  return sql.join(parts, sql` and `);
}

/** Conditions on deals (alias `d`, source inbox `si`): the inbox or channel a deal came from, its owner. */
export function dealConditions(filters: ReportFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.inboxId) parts.push(sql`d.source_inbox_id = ${filters.inboxId}`);
  if (filters.channel) parts.push(sql`si.type::text = ${filters.channel}`);
  if (filters.agentId) parts.push(sql`d.owner_id = ${filters.agentId}`);
  return sql.join(parts, sql` and `);
}

/** avg, p50, p90 and count of a column, in one select list. */
export const statColumns = (value: SQL, where: SQL, prefix: string) => sql`
  avg(${value}) filter (where ${where})::float8 as ${sql.raw(`${prefix}_avg`)},
  percentile_cont(0.5) within group (order by ${value}) filter (where ${where}) as ${sql.raw(`${prefix}_p50`)},
  percentile_cont(0.9) within group (order by ${value}) filter (where ${where}) as ${sql.raw(`${prefix}_p90`)},
  count(${value}) filter (where ${where})::int as ${sql.raw(`${prefix}_n`)}`;
