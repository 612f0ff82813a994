import { describe, expect, it } from 'vitest';
import { candidateMonthDays, dueDateOccurrence, type DateSubject } from './date-occurrences.js';

const schedule = { sendAtLocal: '09:00', quietHours: null };
const subject = (over: Partial<DateSubject>): DateSubject => ({ birthday: null, createdAt: new Date('2020-01-01T00:00:00Z'), customFields: {}, timeZone: 'Europe/Moscow', ...over });
const birthday = { field: 'birthday' as const, offsetDays: 0 };

describe('dueDateOccurrence', () => {
  it('is due from the local send time for a day, keyed by the anniversary year', () => {
    const anna = subject({ birthday: '1990-03-01', timeZone: 'Asia/Vladivostok' });
    expect(dueDateOccurrence(birthday, schedule, anna, new Date('2027-02-28T22:59:00Z'))).toBeNull();
    expect(dueDateOccurrence(birthday, schedule, anna, new Date('2027-02-28T23:00:00Z'))).toEqual({ key: 'birthday:2027', dueAt: new Date('2027-02-28T23:00:00Z') });
    expect(dueDateOccurrence(birthday, schedule, anna, new Date('2027-03-01T22:59:00Z'))?.key).toBe('birthday:2027');
    expect(dueDateOccurrence(birthday, schedule, anna, new Date('2027-03-01T23:00:00Z'))).toBeNull();
  });

  it('names the year of the anniversary when sending days before it crosses the new year', () => {
    const config = { field: 'birthday' as const, offsetDays: -3 };
    const due = dueDateOccurrence(config, schedule, subject({ birthday: '1985-01-02' }), new Date('2026-12-30T06:30:00Z'));
    expect(due).toEqual({ key: 'birthday:2027', dueAt: new Date('2026-12-30T06:00:00Z') });
  });

  it('greets a leap-day birthday on 28 February in other years', () => {
    const leap = subject({ birthday: '2000-02-29' });
    expect(dueDateOccurrence(birthday, schedule, leap, new Date('2027-02-28T06:10:00Z'))?.key).toBe('birthday:2027');
    expect(dueDateOccurrence(birthday, schedule, leap, new Date('2028-02-28T06:10:00Z'))).toBeNull();
    expect(dueDateOccurrence(birthday, schedule, leap, new Date('2028-02-29T06:10:00Z'))?.key).toBe('birthday:2028');
  });

  it('reads a custom field date and a creation date with an offset after it', () => {
    const custom = { field: 'custom' as const, customFieldKey: 'contract_date', offsetDays: 0 };
    expect(dueDateOccurrence(custom, schedule, subject({ customFields: { contract_date: '15.06.2021' } }), new Date('2027-06-15T06:05:00Z'))?.key).toBe('custom.contract_date:2027');
    const welcome = { field: 'created_at' as const, offsetDays: 7 };
    const created = subject({ createdAt: new Date('2027-04-30T22:00:00Z') }); // 1 May 01:00 in Moscow
    expect(dueDateOccurrence(welcome, schedule, created, new Date('2027-05-08T06:01:00Z'))?.key).toBe('created_at:2027');
    expect(dueDateOccurrence(welcome, schedule, created, new Date('2027-05-07T06:01:00Z'))).toBeNull();
  });

  it('waits for the end of the quiet hours when the send time falls inside them', () => {
    const late = { sendAtLocal: '22:00', quietHours: { from: '21:00', to: '08:00' } };
    const anna = subject({ birthday: '1990-05-10' });
    expect(dueDateOccurrence(birthday, late, anna, new Date('2027-05-10T19:30:00Z'))).toBeNull();
    expect(dueDateOccurrence(birthday, late, anna, new Date('2027-05-11T05:00:00Z'))).toEqual({ key: 'birthday:2027', dueAt: new Date('2027-05-11T05:00:00Z') });
  });
});

describe('candidateMonthDays', () => {
  it('covers the days around now, moved by the offset, with the leap day beside 28 February', () => {
    const days = candidateMonthDays({ field: 'birthday', offsetDays: -3 }, new Date('2027-02-26T12:00:00Z'));
    expect(days).toContain('03-01');
    expect(days).toContain('02-28');
    expect(days).toContain('02-29');
    expect(days).not.toContain('03-10');
  });
});
