import { describe, expect, it } from 'vitest';
import { backoffDelayMs, resolveJobOptions } from './job-options.js';
import { JobName } from './job-queue.js';

describe('job options', () => {
  it('delivers messages with 8 attempts and exponential backoff from 2 s when the caller sets nothing', () => {
    expect(resolveJobOptions(JobName.DeliverMessage)).toEqual({
      jobId: undefined,
      delayMs: 0,
      attempts: 8,
      backoff: { type: 'exponential', delayMs: 2_000 },
    });
  });

  it('lets the caller override each option', () => {
    const options = { jobId: 'm1', delayMs: 300, attempts: 2, backoff: { type: 'fixed', delayMs: 50 } } as const;
    expect(resolveJobOptions(JobName.DeliverMessage, options)).toEqual(options);
  });

  it('uses the queue-wide backoff override instead of the job default when the caller sets no backoff', () => {
    const fast = { type: 'fixed', delayMs: 10 } as const;
    expect(resolveJobOptions(JobName.DeliverMessage, { jobId: 'm1' }, fast)).toMatchObject({ attempts: 8, backoff: fast });
    const own = { type: 'exponential', delayMs: 500 } as const;
    expect(resolveJobOptions(JobName.DeliverMessage, { backoff: own }, fast).backoff).toEqual(own);
  });

  it('doubles an exponential backoff on each attempt and keeps a fixed one', () => {
    const exponential = { type: 'exponential', delayMs: 2_000 } as const;
    expect([1, 2, 3, 4].map((attemptsMade) => backoffDelayMs(exponential, attemptsMade))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(backoffDelayMs({ type: 'fixed', delayMs: 50 }, 5)).toBe(50);
  });
});
