/** Report periods as calendar days in a time zone; `to` is exclusive, as the reports API expects. */
export type RangePreset = 'today' | 'last7' | 'last30' | 'this_month' | 'custom';

export const RANGE_PRESETS: readonly RangePreset[] = ['today', 'last7', 'last30', 'this_month', 'custom'];

export interface DateRange {
  preset: RangePreset;
  /** YYYY-MM-DD, the first day of the period. */
  from: string;
  /** YYYY-MM-DD, the day after the last one. */
  to: string;
  timezone: string;
}

/** The calendar day a moment falls on in the time zone, as YYYY-MM-DD. */
export function dayInZone(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Moves a YYYY-MM-DD day by whole days, across month and year ends. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The period a preset names, seen from `now` in the time zone; custom keeps the days given. */
export function presetRange(preset: RangePreset, now: Date, timezone: string, custom?: { from: string; to: string }): DateRange {
  const today = dayInZone(now, timezone);
  const tomorrow = addDays(today, 1);
  switch (preset) {
    case 'today':
      return { preset, from: today, to: tomorrow, timezone };
    case 'last7':
      return { preset, from: addDays(today, -6), to: tomorrow, timezone };
    case 'last30':
      return { preset, from: addDays(today, -29), to: tomorrow, timezone };
    case 'this_month':
      return { preset, from: `${today.slice(0, 8)}01`, to: tomorrow, timezone };
    case 'custom':
      return { preset, from: custom?.from ?? today, to: custom?.to ?? tomorrow, timezone };
  }
}

/** A custom period from the two days a person picks (both inclusive); swapped when picked backwards. */
export function customRange(firstDay: string, lastDay: string, timezone: string): DateRange {
  const [from, last] = firstDay <= lastDay ? [firstDay, lastDay] : [lastDay, firstDay];
  return { preset: 'custom', from, to: addDays(last, 1), timezone };
}

/** The last day inside the period, for a date input. */
export function lastDay(range: DateRange): string {
  return addDays(range.to, -1);
}

/** The month a period starts in, YYYY-MM: the month whose spend inputs apply. */
export function rangeMonth(range: DateRange): string {
  return range.from.slice(0, 7);
}

export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Whether the runtime knows the zone name. */
export function isTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
