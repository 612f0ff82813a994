import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '@channel-adapters/core/testing';
import { OutboxService } from '@app/inbox';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { redisMissingReason, startRedis, type RunningRedis } from '../support/redis-server.js';
import { reportReliability } from '../support/reliability-report.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BATCH = 15;

/**
 * Redis restarts empty in the middle of a stream of replies (no persistence): the jobs it held are
 * gone, but the replies are queued in PostgreSQL, so the outbox sweep sends every one, once.
 */
describe.skipIf(!process.env.CI && redisMissingReason())('redis-server restarted mid-stream', () => {
  let redis: RunningRedis;
  let t: TestApp;
  let receiver: FakeHttpServer;
  let inbox: ApiInbox;
  let admin: string;
  let conversationId: string;
  const received: RecordedRequest[] = [];

  beforeAll(async () => {
    receiver = await startFakeHttpServer((request) => {
      received.push(request);
      return { status: 200, body: { id: `cb-${request.headers['x-omnibox-delivery']}` } };
    });
    redis = await startRedis();
    t = await startTestApp({ env: { REDIS_URL: redis.url }, queueBackoff: { type: 'fixed', delayMs: 20 } });
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, `${receiver.url}/callback`);
    await postWebhook(t, inbox, { externalId: 'r-1', contact: { externalId: 'c-r' }, text: 'Начнём' }).expect(200);
    conversationId = (await t.http().get('/api/conversations?status=all').set('Authorization', `Bearer ${admin}`).expect(200)).body.items[0].id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await receiver?.close();
  });

  const reply = async (text: string) =>
    (await t.http().post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${admin}`).send({ text }).expect(201)).body.id as string;
  const deliveriesOf = (id: string) => received.filter((r) => JSON.parse(r.body.toString()).messageId === id).length;

  it('delivers every reply exactly once across the restart', async () => {
    const ids: string[] = [];
    for (let i = 0; i < BATCH; i += 1) ids.push(await reply(`до перезапуска ${i}`));
    await redis.restart();
    for (let i = 0; i < BATCH; i += 1) ids.push(await reply(`после перезапуска ${i}`));
    // The half-minute sweep, run now: whatever the restart dropped from the queue is enqueued again.
    await t.app.get(OutboxService, { strict: false }).sweep(new Date());
    await eventually(async () => expect(ids.filter((id) => deliveriesOf(id) === 0)).toEqual([]), 20_000);

    const delivered = ids.filter((id) => deliveriesOf(id) >= 1).length;
    const duplicated = ids.filter((id) => deliveriesOf(id) > 1).length;
    const statuses = (await t.http().get(`/api/conversations/${conversationId}/messages?limit=100`).set('Authorization', `Bearer ${admin}`).expect(200)).body.items.filter((m: { id: string }) => ids.includes(m.id));
    reportReliability('fault: redis-server restarted', {
      faultsInjected: 1,
      messagesSent: ids.length,
      messagesStored: statuses.length,
      messagesDelivered: delivered,
      messagesDuplicated: duplicated,
      messagesLost: ids.length - delivered,
    });
    expect({ stored: statuses.length, delivered, duplicated }).toEqual({ stored: ids.length, delivered: ids.length, duplicated: 0 });
    await eventually(async () => {
      const thread = await t.http().get(`/api/conversations/${conversationId}/messages?limit=100`).set('Authorization', `Bearer ${admin}`).expect(200);
      expect(thread.body.items.filter((m: { id: string; status: string }) => ids.includes(m.id) && m.status === 'sent')).toHaveLength(ids.length);
    });
  }, 90_000);
});
