import { describe, expect, it } from 'vitest';
import { DomainException } from '@app/common';
import { monthsOf, resolvePeriod, toZonedIso } from './report-period.js';

describe('report periods', () => {
  it('reads dates as local midnight in the time zone and keeps date-times as given', () => {
    const p = resolvePeriod({ from: '2026-03-01', to: '2026-04-01', timezone: 'Europe/Moscow' });
    expect(p.from.toISOString()).toBe('2026-02-28T21:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-03-31T21:00:00.000Z');
    expect(resolvePeriod({ from: '2026-03-01T10:00:00Z', to: '2026-03-01T11:00:00Z' }).from.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('refuses an empty or reversed period, one too long, and an unknown time zone', () => {
    expect(() => resolvePeriod({ from: '2026-03-02', to: '2026-03-01' })).toThrow(DomainException);
    expect(() => resolvePeriod({ from: '2026-03-01', to: '2026-03-01' })).toThrow(DomainException);
    expect(() => resolvePeriod({ from: '2026-01-01', to: '2026-03-01' }, 31)).toThrow(DomainException);
    expect(() => resolvePeriod({ from: '2026-03-01', to: '2026-03-02', timezone: 'Nowhere/Town' })).toThrow(DomainException);
  });

  it('writes an instant in local time with the offset, across a DST change', () => {
    expect(toZonedIso(new Date('2026-03-08T21:00:00Z'), 'Europe/Moscow')).toBe('2026-03-09T00:00:00+03:00');
    expect(toZonedIso(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T01:30:00+01:00');
    expect(toZonedIso(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(toZonedIso(new Date('2026-03-29T01:30:00Z'), 'America/St_Johns')).toBe('2026-03-28T23:00:00-02:30');
  });

  it('lists the months a period touches in its time zone', () => {
    expect(monthsOf(resolvePeriod({ from: '2026-01-15', to: '2026-03-01', timezone: 'Europe/Moscow' }))).toEqual(['2026-01', '2026-02']);
    expect(monthsOf(resolvePeriod({ from: '2025-12-01', to: '2026-01-02', timezone: 'UTC' }))).toEqual(['2025-12', '2026-01']);
  });
});
