import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectJobQueue, JobName, OnJob, type JobQueue } from '@app/queue';
import { TRIGGERS_OPTIONS, type TriggersModuleOptions } from './triggers.options.js';
import { TriggerSweepService } from './trigger-sweep.service.js';

export const SWEEP_INTERVAL_MS = 2 * 60_000;

export interface TriggersSweepJobData {
  /** The time slot (start in ms / interval); its job id lets one process of many run each slot. */
  slot: number;
}

/**
 * The sweep runs once per two-minute slot: each slot's job is added with the slot in its id, so
 * processes that all schedule it add one job; each run schedules the next slot, and start-up
 * schedules one in case the chain was lost.
 */
@Injectable()
export class TriggersSweepJob implements OnApplicationBootstrap {
  constructor(
    @InjectJobQueue() private readonly queue: JobQueue,
    private readonly sweeper: TriggerSweepService,
    @Inject(TRIGGERS_OPTIONS) private readonly options: TriggersModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.runsJobs) await this.scheduleNext();
  }

  @OnJob(JobName.TriggersSweep)
  async handle(): Promise<void> {
    try {
      await this.sweeper.sweep();
    } finally {
      await this.scheduleNext();
    }
  }

  /** The queue waits by the wall clock, so the slots do too. */
  private scheduleNext(): Promise<void> {
    const now = Date.now();
    const slot = Math.floor(now / SWEEP_INTERVAL_MS) + 1;
    return this.queue.add<TriggersSweepJobData>(JobName.TriggersSweep, { slot }, { jobId: `triggers-sweep-${slot}`, delayMs: slot * SWEEP_INTERVAL_MS - now });
  }
}
