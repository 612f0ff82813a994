import { DelayedError, Queue, UnrecoverableError, Worker, type Job, type JobsOptions, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import { failureOutcome, logFailure } from './job-failure.js';
import { resolveJobOptions } from './job-options.js';
import type { JobContext, JobHandler, JobName, JobOptions, JobQueue, ProcessOptions } from './job-queue.js';
import { assertCanRegister, assertOpen, queueRuntime, type QueueRuntime, type QueueRuntimeOptions } from './queue-runtime.js';
import { settlesWithin } from './settles-within.js';

export interface BullMqJobQueueOptions extends QueueRuntimeOptions {
  redisUrl: string;
  /** Redis key prefix; separate prefixes keep installations (and test suites) on one Redis apart. */
  prefix?: string;
}

/** Finished jobs are kept a while for inspection, never forever. */
const KEEP_COMPLETED = { age: 24 * 60 * 60, count: 1_000 };
const KEEP_FAILED = { age: 7 * 24 * 60 * 60, count: 10_000 };

/** One BullMQ queue and worker per job name, on Redis (REDIS_URL). */
export class BullMqJobQueue implements JobQueue {
  private readonly prefix: string;
  private readonly runtime: QueueRuntime;
  private readonly queues = new Map<JobName, Queue>();
  private readonly processors = new Map<JobName, { handler: JobHandler<unknown>; concurrency: number }>();
  private readonly workers: Worker[] = [];
  private queueConnection?: Redis;
  private workerConnection?: Redis;
  private started = false;
  private closed = false;

  constructor(private readonly options: BullMqJobQueueOptions) {
    this.prefix = options.prefix ?? 'omnibox';
    this.runtime = queueRuntime(options);
  }

  async add<T>(name: JobName, data: T, options?: JobOptions): Promise<void> {
    assertOpen(this.closed);
    const resolved = resolveJobOptions(name, options, this.runtime.backoffOverride);
    const jobOptions: JobsOptions = {
      delay: resolved.delayMs,
      attempts: resolved.attempts,
      backoff: { type: resolved.backoff.type, delay: resolved.backoff.delayMs },
      // Deduplication (not a fixed BullMQ job id) ignores the add only while the job is waiting, delayed or running;
      // once it has finished, the same id can be enqueued again, as with the in-process queue.
      ...(resolved.jobId ? { deduplication: { id: resolved.jobId } } : {}),
    };
    await this.queue(name).add(name, data, jobOptions);
  }

  process<T>(name: JobName, handler: JobHandler<T>, options: ProcessOptions = {}): void {
    assertCanRegister(name, { started: this.started, registered: this.processors.has(name) });
    const concurrency = Math.max(1, options.concurrency ?? this.runtime.defaultConcurrency);
    this.processors.set(name, { handler: handler as JobHandler<unknown>, concurrency });
  }

  async start(): Promise<void> {
    assertOpen(this.closed);
    if (this.started) return;
    this.started = true;
    for (const [name, { handler, concurrency }] of this.processors) {
      const worker = new Worker(name, this.processor(name, handler), {
        connection: this.connectionForWorkers(),
        prefix: this.prefix,
        concurrency,
      });
      worker.on('error', (error) => this.runtime.logger.warn({ job: name, err: error }, 'Job worker error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((worker) => this.closeWorker(worker)));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await Promise.all([this.queueConnection, this.workerConnection].map((connection) => connection && quit(connection)));
  }

  private queue(name: JobName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connectionForQueues(),
        prefix: this.prefix,
        defaultJobOptions: { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED },
      });
      queue.on('error', (error) => this.runtime.logger.warn({ job: name, err: error }, 'Job queue error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private connectionForQueues(): Redis {
    // Adding fails after a few retries while Redis is down, so the caller sees the error (the job stays due in PostgreSQL).
    this.queueConnection ??= this.connect({});
    return this.queueConnection;
  }

  private connectionForWorkers(): Redis {
    // Workers wait for Redis to come back instead of failing their blocking commands.
    this.workerConnection ??= this.connect({ maxRetriesPerRequest: null });
    return this.workerConnection;
  }

  private connect(options: { maxRetriesPerRequest?: null }): Redis {
    const connection = new Redis(this.options.redisUrl, options);
    connection.on('error', (error) => this.runtime.logger.warn({ err: error }, 'Redis connection error'));
    return connection;
  }

  private processor(name: JobName, handler: JobHandler<unknown>): Processor {
    return async (job: Job, token?: string) => {
      const ctx: JobContext = {
        name,
        jobId: job.deduplicationId ?? job.id!,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
      };
      try {
        await handler(job.data, ctx);
      } catch (error) {
        const outcome = failureOutcome(error, ctx);
        logFailure(this.runtime.logger, ctx, error, outcome);
        if (outcome.kind === 'retry-after') {
          // BullMQ's pattern for rescheduling from inside a processor: move it (keeping attemptsMade), then tell the worker.
          await job.moveToDelayed(Date.now() + outcome.delayMs, token);
          throw new DelayedError();
        }
        if (outcome.kind === 'give-up' && outcome.reason === 'permanent') throw new UnrecoverableError((error as Error).message);
        throw error instanceof Error ? error : new Error(String(error));
      }
    };
  }

  private async closeWorker(worker: Worker): Promise<void> {
    if (await settlesWithin(worker.close(), this.runtime.closeTimeoutMs)) return;
    // The unfinished job's lock expires and another worker picks it up as stalled.
    this.runtime.logger.warn({ job: worker.name, timeoutMs: this.runtime.closeTimeoutMs }, 'Job worker closed while a handler was still running');
  }
}

async function quit(connection: Redis): Promise<void> {
  // QUIT would wait in the offline queue for a Redis that is down.
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  }
}
