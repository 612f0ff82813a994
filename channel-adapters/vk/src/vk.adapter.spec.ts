import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelConfigError, WebhookAuthError, WebhookPayloadError, type ChannelContext, type OutboundMessage } from '@channel-adapters/core';
import { caughtError, closedPortUrl, describeAdapterContract, expectChannelError, webhookRequest } from '@channel-adapters/core/testing';
import { startFakeVkApi, type FakeVkApi } from '../../../test/support/fakes/vk-api.js';
import * as vk from '../../../test/support/fakes/vk-callbacks.js';
import { VkChannelAdapter } from './vk.adapter.js';
import { randomIdOf } from './vk-outbound.js';

const SECRET = 'Sh0pSecretKey2025';
const inboxId = '01900000-0000-7000-8000-0000000000vk';
const adapter = new VkChannelAdapter({ requestTimeoutMs: 2_000, pollWaitSec: 1, allowPrivateAddresses: true });
const { CUSTOMER, OTHER_CUSTOMER } = vk;

const contextFor = (fake: FakeVkApi, extra: Record<string, unknown> = {}): ChannelContext => ({
  inboxId,
  settings: { groupId: fake.groupId, accessToken: fake.token, apiBaseUrl: fake.apiBaseUrl, secretKey: SECRET, confirmationCode: 'c0nf1rm', mode: 'callback', ...extra },
});

const request = (body: unknown) => webhookRequest({ body });

const outbound = (extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: '01900000-0000-7000-8000-0000000000m1',
  conversationId: '01900000-0000-7000-8000-0000000000c1',
  contact: { externalId: String(CUSTOMER.id), name: 'Анна Ёлкина' },
  text: 'Ваш заказ передан курьеру 🚚',
  ...extra,
});

describeAdapterContract('vk', {
  adapter,
  // Without an access token parsing asks VK for no names, so no API needs to listen here.
  context: { inboxId, settings: { groupId: vk.GROUP_ID, secretKey: SECRET, confirmationCode: 'c0nf1rm', mode: 'callback' } },
  validRequest: () => request(vk.messageNew(vk.message(CUSTOMER.id, 5, 'Здравствуйте!'), { secret: SECRET, eventId: 'e'.repeat(40) })),
  // VK signs nothing: the secret key in the body is what proves the sender, so "tampered" means a wrong one.
  tamperedRequest: () => request(vk.messageNew(vk.message(CUSTOMER.id, 5, 'Здравствуйте!'), { secret: `${SECRET}x` })),
  unsignedRequest: () => request(vk.messageNew(vk.message(CUSTOMER.id, 5, 'Здравствуйте!'))),
  malformedRequest: () => request({ type: 'message_new', secret: SECRET, object: { message: { text: 'no group' } } }),
  sendTarget: async () => {
    const fake = await startFakeVkApi({ groupId: vk.GROUP_ID });
    return {
      context: contextFor(fake),
      expectSent: async () => {
        expect(fake.sent).toMatchObject([{ peerId: 100_500, text: 'Здравствуйте! Your order is on its way 🚚' }]);
      },
      // VK reports its own errors in a 200 body; a limit in front of the API answers a real 429.
      failWith: (status, headers) => fake.failNext('messages.send', status === 429 ? { httpStatus: 429, headers } : { code: status >= 500 ? 10 : 100 }),
      close: () => fake.close(),
    };
  },
  unreachableContext: (url) => ({ inboxId, settings: { groupId: vk.GROUP_ID, accessToken: 'vk1.a.x', apiBaseUrl: `${url}/method` } }),
  outboundMessage: {
    messageId: '01900000-0000-7000-8000-000000000001',
    conversationId: '01900000-0000-7000-8000-000000000002',
    contact: { externalId: '100500', name: 'Contract Contact' },
    text: 'Здравствуйте! Your order is on its way 🚚',
  },
});

describe('VkChannelAdapter', () => {
  let fake: FakeVkApi;
  beforeAll(async () => {
    fake = await startFakeVkApi({ groupId: vk.GROUP_ID });
    fake.addUser(CUSTOMER);
    fake.addUser(OTHER_CUSTOMER);
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.calls.length = 0;
    fake.sent.length = 0;
  });

  describe('Callback API', () => {
    it('answers the confirmation event with the code as text/plain', async () => {
      const result = await adapter.parse(request(vk.confirmation({ secret: SECRET })), contextFor(fake));
      expect(result).toEqual({ events: [], reply: { status: 200, contentType: 'text/plain', body: 'c0nf1rm' } });
    });

    it('refuses a wrong secret, a missing one and an event of another community', async () => {
      const ctx = contextFor(fake);
      expect(await caughtError(adapter.verify(request(vk.confirmation({ secret: 'wrong' })), ctx))).toBeInstanceOf(WebhookAuthError);
      expect(await caughtError(adapter.verify(request(vk.confirmation()), ctx))).toBeInstanceOf(WebhookAuthError);
      expect(await caughtError(adapter.verify(request(vk.confirmation({ secret: SECRET, groupId: 1 })), ctx))).toBeInstanceOf(WebhookAuthError);
      expect(await caughtError(adapter.verify(webhookRequest({ rawBody: 'not json' }), ctx))).toBeInstanceOf(WebhookAuthError);
    });

    it('refuses every request while the inbox has no secret key', async () => {
      const error = await caughtError(adapter.verify(request(vk.confirmation({ secret: SECRET })), contextFor(fake, { secretKey: undefined })));
      expect(error).toBeInstanceOf(WebhookAuthError);
      expect((error as WebhookAuthError).reason).toContain('no secret key');
    });

    it('answers "ok" and names the person from users.get once, however many messages they write', async () => {
      const first = await adapter.parse(request(vk.messageNew(vk.message(CUSTOMER.id, 7, 'Есть ли доставка в Тверь?'), { secret: SECRET })), contextFor(fake));
      const second = await adapter.parse(request(vk.messageNew(vk.message(CUSTOMER.id, 8, 'И сколько стоит?'), { secret: SECRET })), contextFor(fake));
      expect(first.reply).toEqual({ status: 200, contentType: 'text/plain', body: 'ok' });
      expect(first.events[0]).toMatchObject({ kind: 'message', externalId: `${CUSTOMER.id}:7`, contact: { externalId: String(CUSTOMER.id), name: 'Анна Ёлкина' }, text: 'Есть ли доставка в Тверь?' });
      expect(second.events[0]).toMatchObject({ contact: { name: 'Анна Ёлкина' } });
      expect(fake.callsOf('users.get')).toHaveLength(1);
      expect(fake.callsOf('users.get')[0].params).toMatchObject({ user_ids: String(CUSTOMER.id), lang: 'ru' });
    });

    it('keeps the message when users.get fails, without a name', async () => {
      fake.failNext('users.get', { code: 10 });
      const { events } = await adapter.parse(request(vk.messageNew(vk.message(777_000_001, 1, 'Привет'), { secret: SECRET })), contextFor(fake));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: 'message', contact: { externalId: '777000001' } });
      expect((events[0] as { contact: { name?: string } }).contact.name).toBeUndefined();
    });

    it('rejects a body that is not a VK event', async () => {
      expect(await caughtError(adapter.parse(request({ type: 'message_new' }), contextFor(fake)))).toBeInstanceOf(WebhookPayloadError);
    });

    it('answers a callback button press at once with messages.sendMessageEventAnswer', async () => {
      const { events } = await adapter.parse(request(vk.messageEvent(CUSTOMER.id, 'f1e2d3c4b5a6', { button: 'confirm' }, { secret: SECRET })), contextFor(fake));
      expect(events).toEqual([{ kind: 'button', externalId: 'event:f1e2d3c4b5a6', contact: expect.objectContaining({ externalId: String(CUSTOMER.id) }), payload: 'confirm' }]);
      const answer = await fake.waitForCall('messages.sendMessageEventAnswer');
      expect(answer.params).toMatchObject({ event_id: 'f1e2d3c4b5a6', user_id: String(CUSTOMER.id), peer_id: String(CUSTOMER.id) });
    });
  });

  describe('connect', () => {
    it('checks the token against the community and fetches the confirmation code when none is given', async () => {
      const result = await adapter.connect({ ...contextFor(fake, { confirmationCode: undefined }), webhookUrl: 'https://inbox.example.com/webhooks/x' });
      expect(result.settings).toEqual({ groupName: 'Магазин «Ёлка»', mode: 'callback', callbackConfirmationCode: fake.confirmationCode });
    });

    it('checks Bots Long Poll in longpoll mode', async () => {
      const result = await adapter.connect(contextFor(fake, { mode: 'longpoll', secretKey: undefined }));
      expect(result.settings).toEqual({ groupName: 'Магазин «Ёлка»', mode: 'longpoll' });
      expect(fake.callsOf('groups.getLongPollServer')[0].params).toEqual({ group_id: String(vk.GROUP_ID) });
    });

    it('refuses a token of another community, a revoked token and the Callback API without a secret key, naming the field', async () => {
      const other = await caughtError(adapter.connect({ ...contextFor(fake, { groupId: 42 }), webhookUrl: 'https://x/webhooks/1' }));
      expect(other).toMatchObject({ field: 'groupId', reasonKey: 'channel.vk.token_other_group' });
      const revoked = await caughtError(adapter.connect({ ...contextFor(fake, { accessToken: 'vk1.a.revoked' }), webhookUrl: 'https://x/webhooks/1' }));
      expect(revoked).toBeInstanceOf(ChannelConfigError);
      expect(revoked).toMatchObject({ field: 'accessToken', reasonKey: 'channel.vk.token_invalid' });
      expect((revoked as ChannelConfigError).reason).not.toContain('vk1.a.revoked');
      const noSecret = await caughtError(adapter.connect({ ...contextFor(fake, { secretKey: undefined }), webhookUrl: 'https://x/webhooks/1' }));
      expect(noSecret).toMatchObject({ field: 'secretKey', reasonKey: 'channel.vk.secret_key_required' });
    });
  });

  describe('send', () => {
    it('sends with peer_ids and a random_id derived from our message id, the same on a retry, so VK keeps one copy', async () => {
      const first = await adapter.send(outbound(), contextFor(fake));
      const retry = await adapter.send(outbound(), contextFor(fake));
      expect(first).toEqual(retry);
      expect(first.externalId).toMatch(new RegExp(`^${CUSTOMER.id}:\\d+$`));
      const calls = fake.callsOf('messages.send');
      expect(calls.map((c) => c.params.random_id)).toEqual([String(randomIdOf(outbound().messageId)), String(randomIdOf(outbound().messageId))]);
      expect(calls[0].params).toMatchObject({ peer_ids: String(CUSTOMER.id), message: 'Ваш заказ передан курьеру 🚚' });
      expect(fake.sent).toHaveLength(1);
      expect(calls.every((c) => c.version === '5.199' && c.token === fake.token)).toBe(true);
    });

    it('gives different messages different random_ids within the signed 32-bit range', () => {
      const ids = ['a', 'b', 'c'].map((id) => randomIdOf(`01900000-0000-7000-8000-00000000000${id}`));
      expect(new Set(ids).size).toBe(3);
      for (const id of ids) expect(Number.isInteger(id) && id !== 0 && id >= -(2 ** 31) && id < 2 ** 31).toBe(true);
    });

    it('puts buttons into an inline keyboard: link buttons open the link, the others send their id back', async () => {
      await adapter.send(outbound({ buttons: [[{ id: 'confirm', text: 'Да, подтверждаю' }, { id: 'cancel', text: 'Отменить' }], [{ id: 'site', text: 'Открыть сайт', url: 'https://shop.example.com/order/4521' }]] }), contextFor(fake));
      const keyboard = JSON.parse(fake.sent[0].keyboard!);
      expect(keyboard).toMatchObject({
        inline: true,
        buttons: [
          [
            { action: { type: 'text', label: 'Да, подтверждаю', payload: JSON.stringify({ button: 'confirm' }) } },
            { action: { type: 'text', label: 'Отменить', payload: JSON.stringify({ button: 'cancel' }) } },
          ],
          [{ action: { type: 'open_link', label: 'Открыть сайт', link: 'https://shop.example.com/order/4521' } }],
        ],
      });
    });

    it('uploads a picture as a photo and any other file as a document, and attaches both', async () => {
      await adapter.send(
        outbound({
          text: 'Счёт и фото коробки',
          attachments: [
            { fileName: 'коробка.jpg', contentType: 'image/jpeg', data: Buffer.from('jpeg bytes') },
            { fileName: 'Счёт №17.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4') },
          ],
        }),
        contextFor(fake),
      );
      expect(fake.callsOf('photos.getMessagesUploadServer')[0].params).toEqual({ peer_id: String(CUSTOMER.id) });
      expect(fake.callsOf('docs.getMessagesUploadServer')[0].params).toEqual({ type: 'doc', peer_id: String(CUSTOMER.id) });
      expect(fake.callsOf('docs.save')[0].params.title).toBe('Счёт №17.pdf');
      expect(fake.sent[0].attachment).toMatch(new RegExp(`^photo-${vk.GROUP_ID}_\\d+_ak\\d+,doc-${vk.GROUP_ID}_\\d+_dk\\d+$`));
    });

    it('fails permanently with the localizable reason and flags the identity when VK answers 901', async () => {
      fake.setMessagesDenied(CUSTOMER.id, true);
      try {
        const error = await expectChannelError(adapter.send(outbound(), contextFor(fake)), 'permanent');
        expect(error).toMatchObject({ reasonKey: 'channel.vk.messages_denied', identityFlags: { messagesDenied: true } });
      } finally {
        fake.setMessagesDenied(CUSTOMER.id, false);
      }
    });

    it('fails at once without asking VK while the identity says the person forbids messages', async () => {
      const error = await expectChannelError(adapter.send(outbound({ contact: { externalId: String(CUSTOMER.id), attributes: { messagesDenied: true } } }), contextFor(fake)), 'permanent');
      expect(error.reasonKey).toBe('channel.vk.messages_denied');
      expect(fake.callsOf('messages.send')).toHaveLength(0);
    });

    it('waits after error 6, 9 and 29 and retries after 1 and 10', async () => {
      for (const [code, waitMs] of [[6, 1_000], [9, 60_000], [29, 3_600_000]]) {
        fake.failNext('messages.send', { code });
        const error = await expectChannelError(adapter.send(outbound(), contextFor(fake)), 'rate_limited');
        expect(error.retryAfterMs).toBe(waitMs);
      }
      for (const code of [1, 10]) {
        fake.failNext('messages.send', { code });
        await expectChannelError(adapter.send(outbound(), contextFor(fake)), 'retryable');
      }
    });

    it('says to create a new community token when VK answers 5, without the token in the reason', async () => {
      const error = await expectChannelError(adapter.send(outbound(), contextFor(fake, { accessToken: 'vk1.a.revoked-token' })), 'permanent');
      expect(error.reasonKey).toBe('channel.vk.token_invalid');
      expect(error.reason).toContain('create a new community token');
      expect(error.reason).not.toContain('vk1.a.revoked-token');
    });

    it('gives up on 7, 15 and 917', async () => {
      for (const code of [7, 15, 917]) {
        fake.failNext('messages.send', { code });
        await expectChannelError(adapter.send(outbound(), contextFor(fake)), 'permanent');
      }
    });

    it('refuses a peer that is not a VK id', async () => {
      await expectChannelError(adapter.send(outbound({ contact: { externalId: 'anna@example.com' } }), contextFor(fake)), 'permanent');
    });
  });

  describe('Bots Long Poll', () => {
    const longpoll = (f: FakeVkApi) => contextFor(f, { mode: 'longpoll' });
    const never = new AbortController().signal;

    it('asks groups.getLongPollServer once, then waits for the events after the cursor', async () => {
      const first = await adapter.poll(longpoll(fake), undefined, never);
      expect(first.events).toEqual([]);
      fake.pushLongPoll({ type: 'message_new', object: { message: vk.message(CUSTOMER.id, 30, 'Через long poll'), client_info: {} } });
      const second = await adapter.poll(longpoll(fake), first.cursor, never);
      expect(second.events).toMatchObject([{ kind: 'message', externalId: `${CUSTOMER.id}:30`, text: 'Через long poll', contact: { name: 'Анна Ёлкина' } }]);
      expect(fake.callsOf('groups.getLongPollServer')).toHaveLength(1);
      expect(second.cursor).not.toEqual(first.cursor);
    });

    it('continues from the new ts after failed=1, with a new key after failed=2, with a new key and ts after failed=3', async () => {
      const start = await adapter.poll(longpoll(fake), undefined, never);
      const keys = fake.longPollKeys.length;

      fake.failLongPollNext(1);
      fake.pushLongPoll({ type: 'message_new', object: { message: vk.message(CUSTOMER.id, 31, 'потерялось'), client_info: {} } });
      const afterLost = await adapter.poll(longpoll(fake), start.cursor, never);
      expect(afterLost.events).toEqual([]);
      expect(afterLost.cursor).not.toEqual(start.cursor);

      fake.failLongPollNext(2);
      const expired = await adapter.poll(longpoll(fake), afterLost.cursor, never);
      expect(expired.cursor).toEqual(afterLost.cursor);
      fake.pushLongPoll({ type: 'message_new', object: { message: vk.message(CUSTOMER.id, 32, 'после нового ключа'), client_info: {} } });
      const renewed = await adapter.poll(longpoll(fake), expired.cursor, never);
      expect(renewed.events).toMatchObject([{ externalId: `${CUSTOMER.id}:32` }]);
      expect(fake.longPollKeys.length).toBe(keys + 1);

      fake.failLongPollNext(3);
      const lost = await adapter.poll(longpoll(fake), renewed.cursor, never);
      expect(fake.longPollKeys.length).toBe(keys + 2);
      fake.pushLongPoll({ type: 'message_new', object: { message: vk.message(CUSTOMER.id, 33, 'после failed 3'), client_info: {} } });
      const resumed = await adapter.poll(longpoll(fake), lost.cursor, never);
      expect(resumed.events).toMatchObject([{ externalId: `${CUSTOMER.id}:33` }]);
    });

    it('is used where the inbox says longpoll or the server has no public address', () => {
      expect(adapter.receivesByPolling(longpoll(fake))).toBe(true);
      expect(adapter.receivesByPolling(contextFor(fake, { mode: undefined }))).toBe(true);
      expect(adapter.receivesByPolling({ ...contextFor(fake, { mode: undefined }), publicUrl: 'https://inbox.example.com' })).toBe(false);
    });

    it('reports a revoked token as permanent, so polling stops until the settings change', async () => {
      const fresh = { ...longpoll(fake), inboxId: '01900000-0000-7000-8000-0000000000v2' };
      fresh.settings = { ...fresh.settings, accessToken: 'vk1.a.revoked' };
      await expectChannelError(adapter.poll(fresh, undefined, never), 'permanent');
    });

    it('reports an unreachable long-poll API as retryable', async () => {
      const ctx = { inboxId: '01900000-0000-7000-8000-0000000000v3', settings: { groupId: 1, accessToken: 't', mode: 'longpoll', apiBaseUrl: `${await closedPortUrl()}/method` } };
      await expectChannelError(adapter.poll(ctx, undefined, never), 'retryable');
    });
  });

  describe('download', () => {
    it('fetches a file VK links to', async () => {
      const url = fake.addFile('photo-1.jpg', Buffer.from('jpeg ёж'));
      const file = await adapter.download({ externalId: url, url, fileName: 'photo.jpg', contentType: 'image/jpeg' }, contextFor(fake), 1024);
      expect(file.data.toString()).toBe('jpeg ёж');
    });

    it('refuses a link to a private address unless allowed', async () => {
      const strict = new VkChannelAdapter();
      const url = fake.addFile('photo-2.jpg', Buffer.from('x'));
      await expectChannelError(strict.download({ externalId: url, fileName: 'p.jpg', contentType: 'image/jpeg' }, contextFor(fake), 1024), 'permanent');
    });
  });
});
