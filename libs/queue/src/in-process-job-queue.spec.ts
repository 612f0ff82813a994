import { describe, expect, it } from 'vitest';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { jobQueueContract } from './job-queue.contract.js';
import { JobName, type JobContext, type JobHandler } from './job-queue.js';

describe('InProcessJobQueue', () => {
  jobQueueContract(({ logger }) => new InProcessJobQueue({ logger }));

  it('retries a handler that throws synchronously instead of crashing', async () => {
    const queue = new InProcessJobQueue();
    const attempts: number[] = [];
    let succeeded!: () => void;
    const done = new Promise<void>((resolve) => (succeeded = resolve));
    const handler = ((_data: unknown, ctx: JobContext) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt === 1) throw new Error('thrown before any await');
      succeeded();
      return Promise.resolve();
    }) as JobHandler<unknown>;
    queue.process(JobName.DeliverMessage, handler);
    await queue.start();

    await queue.add(JobName.DeliverMessage, { messageId: 'm1' }, { backoff: { type: 'fixed', delayMs: 5 } });
    await done;
    await queue.close();

    expect(attempts).toEqual([1, 2]);
  });

  it('hands the handler a JSON copy of the data, as Redis would', async () => {
    const queue = new InProcessJobQueue();
    let received: unknown;
    let ran!: () => void;
    const done = new Promise<void>((resolve) => (ran = resolve));
    queue.process(JobName.DeliverMessage, async (data) => {
      received = data;
      ran();
    });
    await queue.start();
    const data = { messageId: 'm1', at: new Date('2030-01-02T03:04:05.000Z') };

    await queue.add(JobName.DeliverMessage, data);
    await done;
    await queue.close();

    expect(received).toEqual({ messageId: 'm1', at: '2030-01-02T03:04:05.000Z' });
    expect(received).not.toBe(data);
  });

  it('refuses a second handler for the same job and jobs added after close', async () => {
    const queue = new InProcessJobQueue();
    queue.process(JobName.DeliverMessage, async () => undefined);

    expect(() => queue.process(JobName.DeliverMessage, async () => undefined)).toThrow('already has a handler');
    await queue.close();
    await expect(queue.add(JobName.DeliverMessage, { messageId: 'm1' })).rejects.toThrow('closed');
  });

  it('gives up waiting in close() after its timeout when a handler hangs', async () => {
    const warnings: string[] = [];
    const queue = new InProcessJobQueue({ closeTimeoutMs: 20, logger: { warn: (_fields, message) => warnings.push(message) } });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    queue.process(JobName.DeliverMessage, () => {
      started();
      return new Promise<void>(() => undefined);
    });
    await queue.start();

    await queue.add(JobName.DeliverMessage, { messageId: 'stuck' });
    await running;
    await queue.close();

    expect(warnings).toEqual(['Job queue closed while handlers were still running']);
  });
});
