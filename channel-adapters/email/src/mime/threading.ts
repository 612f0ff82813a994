/** The headers that tie an e-mail to the messages before it. */
export interface ThreadHeaders {
  messageId?: string;
  inReplyTo?: string;
  /** Oldest first, as the References header lists them. */
  references: string[];
}

const MESSAGE_ID = /<[^<>\s]+>/g;

/** Message-IDs in angle brackets, as headers carry them; anything that is not one is dropped. */
export function messageIdsIn(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const found = text.match(MESSAGE_ID) ?? [];
  if (found.length) return found;
  // Some clients write bare ids without brackets.
  return text
    .split(/[\s,]+/)
    .filter((part) => /^[^<>\s@]+@[^<>\s@]+$/.test(part))
    .map((part) => `<${part}>`);
}

export function normalizeMessageId(value: string | undefined): string | undefined {
  return messageIdsIn(value)[0];
}

/**
 * The key of the conversation an e-mail belongs to: the first message of its thread. References
 * lists the thread from its root, so every reply, from any client that keeps the header, carries
 * the same root; a message that starts a thread is its own root.
 */
export function threadKeyOf(headers: ThreadHeaders): string | undefined {
  return headers.references[0] ?? headers.inReplyTo ?? headers.messageId;
}

/** The ids to look up, nearest first, when the root itself is unknown (a client that trimmed References). */
export function relatedMessageIds(headers: ThreadHeaders): string[] {
  return [...new Set([headers.inReplyTo, ...[...headers.references].reverse()].filter((id): id is string => Boolean(id)))];
}

/** The References of a reply: the thread so far plus the message answered; the root always stays first. */
export function referencesForReply(answered: ThreadHeaders): string[] {
  const chain = [...answered.references];
  if (answered.messageId && !chain.includes(answered.messageId)) chain.push(answered.messageId);
  // RFC 5322 lets a long chain be trimmed; keep the root and the most recent ones.
  return chain.length > 20 ? [chain[0], ...chain.slice(-19)] : chain;
}

const REPLY_PREFIX = /^\s*((re|ответ|aw|sv|antw)\s*(\[\d+\])?\s*:\s*)+/i;

/** "Re: " once, however many the subject already had. */
export function replySubject(subject: string | undefined): string | undefined {
  const base = subject?.replace(REPLY_PREFIX, '').trim();
  return base ? `Re: ${base}` : undefined;
}
