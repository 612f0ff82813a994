/** At most `limit` actions per `windowMs` (a sliding window) for everything sharing `key`. */
export interface RateLimit {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Paces actions against external limits (a channel's messages per chat, per group, per bot).
 * In-process when embedded; on Redis when several processes share the limits.
 */
export interface RateLimiter {
  /**
   * Takes one slot under every limit at once, or none at all: answers 0 when the action may go ahead
   * now, else the milliseconds to wait before asking again (and then nothing is taken).
   */
  acquire(limits: readonly RateLimit[]): Promise<number>;
  /**
   * What acquire would answer now, taking nothing: lets a caller learn cheaply that it must still wait,
   * and take its slot only at the moment it acts.
   */
  peek(limits: readonly RateLimit[]): Promise<number>;
  close(): Promise<void>;
}

export function assertValidLimits(limits: readonly RateLimit[]): void {
  for (const { key, limit, windowMs } of limits) {
    if (!key || !Number.isInteger(limit) || limit < 1 || !Number.isInteger(windowMs) || windowMs < 1) {
      throw new RangeError(`Invalid rate limit ${JSON.stringify({ key, limit, windowMs })}: key, a positive integer limit and windowMs are required`);
    }
  }
}
