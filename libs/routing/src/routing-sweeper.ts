import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AssignmentService } from './assignment/assignment.service.js';
import { PresenceService } from './presence/presence.service.js';
import { ROUTING_OPTIONS, SWEEP_INTERVAL_MS, type RoutingModuleOptions } from './routing.options.js';

/**
 * The safety net behind the event-driven routing, in processes that run jobs: agents gone silent or idle
 * go offline, expired strict-order offers pass on (a lost timer job included), and waiting conversations
 * are offered again. Every step is idempotent, so several processes may sweep at once.
 */
@Injectable()
export class RoutingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RoutingSweeper');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly presence: PresenceService,
    private readonly assignment: AssignmentService,
    @Inject(ROUTING_OPTIONS) private readonly options: RoutingModuleOptions,
  ) {}

  onApplicationBootstrap() {
    if (!this.options.runsJobs) return;
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.sweeping;
  }

  sweep(now = new Date()): Promise<void> {
    this.sweeping ??= this.run(now).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async run(now: Date): Promise<void> {
    try {
      await this.presence.expire(now);
      await this.assignment.expireDueOffers(now);
      await this.assignment.drain();
    } catch (error) {
      this.logger.warn(`Routing sweep failed: ${(error as Error).message}`);
    }
  }
}
