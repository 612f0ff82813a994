import { Injectable } from '@nestjs/common';
import { InjectJobQueue, JobName, type JobQueue } from '@app/queue';
import { ReportsClock } from '../clock.js';
import type { SlaKind } from '../reports.contract.js';
import type { DueTime } from './sla-clock.js';

export interface SlaDueJobData {
  conversationId: string;
  kind: SlaKind;
  /** The due time the job was armed for; a job whose due time moved or was met does nothing. */
  dueAt: string;
  phase: 'warning' | 'breach';
}

/** One delayed job per conversation, kind, phase and due time: moving a due time arms a new job, the old one finds nothing to do. */
@Injectable()
export class SlaTimers {
  constructor(
    @InjectJobQueue() private readonly queue: JobQueue,
    private readonly clock: ReportsClock,
  ) {}

  async arm(conversationId: string, kind: SlaKind, due: DueTime, options: { warning: boolean }): Promise<void> {
    const now = this.clock.now().getTime();
    const dueAt = due.dueAt.toISOString();
    if (options.warning && due.warnAt.getTime() < due.dueAt.getTime() && due.warnAt.getTime() > now) {
      await this.add({ conversationId, kind, dueAt, phase: 'warning' }, due.warnAt.getTime() - now);
    }
    await this.add({ conversationId, kind, dueAt, phase: 'breach' }, Math.max(0, due.dueAt.getTime() - now));
  }

  private add(data: SlaDueJobData, delayMs: number): Promise<void> {
    const jobId = `sla-${data.phase}-${data.kind}-${data.conversationId}-${new Date(data.dueAt).getTime()}`;
    return this.queue.add<SlaDueJobData>(JobName.SlaDue, data, { jobId, delayMs });
  }
}
