import { DomainException, ErrorCode, isValidTimeZone, zonedInstantMs } from '@app/common';
import type { TicketReportQuery } from './dto/ticket.dto.js';

const DEFAULT_TIME_ZONE = 'Europe/Moscow';
const MAX_REPORT_DAYS = 800;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant `value` means: a bare date is local midnight in the zone, anything else an ISO instant. */
function instantOf(value: string, timeZone: string): Date {
  const date = DATE_ONLY.exec(value);
  if (!date) return new Date(value);
  return new Date(zonedInstantMs({ year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) }, 0, timeZone));
}

/** The report's period: dates mean local midnight in the time zone; `to` is exclusive. */
export function resolveTicketReportPeriod(query: TicketReportQuery): { from: Date; to: Date; timezone: string } {
  const timezone = query.timezone ?? DEFAULT_TIME_ZONE;
  const invalid = (reason: 'order' | 'length' | 'timezone') => new DomainException(ErrorCode.ReportPeriodInvalid, { params: { reason: `report.period.${reason}`, maxDays: MAX_REPORT_DAYS } });
  if (!isValidTimeZone(timezone)) throw invalid('timezone');
  const from = instantOf(query.from, timezone);
  const to = instantOf(query.to, timezone);
  if (!(from < to)) throw invalid('order');
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * 86_400_000) throw invalid('length');
  return { from, to, timezone };
}
