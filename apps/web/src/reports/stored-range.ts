import { useCallback, useState } from 'react';
import { browserTimezone, isTimezone, presetRange, RANGE_PRESETS, type DateRange, type RangePreset } from './date-range.js';

const RANGE_KEY = 'omnibox.reports.range';

/** The period last chosen: a preset is recalculated for today, a custom period is kept as it was. */
export function restoreRange(raw: string | null, now: Date, fallbackZone: string): DateRange {
  try {
    const saved = raw ? (JSON.parse(raw) as Partial<DateRange>) : {};
    const timezone = typeof saved.timezone === 'string' && isTimezone(saved.timezone) ? saved.timezone : fallbackZone;
    const preset = RANGE_PRESETS.includes(saved.preset as RangePreset) ? (saved.preset as RangePreset) : 'last7';
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (preset === 'custom' && day.test(String(saved.from)) && day.test(String(saved.to)) && String(saved.from) < String(saved.to)) {
      return presetRange('custom', now, timezone, { from: String(saved.from), to: String(saved.to) });
    }
    return presetRange(preset === 'custom' ? 'last7' : preset, now, timezone);
  } catch {
    return presetRange('last7', now, fallbackZone);
  }
}

export function useStoredRange(): [DateRange, (range: DateRange) => void] {
  const [range, setRange] = useState<DateRange>(() => restoreRange(localStorage.getItem(RANGE_KEY), new Date(), browserTimezone()));
  const update = useCallback((next: DateRange) => {
    setRange(next);
    localStorage.setItem(RANGE_KEY, JSON.stringify(next));
  }, []);
  return [range, update];
}
