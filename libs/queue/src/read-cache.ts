import { Redis } from 'ioredis';

/** Tells the other processes which keys changed. */
export interface InvalidationBus {
  publish(prefix: string): void;
  subscribe(onInvalidate: (prefix: string) => void): void;
  close(): Promise<void>;
}

export interface ReadCacheOptions {
  /** How long a value is served without reading again, however the bus behaves. */
  ttlMs?: number;
  bus?: InvalidationBus;
  now?: () => number;
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
}

const DEFAULT_TTL_MS = 30_000;

/**
 * Settings read on every incoming message (rules, policies, flows, business hours) and written
 * rarely. A write invalidates its prefix here at once and, through the bus, in every other process;
 * the TTL bounds how stale a value can be if an invalidation is lost. A read that started before an
 * invalidation is not kept, so a value read before a write cannot outlive it.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private generation = 0;

  constructor(private readonly options: ReadCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
    options.bus?.subscribe((prefix) => this.drop(prefix));
  }

  get<T>(key: string, load: () => PromiseLike<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
    const generation = this.generation;
    // Adopted once: a query builder is a thenable that would run again on every await.
    const value = Promise.resolve(load());
    const entry: Entry = { value, expiresAt: now + this.ttlMs };
    this.entries.set(key, entry);
    value.then(
      () => {
        // Invalidated while loading: the value may predate the write.
        if (this.generation !== generation && this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /** Drops every key starting with `prefix`, here and in the other processes. */
  invalidate(prefix: string): void {
    this.drop(prefix);
    this.options.bus?.publish(prefix);
  }

  async close(): Promise<void> {
    this.entries.clear();
    await this.options.bus?.close();
  }

  private drop(prefix: string) {
    this.generation++;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

/** Invalidations through Redis pub/sub: every process on the same Redis drops the same keys. */
export class RedisInvalidationBus implements InvalidationBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  /** Lets a process ignore its own messages (it has already dropped the keys). */
  private readonly origin = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  private subscribed: Promise<unknown> = Promise.resolve();

  constructor(redisUrl: string, prefix = 'omnibox') {
    this.channel = `${prefix}:read-cache`;
    this.publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(redisUrl, { lazyConnect: true });
    // A lost connection only makes values live until their TTL; it must not crash the process.
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
  }

  publish(prefix: string): void {
    this.publisher.publish(this.channel, JSON.stringify({ origin: this.origin, prefix })).catch(() => undefined);
  }

  subscribe(onInvalidate: (prefix: string) => void): void {
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      try {
        const { origin, prefix } = JSON.parse(raw) as { origin: string; prefix: string };
        if (origin !== this.origin && typeof prefix === 'string') onInvalidate(prefix);
      } catch {
        // Not ours.
      }
    });
    this.subscribed = this.subscriber.subscribe(this.channel).catch(() => undefined);
  }

  /** Resolves once invalidations from other processes are being received. */
  ready(): Promise<unknown> {
    return this.subscribed;
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
