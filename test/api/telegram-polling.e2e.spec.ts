import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ChannelPollingService } from '@app/inbox';
import { inboxes, messages, openDatabase } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { createDatabaseOnServer } from '../support/databases.js';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import * as updates from '../support/fakes/telegram-updates.js';
import { createTelegramInbox, type TelegramInbox } from '../support/telegram-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const { CUSTOMER } = updates;

/** Where no public address exists (a laptop), a Telegram bot is read by long polling. */
describe('Telegram bots by long polling (no PUBLIC_URL)', () => {
  let fake: FakeTelegramBotApi;
  let dir: string;
  let t: TestApp;
  let admin: string;
  let inbox: TelegramInbox;
  let socket: AgentClient | undefined;

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi({ maxHoldMs: 300 });
    dir = mkdtempSync(join(tmpdir(), 'omnibox-telegram-polling-'));
    t = await startApp();
    admin = await t.adminToken();
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The server on the database in `dir`, which survives a restart. */
  const startApp = async () => startTestApp({ database: await openDatabase({ pgliteDataDir: join(dir, 'pglite') }), env: { DATA_DIR: dir } });
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('checks the token, deletes any webhook and starts polling when the inbox is created', async () => {
    fake.webhook = { url: 'https://old.example.com/hook' };
    inbox = await createTelegramInbox(t, admin, fake);
    expect(fake.calls.map((c) => c.method).slice(0, 2)).toEqual(['getMe', 'deleteWebhook']);
    expect(fake.webhook).toBeNull();
    const view = (await t.http().get(`/api/inboxes/${inbox.id}`).set(auth(admin)).expect(200)).body;
    expect(view.settings).toMatchObject({ mode: 'polling', botUsername: 'shop_test_bot' });
    expect(view.secretFields).toEqual(['botToken']);
    await fake.waitForCall('getUpdates');
    expect(t.app.get(ChannelPollingService).polledHere()).toEqual([inbox.id]);
  });

  it('delivers a queued update to a connected agent as message.created and stores the offset', async () => {
    const agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    socket = await connectAgent(await t.listen(), agent.token);
    const [queued] = fake.queueUpdate(updates.privateText(0, 101, 'Добрый день! Есть доставка в Казань?'));
    const created = await socket.waitFor('message.created', (e) => e.payload.content === 'Добрый день! Есть доставка в Казань?');
    expect(created.inboxId).toBe(inbox.id);
    // The next poll asks from past the update, which confirms it to Telegram.
    await fake.waitForCall('getUpdates', (c) => Number(c.params.offset) === Number(queued.update_id) + 1);
    const view = (await t.http().get(`/api/inboxes/${inbox.id}`).set(auth(admin)).expect(200)).body;
    expect(view).toMatchObject({ syncStatus: 'ok', lastError: null });
  });

  it('shows auth_failed with the reason while Telegram refuses the token, and ok again once it accepts it', async () => {
    fake.failNext('getUpdates', { errorCode: 401, description: 'Unauthorized' });
    const refused = fake.calls.length;
    // The poll after the refused one comes only after the backoff, when the failure is stored.
    await fake.waitForCall('getUpdates', (c) => fake.calls.indexOf(c) > refused);
    const failed = (await t.http().get(`/api/inboxes/${inbox.id}`).set(auth(admin)).expect(200)).body;
    expect(failed).toMatchObject({ syncStatus: 'auth_failed', lastError: expect.stringContaining('Telegram refused the bot token (401 Unauthorized)') });
    fake.queueUpdate(updates.privateText(0, 102, 'Вы тут?'));
    await socket!.waitFor('message.created', (e) => e.payload.content === 'Вы тут?');
    await fake.waitForCall('getUpdates', (c) => fake.calls.indexOf(c) > refused + 1);
    expect((await t.http().get(`/api/inboxes/${inbox.id}`).set(auth(admin)).expect(200)).body).toMatchObject({ syncStatus: 'ok', lastError: null });
  });

  it('neither loses nor repeats an update across a restart', async () => {
    socket?.close();
    socket = undefined;
    await t.close();
    const [row] = await (async () => {
      const database = await openDatabase({ pgliteDataDir: join(dir, 'pglite') });
      try {
        return await database.db.select().from(inboxes).where(eq(inboxes.id, inbox.id));
      } finally {
        await database.close();
      }
    })();
    const storedCursor = Number(row.syncState.cursor);
    // Written while the server is down.
    fake.queueUpdate(updates.privateText(0, 103, 'Пока вас не было'));
    const callsBefore = fake.calls.length;

    t = await startApp();
    admin = await t.adminToken();
    const arrived = await arrives(t, inbox.id, 'Пока вас не было');
    const firstPollAfterRestart = fake.calls.slice(callsBefore).find((c) => c.method === 'getUpdates')!;
    expect(Number(firstPollAfterRestart.params.offset)).toBe(storedCursor);
    const thread = await t.db.select().from(messages).where(eq(messages.conversationId, arrived.conversationId!)).orderBy(messages.id);
    expect(thread.map((m) => m.content)).toEqual(['Добрый день! Есть доставка в Казань?', 'Вы тут?', 'Пока вас не было']);
  });

  it('stops polling when the inbox is switched off and starts again when it is switched on', async () => {
    await t.http().patch(`/api/inboxes/${inbox.id}`).set(auth(admin)).send({ enabled: false }).expect(200);
    expect(t.app.get(ChannelPollingService).polledHere()).toEqual([]);
    await t.http().patch(`/api/inboxes/${inbox.id}`).set(auth(admin)).send({ enabled: true }).expect(200);
    expect(t.app.get(ChannelPollingService).polledHere()).toEqual([inbox.id]);
  });
});

/**
 * Resolves once a message with this text reaches an agent of the inbox; the agent connects with
 * lastEventId 0, so a message stored before the connection arrives through catch-up.
 */
async function arrives(t: TestApp, inboxId: string, content: string) {
  const agent = await t.createUser('agent', { inboxIds: [inboxId] });
  const client = await connectAgent(await t.listen(), agent.token, { lastEventId: 0 });
  try {
    return await client.waitFor('message.created', (e) => e.payload.content === content);
  } finally {
    client.close();
  }
}

/** Two server processes on one PostgreSQL database: exactly one of them polls a bot, and the other takes over when it stops. */
describe('Telegram polling with two processes on one PostgreSQL', () => {
  const adminUrl = inject('pgAdminUrl');
  describe.skipIf(!adminUrl && inject('pgMissingReason'))('', () => {
    let fake: FakeTelegramBotApi;
    let first: TestApp | undefined;
    let second: TestApp;
    let dir: string;

    beforeAll(async () => {
      fake = await startFakeTelegramBotApi({ maxHoldMs: 300 });
      dir = mkdtempSync(join(tmpdir(), 'omnibox-telegram-two-'));
      const url = await createDatabaseOnServer(adminUrl!);
      first = await startTestApp({ database: await openDatabase({ databaseUrl: url, poolSize: 4 }), env: { DATA_DIR: dir } });
      second = await startTestApp({ database: await openDatabase({ databaseUrl: url, poolSize: 4 }), env: { DATA_DIR: dir } });
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await fake?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('polls the bot in one process only, and in the other once the first one stops', async () => {
      const inbox = await createTelegramInbox(first!, await first!.adminToken(), fake);
      await fake.waitForCall('getUpdates');
      const polling = (app: TestApp) => app.app.get(ChannelPollingService);
      await polling(second).rescan();
      expect(polling(first!).polledHere()).toEqual([inbox.id]);
      expect(polling(second).polledHere()).toEqual([]);

      await first!.close();
      first = undefined;
      await polling(second).rescan();
      expect(polling(second).polledHere()).toEqual([inbox.id]);
      fake.queueUpdate(updates.privateText(0, 201, 'Второй процесс на связи?', CUSTOMER));
      const arrived = await arrives(second, inbox.id, 'Второй процесс на связи?');
      expect(arrived.inboxId).toBe(inbox.id);
    });
  });
});
