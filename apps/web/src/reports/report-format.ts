import { t, type MessageKey } from '@app/i18n';
import type { Locale } from '../api/types.js';

const intlLocale = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

export type PluralForm = 'one' | 'few' | 'many';

/**
 * The grammatical form a count takes: Russian has three ("1 день", "2 дня", "5 дней"; a fraction takes
 * the form of "2": "1,5 дня"), English two ("1 day", "2 days").
 */
export function pluralForm(n: number, locale: Locale): PluralForm {
  if (locale === 'en') return Math.abs(n) === 1 ? 'one' : 'many';
  if (!Number.isInteger(n)) return 'few';
  const abs = Math.abs(n);
  const tens = abs % 100;
  const ones = abs % 10;
  if (ones === 1 && tens !== 11) return 'one';
  if (ones >= 2 && ones <= 4 && (tens < 12 || tens > 14)) return 'few';
  return 'many';
}

export function formatNumber(value: number | null | undefined, locale: Locale, maximumFractionDigits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits }).format(value);
}

export function formatPercent(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${formatNumber(value, locale)} %`;
}

/** An amount in the workspace currency, without kopecks when it is whole. */
export function formatMoneyValue(value: number | null | undefined, locale: Locale, currency = 'RUB'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  try {
    return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency, maximumFractionDigits: Number.isInteger(value) ? 0 : 2 }).format(value);
  } catch {
    return `${formatNumber(value, locale, 2)} ${currency}`;
  }
}

const UNITS: Array<{ seconds: number; key: MessageKey }> = [
  { seconds: 86_400, key: 'ui.reports.unit.d' },
  { seconds: 3_600, key: 'ui.reports.unit.h' },
  { seconds: 60, key: 'ui.reports.unit.min' },
  { seconds: 1, key: 'ui.reports.unit.s' },
];

/** "2 мин 30 с", "1 h 5 min": the two largest units of a duration in seconds, for tiles and tables. */
export function formatDuration(seconds: number | null | undefined, locale: Locale, parts = 2): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  let rest = Math.round(Math.abs(seconds));
  if (rest === 0) return `0 ${t('ui.reports.unit.s', {}, locale)}`;
  const pieces: string[] = [];
  for (const unit of UNITS) {
    const amount = Math.floor(rest / unit.seconds);
    rest -= amount * unit.seconds;
    if (amount > 0) pieces.push(`${amount} ${t(unit.key, {}, locale)}`);
    else if (pieces.length) pieces.push('');
    if (pieces.length === parts) break;
  }
  return pieces.filter(Boolean).join(' ');
}

const DAY_FORMS: Record<PluralForm, MessageKey> = {
  one: 'ui.reports.days.one',
  few: 'ui.reports.days.few',
  many: 'ui.reports.days.many',
};

/** "1 день", "3,5 дня", "12 дней". */
export function formatDays(days: number | null | undefined, locale: Locale): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—';
  const rounded = Math.round(days * 10) / 10;
  return t(DAY_FORMS[pluralForm(rounded, locale)], { n: formatNumber(rounded, locale) }, locale);
}

/** Time left until an SLA is due ("4 мин 10 с"), or how long ago it was missed. */
export function formatCountdown(dueAtIso: string, now: number, locale: Locale): { text: string; overdue: boolean } {
  const seconds = Math.round((Date.parse(dueAtIso) - now) / 1000);
  if (seconds >= 0) return { text: formatDuration(seconds, locale), overdue: false };
  return { text: t('ui.sla.overdue_by', { time: formatDuration(-seconds, locale) }, locale), overdue: true };
}

/** "ноябрь 2026 г.", "November 2026": the month of a YYYY-MM key. */
export function formatMonth(month: string, locale: Locale): string {
  const [year, monthNumber] = month.split('-').map(Number);
  if (!year || !monthNumber) return month;
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, monthNumber - 1, 1));
}

/** A typed amount as a number: spaces and a decimal comma are fine, empty is zero; null when it is not an amount. */
export function parseAmount(text: string): number | null {
  const normalized = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!normalized) return 0;
  if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  return Number(normalized);
}
