import { foldForSearch } from '@app/common';
import type { Conversation, Message } from '@app/db';
import { t, type Locale } from '@app/i18n';
import type { Executor } from '../conversations/conversations.repository.js';
import type { MessagesRepository } from '../conversations/messages.repository.js';
import { MAX_ATTACHMENT_BYTES, type RefusedAttachment } from './attachment-intake.js';

/**
 * Tells the sender, through their own channel, which files were too large to receive; queued like any
 * reply (the caller enqueues its delivery after the commit). Answers undefined when nothing was too large.
 */
export async function queueRefusalNotice(
  messages: MessagesRepository,
  tx: Executor,
  args: { conversation: Conversation; refused: RefusedAttachment[]; locale: Locale },
): Promise<Message | undefined> {
  const tooLarge = args.refused.filter((file) => file.reason === 'too_large');
  if (tooLarge.length === 0) return undefined;
  const text = tooLarge
    .map((file) => t('system.file_too_large', { fileName: file.fileName, limitMb: Math.floor((file.maxBytes ?? MAX_ATTACHMENT_BYTES) / (1024 * 1024)) }, args.locale))
    .join('\n');
  return messages.insert(tx, {
    conversationId: args.conversation.id,
    inboxId: args.conversation.inboxId,
    messageType: 'outgoing',
    senderType: 'system',
    senderId: null,
    content: text,
    status: 'queued',
    contentAttributes: { automatic: 'file_too_large' },
    searchText: foldForSearch(text),
  });
}
