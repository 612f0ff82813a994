import { describe, expect, it } from 'vitest';
import { formatBucket, formatMetric } from './chart-format.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatBucket', () => {
  it('shows a bucket start in the report time zone', () => {
    // 21:00 UTC is already midnight of the next day in Moscow.
    expect(formatBucket('2026-11-28T21:00:00.000Z', 'day', 'Europe/Moscow', 'en')).toBe('29 Nov');
    expect(formatBucket('2026-11-28T21:00:00.000Z', 'hour', 'Europe/Moscow', 'ru', true)).toBe('00:00');
    expect(formatBucket('2026-11-28T21:00:00.000Z', 'month', 'UTC', 'en')).toBe('Nov 2026');
  });
});

describe('formatMetric', () => {
  it('reads durations, counts, scores and money the way each is meant', () => {
    expect(formatMetric('firstResponseTime', 150, 'ru')).toBe('2 мин 30 с');
    expect(formatMetric('conversationsOpened', 1234, 'en')).toBe('1,234');
    expect(formatMetric('csat', 4.567, 'ru')).toBe('4,57');
    expect(plain(formatMetric('revenue', 95000, 'ru'))).toBe('95 000 ₽');
    expect(formatMetric('replyTime', null, 'en')).toBe('—');
  });
});
