import { Injectable } from '@nestjs/common';
import { JobName, OnJob } from '@app/queue';
import { SlaClockService } from './sla-clock.service.js';
import type { SlaDueJobData } from './sla-timers.js';

export type { SlaDueJobData };

/** A due time's warning or breach; the clock service re-reads the conversation, so stale jobs do nothing. */
@Injectable()
export class SlaDueJob {
  constructor(private readonly clocks: SlaClockService) {}

  @OnJob(JobName.SlaDue)
  async handle(data: SlaDueJobData): Promise<void> {
    await this.clocks.fire(data);
  }
}
