import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startFakeHttpServer, type FakeHttpServer, type FakeResponse, type RecordedRequest } from '@channel-adapters/core/testing';
import { messages } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { createApiInbox, postWebhook, signature, type ApiInbox } from '../support/api-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Delivery {
  messageId: string;
  request: RecordedRequest;
  receivedAt: number;
}

/**
 * The integrator's callback endpoint: answers from a script (then 200 with its own id) and lets a
 * test await the n-th delivery of a message instead of sleeping.
 */
function callbackEndpoint() {
  const script: FakeResponse[] = [];
  const deliveries: Delivery[] = [];
  const waiters: Array<{ messageId: string; count: number; resolve: (found: Delivery[]) => void }> = [];
  const deliveriesOf = (messageId: string) => deliveries.filter((d) => d.messageId === messageId);

  return {
    deliveries,
    deliveriesOf,
    /** The next answers, in order, before the endpoint goes back to answering 200. */
    answerNext(...responses: FakeResponse[]) {
      script.push(...responses);
    },
    respond(request: RecordedRequest): FakeResponse {
      const messageId = String(request.headers['x-omnibox-delivery']);
      deliveries.push({ messageId, request, receivedAt: Date.now() });
      for (const waiter of [...waiters]) {
        if (deliveriesOf(waiter.messageId).length < waiter.count) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(deliveriesOf(waiter.messageId));
      }
      return script.shift() ?? { status: 200, body: { id: `cb-${messageId}` } };
    },
    /** Resolves with the message's deliveries once there are `count` of them. */
    received(messageId: string, count: number, timeoutMs = 10_000): Promise<Delivery[]> {
      if (deliveriesOf(messageId).length >= count) return Promise.resolve(deliveriesOf(messageId));
      return new Promise((resolve, reject) => {
        const waiter = { messageId, count, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`Only ${deliveriesOf(messageId).length} of ${count} deliveries of ${messageId} within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
  };
}

describe('outbound delivery through the api channel (embedded queue, real HTTP)', () => {
  const endpoint = callbackEndpoint();
  let receiver: FakeHttpServer;
  let t: TestApp;
  let inbox: ApiInbox;
  let inboxWithoutCallback: ApiInbox;
  let agent: { id: string; token: string };
  let socket: AgentClient;

  beforeAll(async () => {
    receiver = await startFakeHttpServer((request) => endpoint.respond(request));
    // Retries after milliseconds instead of the product's 2 s, 4 s, …
    t = await startTestApp({ queueBackoff: { type: 'fixed', delayMs: 20 } });
    const baseUrl = await t.listen();
    const admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, `${receiver.url}/omnibox/callback`, 'Интернет-магазин');
    inboxWithoutCallback = await createApiInbox(t, admin, undefined, 'Без обратного адреса');
    agent = await t.createUser('agent', { inboxIds: [inbox.id, inboxWithoutCallback.id] });
    socket = await connectAgent(baseUrl, agent.token);
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await receiver?.close();
  });

  const auth = () => ({ Authorization: `Bearer ${agent.token}` });

  /** A customer writes in; answers the conversation the agent was shown. */
  async function conversationWithNewCustomer(target: ApiInbox): Promise<string> {
    const name = `Клиент ${randomUUID().slice(0, 8)}`;
    await postWebhook(t, target, { externalId: `in-${randomUUID()}`, contact: { externalId: `cust-${randomUUID()}`, name }, text: 'Здравствуйте!' }).expect(200);
    const created = await socket.waitFor('conversation.created', (e) => e.payload.contact?.name === name);
    return created.payload.id;
  }

  async function reply(conversationId: string, body: Record<string, unknown>): Promise<{ id: string; status: string; messageType: string }> {
    const res = await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth()).send(body).expect(201);
    return res.body;
  }

  const statusEvent = (messageId: string, status: string) => socket.waitFor('message.updated', (e) => e.payload.id === messageId && e.payload.status === status);

  async function storedMessage(messageId: string) {
    const [row] = await t.db.select().from(messages).where(eq(messages.id, messageId));
    return row;
  }

  async function messageOverApi(conversationId: string, messageId: string) {
    const page = await t.http().get(`/api/conversations/${conversationId}/messages`).set(auth()).expect(200);
    return page.body.items.find((m: { id: string }) => m.id === messageId);
  }

  it('ends sent after retrying when the callback answers 500 twice and then 200', async () => {
    const conversationId = await conversationWithNewCustomer(inbox);
    endpoint.answerNext({ status: 500, body: 'upstream down' }, { status: 500 });

    const sentReply = await reply(conversationId, { text: 'Заказ 4521 передан курьеру 🚚' });
    expect(sentReply.status).toBe('queued');
    const sent = await statusEvent(sentReply.id, 'sent');

    expect(sent.payload.error).toBeNull();
    const attempts = endpoint.deliveriesOf(sentReply.id);
    expect(attempts).toHaveLength(3);
    // Every attempt carries the same signed bytes, so the receiver can dedupe on the delivery id.
    for (const { request } of attempts) {
      expect(request.path).toBe('/omnibox/callback');
      expect(request.body.equals(attempts[0].request.body)).toBe(true);
      expect(request.headers['x-hub-signature-256']).toBe(signature(inbox.webhookSecret, request.body));
    }
    expect(JSON.parse(attempts[0].request.body.toString('utf8'))).toMatchObject({ messageId: sentReply.id, conversationId, text: 'Заказ 4521 передан курьеру 🚚' });
    expect(await messageOverApi(conversationId, sentReply.id)).toMatchObject({ status: 'sent', error: null });
    expect(await storedMessage(sentReply.id)).toMatchObject({ status: 'sent', attempts: 2, externalId: `cb-${sentReply.id}` });
  });

  it('marks the reply failed with the status in the reason when the callback answers 400, and sends it when retried', async () => {
    const conversationId = await conversationWithNewCustomer(inbox);
    endpoint.answerNext({ status: 400, body: { error: 'unknown contact' } });

    const failingReply = await reply(conversationId, { text: 'Ваш заказ готов' });
    const failed = await statusEvent(failingReply.id, 'failed');

    expect(failed.payload.error).toContain('400');
    expect(endpoint.deliveriesOf(failingReply.id)).toHaveLength(1);
    const shown = await messageOverApi(conversationId, failingReply.id);
    expect(shown.status).toBe('failed');
    expect(shown.error).toContain('400');

    const retried = await t.http().post(`/api/conversations/${conversationId}/messages/${failingReply.id}/retry`).set(auth()).expect(200);
    expect(retried.body).toMatchObject({ id: failingReply.id, status: 'queued', error: null });
    await statusEvent(failingReply.id, 'queued');
    const sent = await statusEvent(failingReply.id, 'sent');

    expect(sent.payload.error).toBeNull();
    expect(endpoint.deliveriesOf(failingReply.id)).toHaveLength(2);
    expect(await messageOverApi(conversationId, failingReply.id)).toMatchObject({ status: 'sent', error: null });
    const again = await t.http().post(`/api/conversations/${conversationId}/messages/${failingReply.id}/retry`).set(auth()).expect(409);
    expect(again.body.code).toBe('message_not_retryable');
  });

  it('waits out a 429 with Retry-After: 1 and then delivers without using up an attempt', async () => {
    const conversationId = await conversationWithNewCustomer(inbox);
    endpoint.answerNext({ status: 429, headers: { 'retry-after': '1' }, body: 'slow down' });

    const limitedReply = await reply(conversationId, { text: 'Минутку, проверяю' });
    await statusEvent(limitedReply.id, 'sent');

    const [first, second] = await endpoint.received(limitedReply.id, 2);
    expect(endpoint.deliveriesOf(limitedReply.id)).toHaveLength(2);
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(1_000);
    expect(await storedMessage(limitedReply.id)).toMatchObject({ status: 'sent', attempts: 0, error: null });
  });

  it('never sends a private note to the customer’s channel', async () => {
    const conversationId = await conversationWithNewCustomer(inbox);

    const note = await reply(conversationId, { text: 'Клиент просил звонить после 18:00', private: true });
    expect(note).toMatchObject({ messageType: 'note', status: 'sent' });
    await socket.waitFor('message.created', (e) => e.payload.id === note.id);
    // A reply written after the note reaches the receiver; by then the note would have been sent too.
    const later = await reply(conversationId, { text: 'Перезвоним вечером' });
    await endpoint.received(later.id, 1);
    await statusEvent(later.id, 'sent');

    expect(endpoint.deliveriesOf(note.id)).toEqual([]);
    expect(endpoint.deliveries.some((d) => d.request.body.toString('utf8').includes('после 18:00'))).toBe(false);
    expect(await storedMessage(note.id)).toMatchObject({ messageType: 'note', status: 'sent', attempts: 0, error: null });
  });

  it('marks the reply failed and says to set settings.callbackUrl when the inbox has no callback URL', async () => {
    const conversationId = await conversationWithNewCustomer(inboxWithoutCallback);

    const undeliverable = await reply(conversationId, { text: 'Куда же это уйдёт?' });
    const failed = await statusEvent(undeliverable.id, 'failed');

    expect(failed.payload.error).toContain('set settings.callbackUrl');
    expect(endpoint.deliveriesOf(undeliverable.id)).toEqual([]);
    expect((await messageOverApi(conversationId, undeliverable.id)).error).toContain('settings.callbackUrl');
  });
});
