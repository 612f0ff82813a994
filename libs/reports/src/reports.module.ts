import { Module, type DynamicModule } from '@nestjs/common';
import { UsersModule } from '@app/auth';
import { CrmModule } from '@app/crm';
import { ReportsClock } from './clock.js';
import { ConversationQualityController } from './csat/conversation-quality.controller.js';
import { CsatService } from './csat/csat.service.js';
import { RatingsRepository } from './csat/ratings.repository.js';
import { ReportsDemo } from './demo/reports-demo.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { DashboardRepository } from './dashboard/dashboard.repository.js';
import { DashboardService } from './dashboard/dashboard.service.js';
import { DealStagesRepository } from './facts/deal-stages.repository.js';
import { FactsRepository } from './facts/facts.repository.js';
import { FactsService } from './facts/facts.service.js';
import { ReportInputsRepository } from './reports/report-inputs.repository.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsRepository } from './reports/reports.repository.js';
import { ReportsService } from './reports/reports.service.js';
import { ReportsEventsListener } from './reports-events.listener.js';
import { REPORTS_OPTIONS, type ReportsModuleOptions } from './reports.options.js';
import { SlaClockRepository } from './sla/sla-clock.repository.js';
import { SlaClockService } from './sla/sla-clock.service.js';
import { SlaDueJob } from './sla/sla-due.job.js';
import { SlaPoliciesController } from './sla/sla-policies.controller.js';
import { SlaPoliciesRepository } from './sla/sla-policies.repository.js';
import { SlaPoliciesService } from './sla/sla-policies.service.js';
import { SlaSweeper } from './sla/sla-sweeper.js';
import { SlaTimers } from './sla/sla-timers.js';

/**
 * SLA policies and clocks, report rollups and queries, customer ratings, the live dashboard.
 * Needs InboxModule (global) and RoutingModule's exports (business hours) loaded before it.
 */
@Module({})
export class ReportsModule {
  static forRoot(options: ReportsModuleOptions): DynamicModule {
    return {
      module: ReportsModule,
      imports: [UsersModule, CrmModule, options.routing],
      controllers: [SlaPoliciesController, ReportsController, DashboardController, ConversationQualityController],
      providers: [
        { provide: REPORTS_OPTIONS, useValue: { runsJobs: options.runsJobs, defaultLocale: options.defaultLocale } },
        ReportsClock,
        SlaPoliciesRepository,
        SlaPoliciesService,
        SlaClockRepository,
        SlaClockService,
        SlaTimers,
        SlaDueJob,
        SlaSweeper,
        FactsRepository,
        FactsService,
        DealStagesRepository,
        RatingsRepository,
        CsatService,
        ReportInputsRepository,
        ReportsRepository,
        ReportsService,
        DashboardRepository,
        DashboardService,
        ReportsEventsListener,
        ReportsDemo,
      ],
      exports: [ReportsDemo, SlaClockService, SlaPoliciesService, ReportsService, CsatService, ReportsClock],
    };
  }
}
