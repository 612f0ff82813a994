import type { Attachment, Conversation, Message } from '@app/db';
import type { ConversationPayload, MessagePayload } from '@app/realtime';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toConversationPayload(c: Conversation, contact?: { id: string; name: string }): ConversationPayload {
  return {
    id: c.id,
    inboxId: c.inboxId,
    contactId: c.contactId,
    status: c.status,
    snoozedUntil: iso(c.snoozedUntil),
    priority: c.priority,
    labels: c.labels,
    assigneeId: c.assigneeId,
    teamId: c.teamId,
    dealId: c.dealId,
    unreadCount: c.unreadCount,
    lastMessageAt: iso(c.lastMessageAt),
    lastMessagePreview: c.lastMessagePreview,
    lastIncomingAt: iso(c.lastIncomingAt),
    ...(contact ? { contact } : {}),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The link a client opens for an attachment; stored files get a signed link (AttachmentUrls.urlOf). */
export type AttachmentUrlOf = (attachment: Attachment) => string | null;

const externalUrlOf: AttachmentUrlOf = (attachment) => attachment.externalUrl;

export function toMessagePayload(m: Message, attachments: Attachment[] = [], urlOf: AttachmentUrlOf = externalUrlOf): MessagePayload {
  return {
    id: m.id,
    conversationId: m.conversationId,
    inboxId: m.inboxId,
    messageType: m.messageType,
    senderType: m.senderType,
    senderId: m.senderId,
    content: m.content,
    status: m.status,
    error: m.error,
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes, url: urlOf(a) })),
    contentAttributes: m.contentAttributes,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** The line shown under a conversation in the list. */
export function previewOf(text: string | null | undefined, attachmentNames: string[] = []): string {
  const base = (text ?? '').replace(/\s+/g, ' ').trim();
  const preview = base || attachmentNames.map((n) => `📎 ${n}`).join(', ');
  return preview.length > 140 ? `${preview.slice(0, 139)}…` : preview;
}
