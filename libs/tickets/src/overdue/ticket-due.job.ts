import { Injectable } from '@nestjs/common';
import { JobName, OnJob } from '@app/queue';
import { TicketAlertsService } from './ticket-alerts.service.js';
import type { TicketDueJobData } from './ticket-timers.js';

export type { TicketDueJobData };

/** A ticket's due date came: the alerts service re-reads the ticket, so a stale job does nothing. */
@Injectable()
export class TicketDueJob {
  constructor(private readonly alerts: TicketAlertsService) {}

  @OnJob(JobName.TicketDue)
  async handle(data: TicketDueJobData): Promise<void> {
    await this.alerts.fire(data);
  }
}
