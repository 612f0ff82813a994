import { describe, expect, it } from 'vitest';
import { dayKey, dayLabel, formatAmount, formatWaiting, groupByDay, initials, splitList, toMinorUnits } from './format.js';

describe('formatWaiting', () => {
  const now = new Date(2026, 10, 28, 12, 0).getTime();
  it('says how long the customer has waited in minutes, hours and days', () => {
    expect(formatWaiting(new Date(now - 20_000).toISOString(), now, 'en')).toBe('now');
    expect(formatWaiting(new Date(now - 5 * 60_000).toISOString(), now, 'en')).toBe('5 min');
    expect(formatWaiting(new Date(now - 3 * 3600_000).toISOString(), now, 'ru')).toBe('3 ч');
    expect(formatWaiting(new Date(now - 50 * 3600_000).toISOString(), now, 'ru')).toBe('2 д');
    expect(formatWaiting(null, now, 'ru')).toBeNull();
  });
});

describe('groupByDay', () => {
  it('splits messages into local days in order, labelled today and yesterday', () => {
    const now = new Date(2026, 10, 28, 12, 0).getTime();
    const items = [new Date(2026, 10, 20, 9), new Date(2026, 10, 27, 23, 59), new Date(2026, 10, 28, 0, 1), new Date(2026, 10, 28, 11)].map((d) => ({ at: d.toISOString() }));
    const groups = groupByDay(items, (i) => i.at);
    expect(groups.map((g) => [g.key, g.items.length])).toEqual([
      ['2026-11-20', 1],
      ['2026-11-27', 1],
      ['2026-11-28', 2],
    ]);
    expect(groups.map((g) => dayLabel(g.key, now, 'en'))).toEqual(['20 November', 'Yesterday', 'Today']);
    expect(dayLabel('2026-11-28', now, 'ru')).toBe('Сегодня');
    expect(dayLabel('2025-01-02', now, 'ru')).toBe('2 января 2025 г.');
  });

  it('keys a moment by its local calendar day', () => {
    expect(dayKey(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('money', () => {
  it('reads decimal amounts exactly in minor units', () => {
    expect(toMinorUnits('95880.00')).toBe(9_588_000);
    expect(toMinorUnits('0.1')).toBe(10);
    expect(toMinorUnits('12')).toBe(1200);
    expect(toMinorUnits('abc')).toBeNull();
    expect(toMinorUnits(null)).toBeNull();
  });

  it('formats an amount in the currency and language', () => {
    expect(formatAmount('7500.00', 'RUB', 'ru').replace(/\s/g, ' ')).toBe('7 500 ₽');
    expect(formatAmount('7500.50', 'USD', 'en')).toBe('US$7,500.50');
    expect(formatAmount(null, 'RUB', 'en')).toBe('—');
  });
});

describe('text helpers', () => {
  it('takes initials from the first two words', () => {
    expect(initials('Пётр Ёлкин')).toBe('ПЁ');
    expect(initials('ООО «Северный ветер»')).toBe('ОС');
    expect(initials('')).toBe('?');
  });

  it('splits a typed list by lines and commas', () => {
    expect(splitList('+7 912 345-67-89,\n a@b.ru ; ')).toEqual(['+7 912 345-67-89', 'a@b.ru']);
  });
});
