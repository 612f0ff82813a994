import type { Message, TimelineEntry } from '../api/types.js';

/** Oldest first; ties (same millisecond) by id, which is time-ordered. */
function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  const byTime = a.at.localeCompare(b.at);
  if (byTime !== 0) return byTime;
  return entryId(a).localeCompare(entryId(b));
}

const entryId = (e: TimelineEntry) => (e.kind === 'message' ? e.message.id : e.activity.id);

/** Adds a message or replaces the copy with the same id (a status change), keeping time order. */
export function upsertMessage(entries: readonly TimelineEntry[], message: Message): TimelineEntry[] {
  const index = entries.findIndex((e) => e.kind === 'message' && e.message.id === message.id);
  if (index >= 0) {
    const current = entries[index] as Extract<TimelineEntry, { kind: 'message' }>;
    // A late event must not turn "delivered" back into "sent".
    if (current.message.updatedAt > message.updatedAt) return entries as TimelineEntry[];
    const next = [...entries];
    next[index] = { kind: 'message', at: message.createdAt, message: { ...current.message, ...message, attachments: message.attachments.length ? message.attachments : current.message.attachments } };
    return next;
  }
  return [...entries, { kind: 'message' as const, at: message.createdAt, message }].sort(compareEntries);
}

/** Puts an older page in front of what is shown, skipping anything already there. */
export function prependPage(entries: readonly TimelineEntry[], older: readonly TimelineEntry[]): TimelineEntry[] {
  const known = new Set(entries.map(entryId));
  return [...older.filter((e) => !known.has(entryId(e))), ...entries].sort(compareEntries);
}

export type Tick = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | null;

/** The delivery mark under a message: only our replies to the customer have one. */
export function deliveryTick(message: Message): Tick {
  if (message.messageType !== 'outgoing') return null;
  switch (message.status) {
    case 'queued':
    case 'sent':
    case 'delivered':
    case 'read':
    case 'failed':
      return message.status;
    default:
      return null;
  }
}

/** Images are shown inline; everything else is a link with its name. */
export function isImage(contentType: string, url: string | null): boolean {
  return contentType.startsWith('image/') || (url !== null && /\.(png|jpe?g|gif|webp|avif)(\?|$)/i.test(url));
}
