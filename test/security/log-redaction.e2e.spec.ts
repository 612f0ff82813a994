import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@app/common';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import * as updates from '../support/fakes/telegram-updates.js';
import { createTelegramInbox, postUpdate } from '../support/telegram-channel.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

/** Everything the server would have written to its log, at the most detailed level. */
class LogBuffer extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  get text() {
    return this.lines.join('');
  }
}

describe('secrets in the server log', () => {
  let t: TestApp;
  let fake: FakeTelegramBotApi;
  const log = new LogBuffer();
  const logger = createLogger('trace', log);

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi();
    t = await startTestApp({ env: { PUBLIC_URL: 'https://inbox.example.com', LOG_LEVEL: 'trace' }, logger });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('never contains a password, an access token, an API key, a bot token or a webhook secret', async () => {
    const admin = await t.adminToken();
    const auth = { Authorization: `Bearer ${admin}` };
    await t.http().post('/api/auth/login').send({ email: 'admin@example.com', password: `${ADMIN_PASSWORD}-wrong` }).expect(401);
    const inbox = await createTelegramInbox(t, admin, fake);
    await t.http().post('/api/inboxes').set(auth).send({ type: 'telegram', name: 'Wrong', settings: { botToken: '42:rejected-token-do-not-log', apiRoot: fake.url } }).expect(400);
    const key = (await t.http().post('/api/api-keys').set(auth).send({ name: 'CRM', role: 'supervisor' }).expect(201)).body.key as string;
    await t.http().get('/api/conversations').set('X-Api-Key', key).expect(200);
    await t.http().get('/api/conversations').set('Authorization', 'Bearer forged.token.value-do-not-log').expect(401);
    await postUpdate(t, inbox, updates.privateText(1, 1, 'секреты не в логе')).expect(200);
    await postUpdate(t, inbox, updates.privateText(2, 2, 'чужой'), 'guessed-secret-do-not-log').expect(401);
    // What a careless log line would carry: each of these paths must be censored.
    logger.info({ password: ADMIN_PASSWORD, settings: { botToken: fake.token }, req: { headers: { authorization: `Bearer ${admin}`, 'x-api-key': 'k' } }, user: { accessToken: admin } }, 'request');

    const secrets = [ADMIN_PASSWORD, admin, key, fake.token, inbox.webhookSecret!, '42:rejected-token-do-not-log', 'forged.token.value-do-not-log', 'guessed-secret-do-not-log'];
    expect(log.lines.length).toBeGreaterThan(10);
    expect(log.text).toContain('[redacted]');
    for (const secret of secrets) expect(log.text, `the log shows ${secret.slice(0, 6)}…`).not.toContain(secret);
  });
});
