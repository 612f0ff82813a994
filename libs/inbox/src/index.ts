export { InboxModule, type InboxModuleOptions } from './inbox.module.js';
export { InboxesService, type InboxWithRevealedSecrets } from './inboxes.service.js';
export { webhookPathOf, type InboxView } from './inbox-view.js';
export { inboxSettingsRegistry, type InboxSettingsByType } from './settings/settings-registry.js';
export type { InboxSettingsDefinition } from './settings/settings-definition.js';
export type { InboxMember } from './inbox-members.repository.js';
export { ConversationsService } from './conversations/conversations.service.js';
export { IngestionService, type WebhookAnswer } from './ingestion/ingestion.service.js';
export { ChannelPollingService } from './polling/channel-polling.service.js';
export { InboxEvents, type InboxEventMap, type InboxEventName } from './inbox-events.js';
export {
  ConversationAutomationService,
  type AssignmentScope,
  type AutomaticAssignment,
  type AutomatedPost,
  type Annotation,
  type OutreachPost,
  type OutreachPosted,
  type ThreadNote,
  type RoutingHold,
  routingHoldOf,
} from './conversations/conversation-automation.service.js';
export { INBOUND_FILTER, InboundFilterSlot, type InboundFilter, type InboundFilterInput, type InboundVerdict } from './ingestion/inbound-filter.js';
export type { IncomingContent } from './ingestion/pipeline-steps.js';
export { CHANNEL_ADAPTERS, type ChannelAdapters, type ChannelAdaptersFactory, type InboxChannelPorts } from './channel-adapters.port.js';
export { WebchatVisitorsService } from './webchat/webchat-visitors.service.js';
export type { VisitorMessage, VisitorReady, VisitorAck, VisitorError, WidgetConfig } from './webchat/visitor-protocol.js';
export { OutboxService } from './outbox/outbox.service.js';
export { ConversationViewExtensions, type ConversationViewLoader } from './conversations/conversation-view-extensions.js';
