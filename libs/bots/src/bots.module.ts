import { Module, type DynamicModule } from '@nestjs/common';
import { UsersModule } from '@app/auth';
import { CrmModule } from '@app/crm';
import { KnowledgeModule } from '@app/knowledge';
import { BotFlowsController } from './flows/bot-flows.controller.js';
import { BotFlowsRepository } from './flows/bot-flows.repository.js';
import { BotFlowsService } from './flows/bot-flows.service.js';
import { ProductsController } from './products/products.controller.js';
import { ProductsRepository } from './products/products.repository.js';
import { ProductsService } from './products/products.service.js';
import { BotEffectsService } from './sessions/bot-effects.service.js';
import { BotEventsListener } from './sessions/bot-events.listener.js';
import { BOT_JOBS_OPTIONS, BotJobs, type BotJobsOptions } from './sessions/bot-jobs.js';
import { BotRuntimeService } from './sessions/bot-runtime.service.js';
import { BotSessionsController } from './sessions/bot-sessions.controller.js';
import { BotSessionsRepository } from './sessions/bot-sessions.repository.js';
import { DemoBots } from './seed/demo-bots.js';
import { FlowSimulatorService } from './simulator/flow-simulator.service.js';
import { StaffBotController } from './staff-bot/staff-bot.controller.js';
import { StaffBotLinksRepository } from './staff-bot/staff-bot-links.repository.js';
import { STAFF_BOT_OPTIONS, type StaffBotOptions } from './staff-bot/staff-bot.options.js';
import { StaffBotService } from './staff-bot/staff-bot.service.js';

export interface BotsModuleOptions {
  /** This process runs jobs: it sweeps expired sessions (and polls the staff bot). */
  runsJobs: boolean;
  staffBot: Omit<StaffBotOptions, 'polls'>;
  /** The routing module instance of the process (assignment on handoff, business hours). */
  routing: DynamicModule;
}

/**
 * Bot flows: the product catalog, flow documents and their versions, the engine's sessions in
 * conversations, the simulator and the staff bot. Needs InboxModule (global) and RoutingModule's exports.
 */
@Module({})
export class BotsModule {
  static forRoot(options: BotsModuleOptions): DynamicModule {
    return {
      module: BotsModule,
      imports: [UsersModule, CrmModule, KnowledgeModule, options.routing],
      controllers: [BotFlowsController, ProductsController, BotSessionsController, StaffBotController],
      providers: [
        { provide: STAFF_BOT_OPTIONS, useValue: { ...options.staffBot, polls: options.runsJobs } satisfies StaffBotOptions },
        { provide: BOT_JOBS_OPTIONS, useValue: { runsJobs: options.runsJobs } satisfies BotJobsOptions },
        ProductsRepository,
        ProductsService,
        BotFlowsRepository,
        BotFlowsService,
        FlowSimulatorService,
        BotSessionsRepository,
        BotEffectsService,
        BotRuntimeService,
        BotEventsListener,
        BotJobs,
        StaffBotLinksRepository,
        StaffBotService,
        DemoBots,
      ],
      exports: [BotFlowsService, ProductsService, BotRuntimeService, StaffBotService, DemoBots],
    };
  }
}
