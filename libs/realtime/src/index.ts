export { RealtimeModule, type RealtimeModuleOptions } from './realtime.module.js';
export { RealtimeService, toEnvelope, CATCH_UP_OVERLAP, type RecordedEvent } from './realtime.service.js';
export { RedisIoAdapter } from './redis-io.adapter.js';
export { rooms, DURABLE_EVENTS } from './agent-events.js';
export type { AgentEventMap, AgentEventType, AgentEventEnvelope, AgentEventDraft, ConversationPayload, MessagePayload } from './agent-events.js';
