export { RealtimeModule, type RealtimeModuleOptions } from './realtime.module.js';
export { RealtimeService, toEnvelope, CATCH_UP_OVERLAP, type RecordedEvent } from './realtime.service.js';
export { RedisIoAdapter } from './redis-io.adapter.js';
export { LeanIoAdapter } from './lean-io.adapter.js';
export { rooms, DURABLE_EVENTS } from './agent-events.js';
export { PRESENCE_HEARTBEAT_MS, type PresenceTracker, type PresenceStatus } from './presence-tracker.js';
export type { AgentEventMap, AgentEventType, AgentEventEnvelope, AgentEventDraft, CallIncomingPayload, SlaAlertPayload, ConversationPayload, MessagePayload, BotSessionPayload, CampaignProgressPayload, TicketOverduePayload } from './agent-events.js';
