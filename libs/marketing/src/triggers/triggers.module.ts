import { Module, type DynamicModule } from '@nestjs/common';
import { CrmModule } from '@app/crm';
import { DealStageListener } from './deal-stage.listener.js';
import { TriggerCandidatesRepository } from './trigger-candidates.repository.js';
import { TriggerDelivery } from './trigger-delivery.service.js';
import { TriggerSweepService } from './trigger-sweep.service.js';
import { TriggersSweepJob } from './trigger-sweep.job.js';
import { TriggerZones } from './trigger-zones.js';
import { TriggersClock } from './triggers-clock.js';
import { TriggersController } from './triggers.controller.js';
import { TRIGGERS_OPTIONS, type TriggersModuleOptions } from './triggers.options.js';
import { TriggersRepository } from './triggers.repository.js';
import { TriggersService } from './triggers.service.js';

/**
 * Triggered messages: date-based (birthdays, dates in custom fields, sign-up anniversaries) and
 * event-based (a deal's stage, a customer's silence, an abandoned bot cart). Sends through the
 * marketing OutreachPort (MarketingModule, global).
 */
@Module({})
export class TriggersModule {
  static forRoot(options: TriggersModuleOptions): DynamicModule {
    return {
      module: TriggersModule,
      imports: [CrmModule],
      controllers: [TriggersController],
      providers: [
        { provide: TRIGGERS_OPTIONS, useValue: options },
        TriggersClock,
        TriggersRepository,
        TriggerCandidatesRepository,
        TriggerZones,
        TriggerDelivery,
        TriggerSweepService,
        TriggersSweepJob,
        DealStageListener,
        TriggersService,
      ],
      exports: [TriggerSweepService, TriggersClock],
    };
  }
}
