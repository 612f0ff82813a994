import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '@channel-adapters/core/testing';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { createApiInbox, postWebhook, signature, type ApiInbox } from '../support/api-channel.js';
import { redisMissingReason, startRedis, type RunningRedis } from '../support/redis-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A callback receiver that lets a test await the next outbound delivery instead of sleeping. */
function deliveries() {
  const unread: RecordedRequest[] = [];
  const waiting: Array<(r: RecordedRequest) => void> = [];
  const received: RecordedRequest[] = [];
  return {
    received,
    onRequest(request: RecordedRequest) {
      received.push(request);
      const waiter = waiting.shift();
      if (waiter) waiter(request);
      else unread.push(request);
    },
    next(): Promise<RecordedRequest> {
      const ready = unread.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const modes = [
  { name: 'embedded (in-process queue)', redis: false },
  { name: 'BullMQ on redis-server', redis: true },
];

describe.each(modes)('conversation core over HTTP and Socket.IO: $name', (mode) => {
  const skip = mode.redis && !process.env.CI ? redisMissingReason() : null;
  describe.skipIf(skip)('', () => conversationCore(mode.redis));
});

function conversationCore(withRedis: boolean) {
  let redis: RunningRedis | undefined;
  let t: TestApp;
  let baseUrl: string;
  let receiver: FakeHttpServer;
  const delivered = deliveries();
  let inbox: ApiInbox;
  let otherInbox: ApiInbox;
  let agent: { id: string; token: string };
  let outsider: { id: string; token: string };
  let admin: string;
  let socket: AgentClient;
  let outsiderSocket: AgentClient;

  beforeAll(async () => {
    receiver = await startFakeHttpServer((request) => {
      delivered.onRequest(request);
      return { status: 200, body: { id: `cb-${request.headers['x-omnibox-delivery']}` } };
    });
    redis = withRedis ? await startRedis() : undefined;
    t = await startTestApp({ env: redis ? { REDIS_URL: redis.url } : {} });
    baseUrl = await t.listen();
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, `${receiver.url}/callback`);
    otherInbox = await createApiInbox(t, admin, `${receiver.url}/other`, 'Другой');
    agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    outsider = await t.createUser('agent', { inboxIds: [otherInbox.id] });
    socket = await connectAgent(baseUrl, agent.token);
    outsiderSocket = await connectAgent(baseUrl, outsider.token);
  });
  afterAll(async () => {
    socket?.close();
    outsiderSocket?.close();
    await t?.close();
    await receiver?.close();
    await redis?.stop();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let conversationId: string;

  it('stores a signed webhook, opens a conversation and shows it live to the inbox member only', async () => {
    const res = await postWebhook(t, inbox, { externalId: 'm-1', contact: { externalId: 'cust-1', name: 'Ольга Ёжикова', phone: '8 912 000-11-22' }, text: 'Здравствуйте, где мой заказ?' }).expect(200);
    expect(res.body).toMatchObject({ ok: true, received: 1, stored: 1 });
    const created = await socket.waitFor('message.created', (e) => e.payload.content === 'Здравствуйте, где мой заказ?');
    expect(created.id).toBeGreaterThan(0);
    expect(created.payload).toMatchObject({ messageType: 'incoming', senderType: 'contact', status: 'received' });
    const conversation = await socket.waitFor('conversation.created');
    conversationId = conversation.payload.id;
    expect(conversation.payload).toMatchObject({ inboxId: inbox.id, status: 'open', unreadCount: 1, lastMessagePreview: 'Здравствуйте, где мой заказ?', contact: { name: 'Ольга Ёжикова' } });
    expect(outsiderSocket.events.filter((e) => e.conversationId === conversationId)).toEqual([]);

    const contact = await t.http().get(`/api/contacts/${conversation.payload.contactId}`).set(auth(admin)).expect(200);
    expect(contact.body.phones).toEqual(['+79120001122']);
    expect(contact.body.identities ?? contact.body.channelIdentities).toBeDefined();
  });

  it('creates one message when the same webhook is delivered twice', async () => {
    const again = await postWebhook(t, inbox, { externalId: 'm-1', contact: { externalId: 'cust-1' }, text: 'Здравствуйте, где мой заказ?' }).expect(200);
    expect(again.body.stored).toBe(0);
    const page = await t.http().get(`/api/conversations/${conversationId}/messages`).set(auth(agent.token)).expect(200);
    expect(page.body.items.filter((m: { messageType: string }) => m.messageType === 'incoming')).toHaveLength(1);
  });

  it('adds the next message from the same customer to the same conversation', async () => {
    await postWebhook(t, inbox, { externalId: 'm-2', contact: { externalId: 'cust-1' }, text: 'Номер заказа 4521' }).expect(200);
    const updated = await socket.waitFor('conversation.updated', (e) => e.payload.id === conversationId && e.payload.unreadCount === 2);
    expect(updated.payload.lastMessagePreview).toBe('Номер заказа 4521');
  });

  it('delivers an agent reply through the signed callback and shows it as sent', async () => {
    const reply = await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth(agent.token)).send({ text: 'Заказ 4521 уже в пути 🚚' }).expect(201);
    expect(reply.body).toMatchObject({ messageType: 'outgoing', status: 'queued' });
    const request = await delivered.next();
    const body = JSON.parse(request.body.toString('utf8'));
    expect(body).toMatchObject({ messageId: reply.body.id, conversationId, contactExternalId: 'cust-1', text: 'Заказ 4521 уже в пути 🚚' });
    expect(request.headers['x-hub-signature-256']).toBe(signature(inbox.webhookSecret, request.body));
    const sent = await socket.waitFor('message.updated', (e) => e.payload.id === reply.body.id && e.payload.status === 'sent');
    expect(sent.payload.error).toBeNull();
    const conversation = await t.http().get(`/api/conversations/${conversationId}`).set(auth(agent.token)).expect(200);
    expect(conversation.body).toMatchObject({ unreadCount: 0, inbox: { id: inbox.id, type: 'api' } });
  });

  it('keeps a private note inside the product', async () => {
    const before = delivered.received.length;
    const note = await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth(agent.token)).send({ text: 'Клиент VIP', private: true }).expect(201);
    expect(note.body).toMatchObject({ messageType: 'note', status: 'sent' });
    await socket.waitFor('message.created', (e) => e.payload.id === note.body.id);
    // A later reply reaches the receiver first and alone: the note was never sent.
    const reply = await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth(agent.token)).send({ text: 'Ещё вопрос?' }).expect(201);
    const request = await delivered.next();
    expect(JSON.parse(request.body.toString()).messageId).toBe(reply.body.id);
    expect(delivered.received.length).toBe(before + 1);
  });

  it('lists, searches, assigns and resolves, each change live', async () => {
    const list = await t.http().get('/api/conversations?q=ЁЖИКОВА').set(auth(agent.token)).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    const byText = await t.http().get('/api/conversations?q=4521').set(auth(agent.token)).expect(200);
    expect(byText.body.items).toHaveLength(1);
    const outsiders = await t.http().get('/api/conversations').set(auth(outsider.token)).expect(200);
    expect(outsiders.body.items).toEqual([]);

    await t.http().post(`/api/conversations/${conversationId}/assignment`).set(auth(agent.token)).send({ assigneeId: agent.id }).expect(200);
    await socket.waitFor('conversation.assigned', (e) => e.payload.assigneeId === agent.id);
    const mine = await t.http().get('/api/conversations?assigneeId=me').set(auth(agent.token)).expect(200);
    expect(mine.body.items).toHaveLength(1);

    await t.http().post(`/api/conversations/${conversationId}/status`).set(auth(agent.token)).send({ status: 'resolved' }).expect(200);
    const resolved = await socket.waitFor('conversation.status_changed', (e) => e.payload.status === 'resolved');
    expect(resolved.payload.previousStatus).toBe('open');
    const system = await socket.waitFor('message.created', (e) => e.payload.messageType === 'system' && e.payload.contentAttributes.status === 'resolved');
    expect(system.payload.content).toMatch(/закрыл/);
  });

  it('opens a new conversation when a resolved customer writes again', async () => {
    await postWebhook(t, inbox, { externalId: 'm-3', contact: { externalId: 'cust-1' }, text: 'И снова здравствуйте' }).expect(200);
    const created = await socket.waitFor('conversation.created', (e) => e.payload.id !== conversationId);
    expect(created.payload.status).toBe('open');
  });

  it('sends a reconnecting agent what it missed', async () => {
    const last = socket.lastEventId();
    socket.close();
    await postWebhook(t, inbox, { externalId: 'm-4', contact: { externalId: 'cust-2', name: 'Пока вас не было' }, text: 'Пока вас не было' }).expect(200);
    socket = await connectAgent(baseUrl, agent.token, { lastEventId: last });
    const missed = await socket.waitFor('message.created', (e) => e.payload.content === 'Пока вас не было');
    expect(missed.id).toBeGreaterThan(last);
  });

  it('refuses a bad signature (401), an unknown inbox (404), a malformed payload (400) and an oversized body (413), storing nothing', async () => {
    const count = async () => (await t.http().get('/api/conversations?status=all&limit=100').set(auth(admin)).expect(200)).body.items.length;
    const before = await count();
    const bad = await postWebhook(t, inbox, { externalId: 'x-1', contact: { externalId: 'evil' }, text: 'hi' }, { secret: 'wrong' }).expect(401);
    expect(bad.body.code).toBe('webhook_signature_invalid');
    await t.http().post(`/webhooks/${inbox.id}`).set('Content-Type', 'application/json').send({ externalId: 'x' }).expect(401);
    const unknown = await postWebhook(t, { id: '0193a0b2-0000-7000-8000-000000000000', webhookSecret: 's' }, { externalId: 'x', contact: { externalId: 'y' }, text: 'z' }).expect(404);
    expect(unknown.body.code).toBe('not_found');
    await t.http().post('/webhooks/not-a-uuid').send({}).expect(404);
    const malformed = await postWebhook(t, inbox, { externalId: '', contact: { externalId: '' } } as never).expect(400);
    expect(malformed.body.code).toBe('webhook_payload_invalid');
    expect(malformed.body.errors.length).toBeGreaterThan(0);
    const huge = JSON.stringify({ externalId: 'big', contact: { externalId: 'big' }, text: 'я'.repeat(600_000) });
    await postWebhook(t, inbox, huge).expect(413);
    expect(await count()).toBe(before);
  });

  it('answers 404, as for an unknown one, to an agent opening another inbox’s conversation', async () => {
    await t.http().get(`/api/conversations/${conversationId}`).set(auth(outsider.token)).expect(404);
    await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth(outsider.token)).send({ text: 'x' }).expect(404);
    await t.http().get('/api/conversations/0193a0b2-0000-7000-8000-000000000000').set(auth(agent.token)).expect(404);
    const empty = await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth(agent.token)).send({ text: '   ' }).expect(400);
    expect(empty.body.errors[0].field).toBe('text');
  });
}
