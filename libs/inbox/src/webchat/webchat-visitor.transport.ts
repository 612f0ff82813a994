import type { OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import type { OutboundMessage } from '@channel-adapters/core';
import { visitorRoom, type VisitorMessage, type VisitorServerEvents } from './visitor-protocol.js';

/** Whatever can address rooms of the /webchat namespace: the namespace itself, or a Redis emitter. */
interface RoomTarget {
  to(room: string): { emit(event: string, ...args: unknown[]): unknown };
}

/** One agent reply on its way to a visitor (the web-chat adapter's WebchatDelivery). */
export interface VisitorDelivery {
  inboxId: string;
  visitorId: string;
  message: OutboundMessage;
  sentAt: Date;
}

/**
 * Pushes events into visitors' rooms on /webchat. A server process attaches its namespace (the
 * Redis adapter spreads the emit to the other server processes); a process without sockets (the
 * worker) emits through Redis instead. With neither, a reply waits in the history.
 */
export class WebchatVisitorTransport implements OnApplicationShutdown {
  private namespace: RoomTarget | undefined;
  private emitter: RoomTarget | undefined;
  private redis: Redis | undefined;

  constructor(private readonly redisUrl?: string) {}

  attach(namespace: RoomTarget) {
    this.namespace = namespace;
  }

  /** The web-chat adapter's transport: an agent reply, live, to every open widget of the visitor. */
  async deliver({ inboxId, visitorId, message, sentAt }: VisitorDelivery): Promise<void> {
    this.emit(inboxId, visitorId, 'message', agentMessage(message, sentAt));
  }

  typing(inboxId: string, visitorId: string, typing: boolean) {
    this.emit(inboxId, visitorId, 'typing', { typing });
  }

  emit<E extends keyof VisitorServerEvents>(inboxId: string, visitorId: string, event: E, payload: VisitorServerEvents[E]) {
    this.target()?.to(visitorRoom(inboxId, visitorId)).emit(event, payload);
  }

  onApplicationShutdown() {
    this.redis?.disconnect();
  }

  private target(): RoomTarget | undefined {
    if (this.namespace) return this.namespace;
    if (!this.emitter && this.redisUrl) {
      this.redis = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
      // ioredis reconnects by itself; an unhandled 'error' event would end the process.
      this.redis.on('error', () => undefined);
      this.emitter = new Emitter(this.redis).of('/webchat');
    }
    return this.emitter;
  }
}

function agentMessage(message: OutboundMessage, sentAt: Date): VisitorMessage {
  return {
    id: message.messageId,
    clientId: null,
    from: 'agent',
    text: message.text ?? null,
    attachments: (message.attachments ?? []).map((a) => ({ fileName: a.fileName, contentType: a.contentType, url: a.url ?? null })),
    ...(message.buttons?.length ? { buttons: message.buttons } : {}),
    createdAt: sentAt.toISOString(),
  };
}
