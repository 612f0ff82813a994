import type { ChannelAdapter, ChannelContext, InboundEvent, ParseResult, WebhookRequest } from '@channel-adapters/core';
import { WebhookAuthError, WebhookPayloadError } from '@channel-adapters/core';
import { DomainException, ErrorCode, foldForSearch } from '@app/common';
import type { Conversation, Message } from '@app/db';
import { previewOf } from '../conversations/conversation-views.js';
import type { ConversationsRepository, Executor, IncomingConversationChanges } from '../conversations/conversations.repository.js';
import type { MessagesRepository } from '../conversations/messages.repository.js';
import type { IncomingAttachment } from './attachment-intake.js';

/**
 * The ingestion pipeline, one named step a function: verify → parse → dedupe → blacklist → resolve
 * contact → find or open the conversation → persist → (after commit) announce, route, broadcast.
 */

export async function verifyRequest(adapter: ChannelAdapter, request: WebhookRequest, context: ChannelContext): Promise<void> {
  try {
    await adapter.verify(request, context);
  } catch (error) {
    if (error instanceof WebhookAuthError) throw new DomainException(ErrorCode.WebhookSignatureInvalid, { params: { reason: error.message } });
    throw error;
  }
}

export async function parseRequest(adapter: ChannelAdapter, request: WebhookRequest, context: ChannelContext): Promise<ParseResult> {
  try {
    return await adapter.parse(request, context);
  } catch (error) {
    if (error instanceof WebhookPayloadError) {
      throw new DomainException(ErrorCode.WebhookPayloadInvalid, {
        params: { reason: error.message },
        errors: error.issues.map((i) => ({ field: i.field, message: i.message })),
      });
    }
    throw error;
  }
}

/** A redelivered webhook finds its message already stored: nothing more is written. */
export async function findDuplicate(messages: MessagesRepository, inboxId: string, externalId: string): Promise<Message | undefined> {
  return messages.findByExternalId(inboxId, externalId);
}

/** The default inbound filter's rule (see inbound-filter.ts): a contact marked blocked. */
export interface BlacklistVerdict {
  hidden: boolean;
  reason?: string;
}

export function blacklistVerdict(contact: { blocked: boolean }): BlacklistVerdict {
  return contact.blocked ? { hidden: true, reason: 'contact_blocked' } : { hidden: false };
}

export async function findOrOpenConversation(
  conversations: ConversationsRepository,
  tx: Executor,
  args: {
    inboxId: string;
    contactId: string;
    identityId: string;
    threadKey: string | null;
    relatedExternalIds?: string[];
    /** The active conversation when already looked up (null: none); undefined looks it up. */
    active?: Conversation | null;
    at: Date;
  },
): Promise<{ conversation: Conversation; created: boolean }> {
  // A reply joins the conversation of a message it answers, whichever thread key that conversation has.
  if (args.relatedExternalIds?.length) {
    const related = await conversations.findActiveByMessage(tx, args.inboxId, args.contactId, args.relatedExternalIds);
    if (related) return { conversation: related, created: false };
  }
  const active = args.active !== undefined ? args.active : await conversations.findActive(tx, args.inboxId, args.contactId, args.threadKey);
  if (active) return { conversation: active, created: false };
  const conversation = await conversations.insert(tx, {
    inboxId: args.inboxId,
    contactId: args.contactId,
    contactIdentityId: args.identityId,
    threadKey: args.threadKey,
    status: 'open',
    lastMessageAt: args.at,
  });
  return { conversation, created: true };
}

export type IncomingContent = Extract<InboundEvent, { kind: 'message' | 'button' | 'unsupported' }>;

/** Persists the incoming message; answers undefined when a concurrent delivery stored it first. */
export async function persistIncomingMessage(
  messages: MessagesRepository,
  tx: Executor,
  args: { conversation: Conversation; contactId: string; event: IncomingContent; text: string | null; hidden: boolean; hiddenReason?: string; attributes: Record<string, unknown> },
): Promise<Message | undefined> {
  const { event, conversation } = args;
  const outgoing = event.kind === 'message' && event.outgoing;
  const replyTo = event.kind === 'message' && event.replyToExternalId ? await messages.findByExternalId(conversation.inboxId, event.replyToExternalId, tx) : undefined;
  const message = await messages.insertUnlessDuplicate(tx, {
    conversationId: conversation.id,
    inboxId: conversation.inboxId,
    messageType: event.kind === 'unsupported' ? 'system' : outgoing ? 'outgoing' : 'incoming',
    senderType: outgoing ? 'user' : event.kind === 'unsupported' ? 'system' : 'contact',
    senderId: outgoing || event.kind === 'unsupported' ? null : args.contactId,
    content: args.text,
    externalId: event.externalId,
    status: outgoing ? 'sent' : 'received',
    replyToId: replyTo?.id ?? null,
    contentAttributes: { ...args.attributes, ...(args.hidden ? { hidden: true, ...(args.hiddenReason ? { hiddenReason: args.hiddenReason } : {}) } : {}) },
    searchText: foldForSearch(args.text),
    ...(event.kind === 'message' && event.sentAt ? { createdAt: clampToNow(event.sentAt) } : {}),
  });
  if (message && event.kind === 'message' && event.attachments?.length) {
    await messages.insertAttachments(
      tx,
      event.attachments.map((a: IncomingAttachment) => ({
        ...(a.id ? { id: a.id } : {}),
        messageId: message.id,
        fileName: a.fileName,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes ?? null,
        storageKey: a.storageKey ?? null,
        externalUrl: a.url ?? null,
      })),
    );
  }
  return message;
}

/** Counters and the list preview follow every visible message. */
export function conversationAfterIncoming(conversation: Conversation, message: Message, attachmentNames: string[]): IncomingConversationChanges {
  const fromContact = message.messageType === 'incoming';
  return {
    lastMessageAt: message.createdAt > (conversation.lastMessageAt ?? new Date(0)) ? message.createdAt : conversation.lastMessageAt,
    lastMessagePreview: previewOf(message.content, attachmentNames),
    ...(fromContact
      ? {
          unreadCount: conversation.unreadCount + 1,
          lastIncomingAt: message.createdAt,
          // A customer writing again brings a snoozed or pending conversation back to the queue.
          ...(conversation.status === 'snoozed' || conversation.status === 'pending' ? { status: 'open' as const, snoozedUntil: null } : {}),
        }
      : {}),
  };
}

/** A channel's own timestamp is trusted only up to now, so a wrong clock cannot sort a message into the future. */
function clampToNow(at: Date): Date {
  const now = new Date();
  return at > now || Number.isNaN(at.getTime()) ? now : at;
}
