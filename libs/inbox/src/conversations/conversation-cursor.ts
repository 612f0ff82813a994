import { DomainException, ErrorCode } from '@app/common';
import type { ConversationCursor } from './conversations.repository.js';

/** The list is ordered by last activity, so its cursor carries that time with the id. */
export function encodeConversationCursor(cursor: ConversationCursor): string {
  return Buffer.from(`${cursor.lastMessageAt}|${cursor.id}`).toString('base64url');
}

export function decodeConversationCursor(value: string | undefined): ConversationCursor | undefined {
  if (!value) return undefined;
  const [lastMessageAt, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (!lastMessageAt || !id || Number.isNaN(Date.parse(lastMessageAt)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new DomainException(ErrorCode.ValidationFailed, { errors: [{ field: 'cursor', message: 'Not a cursor from this list: start again without it' }] });
  }
  return { lastMessageAt, id };
}
