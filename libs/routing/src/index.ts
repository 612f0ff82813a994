export { RoutingModule } from './routing.module.js';
export type { RoutingModuleOptions } from './routing.options.js';
export { AssignmentService } from './assignment/assignment.service.js';
export { PresenceService } from './presence/presence.service.js';
export { BusinessHoursService } from './business-hours/business-hours.service.js';
export { OutOfHoursReplyService } from './business-hours/out-of-hours-reply.service.js';
export { RoutingSweeper } from './routing-sweeper.js';
export { addBusinessSeconds, businessSecondsBetween, isOpenAt, isValidTimeZone, nextOpening, startOfLocalDate, utcOffsetMinutes, type BusinessSchedule } from './business-hours/business-calendar.js';
export { webhookSignature } from './automation/webhook-signature.js';
