import { randomUUID } from 'node:crypto';
import { failureOutcome, logFailure } from './job-failure.js';
import { backoffDelayMs, resolveJobOptions } from './job-options.js';
import type { JobBackoff, JobContext, JobHandler, JobName, JobOptions, JobQueue, ProcessOptions } from './job-queue.js';
import { assertCanRegister, assertOpen, queueRuntime, type QueueRuntime, type QueueRuntimeOptions } from './queue-runtime.js';
import { settlesWithin } from './settles-within.js';

export type InProcessJobQueueOptions = QueueRuntimeOptions;

interface PendingJob {
  name: JobName;
  jobId: string;
  data: unknown;
  attemptsMade: number;
  maxAttempts: number;
  backoff: JobBackoff;
}

interface Lane {
  handler?: JobHandler<unknown>;
  concurrency: number;
  ready: PendingJob[];
  running: number;
}

/**
 * The embedded queue (no Redis): jobs live in memory and are lost with the process,
 * which is safe because every job is re-derivable from PostgreSQL.
 */
export class InProcessJobQueue implements JobQueue {
  private readonly runtime: QueueRuntime;
  private readonly lanes = new Map<JobName, Lane>();
  /** Keys of jobs that are waiting, delayed or running. */
  private readonly live = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly runs = new Set<Promise<void>>();
  private started = false;
  private closed = false;

  constructor(options: InProcessJobQueueOptions = {}) {
    this.runtime = queueRuntime(options);
  }

  async add<T>(name: JobName, data: T, options?: JobOptions): Promise<void> {
    assertOpen(this.closed);
    const resolved = resolveJobOptions(name, options, this.runtime.backoffOverride);
    const jobId = resolved.jobId ?? randomUUID();
    // A JSON copy, as Redis would store it, so embedded mode cannot come to rely on shared objects or Dates.
    const copy: unknown = data === undefined ? undefined : JSON.parse(JSON.stringify(data));
    const key = liveKey(name, jobId);
    if (this.live.has(key)) return;
    this.live.add(key);
    this.schedule({ name, jobId, data: copy, attemptsMade: 0, maxAttempts: resolved.attempts, backoff: resolved.backoff }, resolved.delayMs);
  }

  process<T>(name: JobName, handler: JobHandler<T>, options: ProcessOptions = {}): void {
    const lane = this.lane(name);
    assertCanRegister(name, { started: this.started, registered: lane.handler !== undefined });
    lane.handler = handler as JobHandler<unknown>;
    lane.concurrency = Math.max(1, options.concurrency ?? this.runtime.defaultConcurrency);
  }

  async start(): Promise<void> {
    assertOpen(this.closed);
    this.started = true;
    for (const name of this.lanes.keys()) this.drain(name);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const { closeTimeoutMs, logger } = this.runtime;
    const finished = await settlesWithin(Promise.allSettled(this.runs), closeTimeoutMs);
    if (!finished) logger.warn({ running: this.runs.size, timeoutMs: closeTimeoutMs }, 'Job queue closed while handlers were still running');
  }

  private lane(name: JobName): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = { concurrency: this.runtime.defaultConcurrency, ready: [], running: 0 };
      this.lanes.set(name, lane);
    }
    return lane;
  }

  private schedule(job: PendingJob, delayMs: number): void {
    this.wakeAt(job, Date.now() + delayMs);
  }

  /** Timers may fire a little early by the wall clock; a delayed job never runs before its time. */
  private wakeAt(job: PendingJob, dueAt: number): void {
    if (this.closed) return;
    const wait = dueAt - Date.now();
    if (wait <= 0) {
      this.enqueue(job);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.wakeAt(job, dueAt);
    }, wait);
    this.timers.add(timer);
  }

  private enqueue(job: PendingJob): void {
    this.lane(job.name).ready.push(job);
    this.drain(job.name);
  }

  private drain(name: JobName): void {
    const lane = this.lane(name);
    const handler = lane.handler;
    if (!this.started || this.closed || !handler) return;
    while (lane.running < lane.concurrency && lane.ready.length > 0) {
      const job = lane.ready.shift()!;
      lane.running++;
      const run = this.run(handler, job).finally(() => {
        lane.running--;
        this.runs.delete(run);
        this.drain(name);
      });
      this.runs.add(run);
    }
  }

  private async run(handler: JobHandler<unknown>, job: PendingJob): Promise<void> {
    const ctx: JobContext = { name: job.name, jobId: job.jobId, attempt: job.attemptsMade + 1, maxAttempts: job.maxAttempts };
    try {
      await handler(job.data, ctx);
      this.live.delete(liveKey(job.name, job.jobId));
    } catch (error) {
      const outcome = failureOutcome(error, ctx);
      logFailure(this.runtime.logger, ctx, error, outcome);
      if (outcome.kind === 'retry-after') {
        this.schedule(job, outcome.delayMs);
      } else if (outcome.kind === 'retry') {
        const attemptsMade = job.attemptsMade + 1;
        this.schedule({ ...job, attemptsMade }, backoffDelayMs(job.backoff, attemptsMade));
      } else {
        this.live.delete(liveKey(job.name, job.jobId));
      }
    }
  }
}

function liveKey(name: JobName, jobId: string): string {
  return `${name}\u0000${jobId}`;
}
