import { describe, expect, it } from 'vitest';
import { WebhookPayloadError } from '@channel-adapters/core';
import * as updates from '../../../test/support/fakes/telegram-updates.js';
import type { TgUpdate } from './telegram-update.types.js';
import { eventsFromUpdate, readUpdate, telegramMessageId } from './telegram-updates.js';

const parse = (update: object) => eventsFromUpdate(readUpdate(JSON.parse(JSON.stringify(update))) as TgUpdate);
const { CUSTOMER, GROUP, OTHER_CUSTOMER } = updates;

describe('eventsFromUpdate', () => {
  it('turns a private text into a message from the person, keyed by chat and message id, with the entities kept', () => {
    const [event] = parse(updates.withBoldGreeting(1, 10));
    expect(event).toMatchObject({
      kind: 'message',
      externalId: `${CUSTOMER.id}:10`,
      contact: { externalId: String(CUSTOMER.id), name: 'Анна Ёлкина', username: 'anna_yolkina', locale: 'ru' },
      text: 'Здравствуйте! Заказ №4521 ещё в пути?',
      attributes: { entities: [{ offset: 0, length: 12, type: 'bold' }, { offset: 20, length: 4, type: 'italic' }] },
    });
    expect(event.kind === 'message' && event.threadKey).toBeUndefined();
    expect(event.kind === 'message' && event.sentAt?.toISOString()).toBe('2025-03-01T09:30:10.000Z');
  });

  it('makes the group the contact and the thread of a group message, with the sender in the attributes', () => {
    const [first] = parse(updates.groupText(2, 11, 'Нужно 40 коробок', CUSTOMER));
    const [second] = parse(updates.groupText(3, 12, 'И ещё скотч', OTHER_CUSTOMER));
    for (const event of [first, second]) {
      expect(event).toMatchObject({ kind: 'message', threadKey: String(GROUP.id), contact: { externalId: String(GROUP.id), name: 'Опт: заказы' } });
    }
    expect(first).toMatchObject({ externalId: `${GROUP.id}:11`, attributes: { sender: { externalId: String(CUSTOMER.id), name: 'Анна Ёлкина', username: 'anna_yolkina' } } });
    expect(second).toMatchObject({ attributes: { sender: { externalId: String(OTHER_CUSTOMER.id), name: 'Pavel' } } });
  });

  it('points a reply at the replied-to message of the same chat', () => {
    const [event] = parse(updates.reply(4, 13, 10, 'Это про тот заказ'));
    expect(event).toMatchObject({ replyToExternalId: `${CUSTOMER.id}:10` });
    expect(telegramMessageId(`${CUSTOMER.id}:10`)).toBe(10);
  });

  it('turns an edited message into an edit of the same external id', () => {
    expect(parse(updates.edited(5, 10, 'Заказ №4522, извините'))).toEqual([
      { kind: 'message_edited', externalId: `${CUSTOMER.id}:10`, contact: expect.objectContaining({ externalId: String(CUSTOMER.id) }), text: 'Заказ №4522, извините', editedAt: expect.any(Date) },
    ]);
  });

  it('ignores an edit without text, as a moving live location sends', () => {
    const update = { update_id: 6, edited_message: { message_id: 14, from: CUSTOMER, chat: { id: CUSTOMER.id, type: 'private' }, date: 1, location: { latitude: 1, longitude: 2 } } };
    expect(parse(update)).toEqual([]);
  });

  it('turns a button press into a button event with its data and the label of the pressed button', () => {
    expect(parse(updates.callbackQuery(7, '4382910384719', 'confirm'))).toEqual([
      { kind: 'button', externalId: 'callback:4382910384719', contact: expect.objectContaining({ externalId: String(CUSTOMER.id) }), payload: 'confirm', text: 'Да, подтверждаю' },
    ]);
  });

  it('takes the largest size of a photo and keeps the caption as text', () => {
    const [event] = parse(updates.photo(8, 15, 'AgACAgIAAxkBAAIBphoto', 'Вот такая коробка'));
    expect(event).toMatchObject({
      kind: 'message',
      text: 'Вот такая коробка',
      attachments: [{ externalId: 'AgACAgIAAxkBAAIBphoto', fileName: 'photo_AQADlarge.jpg', contentType: 'image/jpeg', sizeBytes: 58_211 }],
    });
  });

  it('describes documents, voice messages and stickers as attachments', () => {
    expect(parse(updates.document(9, 16, 'BQACdoc', 'Счёт №17.pdf', 'application/pdf', 48_000))[0]).toMatchObject({
      attachments: [{ externalId: 'BQACdoc', fileName: 'Счёт №17.pdf', contentType: 'application/pdf', sizeBytes: 48_000 }],
    });
    expect(parse(updates.voice(10, 17, 'AwACvoice'))[0]).toMatchObject({ attachments: [{ fileName: 'voice.ogg', contentType: 'audio/ogg' }] });
    expect(parse(updates.sticker(11, 18))[0]).toMatchObject({ text: '👍', attachments: [{ fileName: 'sticker.webp', contentType: 'image/webp' }], attributes: { sticker: { emoji: '👍' } } });
  });

  it('tells the phone of a person who shares their own contact, and not for someone else\'s card', () => {
    const [info, message] = parse(updates.ownContact(12, 19, '+79123456789'));
    expect(info).toEqual({ kind: 'contact_info', externalId: `contact:${CUSTOMER.id}:19`, contact: expect.objectContaining({ externalId: String(CUSTOMER.id), name: 'Анна Ёлкина', phone: '+79123456789' }) });
    expect(message).toMatchObject({ kind: 'message', text: '📇 Анна: +79123456789', attributes: { sharedContact: { phone: '+79123456789' } } });
    const card = updates.privateMessage(13, 20, { contact: { phone_number: '+79990001122', first_name: 'Курьер', user_id: 42 } });
    expect(parse(card).map((event) => event.kind)).toEqual(['message']);
  });

  it('shows a location as coordinates and keeps them in the attributes', () => {
    expect(parse(updates.location(14, 21))[0]).toMatchObject({ text: '📍 55.755826, 37.6173', attributes: { location: { latitude: 55.755826, longitude: 37.6173 } } });
  });

  it('keeps an update of an unhandled type as unsupported with its raw payload and whoever sent it', () => {
    const update = updates.pollAnswer(15);
    expect(parse(update)).toEqual([{ kind: 'unsupported', externalId: 'update:15', contact: expect.objectContaining({ externalId: String(CUSTOMER.id) }), description: 'poll_answer', raw: update }]);
  });

  it('keeps a message without any content it can show (a member joining) as unsupported', () => {
    const update = { update_id: 16, message: { message_id: 22, from: CUSTOMER, chat: GROUP, date: 1, new_chat_members: [OTHER_CUSTOMER] } };
    expect(parse(update)[0]).toMatchObject({ kind: 'unsupported', externalId: 'update:16', description: expect.stringContaining('new_chat_members') });
  });
});

describe('readUpdate', () => {
  it('rejects a body without an integer update_id and a message without a chat', () => {
    expect(() => readUpdate({ message: {} })).toThrow(WebhookPayloadError);
    expect(() => readUpdate({ update_id: 1, message: { message_id: 1 } })).toThrow(/message\.chat/);
    expect(() => readUpdate([1, 2])).toThrow(WebhookPayloadError);
  });
});
