import { ChannelError, splitText, type OutboundAttachment, type OutboundButton, type OutboundMessage } from '@channel-adapters/core';
import { telegramMessageId } from './telegram-updates.js';

/** Telegram's limit for a text message, in UTF-16 code units. */
export const TELEGRAM_MAX_TEXT_LENGTH = 4096;

/** One Bot API call of a send. */
export interface PlannedCall {
  method: 'sendMessage' | 'sendPhoto' | 'sendDocument' | 'sendVideo' | 'sendAudio' | 'sendVoice';
  payload: Record<string, unknown>;
}

/** The chat a reply goes to: the group of a group conversation, else the person's private chat. */
export function chatIdOf(message: OutboundMessage): string {
  return message.threadKey ?? message.contact.externalId;
}

/** A negative chat id is a group or a supergroup (or a channel), which Telegram limits per minute. */
export const isGroupChatId = (chatId: string) => chatId.startsWith('-');

/**
 * The calls that deliver one message: the text in parts of at most 4096 characters, then each
 * attachment; the first call answers the replied-to message, the last one carries the buttons.
 */
export function planSend(message: OutboundMessage): PlannedCall[] {
  const chatId = chatIdParam(chatIdOf(message));
  const calls: PlannedCall[] = [
    ...splitText(message.text ?? '', TELEGRAM_MAX_TEXT_LENGTH).map((text): PlannedCall => ({ method: 'sendMessage', payload: { chat_id: chatId, text } })),
    ...(message.attachments ?? []).map((attachment) => mediaCall(chatId, attachment)),
  ];
  if (calls.length === 0) throw ChannelError.permanent('The message has neither text nor attachments; write a text or attach a file');
  const replyTo = message.replyToExternalId ? telegramMessageId(message.replyToExternalId) : undefined;
  if (replyTo) calls[0].payload.reply_parameters = { message_id: replyTo, allow_sending_without_reply: true };
  const keyboard = inlineKeyboard(message.buttons);
  if (keyboard) calls[calls.length - 1].payload.reply_markup = keyboard;
  return calls;
}

function mediaCall(chatId: number | string, attachment: OutboundAttachment): PlannedCall {
  const { method, field } = mediaMethodOf(attachment.contentType);
  // Telegram fetches a URL itself; bytes are uploaded as multipart.
  const media = attachment.data ? { source: attachment.data, filename: attachment.fileName } : attachment.url;
  if (!media) throw ChannelError.permanent(`The attachment ${attachment.fileName} has neither a URL nor content; attach it again`);
  return { method, payload: { chat_id: chatId, [field]: media } };
}

function mediaMethodOf(contentType: string): { method: PlannedCall['method']; field: string } {
  const type = contentType.toLowerCase();
  if (/^image\/(jpeg|png|webp)$/.test(type)) return { method: 'sendPhoto', field: 'photo' };
  if (type === 'video/mp4') return { method: 'sendVideo', field: 'video' };
  if (type === 'audio/ogg') return { method: 'sendVoice', field: 'voice' };
  if (type === 'audio/mpeg' || type === 'audio/mp4') return { method: 'sendAudio', field: 'audio' };
  // Everything else (PDF, GIF, SVG, archives) goes as a file, which Telegram never re-encodes.
  return { method: 'sendDocument', field: 'document' };
}

function inlineKeyboard(rows: OutboundButton[][] | undefined) {
  const keyboard = (rows ?? []).filter((row) => row.length).map((row) => row.map((button) => (button.url ? { text: button.text, url: button.url } : { text: button.text, callback_data: button.id })));
  return keyboard.length ? { inline_keyboard: keyboard } : undefined;
}

function chatIdParam(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}
