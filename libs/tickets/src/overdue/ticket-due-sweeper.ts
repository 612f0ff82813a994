import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TICKETS_OPTIONS, type TicketsModuleOptions } from '../tickets.options.js';
import { TicketAlertsService } from './ticket-alerts.service.js';

const SWEEP_INTERVAL_MS = 60_000;

/** In processes that run jobs: arms due timers at start-up and every minute (see TicketAlertsService.sweep). */
@Injectable()
export class TicketDueSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TicketDueSweeper');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly alerts: TicketAlertsService,
    @Inject(TICKETS_OPTIONS) private readonly options: TicketsModuleOptions,
  ) {}

  onApplicationBootstrap() {
    if (!this.options.runsJobs) return;
    this.once();
    this.timer = setInterval(() => this.once(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  private once() {
    this.running ??= this.alerts
      .sweep()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`Ticket due sweep failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
