import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { Db, RealtimeEventRow } from '@app/db';
import type { AgentEventDraft, AgentEventEnvelope, AgentEventMap, AgentEventType } from './agent-events.js';
import { rooms } from './agent-events.js';
import type { PresenceTracker } from './presence-tracker.js';
import { RealtimeEventsRepository } from './realtime-events.repository.js';

type Executor = Parameters<RealtimeEventsRepository['insert']>[0];

/**
 * Commits made concurrently can receive ids out of order; a catch-up therefore also resends this
 * many ids before the client's last one, and clients ignore ids they have already seen.
 */
export const CATCH_UP_OVERLAP = 100;
export const CATCH_UP_LIMIT = 1000;

export interface RecordedEvent {
  envelope: AgentEventEnvelope;
  /** Set when the event is for one user only. */
  userId: string | null;
}

export function toEnvelope(row: RealtimeEventRow): AgentEventEnvelope {
  return {
    id: row.id,
    type: row.type as AgentEventType,
    inboxId: row.inboxId,
    conversationId: row.conversationId,
    payload: row.payload as unknown as AgentEventMap[AgentEventType],
    at: row.createdAt.toISOString(),
  };
}

/**
 * Fans events out to agents' browsers. Durable events are recorded with the change (record, inside
 * the transaction) and sent once it has committed (publish); momentary ones are only sent.
 */
/** Where live events go: this process's Socket.IO namespace, or Redis for a process without one. */
export interface EventTarget {
  to(rooms: string | string[]): { emit(event: string, ...args: unknown[]): unknown };
}

@Injectable()
export class RealtimeService {
  private server: EventTarget | undefined;
  private emitter: EventTarget | undefined;

  constructor(private readonly events: RealtimeEventsRepository) {}

  private conversationInbox: (conversationId: string) => Promise<string | null> = async () => null;
  private slaListeners: Array<(type: 'sla.warning' | 'sla.breached' | 'sla.hit', payload: AgentEventMap['sla.warning' | 'sla.breached' | 'sla.hit']) => void> = [];
  private typingListeners: Array<(payload: AgentEventMap['typing'], inboxId: string) => void> = [];
  private tracker: PresenceTracker | undefined;

  attach(server: Server | EventTarget) {
    this.server = server as EventTarget;
  }

  attachEmitter(emitter: EventTarget) {
    this.emitter = emitter;
  }

  private target(): EventTarget | undefined {
    return this.server ?? this.emitter;
  }

  /** The conversation owner (libs/inbox) tells which inbox a conversation belongs to, for access checks. */
  setConversationResolver(resolver: (conversationId: string) => Promise<string | null>) {
    this.conversationInbox = resolver;
  }

  inboxOfConversation(conversationId: string): Promise<string | null> {
    return this.conversationInbox(conversationId).catch(() => null);
  }

  /** Presence kept for every process (see PresenceTracker); without one the gateway reports its own sockets. */
  setPresenceTracker(tracker: PresenceTracker) {
    this.tracker = tracker;
  }

  get presenceTracker(): PresenceTracker | undefined {
    return this.tracker;
  }

  /** Channels that show the agent typing to the customer (web chat) listen here. */
  onAgentTyping(listener: (payload: AgentEventMap['typing'], inboxId: string) => void) {
    this.typingListeners.push(listener);
  }

  notifyAgentTyping(payload: AgentEventMap['typing'], inboxId: string) {
    for (const listener of this.typingListeners) listener(payload, inboxId);
  }

  async record(executor: Executor | Db, drafts: AgentEventDraft[]): Promise<RecordedEvent[]> {
    const rows = await this.events.insert(executor, drafts);
    return rows.map((row) => ({ envelope: toEnvelope(row), userId: row.userId }));
  }

  /** Call after the transaction that recorded the events has committed. */
  publish(recorded: RecordedEvent[]) {
    const target = this.target();
    if (!target) return;
    for (const { envelope, userId } of recorded) {
      const targets = userId ? [rooms.user(userId)] : envelope.inboxId ? [rooms.inbox(envelope.inboxId), rooms.allInboxes] : [rooms.allInboxes];
      target.to(targets).emit(envelope.type, envelope);
    }
  }

  /** Sends a momentary event to every open session of one user (an incoming call to the agent whose phone rings). */
  emitToUser<T extends 'call.incoming' | 'ticket.overdue'>(type: T, payload: AgentEventMap[T], userId: string, scope: { inboxId?: string; conversationId?: string } = {}) {
    const envelope: AgentEventEnvelope<T> = { id: 0, type, inboxId: scope.inboxId ?? null, conversationId: scope.conversationId ?? null, payload, at: new Date().toISOString() };
    this.target()?.to(rooms.user(userId)).emit(type, envelope);
  }

  /** In-process listeners of SLA alerts (the staff bot tells the assignee in Telegram). */
  onSlaAlert(listener: (type: 'sla.warning' | 'sla.breached' | 'sla.hit', payload: AgentEventMap['sla.warning' | 'sla.breached' | 'sla.hit']) => void) {
    this.slaListeners.push(listener);
  }

  /** Sends a momentary SLA event to supervisors and admins and to the conversation's assignee. */
  emitSla<T extends 'sla.warning' | 'sla.breached' | 'sla.hit'>(type: T, payload: AgentEventMap[T], scope: { inboxId: string; conversationId: string; assigneeId: string | null }) {
    for (const listener of this.slaListeners) {
      try {
        listener(type, payload);
      } catch {
        // A listener's failure never keeps the alert from the agents.
      }
    }
    const envelope: AgentEventEnvelope<T> = { id: 0, type, inboxId: scope.inboxId, conversationId: scope.conversationId, payload, at: new Date().toISOString() };
    this.target()
      ?.to([rooms.allInboxes, ...(scope.assigneeId ? [rooms.user(scope.assigneeId)] : [])])
      .emit(type, envelope);
  }

  /** Sends a momentary event (typing, presence, sender.throttled) to an inbox's agents, a conversation's viewers, supervisors or everyone. */
  emitMomentary<T extends 'typing' | 'presence' | 'sender.throttled' | 'bot.session.changed' | 'ticket.overdue' | 'campaign.progress'>(
    type: T,
    payload: AgentEventMap[T],
    target: { inboxId?: string; conversationId?: string; everyone?: boolean; supervisors?: boolean },
  ) {
    const out = this.target();
    if (!out) return;
    const envelope: AgentEventEnvelope<T> = { id: 0, type, inboxId: target.inboxId ?? null, conversationId: target.conversationId ?? null, payload, at: new Date().toISOString() };
    const targets = target.everyone ? ['agents'] : target.supervisors ? [rooms.allInboxes] : [
      ...(target.inboxId ? [rooms.inbox(target.inboxId), rooms.allInboxes] : []),
      ...(target.conversationId ? [rooms.conversation(target.conversationId)] : []),
    ];
    if (targets.length) out.to(targets).emit(type, envelope);
  }

  async catchUp(lastEventId: number, userId: string, inboxIds: string[] | null): Promise<AgentEventEnvelope[]> {
    const rows = await this.events.since(Math.max(0, lastEventId - CATCH_UP_OVERLAP), userId, inboxIds, CATCH_UP_LIMIT);
    return rows.map(toEnvelope);
  }
}

