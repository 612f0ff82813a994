import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './rate-limiter.js';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryRateLimiter', () => {
  it('allows up to the limit within one window', async () => {
    const limiter = new MemoryRateLimiter(3, 60, fakeClock().now);
    expect([await limiter.hit('a'), await limiter.hit('a'), await limiter.hit('a')]).toEqual([0, 0, 0]);
  });

  it('answers the seconds left in the window once the limit is exceeded', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(2, 60, clock.now);
    await limiter.hit('a');
    await limiter.hit('a');
    clock.advance(15_500);
    expect(await limiter.hit('a')).toBe(45);
    clock.advance(44_000);
    expect(await limiter.hit('a')).toBe(1);
  });

  it('opens a fresh window when the old one has ended', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(1, 10, clock.now);
    await limiter.hit('a');
    expect(await limiter.hit('a')).toBeGreaterThan(0);
    clock.advance(10_000);
    expect(await limiter.hit('a')).toBe(0);
    expect(await limiter.hit('a')).toBe(10);
  });

  it('counts keys independently', async () => {
    const limiter = new MemoryRateLimiter(1, 60, fakeClock().now);
    await limiter.hit('a');
    expect(await limiter.hit('a')).toBeGreaterThan(0);
    expect(await limiter.hit('b')).toBe(0);
  });

  it('forgets a key on reset', async () => {
    const limiter = new MemoryRateLimiter(1, 60, fakeClock().now);
    await limiter.hit('a');
    await limiter.hit('a');
    await limiter.reset('a');
    expect(await limiter.hit('a')).toBe(0);
  });

  it('does not extend the window with attempts made while limited', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(1, 30, clock.now);
    await limiter.hit('a');
    for (let i = 0; i < 5; i++) {
      clock.advance(5_000);
      await limiter.hit('a');
    }
    clock.advance(5_000);
    expect(await limiter.hit('a')).toBe(0);
  });
});
