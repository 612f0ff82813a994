import type { Locale } from '../api/types.js';
import { formatDuration, formatMoneyValue, formatNumber } from './report-format.js';
import type { ReportGroupBy, TimeseriesMetric } from './types.js';

const intlLocale = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

export type MetricKind = 'count' | 'duration' | 'score' | 'money';

export const METRIC_KIND: Record<TimeseriesMetric, MetricKind> = {
  conversationsOpened: 'count',
  conversationsResolved: 'count',
  incomingMessages: 'count',
  outgoingMessages: 'count',
  firstResponseTime: 'duration',
  replyTime: 'duration',
  resolutionTime: 'duration',
  csat: 'score',
  revenue: 'money',
  slaMissed: 'count',
};

export const METRICS = Object.keys(METRIC_KIND) as TimeseriesMetric[];
export const GROUP_BY: readonly ReportGroupBy[] = ['hour', 'day', 'week', 'month'];

/** The value of a metric as a person reads it: "2 мин 30 с", "4,6", "12 500 ₽". */
export function formatMetric(metric: TimeseriesMetric, value: number | null | undefined, locale: Locale): string {
  switch (METRIC_KIND[metric]) {
    case 'duration':
      return formatDuration(value, locale);
    case 'money':
      return formatMoneyValue(value, locale);
    case 'score':
      return formatNumber(value, locale, 2);
    case 'count':
      return formatNumber(value, locale, 0);
  }
}

/** A bucket's start as the axis shows it, in the report's time zone; hours of a one-day period without the date. */
export function formatBucket(iso: string, groupBy: ReportGroupBy, timezone: string, locale: Locale, oneDay = false): string {
  const options: Intl.DateTimeFormatOptions =
    groupBy === 'hour'
      ? { hour: '2-digit', minute: '2-digit', ...(oneDay ? {} : { day: 'numeric', month: 'short' }) }
      : groupBy === 'month'
        ? { month: 'short', year: 'numeric' }
        : { day: 'numeric', month: 'short' };
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: timezone }).format(new Date(iso));
  } catch {
    return iso.slice(0, 16);
  }
}
