import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDays, formatDuration, formatMoneyValue, formatMonth, formatNumber, formatPercent, parseAmount, pluralForm } from './report-format.js';

// Intl puts no-break and narrow no-break spaces between groups and before units; compare with plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('pluralForm', () => {
  it('picks the Russian form by the last one or two digits', () => {
    const forms = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 0].map((n) => [n, pluralForm(n, 'ru')]);
    expect(forms).toEqual([
      [1, 'one'],
      [2, 'few'],
      [4, 'few'],
      [5, 'many'],
      [11, 'many'],
      [12, 'many'],
      [14, 'many'],
      [21, 'one'],
      [22, 'few'],
      [25, 'many'],
      [101, 'one'],
      [111, 'many'],
      [112, 'many'],
      [0, 'many'],
    ]);
  });

  it('uses the form of "two" for fractions in Russian and "other" for all but one in English', () => {
    expect(pluralForm(1.5, 'ru')).toBe('few');
    expect(pluralForm(0.5, 'ru')).toBe('few');
    expect(pluralForm(1, 'en')).toBe('one');
    expect(pluralForm(2, 'en')).toBe('many');
    expect(pluralForm(1.5, 'en')).toBe('many');
  });
});

describe('formatDays', () => {
  it('declines days in Russian and English', () => {
    expect([1, 3, 5, 21, 1.5, 12.25].map((n) => formatDays(n, 'ru'))).toEqual(['1 день', '3 дня', '5 дней', '21 день', '1,5 дня', '12,3 дня']);
    expect([1, 3, 0.5].map((n) => formatDays(n, 'en'))).toEqual(['1 day', '3 days', '0.5 days']);
  });

  it('shows a dash when there is no figure', () => {
    expect(formatDays(null, 'ru')).toBe('—');
  });
});

describe('formatDuration', () => {
  it('shows the two largest units of a duration', () => {
    expect(formatDuration(150, 'ru')).toBe('2 мин 30 с');
    expect(formatDuration(150, 'en')).toBe('2 min 30 s');
    expect(formatDuration(45, 'ru')).toBe('45 с');
    expect(formatDuration(3 * 3600 + 5 * 60 + 9, 'ru')).toBe('3 ч 5 мин');
    expect(formatDuration(2 * 86_400 + 4 * 3600, 'en')).toBe('2 d 4 h');
  });

  it('does not jump over an empty middle unit', () => {
    expect(formatDuration(3600 + 30, 'ru')).toBe('1 ч');
    expect(formatDuration(86_400 + 59, 'en')).toBe('1 d');
  });

  it('rounds to whole seconds and shows no data as a dash', () => {
    expect(formatDuration(89.6, 'ru')).toBe('1 мин 30 с');
    expect(formatDuration(0, 'ru')).toBe('0 с');
    expect(formatDuration(null, 'ru')).toBe('—');
    expect(formatDuration(Number.NaN, 'en')).toBe('—');
  });
});

describe('formatCountdown', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  it('counts down to a due time and says how late a missed one is', () => {
    expect(formatCountdown('2026-11-28T12:04:10Z', now, 'ru')).toEqual({ text: '4 мин 10 с', overdue: false });
    expect(formatCountdown('2026-11-28T11:55:00Z', now, 'ru')).toEqual({ text: 'просрочено на 5 мин', overdue: true });
    expect(formatCountdown('2026-11-28T10:30:00Z', now, 'en')).toEqual({ text: 'overdue by 1 h 30 min', overdue: true });
  });
});

describe('numbers, percentages and money', () => {
  it('formats for the locale and shows no data as a dash', () => {
    expect(plain(formatNumber(12345.67, 'ru'))).toBe('12 345,7');
    expect(formatNumber(12345.67, 'en')).toBe('12,345.7');
    expect(plain(formatPercent(42.25, 'ru'))).toBe('42,3 %');
    expect(formatPercent(null, 'ru')).toBe('—');
    expect(plain(formatMoneyValue(150000, 'ru'))).toBe('150 000 ₽');
    expect(formatMoneyValue(1500.5, 'en', 'USD')).toBe('US$1,500.50');
    expect(formatMoneyValue(null, 'en')).toBe('—');
  });
});

describe('formatMonth', () => {
  it('names the month of a YYYY-MM key in the locale', () => {
    expect(formatMonth('2026-11', 'ru')).toBe('ноябрь 2026 г.');
    expect(formatMonth('2026-01', 'en')).toBe('January 2026');
    expect(formatMonth('garbage', 'en')).toBe('garbage');
  });
});

describe('parseAmount', () => {
  it('reads amounts typed with spaces and a decimal comma, and empty as zero', () => {
    expect(parseAmount('150 000,50')).toBe(150000.5);
    expect(parseAmount('1\u00a0500')).toBe(1500);
    expect(parseAmount('99.9')).toBe(99.9);
    expect(parseAmount('  ')).toBe(0);
  });

  it('refuses negative numbers and anything that is not an amount', () => {
    expect(parseAmount('-5')).toBeNull();
    expect(parseAmount('12abc')).toBeNull();
    expect(parseAmount('1e9')).toBeNull();
  });
});
