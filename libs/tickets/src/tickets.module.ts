import { Module, type DynamicModule } from '@nestjs/common';
import { TicketAlertsService } from './overdue/ticket-alerts.service.js';
import { TicketDueSweeper } from './overdue/ticket-due-sweeper.js';
import { TicketDueJob } from './overdue/ticket-due.job.js';
import { TicketTimers } from './overdue/ticket-timers.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsClock } from './tickets.clock.js';
import { TicketsEventsListener } from './tickets-events.listener.js';
import { TICKETS_OPTIONS, type TicketsModuleOptions } from './tickets.options.js';
import { TicketsRepository } from './tickets.repository.js';
import { TicketsService } from './tickets.service.js';

/** Tickets: conversations marked as service work. Needs InboxModule (global) loaded before it. */
@Module({})
export class TicketsModule {
  static forRoot(options: TicketsModuleOptions): DynamicModule {
    return {
      module: TicketsModule,
      controllers: [TicketsController],
      providers: [
        { provide: TICKETS_OPTIONS, useValue: options },
        TicketsClock,
        TicketsRepository,
        TicketsService,
        TicketTimers,
        TicketAlertsService,
        TicketDueJob,
        TicketDueSweeper,
        TicketsEventsListener,
      ],
      exports: [TicketsService, TicketsClock, TicketAlertsService],
    };
  }
}
