import { assertValidLimits, type RateLimit, type RateLimiter } from './rate-limiter.js';

/** Sliding-window log in this process's memory: right for the embedded mode, where one process sends everything. */
export class InProcessRateLimiter implements RateLimiter {
  /** Per key, the times of the actions still inside the longest window seen for it, oldest first. */
  private readonly logs = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(limits: readonly RateLimit[]): Promise<number> {
    const now = this.now();
    const wait = this.waitAt(limits, now);
    if (wait > 0) return wait;
    for (const { key } of limits) this.logs.set(key, [...(this.logs.get(key) ?? []), now]);
    return 0;
  }

  async peek(limits: readonly RateLimit[]): Promise<number> {
    return this.waitAt(limits, this.now());
  }

  private waitAt(limits: readonly RateLimit[], now: number): number {
    assertValidLimits(limits);
    let wait = 0;
    for (const { key, limit, windowMs } of limits) {
      const inWindow = this.prune(key, now, windowMs);
      if (inWindow.length >= limit) wait = Math.max(wait, inWindow[inWindow.length - limit] + windowMs - now);
    }
    return wait;
  }

  async close(): Promise<void> {
    this.logs.clear();
  }

  private prune(key: string, now: number, windowMs: number): number[] {
    const kept = (this.logs.get(key) ?? []).filter((at) => at > now - windowMs);
    if (kept.length) this.logs.set(key, kept);
    else this.logs.delete(key);
    return kept;
  }
}
