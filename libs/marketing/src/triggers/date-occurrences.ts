import { addDays, afterQuietHours, anniversaryIn, localDateOf, minutesOf, monthDay, parseLocalDate, zonedInstant, type LocalDate, type QuietHours } from './local-time.js';
import type { DateTriggerConfig } from './dto/trigger-config.dto.js';

/** How long after its due time an occurrence is still sent (a sweep missed while the service was down). */
export const CATCH_UP_MS = 24 * 3_600_000;

export interface DateSubject {
  birthday: string | null;
  createdAt: Date;
  customFields: Record<string, unknown>;
  timeZone: string;
}

export interface DueOccurrence {
  key: string;
  dueAt: Date;
}

export function fieldNameOf(config: DateTriggerConfig): string {
  return config.field === 'custom' ? `custom.${config.customFieldKey}` : config.field;
}

function fieldDateOf(config: DateTriggerConfig, subject: DateSubject): LocalDate | null {
  if (config.field === 'birthday') return parseLocalDate(subject.birthday);
  if (config.field === 'created_at') return localDateOf(subject.createdAt, subject.timeZone);
  return parseLocalDate(subject.customFields[config.customFieldKey ?? '']);
}

/**
 * The occurrence due now for this contact, if any: the anniversary of the field's date, moved by
 * offsetDays, at the local send time (after the quiet hours) in the contact's zone. Its key names
 * the anniversary's year, so each year's occurrence is sent once.
 */
export function dueDateOccurrence(
  config: DateTriggerConfig,
  schedule: { sendAtLocal: string; quietHours: QuietHours | null },
  subject: DateSubject,
  now: Date,
): DueOccurrence | null {
  const date = fieldDateOf(config, subject);
  if (!date) return null;
  const thisYear = localDateOf(now, subject.timeZone).year;
  for (const year of [thisYear - 1, thisYear, thisYear + 1]) {
    if (year < date.year) continue;
    const fires = addDays(anniversaryIn(date, year), config.offsetDays);
    const dueAt = afterQuietHours(zonedInstant(fires, minutesOf(schedule.sendAtLocal), subject.timeZone), schedule.quietHours, subject.timeZone);
    const age = now.getTime() - dueAt.getTime();
    if (age >= 0 && age < CATCH_UP_MS) return { key: `${fieldNameOf(config)}:${year}`, dueAt };
  }
  return null;
}

/**
 * The field's month-days (`MM-DD`) that can be due around `now` anywhere on Earth, for narrowing the
 * contacts in SQL before the exact check; generous on both sides (zones, catch-up, quiet hours).
 */
export function candidateMonthDays(config: DateTriggerConfig, now: Date): string[] {
  const utcToday: LocalDate = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
  const days = new Set<string>();
  for (let i = -4; i <= 2; i++) {
    const anniversary = addDays(utcToday, i - config.offsetDays);
    days.add(monthDay(anniversary));
    if (anniversary.month === 2 && anniversary.day === 28) days.add('02-29');
  }
  return [...days];
}
