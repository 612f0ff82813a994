import { Injectable } from '@nestjs/common';
import { InjectJobQueue, JobName, type JobQueue } from '@app/queue';
import { TicketsClock } from '../tickets.clock.js';

export interface TicketDueJobData {
  ticketId: string;
  /** The due date the job was armed for: a job whose due date moved finds nothing to do. */
  dueAt: string;
}

/**
 * Timers reach this far ahead; a due date further away is armed by the sweeper once it comes this close
 * (the in-process queue's timers cannot wait longer than about 24 days).
 */
export const TIMER_HORIZON_MS = 60 * 60_000;

/** One delayed job per ticket and due date: moving the date arms a new job and the old one does nothing. */
@Injectable()
export class TicketTimers {
  constructor(
    @InjectJobQueue() private readonly queue: JobQueue,
    private readonly clock: TicketsClock,
  ) {}

  /** Answers false when the due date is beyond the horizon (the sweeper arms it later). */
  async arm(ticketId: string, dueAt: Date): Promise<boolean> {
    const delayMs = Math.max(0, dueAt.getTime() - this.clock.now().getTime());
    if (delayMs > TIMER_HORIZON_MS) return false;
    await this.queue.add<TicketDueJobData>(JobName.TicketDue, { ticketId, dueAt: dueAt.toISOString() }, { jobId: `ticket-due-${ticketId}-${dueAt.getTime()}`, delayMs });
    return true;
  }
}
