import type { VisitorMessage } from './protocol.js';
import type { PendingMessage, WidgetStore } from './store.js';

export type SendOutcome =
  | { kind: 'sent'; message: VisitorMessage }
  /** The server refused this message for good (too long, say): it is dropped and shown as failed. */
  | { kind: 'rejected'; reason: string }
  /** Offline, timed out or a passing server error: the message stays queued for the next attempt. */
  | { kind: 'retry' };

export interface OutboxListener {
  sent(pending: PendingMessage, message: VisitorMessage): void;
  rejected(pending: PendingMessage, reason: string): void;
}

/**
 * Visitor messages wait here (in localStorage) until the server acknowledges them, and go out in
 * the order they were written. Each keeps its clientId across attempts, so a message whose
 * acknowledgement was lost is stored once when sent again.
 */
export class Outbox {
  private flushing: Promise<boolean> | null = null;

  constructor(
    private readonly store: WidgetStore,
    private readonly listener: OutboxListener,
  ) {}

  pending(): readonly PendingMessage[] {
    return this.store.get().outbox;
  }

  add(text: string, clientId: string, now = new Date()): PendingMessage {
    const pending: PendingMessage = { clientId, text, createdAt: now.toISOString() };
    this.store.update({ outbox: [...this.pending(), pending] });
    return pending;
  }

  /** Forgets queued copies of messages the server has already stored (seen in the history). */
  confirm(clientIds: Iterable<string>) {
    const stored = new Set(clientIds);
    if (this.pending().some((p) => stored.has(p.clientId))) this.store.update({ outbox: this.pending().filter((p) => !stored.has(p.clientId)) });
  }

  /** Sends what is queued, one at a time; answers whether the queue is empty afterwards. */
  flush(send: (pending: PendingMessage) => Promise<SendOutcome>): Promise<boolean> {
    this.flushing ??= this.drain(send).finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async drain(send: (pending: PendingMessage) => Promise<SendOutcome>): Promise<boolean> {
    for (;;) {
      const next = this.pending()[0];
      if (!next) return true;
      const outcome = await send(next);
      if (outcome.kind === 'retry') return false;
      this.store.update({ outbox: this.pending().filter((p) => p.clientId !== next.clientId) });
      if (outcome.kind === 'sent') this.listener.sent(next, outcome.message);
      else this.listener.rejected(next, outcome.reason);
    }
  }
}
