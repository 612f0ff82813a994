import type { VisitorMessage } from './protocol.js';
import type { PendingMessage } from './store.js';
import type { ThreadItem } from './view.js';

/** Adds or replaces a stored message by id, keeping the thread in time order. */
export function withMessage(messages: readonly VisitorMessage[], message: VisitorMessage): VisitorMessage[] {
  const others = messages.filter((m) => m.id !== message.id);
  return [...others, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** What the window shows: the stored thread, then the visitor's messages still on their way, then those refused. */
export function threadItems(
  messages: readonly VisitorMessage[],
  pending: readonly PendingMessage[],
  failed: ReadonlyArray<{ pending: PendingMessage; reason: string }>,
): ThreadItem[] {
  const stored = new Set(messages.map((m) => m.clientId).filter(Boolean));
  return [
    ...messages.map((message): ThreadItem => ({ kind: 'message', message })),
    ...pending.filter((p) => !stored.has(p.clientId)).map((p): ThreadItem => ({ kind: 'pending', pending: p })),
    ...failed.map(({ pending: p, reason }): ThreadItem => ({ kind: 'failed', pending: p, reason })),
  ];
}
