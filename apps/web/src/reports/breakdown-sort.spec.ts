import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './breakdown-sort.js';
import type { BreakdownRow } from './types.js';

const stat = (avg: number | null) => ({ avg, p50: avg, p90: avg === null ? null : avg * 2, count: avg === null ? 0 : 1 });
const row = (label: string, opened: number, firstResponse: number | null): BreakdownRow => ({
  key: label,
  label,
  conversationsOpened: opened,
  conversationsResolved: 0,
  firstResponseTime: stat(firstResponse),
  replyTime: stat(null),
  resolutionTime: stat(null),
  csatAverage: null,
  slaHitRatePercent: null,
});

describe('sortRows', () => {
  const rows = [row('Ольга', 5, 120), row('Антон', 9, null), row('Ёлкин', 2, 30)];

  it('orders by a number either way and keeps rows without a value last', () => {
    expect(sortRows(rows, { column: 'firstResponseAvg', descending: false }, 'ru').map((r) => r.label)).toEqual(['Ёлкин', 'Ольга', 'Антон']);
    expect(sortRows(rows, { column: 'firstResponseAvg', descending: true }, 'ru').map((r) => r.label)).toEqual(['Ольга', 'Ёлкин', 'Антон']);
    expect(sortRows(rows, { column: 'conversationsOpened', descending: true }, 'ru').map((r) => r.label)).toEqual(['Антон', 'Ольга', 'Ёлкин']);
  });

  it('orders names alphabetically for the locale', () => {
    expect(sortRows(rows, { column: 'label', descending: false }, 'ru').map((r) => r.label)).toEqual(['Антон', 'Ёлкин', 'Ольга']);
  });
});

describe('nextSort', () => {
  it('turns the order round on the same column and starts numbers largest first', () => {
    expect(nextSort({ column: 'label', descending: false }, 'label')).toEqual({ column: 'label', descending: true });
    expect(nextSort({ column: 'label', descending: false }, 'csatAverage')).toEqual({ column: 'csatAverage', descending: true });
    expect(nextSort({ column: 'csatAverage', descending: true }, 'label')).toEqual({ column: 'label', descending: false });
  });
});
