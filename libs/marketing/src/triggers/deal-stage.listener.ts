import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DealEvents } from '@app/crm';
import { TriggerSweepService } from './trigger-sweep.service.js';

/** "Deal reached stage X" triggers fire from the deal's own event, in the process that moved it. */
@Injectable()
export class DealStageListener implements OnModuleInit {
  constructor(
    private readonly events: DealEvents,
    private readonly sweeper: TriggerSweepService,
  ) {}

  onModuleInit(): void {
    this.events.onStageChanged((event) => this.sweeper.onDealStage(event));
  }
}
