import type { DateRange } from './date-range.js';
import type { ReportGroupBy } from './types.js';

export interface ReportFilterState {
  inboxId: string;
  teamId: string;
  agentId: string;
  channel: string;
  label: string;
  businessHours: boolean;
}

export const NO_FILTERS: ReportFilterState = { inboxId: '', teamId: '', agentId: '', channel: '', label: '', businessHours: false };

export type ReportQuery = Record<string, string>;

/** The query every report endpoint takes: the period, its time zone and the filters that are set. */
export function reportQuery(range: DateRange, filters: ReportFilterState): ReportQuery {
  const query: ReportQuery = { from: range.from, to: range.to, timezone: range.timezone };
  if (filters.inboxId) query.inboxId = filters.inboxId;
  if (filters.teamId) query.teamId = filters.teamId;
  if (filters.agentId) query.agentId = filters.agentId;
  if (filters.channel) query.channel = filters.channel;
  if (filters.label.trim()) query.label = filters.label.trim();
  if (filters.businessHours) query.businessHours = 'true';
  return query;
}

/** A bucket size that gives a readable number of points for the period. */
export function defaultGroupBy(range: DateRange): ReportGroupBy {
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000);
  if (days <= 2) return 'hour';
  if (days <= 62) return 'day';
  if (days <= 366) return 'week';
  return 'month';
}
