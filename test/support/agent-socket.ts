import { io, type Socket } from 'socket.io-client';
import type { AgentEventEnvelope, AgentEventType } from '@app/realtime';

export interface AgentClient {
  socket: Socket;
  /** Every durable or momentary event received, in order; ids seen twice after a catch-up are kept once. */
  events: AgentEventEnvelope[];
  /** Resolves with the first event (already received or arriving later) that matches; rejects after timeoutMs. */
  waitFor<T extends AgentEventType>(type: T, match?: (event: AgentEventEnvelope<T>) => boolean, timeoutMs?: number): Promise<AgentEventEnvelope<T>>;
  lastEventId(): number;
  close(): void;
}

const EVENT_TYPES: AgentEventType[] = ['conversation.created', 'conversation.updated', 'conversation.assigned', 'conversation.status_changed', 'message.created', 'message.updated', 'typing', 'presence', 'call.incoming', 'sender.throttled', 'sla.warning', 'sla.breached', 'sla.hit', 'ticket.overdue', 'campaign.progress'];

/** An agent's browser in a test: connects to /agents with a token, records events and waits on them without sleeping. */
export function connectAgent(baseUrl: string, token: string, options: { lastEventId?: number } = {}): Promise<AgentClient> {
  const socket = io(`${baseUrl}/agents`, { auth: { token, lastEventId: options.lastEventId }, transports: ['websocket'], reconnection: false, forceNew: true });
  const events: AgentEventEnvelope[] = [];
  const seen = new Set<number>();
  const waiters: Array<{ type: AgentEventType; match: (e: AgentEventEnvelope) => boolean; resolve: (e: AgentEventEnvelope) => void }> = [];
  for (const type of EVENT_TYPES) {
    socket.on(type, (envelope: AgentEventEnvelope) => {
      if (envelope.id > 0) {
        if (seen.has(envelope.id)) return;
        seen.add(envelope.id);
      }
      events.push(envelope);
      for (const waiter of [...waiters]) {
        if (waiter.type === envelope.type && waiter.match(envelope)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(envelope);
        }
      }
    });
  }
  const client: AgentClient = {
    socket,
    events,
    waitFor(type, match = () => true, timeoutMs = 10_000) {
      const found = events.find((e) => e.type === type && match(e as never));
      if (found) return Promise.resolve(found as never);
      return new Promise((resolve, reject) => {
        const waiter = { type, match: match as (e: AgentEventEnvelope) => boolean, resolve: resolve as (e: AgentEventEnvelope) => void };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`No ${type} event within ${timeoutMs} ms; received: ${events.map((e) => e.type).join(', ') || 'nothing'}`));
        }, timeoutMs).unref();
      });
    },
    lastEventId: () => Math.max(0, ...events.map((e) => e.id)),
    close: () => void socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(client));
    socket.once('auth_error', (error: { message: string }) => reject(new Error(error.message)));
    socket.once('connect_error', reject);
  });
}
