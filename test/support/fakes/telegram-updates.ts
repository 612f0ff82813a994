/**
 * Updates shaped exactly as the Bot API sends them (webhook bodies and getUpdates results), with
 * Russian-speaking customers, for adapter and end-to-end tests.
 */

export const CUSTOMER = { id: 5_120_334_871, is_bot: false, first_name: 'Анна', last_name: 'Ёлкина', username: 'anna_yolkina', language_code: 'ru' };
export const OTHER_CUSTOMER = { id: 6_002_118_245, is_bot: false, first_name: 'Pavel', username: 'pavel_k', language_code: 'en' };
export const GROUP = { id: -1_001_987_654_321, title: 'Опт: заказы', type: 'supergroup' as const };

/** A Telegram User as updates carry it. */
export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

const date = (offsetSec = 0) => Math.floor(Date.UTC(2025, 2, 1, 9, 30) / 1000) + offsetSec;

const privateChat = (user: User) => ({ id: user.id, first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}), username: user.username, type: 'private' as const });

/** A message in the customer's private chat with the bot; `content` holds text, photo, document, ... */
export function privateMessage(updateId: number, messageId: number, content: Record<string, unknown>, user: User = CUSTOMER) {
  return { update_id: updateId, message: { message_id: messageId, from: user, chat: privateChat(user), date: date(messageId), ...content } };
}

export function privateText(updateId: number, messageId: number, text: string, user: User = CUSTOMER, extra: Record<string, unknown> = {}) {
  return privateMessage(updateId, messageId, { text, ...extra }, user);
}

export function withBoldGreeting(updateId: number, messageId: number) {
  return privateText(updateId, messageId, 'Здравствуйте! Заказ №4521 ещё в пути?', CUSTOMER, {
    entities: [
      { offset: 0, length: 12, type: 'bold' },
      { offset: 20, length: 4, type: 'italic' },
    ],
  });
}

export function groupText(updateId: number, messageId: number, text: string, user: User = CUSTOMER) {
  return { update_id: updateId, message: { message_id: messageId, from: user, chat: GROUP, date: date(messageId), text } };
}

export function edited(updateId: number, messageId: number, text: string, user: User = CUSTOMER) {
  return { update_id: updateId, edited_message: { message_id: messageId, from: user, chat: privateChat(user), date: date(messageId), edit_date: date(messageId + 60), text } };
}

export function reply(updateId: number, messageId: number, replyToId: number, text: string, user: User = CUSTOMER) {
  return privateText(updateId, messageId, text, user, { reply_to_message: { message_id: replyToId, from: user, chat: privateChat(user), date: date(replyToId), text: 'earlier' } });
}

export function callbackQuery(updateId: number, queryId: string, data: string, user: User = CUSTOMER, onMessageId = 77) {
  return {
    update_id: updateId,
    callback_query: {
      id: queryId,
      from: user,
      chat_instance: '-3517823984712398',
      data,
      message: {
        message_id: onMessageId,
        from: { id: 123456789, is_bot: true, first_name: 'Магазин Бот', username: 'shop_test_bot' },
        chat: privateChat(user),
        date: date(onMessageId),
        text: 'Подтвердить заказ?',
        reply_markup: { inline_keyboard: [[{ text: 'Да, подтверждаю', callback_data: 'confirm' }, { text: 'Нет', callback_data: 'cancel' }]] },
      },
    },
  };
}

export function photo(updateId: number, messageId: number, fileId: string, caption?: string, user: User = CUSTOMER, fileSize = 58_211) {
  return privateMessage(updateId, messageId, {
    photo: [
      { file_id: `${fileId}-small`, file_unique_id: 'AQADsmall', file_size: 1_312, width: 90, height: 67 },
      { file_id: fileId, file_unique_id: 'AQADlarge', file_size: fileSize, width: 1280, height: 960 },
      { file_id: `${fileId}-medium`, file_unique_id: 'AQADmedium', file_size: 19_877, width: 320, height: 240 },
    ],
    ...(caption ? { caption } : {}),
  }, user);
}

export function document(updateId: number, messageId: number, fileId: string, fileName: string, mimeType: string, fileSize: number, user: User = CUSTOMER) {
  return privateMessage(updateId, messageId, {
    document: { file_name: fileName, mime_type: mimeType, file_id: fileId, file_unique_id: `u-${fileId}`, file_size: fileSize },
  }, user);
}

/** The customer shares their own number with the "share contact" button. */
export function ownContact(updateId: number, messageId: number, phone: string, user: User = CUSTOMER) {
  return privateMessage(updateId, messageId, {
    contact: { phone_number: phone, first_name: user.first_name, user_id: user.id },
  }, user);
}

export function location(updateId: number, messageId: number, user: User = CUSTOMER) {
  return privateMessage(updateId, messageId, { location: { latitude: 55.755826, longitude: 37.6173 } }, user);
}

export function voice(updateId: number, messageId: number, fileId: string, user: User = CUSTOMER) {
  return privateMessage(updateId, messageId, {
    voice: { duration: 4, mime_type: 'audio/ogg', file_id: fileId, file_unique_id: `u-${fileId}`, file_size: 9_810 },
  }, user);
}

export function sticker(updateId: number, messageId: number, user: User = CUSTOMER) {
  return privateMessage(updateId, messageId, {
    sticker: { width: 512, height: 512, emoji: '👍', set_name: 'HotCherry', is_animated: false, is_video: false, type: 'regular', file_id: 'CAACAgIAAxkBAAIBsticker', file_unique_id: 'AgADsticker', file_size: 23_552 },
  }, user);
}

/** A poll answer: an update type the product does not handle. */
export function pollAnswer(updateId: number, user: User = CUSTOMER) {
  return { update_id: updateId, poll_answer: { poll_id: '5361423434958643201', user, option_ids: [1] } };
}
