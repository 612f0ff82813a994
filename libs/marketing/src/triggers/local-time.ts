// Calendar arithmetic in a contact's time zone, for sending at a local time of a local date.
import { addLocalDays, isValidTimeZone, localDateAt, wallClockMs, zonedInstantMs, type LocalDate } from '@app/common';

export interface QuietHours {
  from: string;
  to: string;
}

export { isValidTimeZone as isTimeZone, type LocalDate };

export const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/** The instant a local date and minute of the day fall on; a time skipped by a DST change moves forward. */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  return new Date(zonedInstantMs(date, minuteOfDay, timeZone));
}

export function localDateOf(at: Date, timeZone: string): LocalDate {
  return localDateAt(at.getTime(), timeZone);
}

function localMinuteOf(at: Date, timeZone: string): number {
  const wall = new Date(wallClockMs(at.getTime(), timeZone));
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return addLocalDays(date, days);
}

const pad = (n: number) => String(n).padStart(2, '0');
export const monthDay = (d: LocalDate) => `${pad(d.month)}-${pad(d.day)}`;

export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The date's anniversary in `year`. 29 February falls on 28 February in years without it, so a
 * contact born on a leap day is greeted every year, on the last day of February.
 */
export function anniversaryIn(date: LocalDate, year: number): LocalDate {
  if (date.month === 2 && date.day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month: date.month, day: date.day };
}

/** `YYYY-MM-DD` or `DD.MM.YYYY` (how people type dates into custom fields); null for anything else or an impossible date. */
export function parseLocalDate(value: unknown): LocalDate | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : dotted ? [dotted[3], dotted[2], dotted[1]].map(Number) : [NaN, NaN, NaN];
  if (!Number.isInteger(year)) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : null;
}

function insideQuietHours(minute: number, quiet: QuietHours): boolean {
  const [from, to] = [minutesOf(quiet.from), minutesOf(quiet.to)];
  if (from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** `at`, or when it falls inside the quiet hours (local time), the moment they end. */
export function afterQuietHours(at: Date, quiet: QuietHours | null | undefined, timeZone: string): Date {
  if (!quiet) return at;
  const minute = localMinuteOf(at, timeZone);
  if (!insideQuietHours(minute, quiet)) return at;
  const today = localDateOf(at, timeZone);
  const endsToday = minute < minutesOf(quiet.to);
  return zonedInstant(endsToday ? today : addDays(today, 1), minutesOf(quiet.to), timeZone);
}
