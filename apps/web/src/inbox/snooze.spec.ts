import { describe, expect, it } from 'vitest';
import { snoozeOptions } from './snooze.js';

describe('snoozeOptions', () => {
  it('offers an hour, tomorrow 9:00 and next Monday 9:00', () => {
    const friday = new Date(2026, 10, 27, 15, 30);
    const [hour, tomorrow, monday] = snoozeOptions(friday).map((o) => o.until);
    expect(hour.getTime() - friday.getTime()).toBe(3600_000);
    expect([tomorrow.getDate(), tomorrow.getHours()]).toEqual([28, 9]);
    expect([monday.getDay(), monday.getDate(), monday.getHours()]).toEqual([1, 30, 9]);
  });

  it('moves to the Monday after when it is Monday already', () => {
    const monday = new Date(2026, 10, 30, 8, 0);
    expect(snoozeOptions(monday)[2].until.getDate()).toBe(7);
  });
});
