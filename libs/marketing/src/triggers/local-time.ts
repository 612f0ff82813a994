/** Calendar arithmetic in a contact's time zone, for sending at a local time of a local date. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface QuietHours {
  from: string;
  to: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in the zone, as if it were UTC (milliseconds). */
function wallClockMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterOf(timeZone).formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

function offsetMs(at: number, timeZone: string): number {
  const whole = Math.floor(at / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

export const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/** The instant a local date and minute of the day fall on; a time skipped by a DST change moves forward. */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return new Date(first === second ? first : Math.max(first, second));
}

export function localDateOf(at: Date, timeZone: string): LocalDate {
  const wall = new Date(wallClockMs(at.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function localMinuteOf(at: Date, timeZone: string): number {
  const wall = new Date(wallClockMs(at.getTime(), timeZone));
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
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
