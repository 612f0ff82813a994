import { Module, type DynamicModule } from '@nestjs/common';
import { UsersModule } from '@app/auth';
import { SecretBox } from '@app/common';
import { CrmModule } from '@app/crm';
import { TemplatesModule } from '@app/templates';
import { AssignmentPoliciesController } from './assignment/assignment-policies.controller.js';
import { AssignmentPoliciesRepository } from './assignment/assignment-policies.repository.js';
import { AssignmentPoliciesService } from './assignment/assignment-policies.service.js';
import { AssignmentService } from './assignment/assignment.service.js';
import { ConversationRoutingController } from './assignment/conversation-routing.controller.js';
import { OfferTimeoutJob } from './assignment/offer-timeout.job.js';
import { RosterRepository } from './assignment/roster.repository.js';
import { RoutingQueueService } from './assignment/routing-queue.service.js';
import { RoutingStateRepository } from './assignment/routing-state.repository.js';
import { AutomationEngine } from './automation/automation-engine.js';
import { AutomationRulesController } from './automation/automation-rules.controller.js';
import { AutomationRulesRepository } from './automation/automation-rules.repository.js';
import { AutomationRulesService } from './automation/automation-rules.service.js';
import { AUTOMATION_SECRET_BOX } from './automation/automation.tokens.js';
import { RuleActions } from './automation/rule-actions.js';
import { WebhookDeliveryJob } from './automation/webhook-delivery.job.js';
import { BlacklistController } from './blacklist/blacklist.controller.js';
import { BlacklistRepository } from './blacklist/blacklist.repository.js';
import { BlacklistService } from './blacklist/blacklist.service.js';
import { FloodRepository } from './blacklist/flood.repository.js';
import { InboundGuard } from './blacklist/inbound-guard.js';
import { BusinessHoursController } from './business-hours/business-hours.controller.js';
import { BusinessHoursRepository } from './business-hours/business-hours.repository.js';
import { BusinessHoursService } from './business-hours/business-hours.service.js';
import { OutOfHoursReplyService } from './business-hours/out-of-hours-reply.service.js';
import { AvailabilityController } from './presence/availability.controller.js';
import { PresenceRepository } from './presence/presence.repository.js';
import { PresenceService } from './presence/presence.service.js';
import { RoutingEventsListener } from './routing-events.listener.js';
import { RoutingSweeper } from './routing-sweeper.js';
import { ROUTING_OPTIONS, type RoutingModuleOptions } from './routing.options.js';

/**
 * Who gets which conversation, and what is kept out: presence, assignment policies and the waiting
 * queue, business hours, blacklists and flood protection, automation rules. Needs InboxModule (global).
 */
@Module({})
export class RoutingModule {
  static forRoot(options: RoutingModuleOptions): DynamicModule {
    return {
      module: RoutingModule,
      imports: [UsersModule, CrmModule, TemplatesModule],
      controllers: [AvailabilityController, AssignmentPoliciesController, ConversationRoutingController, BusinessHoursController, BlacklistController, AutomationRulesController],
      providers: [
        { provide: ROUTING_OPTIONS, useValue: options },
        { provide: AUTOMATION_SECRET_BOX, useFactory: () => new SecretBox(options.appSecret, 'automation-webhooks') },
        PresenceRepository,
        PresenceService,
        AssignmentPoliciesRepository,
        AssignmentPoliciesService,
        RoutingStateRepository,
        RosterRepository,
        AssignmentService,
        RoutingQueueService,
        OfferTimeoutJob,
        BusinessHoursRepository,
        BusinessHoursService,
        OutOfHoursReplyService,
        BlacklistRepository,
        FloodRepository,
        BlacklistService,
        InboundGuard,
        AutomationRulesRepository,
        AutomationRulesService,
        RuleActions,
        AutomationEngine,
        WebhookDeliveryJob,
        RoutingEventsListener,
        RoutingSweeper,
      ],
      exports: [AssignmentService, PresenceService, BusinessHoursService, RoutingSweeper],
    };
  }
}
