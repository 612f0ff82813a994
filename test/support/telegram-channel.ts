import type { TestApp } from './test-app.js';
import type { FakeTelegramBotApi } from './fakes/telegram-bot-api.js';

export interface TelegramInbox {
  id: string;
  /** The secret the fake Bot API was given with setWebhook, which Telegram sends with every update. */
  webhookSecret?: string;
}

/** Connects a bot of the fake Bot API as a Telegram inbox, as an administrator does in the settings. */
export async function createTelegramInbox(t: TestApp, adminToken: string, fake: FakeTelegramBotApi, settings: Record<string, unknown> = {}, name = 'Telegram-бот'): Promise<TelegramInbox> {
  const res = await t
    .http()
    .post('/api/inboxes')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ type: 'telegram', name, settings: { botToken: fake.token, apiRoot: fake.url, ...settings } });
  if (res.status !== 201) throw new Error(`creating the Telegram inbox failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, webhookSecret: fake.webhook?.secret_token };
}

/** Posts an update the way Telegram delivers it to a webhook: JSON with the secret token header (none when secret is null). */
export function postUpdate(t: TestApp, inbox: TelegramInbox, update: unknown, secret: string | null = inbox.webhookSecret ?? null) {
  const request = t.http().post(`/webhooks/${inbox.id}`).set('Content-Type', 'application/json');
  if (secret !== null) request.set('X-Telegram-Bot-Api-Secret-Token', secret);
  return request.send(JSON.stringify(update));
}
