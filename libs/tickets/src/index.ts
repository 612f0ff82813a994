export { TicketsModule } from './tickets.module.js';
export type { TicketsModuleOptions } from './tickets.options.js';
export { TicketsService } from './tickets.service.js';
export { TicketsClock } from './tickets.clock.js';
export { TicketAlertsService } from './overdue/ticket-alerts.service.js';
export type { TicketDueJobData } from './overdue/ticket-timers.js';
export { TICKET_TYPES, TICKET_STATUSES } from './ticket-view.js';
export type * from './tickets.contract.js';
