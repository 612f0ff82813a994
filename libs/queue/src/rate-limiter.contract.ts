import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimit, RateLimiter } from './rate-limiter.js';

/** A limiter reading time from `now`, with keys no other test uses. */
export type RateLimiterFactory = (options: { now: () => number; prefix: string }) => RateLimiter | Promise<RateLimiter>;

let suite = 0;

/** What every RateLimiter owes its callers; each implementation's spec runs it. Time is a fake clock, never a sleep. */
export function rateLimiterContract(factory: RateLimiterFactory): void {
  describe('RateLimiter contract', () => {
    let limiter: RateLimiter | undefined;
    let clock = 0;
    const open = async () => {
      clock = 1_750_000_000_000;
      limiter = await factory({ now: () => clock, prefix: `rl-test-${process.pid}-${++suite}` });
      return limiter;
    };
    afterEach(async () => {
      await limiter?.close();
      limiter = undefined;
    });

    const perSecond = (key: string, limit: number): RateLimit => ({ key, limit, windowMs: 1000 });

    it('allows up to the limit within the window, then answers the wait until the oldest action leaves it', async () => {
      const rl = await open();
      expect(await rl.acquire([perSecond('chat:1', 2)])).toBe(0);
      clock += 300;
      expect(await rl.acquire([perSecond('chat:1', 2)])).toBe(0);
      clock += 100;
      expect(await rl.acquire([perSecond('chat:1', 2)])).toBe(600);
    });

    it('slides: a slot frees exactly when its action is a window old', async () => {
      const rl = await open();
      await rl.acquire([perSecond('chat:2', 2)]);
      clock += 600;
      await rl.acquire([perSecond('chat:2', 2)]);
      clock += 399;
      expect(await rl.acquire([perSecond('chat:2', 2)])).toBe(1);
      clock += 1;
      expect(await rl.acquire([perSecond('chat:2', 2)])).toBe(0);
      expect(await rl.acquire([perSecond('chat:2', 2)])).toBe(600);
    });

    it('takes a slot under every limit or under none, and answers the longest wait', async () => {
      const rl = await open();
      const group = { key: 'group:-100', limit: 2, windowMs: 60_000 };
      expect(await rl.acquire([perSecond('bot', 30), group])).toBe(0);
      expect(await rl.acquire([perSecond('bot', 30), group])).toBe(0);
      // The group is full: the bot's slot must not be used up by the refused attempt.
      for (let i = 0; i < 5; i++) expect(await rl.acquire([perSecond('bot', 30), group])).toBe(60_000);
      for (let i = 0; i < 28; i++) expect(await rl.acquire([perSecond('bot', 30)])).toBe(0);
      expect(await rl.acquire([perSecond('bot', 30)])).toBe(1000);
    });

    it('peeks at the wait without taking a slot', async () => {
      const rl = await open();
      expect(await rl.peek([perSecond('chat:p', 1)])).toBe(0);
      expect(await rl.peek([perSecond('chat:p', 1)])).toBe(0);
      expect(await rl.acquire([perSecond('chat:p', 1)])).toBe(0);
      clock += 250;
      expect(await rl.peek([perSecond('chat:p', 1)])).toBe(750);
      clock += 750;
      expect(await rl.peek([perSecond('chat:p', 1)])).toBe(0);
      expect(await rl.acquire([perSecond('chat:p', 1)])).toBe(0);
    });

    it('keeps keys apart', async () => {
      const rl = await open();
      expect(await rl.acquire([perSecond('chat:a', 1)])).toBe(0);
      expect(await rl.acquire([perSecond('chat:b', 1)])).toBe(0);
      expect(await rl.acquire([perSecond('chat:a', 1)])).toBe(1000);
    });

    it('lets an action with no limits through and refuses a malformed limit', async () => {
      const rl = await open();
      expect(await rl.acquire([])).toBe(0);
      await expect(rl.acquire([{ key: 'x', limit: 0, windowMs: 1000 }])).rejects.toThrow(RangeError);
    });
  });
}
