import { addLocalDays as addDays, isValidTimeZone, localDateAt as localDateOf, zonedInstantMs as zonedInstant, zoneOffsetMs as offsetMs, type LocalDate } from '@app/common';
import type { BusinessHoliday, BusinessWeek } from '@app/db';

export { isValidTimeZone };

/** An inbox's opening hours: weekly intervals in local time, whole days off, and the time zone they are in. */
export interface BusinessSchedule {
  timeZone: string;
  weekly: BusinessWeek;
  holidays: BusinessHoliday[];
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_MS = 86_400_000;
/** How far to look for the previous closing or next opening: a year of holidays at most. */
const SEARCH_DAYS = 370;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function isHoliday(schedule: BusinessSchedule, date: LocalDate): boolean {
  const iso = isoDate(date);
  return schedule.holidays.some((h) => h.date === iso || (h.annual === true && h.date.slice(5) === iso.slice(5)));
}

/** The open intervals of one local day, as [start, end) instants. */
function intervalsOn(schedule: BusinessSchedule, date: LocalDate): Array<[number, number]> {
  if (isHoliday(schedule, date)) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
  return (schedule.weekly[weekday] ?? [])
    .map(({ from, to }) => [zonedInstant(date, minutesOf(from), schedule.timeZone), zonedInstant(date, minutesOf(to), schedule.timeZone)] as [number, number])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

export function isOpenAt(schedule: BusinessSchedule, at: Date): boolean {
  const t = at.getTime();
  return intervalsOn(schedule, localDateOf(t, schedule.timeZone)).some(([start, end]) => start <= t && t < end);
}

/** When the business opens next after `at` (null: never within a year). */
export function nextOpening(schedule: BusinessSchedule, at: Date): Date | null {
  const t = at.getTime();
  const today = localDateOf(t, schedule.timeZone);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const start = intervalsOn(schedule, addDays(today, i)).find(([s]) => s > t)?.[0];
    if (start !== undefined) return new Date(start);
  }
  return null;
}

/**
 * While closed, the moment the current closed period began (the last closing time); it names the period,
 * so an auto-reply goes out once per period. Null while open; the epoch when it never was open within a year.
 */
export function closedPeriodStart(schedule: BusinessSchedule, at: Date): Date | null {
  if (isOpenAt(schedule, at)) return null;
  const t = at.getTime();
  const today = localDateOf(t, schedule.timeZone);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const ends = intervalsOn(schedule, addDays(today, -i))
      .map(([, end]) => end)
      .filter((end) => end <= t);
    if (ends.length) return new Date(Math.max(...ends));
  }
  return new Date(0);
}

/** Seconds between two instants that fall within opening hours. */
export function businessSecondsBetween(schedule: BusinessSchedule, from: Date, to: Date): number {
  const [a, b] = [from.getTime(), to.getTime()];
  if (b <= a) return 0;
  const first = localDateOf(a, schedule.timeZone);
  const days = Math.min(Math.ceil((b - a) / DAY_MS) + 1, 3660);
  let total = 0;
  for (let i = 0; i <= days; i++) {
    for (const [start, end] of intervalsOn(schedule, addDays(first, i))) total += Math.max(0, Math.min(end, b) - Math.max(start, a));
  }
  return Math.round(total / 1000);
}

/** The moment `seconds` of opening hours after `from` have passed (null: the business never opens within a year). */
export function addBusinessSeconds(schedule: BusinessSchedule, from: Date, seconds: number): Date | null {
  let left = seconds * 1000;
  const a = from.getTime();
  const first = localDateOf(a, schedule.timeZone);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    for (const [start, end] of intervalsOn(schedule, addDays(first, i))) {
      const open = Math.max(start, a);
      if (end <= open) continue;
      if (end - open >= left) return new Date(open + left);
      left -= end - open;
    }
  }
  return null;
}

/** The instant a local calendar date (`YYYY-MM-DD`) begins in the zone. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(zonedInstant({ year, month, day }, 0, timeZone));
}

/** The zone's offset from UTC at that instant, in minutes (Moscow: 180). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  return Math.round(offsetMs(at.getTime(), timeZone) / 60_000);
}
