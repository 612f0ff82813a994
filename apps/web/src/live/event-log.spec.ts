import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log.js';

describe('EventLog', () => {
  it('accepts each durable id once and tracks the highest for catch-up', () => {
    const log = new EventLog();
    expect([5, 6, 5, 4, 6].map((id) => log.accept(id))).toEqual([true, true, false, true, false]);
    expect(log.lastEventId).toBe(6);
  });

  it('always accepts momentary events', () => {
    const log = new EventLog(10);
    expect([log.accept(0), log.accept(0)]).toEqual([true, true]);
    expect(log.lastEventId).toBe(10);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const log = new EventLog(0, 2);
    log.accept(1);
    log.accept(2);
    log.accept(3);
    expect(log.accept(1)).toBe(true);
    expect(log.accept(3)).toBe(false);
  });
});
