import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createChannelRegistry } from '@channel-adapters/registry';
import { VkChannelAdapter } from '@channel-adapters/vk';
import { attachments, contactIdentities, inboxes, messages } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { startFakeVkApi, type FakeVkApi } from '../support/fakes/vk-api.js';
import * as vk from '../support/fakes/vk-callbacks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createVkInbox, postCallback, VK_SECRET_KEY } from '../support/vk-channel.js';

const PUBLIC_URL = 'https://inbox.example.com';
const SECRET = { secret: VK_SECRET_KEY };

/** A customer of one test, so one test's flags and names never leak into another's. */
let nextUserId = 600_000_001;
const newCustomer = (fake: FakeVkApi, first_name = 'Мария', last_name = 'Ёжикова') => {
  const user = { id: nextUserId++, first_name, last_name };
  fake.addUser(user);
  return user;
};

describe('VK communities over the Callback API (PUBLIC_URL set)', () => {
  let fake: FakeVkApi;
  let t: TestApp;
  let dataDir: string;
  let admin: string;
  let agent: { id: string; token: string };
  let socket: AgentClient;
  let inboxId: string;
  let cmid = 100;

  beforeAll(async () => {
    fake = await startFakeVkApi({ groupId: vk.GROUP_ID });
    dataDir = mkdtempSync(join(tmpdir(), 'omnibox-vk-'));
    t = await startTestApp({
      env: { PUBLIC_URL, DATA_DIR: dataDir },
      adapters: createChannelRegistry({ vk: new VkChannelAdapter({ allowPrivateAddresses: true, requestTimeoutMs: 3_000 }) }),
      queueBackoff: { type: 'fixed', delayMs: 20 },
    });
    const baseUrl = await t.listen();
    admin = await t.adminToken();
    inboxId = await createVkInbox(t, admin, fake);
    agent = await t.createUser('agent', { inboxIds: [inboxId] });
    socket = await connectAgent(baseUrl, agent.token);
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const auth = (token = agent.token) => ({ Authorization: `Bearer ${token}` });
  const post = (event: object) => postCallback(t, inboxId, event);
  const messageEvent = (content: string) => socket.waitFor('message.created', (e) => e.payload.content === content);

  describe('connecting a community', () => {
    it('checks the token, fetches the confirmation code and shows the callback URL, never the secrets', async () => {
      const view = (await t.http().get(`/api/inboxes/${inboxId}`).set(auth(admin)).expect(200)).body;
      expect(view.settings).toEqual({ groupId: vk.GROUP_ID, apiBaseUrl: fake.apiBaseUrl, mode: 'callback', groupName: 'Магазин «Ёлка»', callbackConfirmationCode: fake.confirmationCode });
      expect(view.secretFields.sort()).toEqual(['accessToken', 'secretKey']);
      expect(view.publicWebhookUrl).toBe(`${PUBLIC_URL}/webhooks/${inboxId}`);
      expect(JSON.stringify(view)).not.toContain(VK_SECRET_KEY);
      expect(JSON.stringify(view)).not.toContain(fake.token);
      const list = (await t.http().get('/api/inboxes?type=vk').set(auth(admin)).expect(200)).body;
      expect(list.items.find((item: { id: string }) => item.id === inboxId).publicWebhookUrl).toBe(`${PUBLIC_URL}/webhooks/${inboxId}`);
      const [row] = await t.db.select().from(inboxes).where(eq(inboxes.id, inboxId));
      expect(String(row.settings.secretKey)).toMatch(/^enc:v1:/);
      expect(String(row.settings.accessToken)).toMatch(/^enc:v1:/);
    });

    it('refuses a revoked token beside the token field, in the administrator\'s language, and saves nothing', async () => {
      const create = (language: string) =>
        t
          .http()
          .post('/api/inboxes')
          .set(auth(admin))
          .set('Accept-Language', language)
          .send({ type: 'vk', name: 'Чужой токен', settings: { groupId: vk.GROUP_ID, accessToken: 'vk1.a.revoked', secretKey: 's', apiBaseUrl: fake.apiBaseUrl } })
          .expect(400);
      const en = (await create('en')).body;
      expect(en.code).toBe('channel_config_invalid');
      expect(en.message).toContain('create a new community token');
      expect(en.errors).toEqual([{ field: 'settings.accessToken', message: expect.stringContaining('create a new community token') }]);
      const ru = (await create('ru')).body;
      expect(ru.message).toContain('создайте новый ключ сообщества');
      expect(JSON.stringify(ru)).not.toContain('vk1.a.revoked');
      const list = (await t.http().get('/api/inboxes?type=vk').set(auth(admin)).expect(200)).body;
      expect(list.items).toHaveLength(1);
    });

    it('asks for a secret key for the Callback API and explains a wrong group id at its field', async () => {
      const noSecret = await t.http().post('/api/inboxes').set(auth(admin)).set('Accept-Language', 'en').send({ type: 'vk', name: 'Без ключа', settings: { groupId: vk.GROUP_ID, accessToken: fake.token, apiBaseUrl: fake.apiBaseUrl } }).expect(400);
      expect(noSecret.body.errors).toEqual([{ field: 'settings.secretKey', message: expect.stringContaining('secret key') }]);
      const badGroup = await t.http().post('/api/inboxes').set(auth(admin)).set('Accept-Language', 'ru').send({ type: 'vk', name: 'Группа', settings: { groupId: 'shop_online', accessToken: fake.token } }).expect(400);
      expect(badGroup.body.code).toBe('validation_failed');
      expect(badGroup.body.errors).toEqual([{ field: 'settings.groupId', message: expect.stringContaining('числовой id сообщества') }]);
    });
  });

  describe('Callback API requests', () => {
    it('answers the confirmation request with the code as text/plain', async () => {
      const res = await post(vk.confirmation(SECRET)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe(fake.confirmationCode);
    });

    it('refuses a request with a wrong or missing secret (401) and stores nothing', async () => {
      const event = vk.messageNew(vk.message(vk.CUSTOMER.id, cmid++, 'Без секрета'));
      expect((await post(event).expect(401)).body.code).toBe('webhook_signature_invalid');
      await post({ ...event, secret: 'guessed' }).expect(401);
      expect(await t.db.select().from(messages).where(eq(messages.content, 'Без секрета'))).toEqual([]);
    });

    it('answers exactly "ok" and stores a message once when VK repeats the event, named from users.get', async () => {
      const customer = newCustomer(fake, 'Анна', 'Ёлкина');
      const event = vk.messageNew(vk.message(customer.id, cmid++, 'Здравствуйте! Заказ №4521 ещё в пути?'), SECRET);
      const first = await post(event).expect(200);
      expect(first.headers['content-type']).toMatch(/^text\/plain/);
      expect(first.text).toBe('ok');
      expect((await post(event).expect(200)).text).toBe('ok');
      const created = await messageEvent('Здравствуйте! Заказ №4521 ещё в пути?');
      expect(await t.db.select().from(messages).where(eq(messages.conversationId, created.conversationId!))).toHaveLength(1);
      const conversation = (await t.http().get(`/api/conversations/${created.conversationId}`).set(auth()).expect(200)).body;
      expect(conversation.contact.name).toBe('Анна Ёлкина');
      await post(vk.messageNew(vk.message(customer.id, cmid++, 'И ещё вопрос'), SECRET)).expect(200);
      await messageEvent('И ещё вопрос');
      expect(fake.callsOf('users.get').filter((c) => c.params.user_ids === String(customer.id))).toHaveLength(1);
    });

    it('keeps a photo (its largest size), a document and a voice message with its transcript', async () => {
      const customer = newCustomer(fake);
      const photoUrl = fake.addFile('photo-large.jpg', Buffer.from('\xff\xd8\xff\xe0 коробка', 'latin1'));
      const docUrl = fake.addFile('invoice.pdf', Buffer.from('%PDF-1.4 счёт'));
      const voiceUrl = fake.addFile('voice.ogg', Buffer.from('OggS голос'));
      await post(vk.messageNew(vk.message(customer.id, cmid++, 'Вот коробка и счёт', { attachments: [vk.photo(photoUrl), vk.doc(docUrl, 'Счёт №17.pdf', 20, 'pdf')] }), SECRET)).expect(200);
      const withFiles = await messageEvent('Вот коробка и счёт');
      expect(withFiles.payload.attachments).toMatchObject([
        { fileName: `photo${vk.CUSTOMER.id}_456239017.jpg`, contentType: 'image/jpeg', sizeBytes: Buffer.from('\xff\xd8\xff\xe0 коробка', 'latin1').length },
        { fileName: 'Счёт №17.pdf', contentType: 'application/pdf' },
      ]);
      const rows = await t.db.select().from(attachments).where(eq(attachments.messageId, withFiles.payload.id));
      expect(rows.every((row) => row.storageKey && !row.externalUrl)).toBe(true);
      await post(vk.messageNew(vk.message(customer.id, cmid++, '', { attachments: [vk.audioMessage(voiceUrl, 'Перезвоните мне после шести')] }), SECRET)).expect(200);
      const voice = await messageEvent('Перезвоните мне после шести');
      expect(voice.payload.contentAttributes).toMatchObject({ transcript: 'Перезвоните мне после шести' });
      expect(voice.payload.attachments).toMatchObject([{ contentType: 'audio/ogg' }]);
    });

    it('shows a reply written in VK\'s own interface as outgoing, and updates an edited message in place', async () => {
      const customer = newCustomer(fake);
      const asked = cmid++;
      await post(vk.messageNew(vk.message(customer.id, asked, 'Заказ №4521'), SECRET)).expect(200);
      const created = await messageEvent('Заказ №4521');
      await post(vk.messageReply(customer.id, cmid++, 'Ответили из приложения VK', SECRET)).expect(200);
      const reply = await messageEvent('Ответили из приложения VK');
      expect(reply.conversationId).toBe(created.conversationId);
      expect(reply.payload).toMatchObject({ messageType: 'outgoing', status: 'sent', senderType: 'user' });
      await post(vk.messageEdit(customer.id, asked, 'Заказ №4522, извините', SECRET)).expect(200);
      const updated = await socket.waitFor('message.updated', (e) => e.payload.id === created.payload.id);
      expect(updated.payload).toMatchObject({ content: 'Заказ №4522, извините', contentAttributes: { edited: true, previousContent: 'Заказ №4521' } });
    });

    it('stores a keyboard button press with its payload and a callback button press answered at once', async () => {
      const customer = newCustomer(fake);
      await post(vk.messageNew(vk.message(customer.id, cmid++, 'Да, подтверждаю', { payload: '{"button":"confirm"}' }), SECRET)).expect(200);
      const pressed = await messageEvent('Да, подтверждаю');
      expect(pressed.payload.contentAttributes).toMatchObject({ buttonPayload: 'confirm' });
      await post(vk.messageEvent(customer.id, 'c4llb4ck01', { button: 'cancel' }, SECRET)).expect(200);
      await messageEvent('cancel');
      expect((await fake.waitForCall('messages.sendMessageEventAnswer', (c) => c.params.event_id === 'c4llb4ck01')).params).toMatchObject({ user_id: String(customer.id) });
    });
  });

  describe('replies', () => {
    async function customerWrites(text: string) {
      const customer = newCustomer(fake);
      await post(vk.messageNew(vk.message(customer.id, cmid++, text), SECRET)).expect(200);
      const created = await messageEvent(text);
      return { conversationId: created.conversationId!, customer };
    }
    const reply = async (conversationId: string, body: Record<string, unknown>) =>
      (await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth()).send(body).expect(201)).body as { id: string };
    const statusOf = (id: string, status: string) => socket.waitFor('message.updated', (e) => e.payload.id === id && e.payload.status === status);
    const identityOf = async (userId: number) => (await t.db.select().from(contactIdentities).where(eq(contactIdentities.externalId, String(userId))))[0];

    it('sends an inline keyboard and the same random_id on a retry, so VK keeps one copy', async () => {
      const { conversationId, customer } = await customerWrites('Можно оплатить картой?');
      fake.failNext('messages.send', { code: 10 });
      const buttons = [[{ id: 'pay', text: 'Оплатить' }, { id: 'site', text: 'Сайт', url: 'https://shop.example.ru' }]];
      const sentReply = await reply(conversationId, { text: 'Да, вот ссылка на оплату', buttons });
      await statusOf(sentReply.id, 'sent');
      const calls = fake.callsOf('messages.send').filter((c) => c.params.peer_ids === String(customer.id));
      expect(calls).toHaveLength(2);
      expect(calls[1].params.random_id).toBe(calls[0].params.random_id);
      expect(JSON.parse(calls[1].params.keyboard)).toMatchObject({
        inline: true,
        buttons: [[{ action: { type: 'text', label: 'Оплатить', payload: '{"button":"pay"}' } }, { action: { type: 'open_link', label: 'Сайт', link: 'https://shop.example.ru' } }]],
      });
      const [row] = await t.db.select().from(messages).where(eq(messages.id, sentReply.id));
      const [sent] = fake.sent.filter((m) => m.peerId === customer.id);
      expect(row.externalId).toBe(`${customer.id}:${sent.conversationMessageId}`);
    });

    it('fails a reply with the reason while the person forbids messages, and delivers again once they allow them', async () => {
      const { conversationId, customer } = await customerWrites('Напишите мне позже');
      await post(vk.messageDeny(customer.id, SECRET)).expect(200);
      expect((await identityOf(customer.id)).attributes).toMatchObject({ messagesDenied: true });
      const refused = await reply(conversationId, { text: 'Ваш заказ готов' });
      const failed = await statusOf(refused.id, 'failed');
      expect(failed.payload.error).toBe('Пользователь запретил сообщения от сообщества; попросите его разрешить сообщения (например, снова написать сообществу).');
      expect(fake.callsOf('messages.send').filter((c) => c.params.peer_ids === String(customer.id))).toEqual([]);
      await post(vk.messageAllow(customer.id, SECRET)).expect(200);
      expect((await identityOf(customer.id)).attributes).toMatchObject({ messagesDenied: false });
      const allowed = await reply(conversationId, { text: 'Ваш заказ готов, забирайте' });
      await statusOf(allowed.id, 'sent');
    });

    it('fails a reply VK refuses with 901 and remembers that the person forbids messages', async () => {
      const { conversationId, customer } = await customerWrites('Последний вопрос');
      fake.setMessagesDenied(customer.id, true);
      const refused = await reply(conversationId, { text: 'Ответ, который не дойдёт' });
      const failed = await statusOf(refused.id, 'failed');
      expect(failed.payload.error).toContain('запретил сообщения от сообщества');
      expect((await identityOf(customer.id)).attributes).toMatchObject({ messagesDenied: true });
    });

    it('waits after error 6 and then delivers', async () => {
      const { conversationId, customer } = await customerWrites('Жду ответа');
      fake.failNext('messages.send', { code: 6 });
      const sentReply = await reply(conversationId, { text: 'Отвечаем после паузы' });
      await statusOf(sentReply.id, 'sent');
      const calls = fake.callsOf('messages.send').filter((c) => c.params.peer_ids === String(customer.id));
      expect(calls).toHaveLength(2);
      expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
      const [row] = await t.db.select().from(messages).where(eq(messages.id, sentReply.id));
      expect(row.attempts).toBe(0);
    });

    it('fails a reply with "create a new community token" when VK answers 5', async () => {
      const { conversationId } = await customerWrites('Вопрос про токен');
      fake.failNext('messages.send', { code: 5 });
      const sentReply = await reply(conversationId, { text: 'Не дойдёт' });
      const failed = await statusOf(sentReply.id, 'failed');
      expect(failed.payload.error).toContain('создайте новый ключ сообщества');
    });

    it('fetches an attached file and uploads a picture as a photo and a PDF as a document', async () => {
      const { conversationId, customer } = await customerWrites('Пришлите счёт');
      const photoUrl = fake.addFile('box.jpg', Buffer.from('\xff\xd8\xff\xe0 box', 'latin1'));
      const pdfUrl = fake.addFile('invoice.pdf', Buffer.from('%PDF-1.4 счёт'));
      const attachments = [
        { url: photoUrl, fileName: 'коробка.jpg', contentType: 'image/jpeg' },
        { url: pdfUrl, fileName: 'Счёт №17.pdf', contentType: 'application/pdf' },
      ];
      const sentReply = await reply(conversationId, { text: 'Счёт и фото во вложении', attachments });
      await statusOf(sentReply.id, 'sent');
      const [sent] = fake.sent.filter((m) => m.peerId === customer.id);
      expect(sent.attachment).toMatch(new RegExp(`^photo-${vk.GROUP_ID}_\\d+_ak\\d+,doc-${vk.GROUP_ID}_\\d+_dk\\d+$`));
      expect(fake.uploads.slice(-2)).toMatchObject([
        { kind: 'photo', fileName: 'коробка.jpg', contentType: 'image/jpeg' },
        { kind: 'doc', fileName: 'Счёт №17.pdf', contentType: 'application/pdf' },
      ]);
    });
  });
});
