import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { REPORTS_OPTIONS, type ReportsModuleOptions } from '../reports.options.js';
import { SlaClockService } from './sla-clock.service.js';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * In processes that run jobs: at start-up every running clock gets its timers again (a restart or a lost
 * Redis loses none), and every minute overdue clocks whose job went missing are breached.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SlaSweeper');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly clocks: SlaClockService,
    @Inject(REPORTS_OPTIONS) private readonly options: ReportsModuleOptions,
  ) {}

  onApplicationBootstrap() {
    if (!this.options.runsJobs) return;
    this.once(() => this.clocks.rearm().then(() => undefined));
    this.timer = setInterval(() => this.once(() => this.clocks.sweepOverdue()), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  private once(work: () => Promise<void>) {
    this.running ??= work()
      .catch((error: Error) => this.logger.warn(`SLA sweep failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
