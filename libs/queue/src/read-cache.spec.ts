import { describe, expect, it } from 'vitest';
import { ReadCache, type InvalidationBus } from './read-cache.js';

function counter<T>(values: T[]) {
  let calls = 0;
  return {
    load: async () => values[Math.min(calls++, values.length - 1)],
    get calls() {
      return calls;
    },
  };
}

/** A bus shared by two caches, as Redis pub/sub is by two processes. */
function sharedBus(): () => InvalidationBus {
  const handlers: Array<(prefix: string) => void> = [];
  return () => {
    let own: ((prefix: string) => void) | undefined;
    return {
      publish: (prefix) => handlers.filter((h) => h !== own).forEach((h) => h(prefix)),
      subscribe: (handler) => {
        own = handler;
        handlers.push(handler);
      },
      close: async () => undefined,
    };
  };
}

describe('ReadCache', () => {
  it('reads once while the value is fresh and again after its TTL', async () => {
    let now = 0;
    const cache = new ReadCache({ ttlMs: 1000, now: () => now });
    const source = counter(['a', 'b']);
    expect(await cache.get('k', source.load)).toBe('a');
    expect(await cache.get('k', source.load)).toBe('a');
    expect(source.calls).toBe(1);
    now = 1001;
    expect(await cache.get('k', source.load)).toBe('b');
    expect(source.calls).toBe(2);
  });

  it('runs a query builder once however often the value is awaited', async () => {
    const cache = new ReadCache();
    let runs = 0;
    // Like a drizzle query: every then() runs it again.
    const builder = { then: (resolve: (v: number) => void) => resolve(++runs) };
    expect(await cache.get('q', () => builder as PromiseLike<number>)).toBe(1);
    expect(await cache.get('q', () => builder as PromiseLike<number>)).toBe(1);
    expect(runs).toBe(1);
  });

  it('drops every key under a prefix when it is invalidated', async () => {
    const cache = new ReadCache();
    const a = counter([1, 2]);
    const b = counter([10, 20]);
    const other = counter(['x', 'y']);
    await cache.get('rules:message.created', a.load);
    await cache.get('rules:conversation.created', b.load);
    await cache.get('flows', other.load);
    cache.invalidate('rules:');
    expect(await cache.get('rules:message.created', a.load)).toBe(2);
    expect(await cache.get('rules:conversation.created', b.load)).toBe(20);
    expect(await cache.get('flows', other.load)).toBe('x');
  });

  it('does not keep a value whose read began before an invalidation', async () => {
    const cache = new ReadCache();
    let release!: (value: string) => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate('k');
    release('old');
    expect(await slow).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('forgets a failed read so the next one tries again', async () => {
    const cache = new ReadCache();
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  it('invalidates the same prefix in another process through the bus', async () => {
    const bus = sharedBus();
    const here = new ReadCache({ bus: bus() });
    const there = new ReadCache({ bus: bus() });
    const source = counter(['old', 'new']);
    expect(await there.get('sla-policies', source.load)).toBe('old');
    here.invalidate('sla');
    expect(await there.get('sla-policies', source.load)).toBe('new');
  });
});
