import { t } from '@app/i18n';
import type { Locale } from './api/types.js';

const intlLocale = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/** "5 min", "3 h", "2 d": how long someone has been waiting, short enough for a list row. */
export function formatWaiting(fromIso: string | null | undefined, now: number, locale: Locale): string | null {
  if (!fromIso) return null;
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return t('ui.time.just_now', {}, locale);
  if (minutes < 60) return t('ui.time.minutes', { n: minutes }, locale);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('ui.time.hours', { n: hours }, locale);
  return t('ui.time.days', { n: Math.floor(hours / 24) }, locale);
}

/** The clock time of a message, or the date when it is not from today. */
export function formatListTime(iso: string | null | undefined, now: number, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (dayKey(date) === dayKey(new Date(now))) return formatClock(date, locale);
  return date.toLocaleDateString(intlLocale(locale), { day: 'numeric', month: 'short' });
}

export function formatClock(date: Date | string, locale: Locale): string {
  return new Date(date).toLocaleTimeString(intlLocale(locale), { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(intlLocale(locale), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The local calendar day of a moment, as YYYY-MM-DD. */
export function dayKey(date: Date | string): string {
  const d = new Date(date);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "Today", "Yesterday" or the date, for the separators of a thread. */
export function dayLabel(key: string, now: number, locale: Locale): string {
  const today = new Date(now);
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (key === dayKey(today)) return t('ui.day.today', {}, locale);
  if (key === dayKey(yesterday)) return t('ui.day.yesterday', {}, locale);
  const [y, m, d] = key.split('-').map(Number);
  const date = new Date(y, m - 1, d);
  return date.toLocaleDateString(intlLocale(locale), { day: 'numeric', month: 'long', ...(y !== today.getFullYear() ? { year: 'numeric' } : {}) });
}

export interface DayGroup<T> {
  key: string;
  items: T[];
}

/** Splits time-ordered items into runs of the same local day, keeping their order. */
export function groupByDay<T>(items: readonly T[], at: (item: T) => string): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const key = dayKey(at(item));
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, items: [item] });
  }
  return groups;
}

/** A decimal amount ("95880.00") in minor units, exactly; null when it is not a decimal. */
export function toMinorUnits(amount: string | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function formatMoney(minorUnits: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency, maximumFractionDigits: minorUnits % 100 === 0 ? 0 : 2 }).format(minorUnits / 100);
  } catch {
    return `${(minorUnits / 100).toFixed(2)} ${currency}`;
  }
}

export function formatAmount(amount: string | null | undefined, currency: string, locale: Locale): string {
  const minor = toMinorUnits(amount);
  return minor === null ? '—' : formatMoney(minor, currency, locale);
}

/** Two letters for an avatar: the initials of the first two words. */
export function initials(name: string | null | undefined): string {
  const firstLetters = (name ?? '')
    .split(/\s+/)
    .map((word) => /[\p{L}\p{N}]/u.exec(word)?.[0])
    .filter((letter): letter is string => Boolean(letter));
  return firstLetters.slice(0, 2).join('').toUpperCase() || '?';
}

/** Splits what an agent typed into a list field: one value per line or comma. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
