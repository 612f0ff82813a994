import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changesDashboard, LiveRefresher } from './live-refresher.js';

describe('LiveRefresher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-28T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  function deferredLoads() {
    const pending: Array<() => void> = [];
    const load = vi.fn(() => new Promise<void>((resolve) => pending.push(resolve)));
    return { load, finish: () => pending.shift()?.() };
  }

  it('loads once after a burst of events goes quiet', async () => {
    const load = vi.fn(async () => undefined);
    const refresher = new LiveRefresher(load, 500, 3000);
    refresher.trigger();
    await vi.advanceTimersByTimeAsync(300);
    refresher.trigger();
    await vi.advanceTimersByTimeAsync(300);
    refresher.trigger();
    expect(load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads at the latest maxWait after the first event when events never stop', async () => {
    const load = vi.fn(async () => undefined);
    const refresher = new LiveRefresher(load, 500, 2000);
    for (let elapsed = 0; elapsed < 1600; elapsed += 400) {
      refresher.trigger();
      await vi.advanceTimersByTimeAsync(400);
    }
    refresher.trigger();
    await vi.advanceTimersByTimeAsync(399);
    expect(load).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never runs two loads at once and loads again after one that events arrived during', async () => {
    const { load, finish } = deferredLoads();
    const refresher = new LiveRefresher(load, 500, 3000);
    refresher.trigger();
    await vi.advanceTimersByTimeAsync(500);
    expect(load).toHaveBeenCalledTimes(1);
    refresher.trigger();
    await vi.advanceTimersByTimeAsync(500);
    expect(load).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    finish();
  });

  it('loads at once on now() and drops the load that was waiting', async () => {
    const load = vi.fn(async () => undefined);
    const refresher = new LiveRefresher(load, 500, 3000);
    refresher.trigger();
    await refresher.now();
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps working after a failed load and stops for good when stopped', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const refresher = new LiveRefresher(load, 500, 3000);
    await refresher.now();
    refresher.trigger();
    await vi.advanceTimersByTimeAsync(500);
    expect(load).toHaveBeenCalledTimes(2);
    refresher.trigger();
    refresher.stop();
    refresher.trigger();
    await vi.advanceTimersByTimeAsync(5000);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('changesDashboard', () => {
  it('refreshes on conversation, message, presence and SLA events but not on typing', () => {
    expect(changesDashboard('conversation.created')).toBe(true);
    expect(changesDashboard('conversation.assigned')).toBe(true);
    expect(changesDashboard('message.created')).toBe(true);
    expect(changesDashboard('presence')).toBe(true);
    expect(changesDashboard('sla.breached')).toBe(true);
    expect(changesDashboard('typing')).toBe(false);
    expect(changesDashboard('message.updated')).toBe(false);
  });
});
