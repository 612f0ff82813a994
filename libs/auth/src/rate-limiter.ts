/** Counts attempts per key in a fixed window; the in-process implementation of the limiter port. */
export interface RateLimiter {
  /** Records one attempt; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string): Promise<number> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowSeconds * 1000 };
      this.windows.set(key, window);
      if (this.windows.size > 10_000) this.evictExpired(now);
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private evictExpired(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
