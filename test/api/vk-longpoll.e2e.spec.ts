import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createChannelRegistry } from '@channel-adapters/registry';
import { VkChannelAdapter } from '@channel-adapters/vk';
import { ChannelPollingService } from '@app/inbox';
import { contactIdentities, messages, openDatabase } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { eventually } from '../support/eventually.js';
import { startFakeVkApi, type FakeVkApi } from '../support/fakes/vk-api.js';
import * as vk from '../support/fakes/vk-callbacks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createVkInbox } from '../support/vk-channel.js';

/** Where no public address exists (a laptop), a VK community is read through Bots Long Poll. */
describe('VK communities through Bots Long Poll (no PUBLIC_URL)', () => {
  let fake: FakeVkApi;
  let dir: string;
  let t: TestApp;
  let admin: string;
  let inboxId: string;
  let socket: AgentClient;
  let cmid = 1;

  beforeAll(async () => {
    fake = await startFakeVkApi({ groupId: vk.GROUP_ID, maxHoldMs: 300 });
    fake.addUser(vk.CUSTOMER);
    dir = mkdtempSync(join(tmpdir(), 'omnibox-vk-longpoll-'));
    t = await startApp();
    admin = await t.adminToken();
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The server on the database in `dir`, which survives a restart; a new adapter, so nothing of the old session is remembered. */
  const startApp = async () =>
    startTestApp({
      database: await openDatabase({ pgliteDataDir: join(dir, 'pglite') }),
      env: { DATA_DIR: dir },
      adapters: createChannelRegistry({ vk: new VkChannelAdapter({ pollWaitSec: 1, requestTimeoutMs: 3_000, allowPrivateAddresses: true }) }),
    });
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const push = (text: string) => fake.pushLongPoll({ type: 'message_new', object: { message: vk.message(vk.CUSTOMER.id, cmid++, text), client_info: {} } });
  const arrives = (text: string) => socket.waitFor('message.created', (e) => e.payload.content === text);
  const identity = async () => (await t.db.select().from(contactIdentities).where(eq(contactIdentities.externalId, String(vk.CUSTOMER.id))))[0];

  it('connects without a secret key, checks Long Poll and starts polling', async () => {
    inboxId = await createVkInbox(t, admin, fake, { secretKey: undefined });
    const view = (await t.http().get(`/api/inboxes/${inboxId}`).set(auth(admin)).expect(200)).body;
    expect(view.settings).toMatchObject({ mode: 'longpoll', groupName: 'Магазин «Ёлка»' });
    expect(view.publicWebhookUrl).toBeNull();
    expect(view.secretFields).toEqual(['accessToken']);
    await fake.waitForCall('groups.getLongPollServer');
    expect(t.app.get(ChannelPollingService).polledHere()).toEqual([inboxId]);
    const agent = await t.createUser('agent', { inboxIds: [inboxId] });
    socket = await connectAgent(await t.listen(), agent.token);
  });

  it('delivers messages and the person\'s deny from the long-poll server, named from users.get', async () => {
    push('Добрый день! Есть доставка в Казань?');
    const created = await arrives('Добрый день! Есть доставка в Казань?');
    const conversation = (await t.http().get(`/api/conversations/${created.conversationId}`).set(auth(admin)).expect(200)).body;
    expect(conversation.contact.name).toBe('Анна Ёлкина');
    fake.pushLongPoll(vk.messageDeny(vk.CUSTOMER.id));
    await eventually(async () => expect((await identity()).attributes).toMatchObject({ messagesDenied: true }));
    // Writing to the community again lets it answer: the flag clears, and a refusal by VK would set it again.
    push('Теперь можно писать');
    await arrives('Теперь можно писать');
    expect((await identity()).attributes).toMatchObject({ messagesDenied: false });
    const view = (await t.http().get(`/api/inboxes/${inboxId}`).set(auth(admin)).expect(200)).body;
    expect(view).toMatchObject({ syncStatus: 'ok', lastError: null });
  });

  it('continues after failed=1 from the ts the server gives', async () => {
    const requests = fake.longPollRequests.length;
    fake.failLongPollNext(1);
    await eventually(async () => expect(fake.longPollRequests.length).toBeGreaterThanOrEqual(requests + 2));
    push('Дошло после failed=1');
    await arrives('Дошло после failed=1');
  });

  it('asks for a new key after failed=2 and keeps the ts', async () => {
    const keys = fake.longPollKeys.length;
    fake.failLongPollNext(2);
    await eventually(async () => expect(fake.longPollKeys.length).toBe(keys + 1));
    push('После failed=2');
    await arrives('После failed=2');
    expect(fake.longPollRequests.at(-1)!.key).toBe(fake.longPollKeys.at(-1));
  });

  it('asks for a new key and ts after failed=3', async () => {
    const keys = fake.longPollKeys.length;
    fake.failLongPollNext(3);
    await eventually(async () => expect(fake.longPollKeys.length).toBe(keys + 1));
    push('После failed=3');
    await arrives('После failed=3');
  });

  it('shows auth_failed with what to do while VK refuses the token, and ok once it accepts it again', async () => {
    fake.failLongPollNext(2);
    fake.failNext('groups.getLongPollServer', { code: 5 });
    await eventually(async () => expect((await t.http().get(`/api/inboxes/${inboxId}`).set(auth(admin))).body.syncStatus).toBe('auth_failed'));
    const failed = (await t.http().get(`/api/inboxes/${inboxId}`).set(auth(admin)).expect(200)).body;
    expect(failed.lastError).toContain('create a new community token');
    push('После нового ключа');
    await arrives('После нового ключа');
    await eventually(async () => expect((await t.http().get(`/api/inboxes/${inboxId}`).set(auth(admin))).body.syncStatus).toBe('ok'));
  });

  it('neither loses nor repeats an event across a restart: the ts is stored, the key asked for again', async () => {
    socket.close();
    await t.close();
    const keys = fake.longPollKeys.length;
    // Written while the server is down.
    push('Пока вас не было');
    t = await startApp();
    admin = await t.adminToken();
    const agent = await t.createUser('agent', { inboxIds: [inboxId] });
    socket = await connectAgent(await t.listen(), agent.token, { lastEventId: 0 });
    const arrived = await arrives('Пока вас не было');
    expect(fake.longPollKeys.length).toBe(keys + 1);
    const thread = await t.db.select().from(messages).where(eq(messages.conversationId, arrived.conversationId!));
    expect(thread.filter((m) => m.content === 'Пока вас не было')).toHaveLength(1);
    expect(thread.filter((m) => m.content === 'После нового ключа')).toHaveLength(1);
  });
});
