import { describe, expect, it } from 'vitest';
import { addDays, customRange, dayInZone, lastDay, presetRange, rangeMonth } from './date-range.js';
import { restoreRange } from './stored-range.js';

describe('presetRange', () => {
  // 22:30 UTC on 28 November: already the 29th in Moscow, still the 28th in New York.
  const lateEvening = new Date('2026-11-28T22:30:00Z');

  it('takes today from the time zone, not from the browser or UTC', () => {
    expect(presetRange('today', lateEvening, 'Europe/Moscow')).toEqual({ preset: 'today', from: '2026-11-29', to: '2026-11-30', timezone: 'Europe/Moscow' });
    expect(presetRange('today', lateEvening, 'America/New_York')).toMatchObject({ from: '2026-11-28', to: '2026-11-29' });
    expect(presetRange('today', lateEvening, 'UTC')).toMatchObject({ from: '2026-11-28', to: '2026-11-29' });
  });

  it('counts 7 and 30 days back including today, with an exclusive end', () => {
    expect(presetRange('last7', lateEvening, 'Europe/Moscow')).toMatchObject({ from: '2026-11-23', to: '2026-11-30' });
    expect(presetRange('last30', lateEvening, 'Europe/Moscow')).toMatchObject({ from: '2026-10-31', to: '2026-11-30' });
  });

  it('starts this month on the first day of the month in the time zone', () => {
    const newYearsEve = new Date('2026-11-30T21:30:00Z');
    expect(presetRange('this_month', newYearsEve, 'Asia/Vladivostok')).toMatchObject({ from: '2026-12-01', to: '2026-12-02' });
    expect(presetRange('this_month', newYearsEve, 'Europe/London')).toMatchObject({ from: '2026-11-01', to: '2026-12-01' });
  });

  it('keeps the days of a custom period', () => {
    expect(presetRange('custom', lateEvening, 'UTC', { from: '2026-01-01', to: '2026-02-01' })).toEqual({ preset: 'custom', from: '2026-01-01', to: '2026-02-01', timezone: 'UTC' });
  });
});

describe('customRange', () => {
  it('makes the last picked day inclusive and swaps days picked backwards', () => {
    const range = customRange('2026-03-10', '2026-03-01', 'Europe/Moscow');
    expect(range).toEqual({ preset: 'custom', from: '2026-03-01', to: '2026-03-11', timezone: 'Europe/Moscow' });
    expect(lastDay(range)).toBe('2026-03-10');
    expect(rangeMonth(range)).toBe('2026-03');
  });
});

describe('day arithmetic', () => {
  it('crosses month, leap day and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -29)).toBe('2026-01-31');
  });

  it('does not shift a day across a daylight-saving change', () => {
    // Clocks in New York go back on 1 November 2026.
    expect(dayInZone(new Date('2026-11-01T04:30:00Z'), 'America/New_York')).toBe('2026-11-01');
    expect(dayInZone(new Date('2026-11-01T03:59:00Z'), 'America/New_York')).toBe('2026-10-31');
  });
});

describe('restoreRange', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  it('recalculates a saved preset for today and keeps a saved custom period', () => {
    expect(restoreRange(JSON.stringify({ preset: 'today', from: '2020-01-01', to: '2020-01-02', timezone: 'Asia/Tokyo' }), now, 'UTC')).toMatchObject({
      preset: 'today',
      from: '2026-11-28',
      timezone: 'Asia/Tokyo',
    });
    expect(restoreRange(JSON.stringify({ preset: 'custom', from: '2026-01-01', to: '2026-01-15', timezone: 'UTC' }), now, 'UTC')).toMatchObject({ from: '2026-01-01', to: '2026-01-15' });
  });

  it('falls back to the last 7 days in the browser zone when nothing usable was saved', () => {
    expect(restoreRange('{not json', now, 'Europe/Moscow')).toMatchObject({ preset: 'last7', from: '2026-11-22', timezone: 'Europe/Moscow' });
    expect(restoreRange(JSON.stringify({ preset: 'custom', from: 'x', timezone: 'Mars/Olympus' }), now, 'UTC')).toMatchObject({ preset: 'last7', timezone: 'UTC' });
  });
});
