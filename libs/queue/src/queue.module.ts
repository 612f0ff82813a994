import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { InProcessRateLimiter } from './in-process-rate-limiter.js';
import { JobHandlerExplorer } from './job-handler.explorer.js';
import { JobName, type JobBackoff, type JobQueue, type JobQueueLogger } from './job-queue.js';
import { JOB_QUEUE, RATE_LIMITER, REQUIRED_JOBS } from './queue.tokens.js';
import type { RateLimiter } from './rate-limiter.js';
import { ReadCache, RedisInvalidationBus } from './read-cache.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

export interface QueueModuleOptions {
  /** BullMQ on this Redis; without it jobs run in this process. */
  redisUrl?: string;
  prefix?: string;
  /** Register the @OnJob handlers and consume; false in a process that only enqueues (a server beside separate workers). */
  runProcessors?: boolean;
  /** The jobs this process must have handlers for (default: every JobName). */
  jobs?: JobName[];
  /** A pino logger fits; Nest's logger is used otherwise. */
  logger?: JobQueueLogger;
  /** Replaces every job's default backoff (tests); leave unset in production. */
  backoffOverride?: JobBackoff;
}

@Injectable()
class JobQueueLifecycle implements BeforeApplicationShutdown {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    private readonly readCache: ReadCache,
  ) {}

  /** Before the database closes, so running handlers can finish their writes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.rateLimiter.close();
    await this.readCache.close();
  }
}

@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions = {}): DynamicModule {
    const logger = options.logger ?? nestLogger();
    const providers: Provider[] = [
      {
        provide: JOB_QUEUE,
        useFactory: (): JobQueue =>
          options.redisUrl
            ? new BullMqJobQueue({ redisUrl: options.redisUrl, prefix: options.prefix, logger, backoffOverride: options.backoffOverride })
            : new InProcessJobQueue({ logger, backoffOverride: options.backoffOverride }),
      },
      {
        provide: RATE_LIMITER,
        // Limits are shared wherever jobs are: through Redis by every process, else in this one.
        useFactory: (): RateLimiter => (options.redisUrl ? new RedisRateLimiter({ redisUrl: options.redisUrl, prefix: `${options.prefix ?? 'omnibox'}:rate` }) : new InProcessRateLimiter()),
      },
      {
        provide: ReadCache,
        // Invalidations reach every process on the same Redis; embedded, there is only this one.
        useFactory: () => new ReadCache({ bus: options.redisUrl ? new RedisInvalidationBus(options.redisUrl, options.prefix) : undefined }),
      },
      JobQueueLifecycle,
      { provide: REQUIRED_JOBS, useValue: options.jobs ?? Object.values(JobName) },
      ...(options.runProcessors ? [JobHandlerExplorer] : []),
    ];
    return { module: QueueModule, global: true, imports: [DiscoveryModule], providers, exports: [JOB_QUEUE, RATE_LIMITER, ReadCache] };
  }
}

function nestLogger(): JobQueueLogger {
  const logger = new Logger('JobQueue');
  return {
    warn(fields, message) {
      const details = Object.entries(fields).map(([key, value]) => `${key}=${value instanceof Error ? value.message : String(value)}`);
      logger.warn(`${message} (${details.join(', ')})`);
    },
  };
}
