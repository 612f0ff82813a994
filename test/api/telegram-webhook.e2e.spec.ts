import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { attachments, contactIdentities, inboxes, messages } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import * as updates from '../support/fakes/telegram-updates.js';
import { createTelegramInbox, postUpdate, type TelegramInbox } from '../support/telegram-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://inbox.example.com';
const { CUSTOMER, OTHER_CUSTOMER, GROUP } = updates;

/** A customer of one test: their own chat, so Telegram's one-message-a-second-per-chat limit never slows another test. */
let nextCustomerId = 7_100_000_000;
const newCustomer = (first_name = 'Мария'): updates.User => ({ id: nextCustomerId++, is_bot: false, first_name, username: `user${nextCustomerId}`, language_code: 'ru' });

describe('Telegram bots over webhooks (PUBLIC_URL set)', () => {
  let fake: FakeTelegramBotApi;
  let t: TestApp;
  let dataDir: string;
  let admin: string;
  let agent: { id: string; token: string };
  let outsider: { id: string; token: string };
  let socket: AgentClient;
  let inbox: TelegramInbox;
  let updateId = 1_000;
  let messageId = 500;

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi();
    dataDir = mkdtempSync(join(tmpdir(), 'omnibox-telegram-'));
    // Retries after milliseconds instead of seconds, so the 429 and 5xx cases stay quick.
    t = await startTestApp({ env: { PUBLIC_URL, DATA_DIR: dataDir }, queueBackoff: { type: 'fixed', delayMs: 20 } });
    const baseUrl = await t.listen();
    admin = await t.adminToken();
    inbox = await createTelegramInbox(t, admin, fake);
    agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    outsider = await t.createUser('agent');
    socket = await connectAgent(baseUrl, agent.token);
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const auth = (token = agent.token) => ({ Authorization: `Bearer ${token}` });
  const post = (update: object) => postUpdate(t, inbox, update);
  const messageEvent = (content: string) => socket.waitFor('message.created', (e) => e.payload.content === content);

  describe('connecting a bot', () => {
    it('checks the token with getMe and registers the webhook at PUBLIC_URL with a secret, showing the bot but never the secret', async () => {
      expect(fake.webhook).toEqual({ url: `${PUBLIC_URL}/webhooks/${inbox.id}`, secret_token: expect.stringMatching(/^[0-9a-f]{64}$/), allowed_updates: ['message', 'edited_message', 'callback_query'] });
      const view = (await t.http().get(`/api/inboxes/${inbox.id}`).set(auth(admin)).expect(200)).body;
      expect(view.settings).toEqual({ apiRoot: fake.url, mode: 'webhook', botId: fake.bot.id, botUsername: 'shop_test_bot', botName: 'Магазин Бот' });
      expect(view.secretFields.sort()).toEqual(['botToken', 'webhookSecret']);
      expect(JSON.stringify(view)).not.toContain(fake.webhook!.secret_token);
      const [row] = await t.db.select().from(inboxes).where(eq(inboxes.id, inbox.id));
      expect(String(row.settings.webhookSecret)).toMatch(/^enc:v1:/);
    });

    it('answers 400 channel_config_invalid with the reason and saves nothing when Telegram refuses the token', async () => {
      const before = (await t.http().get('/api/inboxes?type=telegram&limit=100').set(auth(admin)).expect(200)).body.items.length;
      const res = await t
        .http()
        .post('/api/inboxes')
        .set(auth(admin))
        .set('Accept-Language', 'en')
        .send({ type: 'telegram', name: 'Wrong bot', settings: { botToken: '42:not-a-real-token', apiRoot: fake.url } })
        .expect(400);
      expect(res.body.code).toBe('channel_config_invalid');
      expect(res.body.message).toContain('Telegram refused the bot token (401 Unauthorized)');
      expect(res.body.message).not.toContain('not-a-real-token');
      const after = (await t.http().get('/api/inboxes?type=telegram&limit=100').set(auth(admin)).expect(200)).body.items.length;
      expect(after).toBe(before);
    });

    it('deletes the webhook when the inbox is switched off and registers a new one when it is switched on again', async () => {
      const other = await createTelegramInbox(t, admin, fake, {}, 'Второй бот');
      const firstSecret = fake.webhook!.secret_token;
      await t.http().patch(`/api/inboxes/${other.id}`).set(auth(admin)).send({ enabled: false }).expect(200);
      expect(fake.webhook).toBeNull();
      await t.http().patch(`/api/inboxes/${other.id}`).set(auth(admin)).send({ enabled: true }).expect(200);
      expect(fake.webhook).toMatchObject({ url: `${PUBLIC_URL}/webhooks/${other.id}` });
      expect(fake.webhook!.secret_token).not.toBe(firstSecret);
      await t.http().delete(`/api/inboxes/${other.id}`).set(auth(admin)).expect(204);
      expect(fake.webhook).toBeNull();
      // The shared fake bot goes back to the main inbox's webhook for the tests below.
      inbox = await reconnect(inbox);
    });
  });

  /** Switching an inbox off and on connects it again, with a new webhook secret. */
  async function reconnect(target: TelegramInbox): Promise<TelegramInbox> {
    await t.http().patch(`/api/inboxes/${target.id}`).set(auth(admin)).send({ enabled: false }).expect(200);
    await t.http().patch(`/api/inboxes/${target.id}`).set(auth(admin)).send({ enabled: true }).expect(200);
    return { id: target.id, webhookSecret: fake.webhook!.secret_token };
  }

  describe('webhook requests', () => {
    it('refuses an update without the secret token header or with a wrong one (401)', async () => {
      const update = updates.privateText(updateId++, messageId++, 'Без секрета');
      expect((await postUpdate(t, inbox, update, null).expect(401)).body.code).toBe('webhook_signature_invalid');
      await postUpdate(t, inbox, update, 'guessed-secret').expect(401);
      expect(await t.db.select().from(messages).where(eq(messages.content, 'Без секрета'))).toEqual([]);
    });

    it('stores a private text once, with its entities and the person\'s name, username and language, even when delivered twice', async () => {
      const update = updates.withBoldGreeting(updateId++, messageId++);
      expect((await post(update).expect(200)).body).toMatchObject({ received: 1, stored: 1 });
      expect((await post(update).expect(200)).body).toMatchObject({ received: 1, stored: 0 });
      const created = await messageEvent('Здравствуйте! Заказ №4521 ещё в пути?');
      expect(created.payload.contentAttributes.entities).toEqual([{ offset: 0, length: 12, type: 'bold' }, { offset: 20, length: 4, type: 'italic' }]);
      const conversation = await socket.waitFor('conversation.created', (e) => e.conversationId === created.conversationId);
      expect(conversation.payload.contact?.name).toBe('Анна Ёлкина');
      const stored = await t.db.select().from(messages).where(eq(messages.externalId, `${CUSTOMER.id}:${update.message.message_id}`));
      expect(stored).toHaveLength(1);
      const [identity] = await t.db.select().from(contactIdentities).where(eq(contactIdentities.externalId, String(CUSTOMER.id)));
      expect(identity).toMatchObject({ username: 'anna_yolkina', displayName: 'Анна Ёлкина' });
      const contact = (await t.http().get(`/api/contacts/${conversation.payload.contactId}`).set(auth(admin)).expect(200)).body;
      expect(contact.locale).toBe('ru');
    });

    it('keeps one conversation per group whoever writes, showing each sender', async () => {
      await post(updates.groupText(updateId++, messageId++, 'Нужно 40 коробок', CUSTOMER)).expect(200);
      await post(updates.groupText(updateId++, messageId++, 'И ещё скотч', OTHER_CUSTOMER)).expect(200);
      const first = await messageEvent('Нужно 40 коробок');
      const second = await messageEvent('И ещё скотч');
      expect(second.conversationId).toBe(first.conversationId);
      expect(first.payload.contentAttributes.sender).toMatchObject({ externalId: String(CUSTOMER.id), name: 'Анна Ёлкина' });
      expect(second.payload.contentAttributes.sender).toMatchObject({ externalId: String(OTHER_CUSTOMER.id), name: 'Pavel' });
      const conversation = (await t.http().get(`/api/conversations/${first.conversationId}`).set(auth()).expect(200)).body;
      expect(conversation.contact.name).toBe(GROUP.title);
    });

    it('updates an edited message in place instead of adding one', async () => {
      const customer = newCustomer();
      const original = updates.privateText(updateId++, messageId++, 'Заказ №4521', customer);
      await post(original).expect(200);
      const created = await messageEvent('Заказ №4521');
      await post(updates.edited(updateId++, original.message.message_id, 'Заказ №4522, извините', customer)).expect(200);
      const updated = await socket.waitFor('message.updated', (e) => e.payload.id === created.payload.id);
      expect(updated.payload).toMatchObject({ content: 'Заказ №4522, извините', contentAttributes: { edited: true, previousContent: 'Заказ №4521' } });
      expect(await t.db.select().from(messages).where(eq(messages.conversationId, created.conversationId!))).toHaveLength(1);
    });

    it('stores a button press with its label and acknowledges it with answerCallbackQuery', async () => {
      const customer = newCustomer();
      await post(updates.callbackQuery(updateId++, '4382910384719', 'confirm', customer)).expect(200);
      const pressed = await messageEvent('Да, подтверждаю');
      expect(pressed.payload.contentAttributes).toMatchObject({ buttonPayload: 'confirm' });
      expect((await fake.waitForCall('answerCallbackQuery')).params).toEqual({ callback_query_id: '4382910384719' });
    });

    it('fills the phone of a known contact when the person shares their own number', async () => {
      const customer = newCustomer('Ольга');
      await post(updates.privateText(updateId++, messageId++, 'Перезвоните мне', customer)).expect(200);
      await messageEvent('Перезвоните мне');
      await post(updates.ownContact(updateId++, messageId++, '+7 912 345-67-01', customer)).expect(200);
      const shared = await messageEvent('📇 Ольга: +7 912 345-67-01');
      const conversation = (await t.http().get(`/api/conversations/${shared.conversationId}`).set(auth()).expect(200)).body;
      const contact = (await t.http().get(`/api/contacts/${conversation.contactId}`).set(auth(admin)).expect(200)).body;
      expect(contact.phones).toEqual(['+79123456701']);
    });

    it('keeps an update of an unknown type as an unsupported event with its raw payload', async () => {
      const update = updates.pollAnswer(updateId++, newCustomer());
      expect((await post(update).expect(200)).body).toMatchObject({ stored: 1 });
      const [stored] = await t.db.select().from(messages).where(eq(messages.externalId, `update:${update.update_id}`));
      expect(stored).toMatchObject({ messageType: 'system', contentAttributes: { unsupported: true, raw: update } });
    });

    it('answers 400 for a body that is not an Update', async () => {
      const res = await post({ message: { text: 'no update_id' } }).expect(400);
      expect(res.body.code).toBe('webhook_payload_invalid');
    });
  });

  describe('files', () => {
    const PHOTO = Buffer.from('\xff\xd8\xff\xe0 фото коробки', 'latin1');

    it('fetches a photo through getFile, stores it and links it without the bot token', async () => {
      fake.addFile('AgACAgIAAxkBAAIBphoto-1', { data: PHOTO });
      await post(updates.photo(updateId++, messageId++, 'AgACAgIAAxkBAAIBphoto-1', 'Вот такая коробка', newCustomer())).expect(200);
      const created = await messageEvent('Вот такая коробка');
      const [attachment] = created.payload.attachments;
      expect(attachment).toMatchObject({ fileName: 'photo_AQADlarge.jpg', contentType: 'image/jpeg', sizeBytes: PHOTO.length });
      expect(attachment.url).toMatch(new RegExp(`^/api/attachments/${attachment.id}\\?exp=\\d+&sig=`));
      expect(JSON.stringify(created.payload)).not.toContain(fake.token.split(':')[1]);

      // The signed link works without a token, as an <img src> in the browser needs.
      const image = await t.http().get(attachment.url!).buffer(true).parse(binary as never).expect(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
      expect(Buffer.compare(image.body as Buffer, PHOTO)).toBe(0);
      const page = (await t.http().get(`/api/conversations/${created.conversationId}/messages`).set(auth()).expect(200)).body;
      expect(page.items[0].attachments[0].url).toMatch(/^\/api\/attachments\//);
      const [row] = await t.db.select().from(attachments).where(eq(attachments.id, attachment.id));
      expect(row).toMatchObject({ storageKey: attachment.id, externalUrl: null });
    });

    it('serves a stored file to a member of its inbox with a token, and to nobody else', async () => {
      const [row] = await t.db.select().from(attachments).where(eq(attachments.fileName, 'photo_AQADlarge.jpg'));
      await t.http().get(`/api/attachments/${row.id}`).set(auth()).expect(200);
      expect((await t.http().get(`/api/attachments/${row.id}`).set(auth(outsider.token)).expect(404)).body.code).toBe('not_found');
      await t.http().get(`/api/attachments/${row.id}`).expect(401);
      await t.http().get(`/api/attachments/${row.id}?exp=9999999999&sig=forged`).expect(401);
    });

    it('refuses a file over 20 MB and tells the sender in their language through the bot', async () => {
      const customer = newCustomer('Игорь');
      await post(updates.document(updateId++, messageId++, 'BQAC-huge', 'Каталог 2025.pdf', 'application/pdf', 31 * 1024 * 1024, customer)).expect(200);
      const notice = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === customer.id);
      expect(notice.params.text).toBe('Файл «Каталог 2025.pdf» слишком большой: здесь принимаются файлы до 20 МБ. Пришлите файл поменьше или ссылку на него.');
      expect(fake.callsOf('getFile').filter((c) => c.params.file_id === 'BQAC-huge')).toEqual([]);
      const [incoming] = await t.db.select().from(messages).where(eq(messages.externalId, `${customer.id}:${messageId - 1}`));
      expect(incoming.contentAttributes.refusedAttachments).toEqual([{ fileName: 'Каталог 2025.pdf', sizeBytes: 31 * 1024 * 1024, reason: 'too_large', maxBytes: 20 * 1024 * 1024 }]);
    });
  });

  describe('replies', () => {
    /** A new customer writes in; answers their conversation id and chat id. */
    async function customerWrites(text: string) {
      const customer = newCustomer();
      const sent = updates.privateText(updateId++, messageId++, text, customer);
      await post(sent).expect(200);
      const created = await messageEvent(text);
      return { conversationId: created.conversationId!, chatId: customer.id, incomingId: created.payload.id };
    }

    const reply = async (conversationId: string, body: Record<string, unknown>) =>
      (await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth()).send(body).expect(201)).body as { id: string };
    const statusOf = (id: string, status: string) => socket.waitFor('message.updated', (e) => e.payload.id === id && e.payload.status === status);

    it('sends a reply to the right chat, answering the customer\'s message, with inline buttons', async () => {
      const { conversationId, chatId, incomingId } = await customerWrites('Можно оплатить картой?');
      const buttons = [[{ id: 'pay', text: 'Оплатить' }, { id: 'site', text: 'Сайт', url: 'https://shop.example.ru' }]];
      const sentReply = await reply(conversationId, { text: 'Да, вот ссылка на оплату', replyToId: incomingId, buttons });
      const sent = await statusOf(sentReply.id, 'sent');
      const call = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === chatId);
      expect(call.params).toMatchObject({
        text: 'Да, вот ссылка на оплату',
        reply_parameters: { message_id: messageId - 1, allow_sending_without_reply: true },
        reply_markup: { inline_keyboard: [[{ text: 'Оплатить', callback_data: 'pay' }, { text: 'Сайт', url: 'https://shop.example.ru' }]] },
      });
      const [row] = await t.db.select().from(messages).where(eq(messages.id, sent.payload.id));
      expect(row.externalId).toMatch(new RegExp(`^${chatId}:\\d+$`));
    });

    it('splits a text longer than 4096 characters into several messages', async () => {
      const { conversationId, chatId } = await customerWrites('Пришлите договор текстом');
      const text = Array.from({ length: 60 }, (_, i) => `Пункт ${i + 1}. ${'Условия поставки и оплаты. '.repeat(5)}`).join('\n');
      const sentReply = await reply(conversationId, { text });
      await statusOf(sentReply.id, 'sent');
      const parts = fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chatId);
      expect(parts.length).toBeGreaterThanOrEqual(Math.ceil(text.length / 4096));
      expect(parts.every((c) => (c.params.text as string).length <= 4096)).toBe(true);
      expect(parts.map((c) => c.params.text).join('\n')).toBe(text);
    });

    it('waits out a 429 for retry_after seconds and then delivers', async () => {
      const { conversationId, chatId } = await customerWrites('Жду ответа');
      fake.failNext('sendMessage', { errorCode: 429, retryAfter: 1 });
      const sentReply = await reply(conversationId, { text: 'Отвечаем после паузы' });
      await statusOf(sentReply.id, 'sent');
      const calls = fake.callsOf('sendMessage').filter((c) => c.params.text === 'Отвечаем после паузы');
      expect(calls.map((c) => c.params.chat_id)).toEqual([chatId, chatId]);
      expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
      const [row] = await t.db.select().from(messages).where(eq(messages.id, sentReply.id));
      expect(row.attempts).toBe(0);
    });

    it('marks the reply failed with a clear reason and flags the identity when the person blocked the bot', async () => {
      const { conversationId } = await customerWrites('Последний вопрос');
      fake.failNext('sendMessage', { errorCode: 403, description: 'Forbidden: bot was blocked by the user' });
      const sentReply = await reply(conversationId, { text: 'Ответ, который не дойдёт' });
      const failed = await statusOf(sentReply.id, 'failed');
      expect(failed.payload.error).toContain('blocked the bot');
      const conversation = (await t.http().get(`/api/conversations/${conversationId}`).set(auth()).expect(200)).body;
      const [identity] = await t.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, conversation.contactId));
      expect(identity.attributes).toMatchObject({ blocked: true });
    });

    it('keeps to one message a second per chat', async () => {
      const { conversationId, chatId } = await customerWrites('Два вопроса подряд');
      const first = await reply(conversationId, { text: 'Первый ответ' });
      const second = await reply(conversationId, { text: 'Второй ответ' });
      await statusOf(first.id, 'sent');
      await statusOf(second.id, 'sent');
      const [a, b] = fake.callsOf('sendMessage').filter((c) => c.params.chat_id === chatId);
      expect(Math.abs(b.at - a.at)).toBeGreaterThanOrEqual(900);
    });
  });
});

/** supertest's parser that keeps a binary body as a Buffer. */
function binary(res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
