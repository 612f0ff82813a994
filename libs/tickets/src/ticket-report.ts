import { completionOf } from './checklist.js';
import type { TicketReportRow } from './tickets.repository.js';
import type { TicketReport, TicketReportLine, TicketType } from './tickets.contract.js';
import { isOverdue, TICKET_TYPES } from './ticket-view.js';

export type { TicketReport, TicketReportLine };

/** The median with linear interpolation (PostgreSQL's percentile_cont(0.5)). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)];
  const high = sorted[Math.ceil(middle)];
  return low + (high - low) * (middle - Math.floor(middle));
}

const within = (at: Date | null, from: Date, to: Date) => at !== null && at >= from && at < to;

function lineOf(type: TicketType | null, rows: TicketReportRow[], period: { from: Date; to: Date }, now: Date): TicketReportLine {
  const opened = rows.filter((r) => within(r.createdAt, period.from, period.to));
  const resolved = rows.filter((r) => r.status === 'resolved' && within(r.closedAt, period.from, period.to));
  // A conversation resolved before it was marked counts as resolved at once, never in negative time.
  const durations = resolved.map((r) => Math.max(0, (r.closedAt!.getTime() - r.createdAt.getTime()) / 1000));
  const checklist = opened.map((r) => completionOf(r.checklist)).reduce((sum, c) => ({ done: sum.done + c.done, total: sum.total + c.total }), { done: 0, total: 0 });
  const average = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null;
  return {
    type,
    opened: opened.length,
    resolved: resolved.length,
    openNow: rows.filter((r) => r.status !== 'resolved').length,
    overdueNow: rows.filter((r) => isOverdue(r.dueAt, r.status, now)).length,
    avgResolutionSeconds: average === null ? null : Math.round(average),
    p50ResolutionSeconds: durations.length ? Math.round(median(durations)!) : null,
    checklistCompletion: checklist.total ? checklist.done / checklist.total : null,
    checklistDone: checklist.done,
    checklistTotal: checklist.total,
  };
}

/** Per type and in total; every type has a line, with zeros when it had no tickets. */
export function buildTicketReport(rows: TicketReportRow[], period: { from: Date; to: Date; timezone: string }, now: Date): TicketReport {
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    timezone: period.timezone,
    rows: TICKET_TYPES.map((type) => lineOf(type, rows.filter((r) => r.type === type), period, now)),
    total: lineOf(null, rows, period, now),
  };
}
