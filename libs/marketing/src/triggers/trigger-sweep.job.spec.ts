import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobName, type JobOptions, type JobQueue } from '@app/queue';
import { SWEEP_INTERVAL_MS, TriggersSweepJob } from './trigger-sweep.job.js';
import type { TriggerSweepService } from './trigger-sweep.service.js';

class RecordingQueue {
  readonly added: Array<{ name: JobName; data: unknown; options?: JobOptions }> = [];
  async add<T>(name: JobName, data: T, options?: JobOptions) {
    this.added.push({ name, data, options });
  }
}

describe('TriggersSweepJob', () => {
  afterEach(() => vi.useRealTimers());

  function job(runsJobs: boolean, sweep: () => Promise<unknown>) {
    const queue = new RecordingQueue();
    const sweeper = { sweep } as unknown as TriggerSweepService;
    return { queue, job: new TriggersSweepJob(queue as unknown as JobQueue, sweeper, { runsJobs }) };
  }

  it('schedules the next slot at start-up only in processes that run jobs, with the slot as the job id', async () => {
    vi.useFakeTimers({ now: new Date('2027-01-01T00:03:30Z'), toFake: ['Date'] });
    const worker = job(true, async () => undefined);
    await worker.job.onApplicationBootstrap();
    const slot = Math.floor(Date.now() / SWEEP_INTERVAL_MS) + 1;
    expect(worker.queue.added).toEqual([{ name: JobName.TriggersSweep, data: { slot }, options: { jobId: `triggers-sweep-${slot}`, delayMs: 30_000 } }]);

    const server = job(false, async () => undefined);
    await server.job.onApplicationBootstrap();
    expect(server.queue.added).toHaveLength(0);
  });

  it('sweeps and schedules the next slot, also when the sweep fails', async () => {
    vi.useFakeTimers({ now: new Date('2027-01-01T00:04:00Z'), toFake: ['Date'] });
    const sweep = vi.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue({ recorded: 0, delivered: 0 });
    const { queue, job: sweepJob } = job(true, sweep);
    await expect(sweepJob.handle()).rejects.toThrow('database away');
    await sweepJob.handle();
    expect(sweep).toHaveBeenCalledTimes(2);
    expect(queue.added.map((a) => a.options?.jobId)).toEqual(['triggers-sweep-14989683', 'triggers-sweep-14989683']);
  });
});
