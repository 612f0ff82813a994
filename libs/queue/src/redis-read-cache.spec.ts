import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';
import { redisMissingReason, startRedis, type RunningRedis } from '../../../test/support/redis-server.js';
import { ReadCache, RedisInvalidationBus } from './read-cache.js';

// Without redis-server this suite is reported as skipped; under CI it fails in startRedis instead.
describe.skipIf(!process.env.CI && redisMissingReason())('ReadCache invalidation over redis-server', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('drops a value in the other process when this one writes', async () => {
    const busHere = new RedisInvalidationBus(redis.url, 'cache-test');
    const busThere = new RedisInvalidationBus(redis.url, 'cache-test');
    const here = new ReadCache({ bus: busHere });
    const there = new ReadCache({ bus: busThere });
    try {
      await Promise.all([busHere.ready(), busThere.ready()]);
      let stored = 'old';
      expect(await there.get('automation-rules:message.created', async () => stored)).toBe('old');
      stored = 'new';
      here.invalidate('automation-rules:');
      await eventually(async () => expect(await there.get('automation-rules:message.created', async () => stored)).toBe('new'));
    } finally {
      await here.close();
      await there.close();
    }
  });
});
