import { Injectable, Logger } from '@nestjs/common';
import type { Contact, Conversation, Message } from '@app/db';

/**
 * Domain events of the inbox, delivered in-process after the change has committed. Routing, bot
 * flows, SLA clocks and automation subscribe here; a failing listener never undoes the change.
 */
export interface InboxEventMap {
  'conversation.created': { conversation: Conversation };
  'message.created': { message: Message; conversation: Conversation; contact?: Contact; hidden: boolean };
  'conversation.assigned': { conversation: Conversation; previousAssigneeId: string | null; actorId: string | null };
  'conversation.status_changed': { conversation: Conversation; previousStatus: Conversation['status']; actorId: string | null };
  'message.status_changed': { message: Message };
  /** Created, changed (settings, switched on or off) or deleted: whoever reads the channel looks again. */
  'inbox.changed': { inboxId: string };
}

export type InboxEventName = keyof InboxEventMap;
export type InboxEvent = { [K in InboxEventName]: { name: K; data: InboxEventMap[K] } }[InboxEventName];
type Listener<K extends InboxEventName> = (data: InboxEventMap[K]) => void | Promise<void>;

@Injectable()
export class InboxEvents {
  private readonly logger = new Logger('InboxEvents');
  private readonly listeners = new Map<InboxEventName, Listener<InboxEventName>[]>();

  /** `first` puts the listener before those registered so far: a bot takes a conversation before routing looks at it. */
  on<K extends InboxEventName>(name: K, listener: Listener<K>, options: { first?: boolean } = {}): void {
    const current = this.listeners.get(name) ?? [];
    this.listeners.set(name, options.first ? [listener as Listener<InboxEventName>, ...current] : [...current, listener as Listener<InboxEventName>]);
  }

  async emit(event: InboxEvent): Promise<void> {
    for (const listener of this.listeners.get(event.name) ?? []) {
      try {
        await listener(event.data);
      } catch (error) {
        this.logger.error(`Listener of ${event.name} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }
}
