import { describe, expect, it } from 'vitest';
import { afterQuietHours, anniversaryIn, localDateOf, parseLocalDate, zonedInstant } from './local-time.js';

describe('local time', () => {
  it('finds the instant of a local time in zones on both sides of UTC midnight', () => {
    expect(zonedInstant({ year: 2027, month: 3, day: 1 }, 9 * 60, 'Asia/Vladivostok').toISOString()).toBe('2027-02-28T23:00:00.000Z');
    expect(zonedInstant({ year: 2027, month: 3, day: 1 }, 9 * 60, 'Europe/Kaliningrad').toISOString()).toBe('2027-03-01T07:00:00.000Z');
    expect(localDateOf(new Date('2027-02-28T23:30:00Z'), 'Asia/Vladivostok')).toEqual({ year: 2027, month: 3, day: 1 });
  });

  it('moves 29 February to 28 February in years without it', () => {
    expect(anniversaryIn({ year: 2000, month: 2, day: 29 }, 2027)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(anniversaryIn({ year: 2000, month: 2, day: 29 }, 2028)).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('reads dates typed as YYYY-MM-DD or DD.MM.YYYY and refuses impossible ones', () => {
    expect(parseLocalDate('1990-03-01')).toEqual({ year: 1990, month: 3, day: 1 });
    expect(parseLocalDate(' 01.03.1990 ')).toEqual({ year: 1990, month: 3, day: 1 });
    expect(parseLocalDate('31.02.1990')).toBeNull();
    expect(parseLocalDate('1 марта')).toBeNull();
    expect(parseLocalDate(19900301)).toBeNull();
  });

  it('holds a time inside quiet hours until they end, also across midnight', () => {
    const quiet = { from: '21:00', to: '09:00' };
    // 22:30 and 02:00 in Moscow (UTC+3) wait for 09:00; 12:00 goes at once.
    expect(afterQuietHours(new Date('2027-05-10T19:30:00Z'), quiet, 'Europe/Moscow').toISOString()).toBe('2027-05-11T06:00:00.000Z');
    expect(afterQuietHours(new Date('2027-05-10T23:00:00Z'), quiet, 'Europe/Moscow').toISOString()).toBe('2027-05-11T06:00:00.000Z');
    expect(afterQuietHours(new Date('2027-05-10T09:00:00Z'), quiet, 'Europe/Moscow').toISOString()).toBe('2027-05-10T09:00:00.000Z');
    expect(afterQuietHours(new Date('2027-05-10T10:00:00Z'), { from: '13:00', to: '14:00' }, 'Europe/Moscow').toISOString()).toBe('2027-05-10T11:00:00.000Z');
    expect(afterQuietHours(new Date('2027-05-10T19:30:00Z'), null, 'Europe/Moscow').toISOString()).toBe('2027-05-10T19:30:00.000Z');
  });
});
