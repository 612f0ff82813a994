import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentTooLargeError, ChannelConfigError, type ChannelContext, type OutboundMessage } from '@channel-adapters/core';
import { caughtError, closedPortUrl, describeAdapterContract, expectChannelError, webhookRequest } from '@channel-adapters/core/testing';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../../../test/support/fakes/telegram-bot-api.js';
import * as updates from '../../../test/support/fakes/telegram-updates.js';
import { SECRET_TOKEN_HEADER, TelegramChannelAdapter } from './telegram.adapter.js';

const SECRET = 'c0ffee-webhook-secret-0123456789';
const inboxId = '01900000-0000-7000-8000-0000000000bb';
const adapter = new TelegramChannelAdapter({ requestTimeoutMs: 2_000, pollTimeoutSec: 1 });
const { CUSTOMER, GROUP } = updates;

const contextFor = (fake: FakeTelegramBotApi, extra: Record<string, unknown> = {}): ChannelContext => ({
  inboxId,
  settings: { botToken: fake.token, apiRoot: fake.url, webhookSecret: SECRET, mode: 'webhook', ...extra },
});

const signed = (body: unknown, secret = SECRET) => webhookRequest({ body, headers: { [SECRET_TOKEN_HEADER]: secret } });

const message = (extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: '01900000-0000-7000-8000-0000000000m1',
  conversationId: '01900000-0000-7000-8000-0000000000c1',
  contact: { externalId: String(CUSTOMER.id), name: 'Анна' },
  text: 'Ваш заказ передан курьеру 🚚',
  ...extra,
});

const TOKEN = '123456789:AAF-fake-telegram-token_0123456789abcdef';

describeAdapterContract('telegram', {
  adapter,
  // Parsing a text message calls nothing, so no Bot API needs to listen here.
  context: { inboxId, settings: { botToken: TOKEN, webhookSecret: SECRET, mode: 'webhook' } },
  validRequest: () => signed(updates.privateText(1, 10, 'Здравствуйте!')),
  // Telegram signs nothing: the secret token header is what proves the sender, so "tampered" means a wrong one.
  tamperedRequest: () => signed(updates.privateText(1, 10, 'Здравствуйте!'), 'another-secret'),
  unsignedRequest: () => webhookRequest({ body: updates.privateText(1, 10, 'Здравствуйте!') }),
  malformedRequest: () => signed({ message: { text: 'no update_id' } }),
  sendTarget: async () => {
    const fake = await startFakeTelegramBotApi();
    return {
      context: contextFor(fake),
      expectSent: async () => {
        const [call] = fake.callsOf('sendMessage');
        expect(call.params).toMatchObject({ chat_id: 'contract-contact-1', text: 'Здравствуйте! Your order is on its way 🚚' });
      },
      failWith: (status, headers) => fake.failNext('sendMessage', { errorCode: status, retryAfter: headers?.['retry-after'] ? Number(headers['retry-after']) : undefined }),
      close: () => fake.close(),
    };
  },
  unreachableContext: (url) => ({ inboxId, settings: { botToken: TOKEN, apiRoot: url } }),
});

describe('TelegramChannelAdapter', () => {
  let fake: FakeTelegramBotApi;
  beforeAll(async () => {
    fake = await startFakeTelegramBotApi();
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.calls.length = 0;
  });

  describe('connect', () => {
    it('checks the token with getMe and registers the webhook with a fresh secret and the updates it handles', async () => {
      const webhookUrl = `https://inbox.example.com/webhooks/${inboxId}`;
      const { settings } = await adapter.connect({ inboxId, settings: { botToken: fake.token, apiRoot: fake.url }, webhookUrl });
      expect(fake.calls.map((c) => c.method)).toEqual(['getMe', 'setWebhook']);
      expect(settings).toMatchObject({ botId: fake.bot.id, botUsername: 'shop_test_bot', botName: 'Магазин Бот', mode: 'webhook', webhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(fake.webhook).toEqual({ url: webhookUrl, secret_token: settings!.webhookSecret, allowed_updates: ['message', 'edited_message', 'callback_query'] });
    });

    it('deletes any webhook and keeps no secret when the server has no public address', async () => {
      const { settings } = await adapter.connect({ inboxId, settings: { botToken: fake.token, apiRoot: fake.url } });
      expect(fake.calls.map((c) => c.method)).toEqual(['getMe', 'deleteWebhook']);
      expect(settings).toEqual({ botId: fake.bot.id, botUsername: 'shop_test_bot', botName: 'Магазин Бот', mode: 'polling' });
    });

    it('refuses a token Telegram does not know with a reason and without the token', async () => {
      const token = '999:revoked-token-value';
      const error = await caughtError(adapter.connect({ inboxId, settings: { botToken: token, apiRoot: fake.url }, webhookUrl: 'https://x.example.com/w' }));
      expect(error).toBeInstanceOf(ChannelConfigError);
      expect((error as ChannelConfigError).reason).toMatch(/token.*@BotFather/);
      expect((error as ChannelConfigError).reason).not.toContain('revoked-token-value');
    });

    it('asks for PUBLIC_URL or polling when webhook mode is chosen without a public address', async () => {
      const error = await caughtError(adapter.connect({ inboxId, settings: { botToken: fake.token, apiRoot: fake.url, mode: 'webhook' } }));
      expect((error as ChannelConfigError).reason).toContain('PUBLIC_URL');
    });

    it('says the Bot API could not be reached, without the token, when nothing listens at apiRoot', async () => {
      const error = await caughtError(adapter.connect({ inboxId, settings: { botToken: fake.token, apiRoot: await closedPortUrl() } }));
      expect(error).toBeInstanceOf(ChannelConfigError);
      expect((error as ChannelConfigError).reason).toContain('could not be reached');
      expect((error as ChannelConfigError).reason).not.toContain(fake.token.split(':')[1]);
    });
  });

  it('deletes the webhook on disconnect', async () => {
    await adapter.connect({ inboxId, settings: { botToken: fake.token, apiRoot: fake.url }, webhookUrl: 'https://inbox.example.com/w' });
    await adapter.disconnect(contextFor(fake));
    expect(fake.webhook).toBeNull();
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
  });

  describe('parse', () => {
    it('acknowledges a button press with answerCallbackQuery', async () => {
      const { events } = await adapter.parse(signed(updates.callbackQuery(20, '8172635', 'confirm')), contextFor(fake));
      expect(events).toMatchObject([{ kind: 'button', payload: 'confirm' }]);
      const ack = await fake.waitForCall('answerCallbackQuery');
      expect(ack.params).toEqual({ callback_query_id: '8172635' });
    });
  });

  describe('poll', () => {
    const polling = () => contextFor(fake, { mode: 'polling', webhookSecret: undefined });

    it('answers the queued updates and a cursor past them, which confirms them on the next poll', async () => {
      const [first] = fake.queueUpdate(updates.privateText(0, 30, 'Первое'), updates.privateText(0, 31, 'Второе')).map((u) => ({ ...u }));
      const result = await adapter.poll(polling(), undefined, new AbortController().signal);
      expect(result.events.map((e) => e.externalId)).toEqual([`${CUSTOMER.id}:30`, `${CUSTOMER.id}:31`]);
      expect(result.cursor).toBe(Number(first.update_id) + 2);

      fake.queueUpdate(updates.privateText(0, 32, 'Третье'));
      const next = await adapter.poll(polling(), result.cursor, new AbortController().signal);
      expect(next.events.map((e) => e.externalId)).toEqual([`${CUSTOMER.id}:32`]);
      expect(fake.callsOf('getUpdates')[1].params).toMatchObject({ offset: result.cursor, timeout: 1, allowed_updates: ['message', 'edited_message', 'callback_query'] });
    });

    it('gives up a held poll as soon as the signal aborts', async () => {
      const slow = await startFakeTelegramBotApi({ maxHoldMs: 30_000 });
      const controller = new AbortController();
      const polled = adapter.poll({ inboxId, settings: { botToken: slow.token, apiRoot: slow.url } }, undefined, controller.signal);
      await slow.waitForCall('getUpdates');
      controller.abort();
      await expect(polled).rejects.toThrow();
      await slow.close();
    });

    it('reports a permanent error when the token was revoked', async () => {
      await expectChannelError(adapter.poll({ inboxId, settings: { botToken: '1:revoked', apiRoot: fake.url } }, undefined, new AbortController().signal), 'permanent');
    });
  });

  describe('send', () => {
    it('splits a long text into parts of at most 4096 characters, answering the first and putting the buttons on the last', async () => {
      const text = `${'Первая часть. '.repeat(300)}\n\n${'Вторая часть. '.repeat(100)}`;
      const buttons = [[{ id: 'confirm', text: 'Подтвердить' }, { id: 'site', text: 'Сайт', url: 'https://shop.example.ru' }]];
      const result = await adapter.send(message({ text, buttons, replyToExternalId: `${CUSTOMER.id}:10` }), contextFor(fake));

      const sent = fake.callsOf('sendMessage');
      expect(sent).toHaveLength(2);
      expect(sent.map((c) => (c.params.text as string).length).every((n) => n <= 4096)).toBe(true);
      const words = (value: string) => value.replace(/\s+/g, ' ').trim();
      expect(words(sent.map((c) => c.params.text).join(' '))).toBe(words(text));
      expect(sent[0].params).toMatchObject({ chat_id: CUSTOMER.id, reply_parameters: { message_id: 10, allow_sending_without_reply: true } });
      expect(sent[0].params.reply_markup).toBeUndefined();
      expect(sent[1].params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Подтвердить', callback_data: 'confirm' }, { text: 'Сайт', url: 'https://shop.example.ru' }]] });
      expect(result.externalId).toMatch(new RegExp(`^${CUSTOMER.id}:\\d+$`));
    });

    it('sends a photo by URL and uploads a document given as bytes', async () => {
      await adapter.send(
        message({
          text: undefined,
          attachments: [
            { fileName: 'box.jpg', contentType: 'image/jpeg', url: 'https://files.example.ru/box.jpg' },
            { fileName: 'Счёт.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 счёт') },
          ],
        }),
        contextFor(fake),
      );
      expect(fake.callsOf('sendPhoto')[0].params).toMatchObject({ chat_id: CUSTOMER.id, photo: 'https://files.example.ru/box.jpg' });
      const [upload] = fake.callsOf('sendDocument');
      expect(upload.files.document).toEqual({ fileName: 'Счёт.pdf', size: Buffer.byteLength('%PDF-1.4 счёт') });
    });

    it('writes to the group of a group conversation', async () => {
      await adapter.send(message({ threadKey: String(GROUP.id), contact: { externalId: String(GROUP.id) } }), contextFor(fake));
      expect(fake.callsOf('sendMessage')[0].params.chat_id).toBe(GROUP.id);
    });

    it('fails permanently with a clear reason and flags the identity blocked when the person blocked the bot', async () => {
      fake.failNext('sendMessage', { errorCode: 403, description: 'Forbidden: bot was blocked by the user' });
      const error = await expectChannelError(adapter.send(message(), contextFor(fake)), 'permanent');
      expect(error.reason).toContain('blocked the bot');
      expect(error.identityFlags).toEqual({ blocked: true });
    });

    it('waits the retry_after Telegram gives with a 429', async () => {
      fake.failNext('sendMessage', { errorCode: 429, retryAfter: 14 });
      const error = await expectChannelError(adapter.send(message(), contextFor(fake)), 'rate_limited');
      expect(error.retryAfterMs).toBe(14_000);
    });

    it('never puts the token into the reason of a network failure', async () => {
      const error = await expectChannelError(adapter.send(message(), { inboxId, settings: { botToken: fake.token, apiRoot: await closedPortUrl() } }), 'retryable');
      expect(error.reason).not.toContain(fake.token.split(':')[1]);
    });
  });

  describe('rateLimits', () => {
    it('counts a private message against the chat and the bot, and a group message against the group too', () => {
      expect(adapter.rateLimits(message()).map((l) => [l.key, l.limit, l.windowMs])).toEqual([
        ['bot', 29, 1000],
        [`chat:${CUSTOMER.id}`, 1, 1100],
      ]);
      expect(adapter.rateLimits(message({ threadKey: String(GROUP.id) })).map((l) => l.key)).toEqual(['bot', `chat:${GROUP.id}`, `group:${GROUP.id}`]);
    });
  });

  describe('download', () => {
    const attachment = (fileId: string, sizeBytes?: number) => ({ externalId: fileId, fileName: 'photo.jpg', contentType: 'image/jpeg', sizeBytes });

    it('fetches the bytes through getFile and the file path', async () => {
      fake.addFile('AgAC-photo-1', { data: Buffer.from('jpeg bytes ёж') });
      const file = await adapter.download(attachment('AgAC-photo-1'), contextFor(fake), 1024);
      expect(file.data.toString()).toBe('jpeg bytes ёж');
      expect(fake.callsOf('getFile')[0].params).toEqual({ file_id: 'AgAC-photo-1' });
    });

    it('refuses a file over 20 MB without asking Telegram, and one Telegram reports too big', async () => {
      expect(await caughtError(adapter.download(attachment('huge', 21 * 1024 * 1024), contextFor(fake), 50 * 1024 * 1024))).toBeInstanceOf(AttachmentTooLargeError);
      expect(fake.callsOf('getFile')).toHaveLength(0);
      fake.addFile('AgAC-huge', { data: Buffer.from('x'), reportedSize: 25 * 1024 * 1024 });
      expect(await caughtError(adapter.download(attachment('AgAC-huge'), contextFor(fake), 50 * 1024 * 1024))).toBeInstanceOf(AttachmentTooLargeError);
    });

    it('stops reading at the size limit the caller gives', async () => {
      fake.addFile('AgAC-photo-2', { data: Buffer.alloc(4096, 1) });
      const error = await caughtError(adapter.download(attachment('AgAC-photo-2'), contextFor(fake), 1000));
      expect(error).toBeInstanceOf(AttachmentTooLargeError);
    });
  });
});
