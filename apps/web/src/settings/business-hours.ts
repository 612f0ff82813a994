import { WEEKDAYS, type BusinessHours, type Weekday } from './settings-api.js';

/** One line per weekday in the editor: "09:00-13:00, 14:00-18:00", empty for a closed day. */
export type WeekDraft = Record<Weekday, string>;

export function weekToDraft(weekly: BusinessHours['weekly']): WeekDraft {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, (weekly[day] ?? []).map((i) => `${i.from}-${i.to}`).join(', ')])) as WeekDraft;
}

/** Intervals the server checks itself; text that is no interval is sent as it is so its message explains. */
export function draftToWeek(draft: WeekDraft): BusinessHours['weekly'] {
  const weekly: BusinessHours['weekly'] = {};
  for (const day of WEEKDAYS) {
    const parts = draft[day]
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter(Boolean);
    if (!parts.length) continue;
    weekly[day] = parts.map((part) => {
      const [from = '', to = ''] = part.split(/\s*[-–]\s*/);
      return { from: from.padStart(5, '0'), to: to.padStart(5, '0') };
    });
  }
  return weekly;
}

/** Holidays one a line: "2027-01-01 New Year *" (a trailing * repeats it every year). */
export function holidaysToText(holidays: BusinessHours['holidays']): string {
  return holidays.map((h) => [h.date, h.name, h.annual ? '*' : ''].filter(Boolean).join(' ')).join('\n');
}

export function textToHolidays(text: string): BusinessHours['holidays'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const annual = line.endsWith('*');
      const [date, ...rest] = line.replace(/\*$/, '').trim().split(/\s+/);
      const name = rest.join(' ');
      return { date, ...(name ? { name } : {}), ...(annual ? { annual } : {}) };
    });
}
