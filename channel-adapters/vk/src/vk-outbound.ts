import { createHash } from 'node:crypto';
import { Keyboard } from 'vk-io';
import { ChannelError, splitText, type OutboundButton, type OutboundMessage } from '@channel-adapters/core';
import { messagesDenied, MESSAGES_DENIED_FLAG } from './vk-errors.js';
import { parseMessageExternalId } from './vk-updates.js';

/** VK's limit for the text of one message. */
export const VK_MAX_TEXT_LENGTH = 4096;
/** VK refuses a button label longer than this. */
const MAX_LABEL_LENGTH = 40;

/** The conversation a reply goes to: the chat of a chat conversation, else the person's dialog. */
export function peerIdOf(message: OutboundMessage): number {
  const peer = message.threadKey ?? message.contact.externalId;
  if (!/^-?\d+$/.test(peer)) throw ChannelError.permanent(`"${peer}" is not a VK peer id; a VK conversation needs a numeric user or chat id`);
  return Number(peer);
}

/** Fails at once, without asking VK, while the person forbids messages from the community. */
export function assertMessagesAllowed(message: OutboundMessage): void {
  if (message.contact.attributes?.[MESSAGES_DENIED_FLAG] === true) throw messagesDenied();
}

/**
 * The random_id of one part of our message: derived from the message id, so a retried delivery sends
 * the same random_id and VK drops the copy (VK keeps random_id per sender and peer). A signed 32-bit
 * integer other than 0, as VK requires.
 */
export function randomIdOf(messageId: string, part = 0): number {
  const value = createHash('sha256').update(`${messageId}:${part}`).digest().readInt32BE(0);
  return value === 0 ? 1 : value;
}

/** The texts of the parts of one message; an attachment-only message is one part without text. */
export function textParts(message: OutboundMessage): string[] {
  const parts = splitText(message.text ?? '', VK_MAX_TEXT_LENGTH);
  return parts.length ? parts : [''];
}

/** An inline keyboard: a link button opens its URL, any other sends {"button": id} back. */
export function keyboardOf(rows: OutboundButton[][] | undefined): string | undefined {
  const filled = (rows ?? []).filter((row) => row.length);
  if (!filled.length) return undefined;
  const builder = Keyboard.builder().inline();
  filled.forEach((row, index) => {
    for (const button of row) {
      const label = button.text.slice(0, MAX_LABEL_LENGTH);
      if (button.url) builder.urlButton({ label, url: button.url });
      else builder.textButton({ label, payload: { button: button.id } });
    }
    if (index < filled.length - 1) builder.row();
  });
  return builder.toString();
}

/** Quotes the replied-to message of the same conversation (VK's forward with is_reply). */
export function forwardOf(message: OutboundMessage, peerId: number): string | undefined {
  const replyTo = message.replyToExternalId ? parseMessageExternalId(message.replyToExternalId) : undefined;
  if (!replyTo || replyTo.peerId !== peerId) return undefined;
  return JSON.stringify({ peer_id: peerId, conversation_message_ids: [replyTo.conversationMessageId], is_reply: true });
}
