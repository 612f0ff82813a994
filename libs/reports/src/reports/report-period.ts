import { DomainException, ErrorCode } from '@app/common';
import { isValidTimeZone, startOfLocalDate, utcOffsetMinutes } from '@app/routing';
import type { ReportGroupBy } from '../reports.contract.js';

export interface ReportPeriod {
  from: Date;
  to: Date;
  timezone: string;
}

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';
/** Hourly charts stay readable (and cheap) up to a month; everything else up to a little over two years. */
export const MAX_DAYS: Record<ReportGroupBy | 'period', number> = { hour: 31, day: 800, week: 800, month: 800, period: 800 };

const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function invalid(reason: 'order' | 'length' | 'timezone', maxDays: number): DomainException {
  return new DomainException(ErrorCode.ReportPeriodInvalid, { params: { reason: `report.period.${reason}`, maxDays } });
}

/** Dates mean local midnight in the report's time zone; `to` is exclusive. */
export function resolvePeriod(query: { from: string; to: string; timezone?: string }, maxDays = MAX_DAYS.period): ReportPeriod {
  const timezone = query.timezone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timezone)) throw invalid('timezone', maxDays);
  const at = (value: string) => (isDateOnly(value) ? startOfLocalDate(value, timezone) : new Date(value));
  const from = at(query.from);
  const to = at(query.to);
  if (!(from < to)) throw invalid('order', maxDays);
  if (to.getTime() - from.getTime() > maxDays * 86_400_000) throw invalid('length', maxDays);
  return { from, to, timezone };
}

/** `2026-11-02T00:00:00+03:00`: an instant written in the zone's local time with its offset. */
export function toZonedIso(at: Date, timeZone: string): string {
  const offset = utcOffsetMinutes(at, timeZone);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The months (`YYYY-MM`, local) a period touches, for the figures entered per month. */
export function monthsOf(period: ReportPeriod): string[] {
  const month = (at: Date) => toZonedIso(at, period.timezone).slice(0, 7);
  const months: string[] = [];
  let [year, m] = month(period.from).split('-').map(Number);
  const last = month(new Date(period.to.getTime() - 1));
  for (;;) {
    const current = `${year}-${String(m).padStart(2, '0')}`;
    months.push(current);
    if (current >= last || months.length > 120) return months;
    m += 1;
    if (m > 12) [year, m] = [year + 1, 1];
  }
}
