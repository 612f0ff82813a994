import { describe, expect, it } from 'vitest';
import * as vk from '../../../test/support/fakes/vk-callbacks.js';
import { eventsFromUpdate, readUpdate } from './vk-updates.js';

const parse = (body: object) => eventsFromUpdate(readUpdate(JSON.parse(JSON.stringify(body))));
const { CUSTOMER } = vk;
const CDN = 'https://sun9-12.userapi.com/impg/c858/photo.jpg';

describe('eventsFromUpdate', () => {
  it('keys a message by peer and conversation_message_id, clears the denied flag and keeps the client info', () => {
    const [event] = parse(vk.messageNew(vk.message(CUSTOMER.id, 17, 'Здравствуйте! Заказ №4521 ещё в пути?')));
    expect(event).toMatchObject({
      kind: 'message',
      externalId: `${CUSTOMER.id}:17`,
      contact: { externalId: String(CUSTOMER.id), attributes: { messagesDenied: false } },
      text: 'Здравствуйте! Заказ №4521 ещё в пути?',
      attributes: { clientInfo: { inline_keyboard: true } },
    });
    expect(event.kind === 'message' && event.sentAt?.toISOString()).toBe('2025-03-01T09:30:10.000Z');
  });

  it('takes the largest size of a photo and reads documents by their extension', () => {
    const [event] = parse(vk.messageNew(vk.message(CUSTOMER.id, 18, 'Вот коробка', { attachments: [vk.photo(CDN), vk.doc('https://vk.com/doc512_650?hash=x', 'Счёт №17.pdf', 48_000, 'pdf')] })));
    expect(event).toMatchObject({
      kind: 'message',
      attachments: [
        { externalId: CDN, url: CDN, fileName: `photo${CUSTOMER.id}_456239017.jpg`, contentType: 'image/jpeg' },
        { fileName: 'Счёт №17.pdf', contentType: 'application/pdf', sizeBytes: 48_000 },
      ],
    });
  });

  it('puts the transcript of a voice message into the text and the attributes', () => {
    const [event] = parse(vk.messageNew(vk.message(CUSTOMER.id, 19, '', { attachments: [vk.audioMessage('https://psv4.userapi.com/voice.ogg', 'Перезвоните мне после шести')] })));
    expect(event).toMatchObject({
      kind: 'message',
      text: 'Перезвоните мне после шести',
      attributes: { transcript: 'Перезвоните мне после шести', voice: { durationSec: 4 } },
      attachments: [{ contentType: 'audio/ogg', fileName: `voice${CUSTOMER.id}_650000777.ogg` }],
    });
    const [untranscribed] = parse(vk.messageNew(vk.message(CUSTOMER.id, 20, '', { attachments: [vk.audioMessage('https://psv4.userapi.com/voice.ogg')] })));
    expect(untranscribed.kind === 'message' && untranscribed.text).toBeUndefined();
  });

  it('turns a message with a button payload into a button press with our button id, or VK\'s command', () => {
    expect(parse(vk.messageNew(vk.message(CUSTOMER.id, 21, 'Да, подтверждаю', { payload: '{"button":"confirm"}' })))).toEqual([
      { kind: 'button', externalId: `${CUSTOMER.id}:21`, contact: expect.objectContaining({ externalId: String(CUSTOMER.id) }), payload: 'confirm', text: 'Да, подтверждаю' },
    ]);
    expect(parse(vk.messageNew(vk.message(CUSTOMER.id, 22, 'Начать', { payload: '{"command":"start"}' })))[0]).toMatchObject({ kind: 'button', payload: 'start' });
  });

  it('shows a message an administrator wrote in VK as outgoing, and skips one sent through the API', () => {
    expect(parse(vk.messageReply(CUSTOMER.id, 23, 'Добрый день! Заказ у курьера.'))).toMatchObject([
      { kind: 'message', outgoing: true, externalId: `${CUSTOMER.id}:23`, contact: { externalId: String(CUSTOMER.id) }, attributes: { adminAuthorId: vk.ADMIN_ID } },
    ]);
    expect(parse(vk.messageReply(CUSTOMER.id, 24, 'Отправлено из продукта', { adminAuthorId: null }))).toEqual([]);
  });

  it('turns an edit into an edit of the same external id', () => {
    expect(parse(vk.messageEdit(CUSTOMER.id, 17, 'Заказ №4522, извините'))).toEqual([
      { kind: 'message_edited', externalId: `${CUSTOMER.id}:17`, contact: { externalId: String(CUSTOMER.id) }, text: 'Заказ №4522, извините', editedAt: new Date((1_740_821_410 + 60) * 1000) },
    ]);
  });

  it('turns message_deny and message_allow into the identity\'s messagesDenied flag', () => {
    expect(parse(vk.messageDeny(CUSTOMER.id))).toMatchObject([{ kind: 'contact_info', contact: { externalId: String(CUSTOMER.id), attributes: { messagesDenied: true } } }]);
    expect(parse(vk.messageAllow(CUSTOMER.id))).toMatchObject([{ kind: 'contact_info', contact: { attributes: { messagesDenied: false } } }]);
  });

  it('makes a group chat the contact and the thread, with the sender in the attributes', () => {
    const [event] = parse(vk.messageNew(vk.message(2_000_000_005, 3, 'Всем привет', { from_id: CUSTOMER.id })));
    expect(event).toMatchObject({ kind: 'message', threadKey: '2000000005', contact: { externalId: '2000000005', name: 'VK chat 5' }, attributes: { sender: { externalId: String(CUSTOMER.id) } } });
  });

  it('keeps a message with nothing it can show as unsupported, and ignores events that are not messages', () => {
    expect(parse(vk.messageNew(vk.message(CUSTOMER.id, 25, '', { attachments: [{ type: 'wall', wall: { id: 1 } }] })))).toMatchObject([{ kind: 'unsupported', description: 'VK wall' }]);
    expect(parse(vk.envelope('group_join', { user_id: CUSTOMER.id, join_type: 'join' }))).toEqual([]);
  });
});
