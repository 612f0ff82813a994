import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import * as updates from '../support/fakes/telegram-updates.js';
import { createTelegramInbox, postUpdate, type TelegramInbox } from '../support/telegram-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Telegram lets a bot send one message a second to a chat and answers 429 beyond that; a burst of replies
 * to one chat therefore waits for its turns, and must still arrive in the order the agent wrote it.
 */
describe('replies held back by the channel rate limit', () => {
  let fake: FakeTelegramBotApi;
  let t: TestApp;
  let admin: string;
  let inbox: TelegramInbox;

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi({ floodControl: { perBotPerSecond: 30, perChatPerSecond: 1, toleranceMs: 200 } });
    t = await startTestApp({ env: { PUBLIC_URL: 'https://inbox.example.com' }, queueBackoff: { type: 'fixed', delayMs: 20 } });
    admin = await t.adminToken();
    inbox = await createTelegramInbox(t, admin, fake);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('delivers a burst to one chat in the order it was written, one a second, without a 429', async () => {
    const customer: updates.User = { id: 7_300_000_001, is_bot: false, first_name: 'Ольга', language_code: 'ru' };
    await postUpdate(t, inbox, updates.privateText(3_001, 1, 'Где мой заказ?', customer)).expect(200);
    const conversationId = await eventually(async () => {
      const list = await t.http().get(`/api/conversations?inboxId=${inbox.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0].id as string;
    });
    const texts = ['Первый ответ', 'Второй ответ', 'Третий ответ', 'Четвёртый ответ'];
    for (const text of texts) {
      await t.http().post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${admin}`).send({ text }).expect(201);
    }
    const sent = await eventually(
      async () => {
        const calls = fake.callsOf('sendMessage').filter((call) => String(call.params.chat_id) === String(customer.id));
        expect(calls.length - fake.floodErrors).toBe(texts.length);
        return calls;
      },
      15_000,
    );
    expect(fake.floodErrors).toBe(0);
    expect(sent.map((call) => call.params.text)).toEqual(texts);
    // One a second per chat: the four sends span at least three seconds (less the fake's tolerance).
    expect(sent[3].at - sent[0].at).toBeGreaterThanOrEqual(3 * 800);
    const thread = await t.http().get(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(thread.body.items.filter((m: { status: string }) => m.status === 'sent')).toHaveLength(texts.length);
  });
});
