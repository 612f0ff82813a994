import { afterEach, expect, it } from 'vitest';
import {
  JobName,
  PermanentJobError,
  RetryAfterError,
  type DeliverMessageJobData,
  type JobContext,
  type JobQueue,
  type JobQueueLogger,
} from './job-queue.js';

export type JobQueueFactory = (options: { logger: JobQueueLogger }) => JobQueue | Promise<JobQueue>;

const WAIT_LIMIT_MS = 10_000;
/** Tiny retry delays keep the suite fast; the sentinel delay is far longer than any of them. */
const BACKOFF = { type: 'fixed', delayMs: 20 } as const;
const SENTINEL_DELAY_MS = 250;

interface Call {
  data: DeliverMessageJobData;
  ctx: JobContext;
  at: number;
}

interface Warning {
  fields: Record<string, unknown>;
  message: string;
}

/** Collects entries and lets a test wait for the n-th matching one instead of sleeping. */
function recorder<T>() {
  const entries: T[] = [];
  const waiters: { count: number; filter: (entry: T) => boolean; resolve: () => void }[] = [];
  const matching = (filter: (entry: T) => boolean) => entries.filter(filter);
  return {
    entries,
    push(entry: T) {
      entries.push(entry);
      for (const waiter of waiters) if (matching(waiter.filter).length >= waiter.count) waiter.resolve();
    },
    waitFor(count: number, filter: (entry: T) => boolean = () => true): Promise<void> {
      if (matching(filter).length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} entries, saw ${matching(filter).length}`)), WAIT_LIMIT_MS);
        waiters.push({ count, filter, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

function callLog() {
  const log = recorder<Call>();
  const forMessage = (messageId?: string) => (call: Call) => messageId === undefined || call.data.messageId === messageId;
  return {
    calls: log.entries,
    record: (data: DeliverMessageJobData, ctx: JobContext) => log.push({ data, ctx, at: Date.now() }),
    of: (messageId: string) => log.entries.filter(forMessage(messageId)),
    waitFor: (count: number, messageId?: string) => log.waitFor(count, forMessage(messageId)),
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const job = (messageId: string): DeliverMessageJobData => ({ messageId });
const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The behaviour every JobQueue implementation must share; each implementation's spec runs it. */
export function jobQueueContract(factory: JobQueueFactory): void {
  const opened: JobQueue[] = [];
  let warnings = recorder<Warning>();

  async function openQueue(): Promise<JobQueue> {
    const logger: JobQueueLogger = { warn: (fields, message) => warnings.push({ fields: fields as Record<string, unknown>, message }) };
    const queue = await factory({ logger });
    opened.push(queue);
    return queue;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close()));
    warnings = recorder<Warning>();
  });

  it('runs an added job once with its data and context', async () => {
    const queue = await openQueue();
    const log = callLog();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async (data, ctx) => log.record(data, ctx), { concurrency: 1 });
    await queue.start();

    await queue.add(JobName.DeliverMessage, job('m1'), { jobId: 'm1' });
    await queue.add(JobName.DeliverMessage, job('m2'));
    await log.waitFor(2);

    expect(log.calls.map((call) => call.data)).toEqual([job('m1'), job('m2')]);
    expect(log.calls[0].ctx).toEqual({ name: JobName.DeliverMessage, jobId: 'm1', attempt: 1, maxAttempts: 8 });
    expect(log.calls[1].ctx.jobId).toEqual(expect.any(String));
  });

  it('runs a job once when the same jobId is added twice while it waits', async () => {
    const queue = await openQueue();
    const log = callLog();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async (data, ctx) => log.record(data, ctx), { concurrency: 1 });

    await queue.add(JobName.DeliverMessage, job('first'), { jobId: 'same' });
    await queue.add(JobName.DeliverMessage, job('second'), { jobId: 'same' });
    await queue.add(JobName.DeliverMessage, job('after'), { jobId: 'other' });
    await queue.start();
    await log.waitFor(1, 'after');

    expect(log.calls.map((call) => call.data.messageId)).toEqual(['first', 'after']);
  });

  it('runs a jobId again when it is added after the earlier job finished', async () => {
    const queue = await openQueue();
    const log = callLog();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async (data, ctx) => log.record(data, ctx), { concurrency: 1 });
    await queue.start();

    await queue.add(JobName.DeliverMessage, job('once'), { jobId: 'reused' });
    // With concurrency 1 the next job starts only after the first one has finished.
    await queue.add(JobName.DeliverMessage, job('between'), { jobId: 'between' });
    await log.waitFor(1, 'between');
    await queue.add(JobName.DeliverMessage, job('twice'), { jobId: 'reused' });
    await log.waitFor(1, 'twice');

    expect(log.calls.map((call) => call.data.messageId)).toEqual(['once', 'between', 'twice']);
  });

  it('retries with backoff until the handler succeeds', async () => {
    const queue = await openQueue();
    const log = callLog();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async (data, ctx) => {
      log.record(data, ctx);
      if (ctx.attempt < 3) throw new Error(`channel unavailable (attempt ${ctx.attempt})`);
    });
    await queue.start();

    await queue.add(JobName.DeliverMessage, job('flaky'), { attempts: 5, backoff: { type: 'exponential', delayMs: 20 } });
    await log.waitFor(3);

    expect(log.calls.map((call) => call.ctx.attempt)).toEqual([1, 2, 3]);
    expect(log.calls.every((call) => call.ctx.maxAttempts === 5)).toBe(true);
    expect(log.calls[1].at - log.calls[0].at).toBeGreaterThanOrEqual(20);
    expect(log.calls[2].at - log.calls[1].at).toBeGreaterThanOrEqual(40);
  });

  it('stops retrying when the attempts run out', async () => {
    const queue = await openQueue();
    const log = callLog();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async (data, ctx) => {
      log.record(data, ctx);
      if (data.messageId === 'doomed') throw new Error('always fails');
    });
    await queue.start();

    await queue.add(JobName.DeliverMessage, job('doomed'), { attempts: 3, backoff: BACKOFF });
    await log.waitFor(3, 'doomed');
    // A fourth attempt would be due long before this sentinel.
    await queue.add(JobName.DeliverMessage, job('sentinel'), { delayMs: SENTINEL_DELAY_MS });
    await log.waitFor(1, 'sentinel');

    const attempts = log.of('doomed').map((call) => call.ctx);
    expect(attempts.map((ctx) => ctx.attempt)).toEqual([1, 2, 3]);
    expect(attempts[2].attempt).toBe(attempts[2].maxAttempts);
  });

  it('does not retry a job whose handler throws PermanentJobError', async () => {
    const queue = await openQueue();
    const log = callLog();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async (data, ctx) => {
      log.record(data, ctx);
      if (data.messageId === 'rejected') throw new PermanentJobError('recipient blocked the bot');
    });
    await queue.start();

    await queue.add(JobName.DeliverMessage, job('rejected'), { attempts: 5, backoff: BACKOFF });
    await log.waitFor(1, 'rejected');
    await queue.add(JobName.DeliverMessage, job('sentinel'), { delayMs: SENTINEL_DELAY_MS });
    await log.waitFor(1, 'sentinel');

    expect(log.of('rejected')).toHaveLength(1);
  });

  it('reschedules a job on RetryAfterError without using up an attempt', async () => {
    const queue = await openQueue();
    const log = callLog();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async (data, ctx) => {
      log.record(data, ctx);
      if (log.calls.length < 3) throw new RetryAfterError(50);
    });
    await queue.start();

    await queue.add(JobName.DeliverMessage, job('limited'), { attempts: 2, backoff: BACKOFF });
    await log.waitFor(3);

    expect(log.calls.map((call) => call.ctx.attempt)).toEqual([1, 1, 1]);
    expect(log.calls[1].at - log.calls[0].at).toBeGreaterThanOrEqual(50);
    expect(log.calls[2].at - log.calls[1].at).toBeGreaterThanOrEqual(50);
  });

  it('does not run a delayed job before its delay has passed', async () => {
    const queue = await openQueue();
    const log = callLog();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async (data, ctx) => log.record(data, ctx));
    await queue.start();

    const addedAt = Date.now();
    await queue.add(JobName.DeliverMessage, job('later'), { delayMs: 300 });
    await log.waitFor(1);

    expect(log.calls[0].at - addedAt).toBeGreaterThanOrEqual(300);
  });

  it('never runs more jobs of one name at once than its concurrency', async () => {
    const queue = await openQueue();
    const log = callLog();
    const twoRunning = deferred();
    let running = 0;
    let mostAtOnce = 0;
    queue.process<DeliverMessageJobData>(
      JobName.DeliverMessage,
      async (data, ctx) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        if (running === 2) twoRunning.resolve();
        // Every handler stays busy while two run, leaving a third every chance to start if the limit leaked.
        await twoRunning.promise;
        await waitMs(30);
        running--;
        log.record(data, ctx);
      },
      { concurrency: 2 },
    );
    await queue.start();

    for (const id of ['a', 'b', 'c', 'd', 'e']) await queue.add(JobName.DeliverMessage, job(id));
    await log.waitFor(5);

    expect(mostAtOnce).toBe(2);
  });

  it('waits in close() for a running handler to finish', async () => {
    const queue = await openQueue();
    const started = deferred();
    let finished = false;
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async () => {
      started.resolve();
      await waitMs(100);
      finished = true;
    });
    await queue.start();

    await queue.add(JobName.DeliverMessage, job('in-flight'));
    await started.promise;
    await queue.close();

    expect(finished).toBe(true);
  });

  it('logs each failed attempt with the job, its id and the attempt number', async () => {
    const queue = await openQueue();
    queue.process<DeliverMessageJobData>(JobName.DeliverMessage, async () => {
      throw new Error('SMTP 451');
    });
    await queue.start();

    await queue.add(JobName.DeliverMessage, job('noisy'), { jobId: 'noisy', attempts: 2, backoff: BACKOFF });
    await warnings.waitFor(2);

    expect(warnings.entries.map((warning) => [warning.fields.attempt, warning.message])).toEqual([
      [1, 'Job failed; it will be retried'],
      [2, 'Job failed on its last attempt; it will not be retried'],
    ]);
    expect(warnings.entries[0].fields).toMatchObject({
      job: JobName.DeliverMessage,
      jobId: 'noisy',
      maxAttempts: 2,
      err: expect.objectContaining({ message: 'SMTP 451' }),
    });
  });
}
