import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { assertValidLimits, type RateLimit, type RateLimiter } from './rate-limiter.js';

/**
 * Checks every limit and takes a slot under all of them in one atomic step, so processes racing for
 * the last slot cannot both get it. Each key is a sorted set of action times (a sliding-window log).
 */
const ACQUIRE_SCRIPT = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local take = ARGV[3] == '1'
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 + i * 2])
  local window = tonumber(ARGV[3 + i * 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local blocking = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local until_free = tonumber(blocking[2]) + window - now
    if until_free > wait then wait = until_free end
  end
end
if wait > 0 or not take then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, tonumber(ARGV[3 + i * 2]))
end
return 0
`;

type AcquiringRedis = Redis & { rateLimitAcquire(keyCount: number, ...args: Array<string | number>): Promise<number> };

export interface RedisRateLimiterOptions {
  redisUrl: string;
  prefix?: string;
  now?: () => number;
}

/** The limiter shared by every process on one Redis: a channel's limits hold however many workers send. */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: AcquiringRedis;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(options: RedisRateLimiterOptions) {
    this.redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 }) as AcquiringRedis;
    this.redis.defineCommand('rateLimitAcquire', { lua: ACQUIRE_SCRIPT });
    // Errors surface on the command that failed; an idle connection dropping must not crash the process.
    this.redis.on('error', () => undefined);
    this.prefix = options.prefix ?? 'omnibox:rate';
    this.now = options.now ?? Date.now;
  }

  acquire(limits: readonly RateLimit[]): Promise<number> {
    return this.run(limits, true);
  }

  peek(limits: readonly RateLimit[]): Promise<number> {
    return this.run(limits, false);
  }

  private async run(limits: readonly RateLimit[], take: boolean): Promise<number> {
    assertValidLimits(limits);
    if (limits.length === 0) return 0;
    const keys = limits.map((l) => `${this.prefix}:${l.key}`);
    const args = limits.flatMap((l) => [l.limit, l.windowMs]);
    const now = this.now();
    return Number(await this.redis.rateLimitAcquire(keys.length, ...keys, now, `${now}:${randomUUID()}`, take ? '1' : '0', ...args));
  }

  async close(): Promise<void> {
    // Never used: there is no connection to close politely.
    if (this.redis.status === 'wait') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
