import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { redisMissingReason, startRedis, type RunningRedis } from '../support/redis-server.js';
import { startTestApp, TEST_APP_SECRET, type TestApp } from '../support/test-app.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { createLogger } from '@app/common';
import { connectVisitor, visitorRefusal, type VisitorClient } from '../support/visitor-socket.js';
import type { VisitorMessage } from '@app/inbox';

const SITE = 'https://shop.example.com';
const page = { url: `${SITE}/catalog/sofas?utm_source=ya`, referrer: 'https://yandex.ru/search?text=диван', language: 'ru-RU', timeZone: 'Europe/Moscow' };

const modes = [
  { name: 'embedded', redis: false },
  // Replies are delivered by a worker without sockets, which reaches the visitor through Redis.
  { name: 'a worker and Socket.IO over redis-server', redis: true },
];

describe.each(modes)('web chat over /webchat: $name', (mode) => {
  const skip = mode.redis && !process.env.CI ? redisMissingReason() : null;
  describe.skipIf(skip)('', () => webchat(mode.redis));
});

function webchat(withRedis: boolean) {
  let redis: RunningRedis | undefined;
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let inbox: { id: string; widgetToken: string };
  let agent: { id: string; token: string };
  let agentSocket: AgentClient;
  let visitor: VisitorClient;
  let worker: INestApplicationContext | undefined;
  const open: VisitorClient[] = [];
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  const visit = async (options: { visitorToken?: string; origin?: string } = {}) => {
    const client = await connectVisitor(baseUrl, { widgetToken: inbox.widgetToken, origin: SITE, page, ...options });
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    redis = withRedis ? await startRedis() : undefined;
    t = await startTestApp({ env: redis ? { REDIS_URL: redis.url, JOBS_IN_SERVER: 'false' } : {} });
    baseUrl = await t.listen();
    if (redis) {
      worker = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config: t.config, database: t.database, appSecret: TEST_APP_SECRET, logger: createLogger('silent') }), { logger: false });
      await worker.init();
    }
    admin = await t.adminToken();
    const created = await t
      .http()
      .post('/api/inboxes')
      .set(auth())
      .send({ type: 'webchat', name: 'Мебельный магазин', settings: { allowedOrigins: [SITE], greeting: 'Здравствуйте!', color: '#0a7c5a', askContact: 'after' } })
      .expect(201);
    inbox = { id: created.body.id, widgetToken: created.body.settings.widgetToken };
    agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    agentSocket = await connectAgent(baseUrl, agent.token);
    visitor = await visit();
  });
  afterAll(async () => {
    for (const client of open) client.close();
    agentSocket?.close();
    await worker?.close();
    await t?.close();
    await redis?.stop();
  });

  let conversationId: string;
  let firstMessage: VisitorMessage;

  it('gives a new visitor a token and the widget settings when the page is on an allowed origin', () => {
    expect(visitor.ready.visitorToken).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(visitor.ready).toMatchObject({ contactKnown: false, config: { name: 'Мебельный магазин', greeting: 'Здравствуйте!', color: '#0a7c5a', askContact: 'after' } });
  });

  it('stores the visitor message through the pipeline and shows it to the agent live', async () => {
    const ack = await visitor.request<{ message: VisitorMessage }>('message.send', { clientId: 'c-1', text: 'Здравствуйте! Есть ли диван «Осло» в сером?' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    firstMessage = ack.message;
    expect(firstMessage).toMatchObject({ clientId: 'c-1', from: 'visitor', text: 'Здравствуйте! Есть ли диван «Осло» в сером?' });

    const live = await agentSocket.waitFor('message.created', (e) => e.payload.id === firstMessage.id);
    expect(live.payload).toMatchObject({ messageType: 'incoming', senderType: 'contact', content: firstMessage.text });
    conversationId = live.conversationId!;
    const created = await agentSocket.waitFor('conversation.created', (e) => e.payload.id === conversationId);
    expect(created.payload.inboxId).toBe(inbox.id);
  });

  it('stores the page, referrer, language and time zone of the first message on the conversation', async () => {
    const [row] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(row.attributes.webchat).toMatchObject({ pageUrl: page.url, referrer: page.referrer, language: 'ru-RU', timeZone: 'Europe/Moscow', origin: SITE });
  });

  it('stores one message when the widget sends the same clientId again after a reconnect', async () => {
    const again = await visit({ visitorToken: visitor.ready.visitorToken });
    const ack = await again.request<{ message: VisitorMessage }>('message.send', { clientId: 'c-1', text: 'Здравствуйте! Есть ли диван «Осло» в сером?' });
    expect(ack).toMatchObject({ ok: true, message: { id: firstMessage.id } });
    const thread = await t.http().get(`/api/conversations/${conversationId}/messages`).set(auth()).expect(200);
    expect(thread.body.items.filter((m: { messageType: string }) => m.messageType === 'incoming')).toHaveLength(1);
  });

  it('shows the visitor message in their other tabs', async () => {
    const otherTab = await visit({ visitorToken: visitor.ready.visitorToken });
    const ack = await visitor.request<{ message: VisitorMessage }>('message.send', { clientId: 'c-2', text: 'И сколько стоит доставка?' });
    expect(ack.ok).toBe(true);
    await otherTab.waitForMessage((m) => m.clientId === 'c-2');
    expect(visitor.messages.some((m) => m.clientId === 'c-2')).toBe(false);
  });

  it('delivers an agent reply to the visitor live and marks it sent', async () => {
    const reply = await t.http().post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${agent.token}`).send({ text: 'Да, есть! Доставка по Москве — 990 ₽ 🚚' }).expect(201);
    const received = await visitor.waitForMessage((m) => m.id === reply.body.id);
    expect(received).toMatchObject({ from: 'agent', clientId: null, text: 'Да, есть! Доставка по Москве — 990 ₽ 🚚' });
    await agentSocket.waitFor('message.updated', (e) => e.payload.id === reply.body.id && e.payload.status === 'sent');
  });

  it('answers the history without private notes, oldest first', async () => {
    await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth()).send({ text: 'Клиент из рекламы, предложить скидку', private: true }).expect(201);
    const history = await visitor.request<{ messages: VisitorMessage[] }>('history');
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    expect(history.messages.map((m) => [m.from, m.text])).toEqual([
      ['visitor', 'Здравствуйте! Есть ли диван «Осло» в сером?'],
      ['visitor', 'И сколько стоит доставка?'],
      ['agent', 'Да, есть! Доставка по Москве — 990 ₽ 🚚'],
    ]);
  });

  it('continues the same conversation for a returning visitor and starts afresh for a forged token', async () => {
    const returning = await visit({ visitorToken: visitor.ready.visitorToken });
    expect(returning.ready.visitorToken).toBe(visitor.ready.visitorToken);
    const history = await returning.request<{ messages: VisitorMessage[] }>('history');
    expect(history.ok && history.messages).toHaveLength(3);

    const [version, , signature] = visitor.ready.visitorToken.split('.');
    const forged = await visit({ visitorToken: `${version}.AAAAAAAAAAAAAAAAAAAAAA.${signature}` });
    expect(forged.ready.visitorToken).not.toBe(visitor.ready.visitorToken);
    expect(await forged.request('history')).toEqual({ ok: true, messages: [] });
  });

  it('fills the contact with the name and e-mail from the contact form', async () => {
    expect(await visitor.request('contact.update', { name: 'Ольга Ёжикова', email: ' Olga@Example.RU ' })).toEqual({ ok: true });
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    expect(contact).toMatchObject({ name: 'Ольга Ёжикова', emails: ['olga@example.ru'] });
    const again = await visit({ visitorToken: visitor.ready.visitorToken });
    expect(again.ready.contactKnown).toBe(true);
  });

  it('answers validation_failed for an invalid e-mail, an empty text or a bad clientId, and stores nothing', async () => {
    const email = await visitor.request('contact.update', { email: 'olga@' });
    expect(email).toMatchObject({ ok: false, error: { code: 'validation_failed', errors: [{ field: 'email' }] } });
    const empty = await visitor.request('message.send', { clientId: 'c-3', text: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'validation_failed', errors: [{ field: 'text' }] } });
    const badId = await visitor.request('message.send', { clientId: 'не id', text: 'привет' });
    expect(badId).toMatchObject({ ok: false, error: { code: 'validation_failed', errors: [{ field: 'clientId' }] } });
    const tooLong = await visitor.request('message.send', { clientId: 'c-4', text: 'я'.repeat(5001) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('shows the visitor typing to an agent with the conversation open, and the agent typing to the visitor', async () => {
    expect(await agentSocket.socket.emitWithAck('conversation.join', { conversationId })).toEqual({ ok: true });
    expect(await visitor.request('typing', { typing: true })).toEqual({ ok: true });
    const typing = await agentSocket.waitFor('typing', (e) => e.payload.contact === true && e.payload.conversationId === conversationId);
    expect(typing.payload.typing).toBe(true);

    expect(await agentSocket.socket.emitWithAck('typing', { conversationId, typing: true })).toEqual({ ok: true });
    await visitor.waitForTyping(true);
  });

  describe('refusals', () => {
    it('refuses a page on an origin the inbox does not allow, with the reason', async () => {
      const refusal = await visitorRefusal(baseUrl, { widgetToken: inbox.widgetToken, origin: 'https://evil.example.net' });
      expect(refusal.code).toBe('widget_origin_not_allowed');
      expect(refusal.message).toContain('https://evil.example.net');
    });

    it('refuses a handshake without any origin', async () => {
      expect((await visitorRefusal(baseUrl, { widgetToken: inbox.widgetToken })).code).toBe('widget_origin_not_allowed');
    });

    it('refuses an unknown widget token and a missing one', async () => {
      expect((await visitorRefusal(baseUrl, { widgetToken: 'no-such-token', origin: SITE })).code).toBe('widget_not_found');
      expect((await visitorRefusal(baseUrl, { widgetToken: '', origin: SITE })).code).toBe('widget_not_found');
    });

    it('refuses the widget of a switched-off inbox and lets it in again once switched on', async () => {
      const off = await t
        .http()
        .post('/api/inboxes')
        .set(auth())
        .send({ type: 'webchat', name: 'Выключенный', enabled: false, settings: { allowedOrigins: [SITE] } })
        .expect(201);
      const widgetToken = off.body.settings.widgetToken;
      expect((await visitorRefusal(baseUrl, { widgetToken, origin: SITE })).code).toBe('inbox_disabled');
      await t.http().patch(`/api/inboxes/${off.body.id}`).set(auth()).send({ enabled: true }).expect(200);
      const client = await connectVisitor(baseUrl, { widgetToken, origin: SITE });
      open.push(client);
      expect(client.ready.config.name).toBe('Выключенный');
    });
  });

  describe('GET /api/webchat/:widgetToken/config', () => {
    it('answers the public settings to an allowed origin, readable by that page', async () => {
      const res = await t.http().get(`/api/webchat/${inbox.widgetToken}/config`).set('Origin', SITE).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(SITE);
      expect(res.body).toEqual({
        name: 'Мебельный магазин',
        color: '#0a7c5a',
        greeting: 'Здравствуйте!',
        askContact: 'after',
        requireContactInfo: false,
        workingHoursMessage: null,
        locale: null,
        maxTextLength: 5000,
      });
    });

    it('answers 403 widget_origin_not_allowed to another origin, in the language of the request', async () => {
      const res = await t.http().get(`/api/webchat/${inbox.widgetToken}/config`).set('Origin', 'https://evil.example.net').set('Accept-Language', 'ru').expect(403);
      expect(res.body.code).toBe('widget_origin_not_allowed');
      expect(res.body.message).toContain('https://evil.example.net');
      expect(res.body.message).toMatch(/разрешённые/);
    });

    it('answers 404 widget_not_found for an unknown token', async () => {
      const res = await t.http().get('/api/webchat/no-such-token/config').set('Origin', SITE).expect(404);
      expect(res.body.code).toBe('widget_not_found');
    });
  });

  it('answers 404 webhooks_not_supported to a webhook for a web-chat inbox', async () => {
    const res = await t.http().post(`/webhooks/${inbox.id}`).send({ text: 'hi' }).expect(404);
    expect(res.body.code).toBe('webhooks_not_supported');
  });
}
