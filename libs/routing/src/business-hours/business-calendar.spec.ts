import { describe, expect, it } from 'vitest';
import { businessSecondsBetween, closedPeriodStart, isOpenAt, isValidTimeZone, nextOpening, type BusinessSchedule } from './business-calendar.js';

const workdays = [{ from: '09:00', to: '18:00' }];
const moscow: BusinessSchedule = {
  timeZone: 'Europe/Moscow',
  weekly: { mon: workdays, tue: workdays, wed: workdays, thu: workdays, fri: workdays },
  // 12 June (Thursday) is Russia Day.
  holidays: [{ date: '2025-06-12', name: 'День России' }],
};
const withMondayOff: BusinessSchedule = { ...moscow, holidays: [...moscow.holidays, { date: '2025-06-16' }] };
/** Moscow is UTC+3 all year. */
const msk = (local: string) => new Date(`${local}+03:00`);

describe('business hours in Europe/Moscow', () => {
  it('is open on a weekday within the hours and closed before, after, on the weekend and on a holiday', () => {
    expect(isOpenAt(moscow, msk('2025-06-13T09:00:00'))).toBe(true);
    expect(isOpenAt(moscow, msk('2025-06-13T17:59:59'))).toBe(true);
    expect(isOpenAt(moscow, msk('2025-06-13T18:00:00'))).toBe(false);
    expect(isOpenAt(moscow, msk('2025-06-13T08:59:00'))).toBe(false);
    expect(isOpenAt(moscow, msk('2025-06-14T12:00:00'))).toBe(false);
    expect(isOpenAt(moscow, msk('2025-06-12T12:00:00'))).toBe(false);
  });

  it('counts waiting across a weekend in business time only', () => {
    expect(businessSecondsBetween(moscow, msk('2025-06-13T17:00:00'), msk('2025-06-16T10:00:00'))).toBe(2 * 3600);
    expect(businessSecondsBetween(moscow, msk('2025-06-14T10:00:00'), msk('2025-06-15T20:00:00'))).toBe(0);
  });

  it('skips a holiday when counting business time', () => {
    expect(businessSecondsBetween(moscow, msk('2025-06-11T17:00:00'), msk('2025-06-13T10:00:00'))).toBe(2 * 3600);
    expect(businessSecondsBetween(withMondayOff, msk('2025-06-13T17:00:00'), msk('2025-06-17T10:00:00'))).toBe(2 * 3600);
  });

  it('names one closed period from Friday evening to Monday morning, and a new one after Monday closes', () => {
    const fridayClose = msk('2025-06-13T18:00:00');
    expect(closedPeriodStart(moscow, msk('2025-06-13T19:30:00'))).toEqual(fridayClose);
    expect(closedPeriodStart(moscow, msk('2025-06-14T12:00:00'))).toEqual(fridayClose);
    expect(closedPeriodStart(moscow, msk('2025-06-16T08:30:00'))).toEqual(fridayClose);
    expect(closedPeriodStart(moscow, msk('2025-06-16T10:00:00'))).toBeNull();
    expect(closedPeriodStart(moscow, msk('2025-06-16T19:00:00'))).toEqual(msk('2025-06-16T18:00:00'));
  });

  it('keeps the period open through a holiday: the last closing was the day before', () => {
    expect(closedPeriodStart(moscow, msk('2025-06-12T12:00:00'))).toEqual(msk('2025-06-11T18:00:00'));
  });

  it('finds the next opening after a weekend and after a holiday Monday', () => {
    expect(nextOpening(moscow, msk('2025-06-14T12:00:00'))).toEqual(msk('2025-06-16T09:00:00'));
    expect(nextOpening(withMondayOff, msk('2025-06-14T12:00:00'))).toEqual(msk('2025-06-17T09:00:00'));
    expect(nextOpening(moscow, msk('2025-06-11T20:00:00'))).toEqual(msk('2025-06-13T09:00:00'));
  });

  it('matches an annual holiday in any year', () => {
    const newYear: BusinessSchedule = { ...moscow, weekly: { ...moscow.weekly, thu: workdays }, holidays: [{ date: '2020-01-01', annual: true }] };
    expect(isOpenAt(newYear, msk('2026-01-01T12:00:00'))).toBe(false);
    expect(isOpenAt(newYear, msk('2026-01-02T12:00:00'))).toBe(true);
  });
});

describe('business hours where clocks change', () => {
  it('follows the local time across the daylight saving change in Europe/Berlin', () => {
    const berlin: BusinessSchedule = { timeZone: 'Europe/Berlin', weekly: { mon: workdays, fri: workdays }, holidays: [] };
    // Friday 28 March 2025 is UTC+1, Monday 31 March UTC+2.
    expect(isOpenAt(berlin, new Date('2025-03-28T08:30:00Z'))).toBe(true);
    expect(isOpenAt(berlin, new Date('2025-03-28T17:30:00Z'))).toBe(false);
    expect(isOpenAt(berlin, new Date('2025-03-31T07:30:00Z'))).toBe(true);
    expect(isOpenAt(berlin, new Date('2025-03-31T16:30:00Z'))).toBe(false);
    expect(businessSecondsBetween(berlin, new Date('2025-03-28T16:00:00Z'), new Date('2025-03-31T08:00:00Z'))).toBe(2 * 3600);
  });

  it('tells a real time zone from a made-up one', () => {
    expect(isValidTimeZone('Asia/Yekaterinburg')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
