import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '@channel-adapters/core/testing';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { signature } from '../support/api-channel.js';
import { createDatabaseOnServer } from '../support/databases.js';
import { freePort } from '../support/postgres-server.js';
import { startNodeProcess, type RunningProcess } from '../support/processes.js';
import { redisMissingReason, startRedis, type RunningRedis } from '../support/redis-server.js';
import { reportReliability } from '../support/reliability-report.js';

const ADMIN = { email: 'admin@example.com', password: 'scale-out-password' };
const SERVER = 'dist/apps/server/src/main.js';
const WORKER = 'dist/apps/worker/src/main.js';

const skipReason = process.env.CI ? null : (redisMissingReason() ?? (inject('pgAdminUrl') ? null : inject('pgMissingReason')));

/**
 * Two server processes and one worker, built as they ship, on one PostgreSQL and one Redis: what an
 * agent sees does not depend on which process received the webhook, and a reply queued while the
 * worker is down is delivered once it is back.
 */
describe.skipIf(skipReason)('scale-out: two servers and a worker on PostgreSQL and Redis', () => {
  let redis: RunningRedis;
  let receiver: FakeHttpServer;
  const received: RecordedRequest[] = [];
  const waiting: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  let serverA: RunningProcess;
  let serverB: RunningProcess;
  let worker: RunningProcess;
  let urlA: string;
  let urlB: string;
  let env: Record<string, string>;
  let dataDir: string;
  let token: string;
  let inbox: { id: string; webhookSecret: string };
  let agent: AgentClient;

  const deliveryOf = (messageId: string) =>
    new Promise<RecordedRequest>((resolve) => {
      const match = (r: RecordedRequest) => JSON.parse(r.body.toString()).messageId === messageId;
      const already = received.find(match);
      if (already) resolve(already);
      else waiting.push({ match, resolve });
    });

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--server-only'], { stdio: 'pipe' });
    redis = await startRedis();
    receiver = await startFakeHttpServer((r) => {
      received.push(r);
      for (const w of [...waiting]) {
        if (!w.match(r)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(r);
      }
      return { status: 200, body: {} };
    });
    dataDir = mkdtempSync(join(tmpdir(), 'omnibox-scale-'));
    env = {
      DATABASE_URL: await createDatabaseOnServer(inject('pgAdminUrl')!),
      REDIS_URL: redis.url,
      APP_SECRET: 'scale-out-secret-0123456789abcdef0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO: 'false',
      JOBS_IN_SERVER: 'false',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    };
    const [portA, portB] = [await freePort(), await freePort()];
    // One process migrates while the other waits on the lock; both must come up.
    [serverA, serverB] = await Promise.all([
      startNodeProcess(SERVER, { ...env, PORT: String(portA) }, /Omnibox is running/),
      startNodeProcess(SERVER, { ...env, PORT: String(portB) }, /Omnibox is running/),
    ]);
    worker = await startNodeProcess(WORKER, env, /Worker started/);
    urlA = `http://127.0.0.1:${portA}`;
    urlB = `http://127.0.0.1:${portB}`;
    token = (await request(urlA).post('/api/auth/login').send(ADMIN).expect(200)).body.accessToken;
    const created = await request(urlB)
      .post('/api/inboxes')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'api', name: 'Сайт', settings: { callbackUrl: `${receiver.url}/callback` } })
      .expect(201);
    inbox = { id: created.body.id, webhookSecret: created.body.webhookSecret };
    agent = await connectAgent(urlA, token);
  }, 180_000);

  afterAll(async () => {
    agent?.close();
    await Promise.all([serverA?.stop(), serverB?.stop(), worker?.stop()]);
    await receiver?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const webhook = (payload: object) => {
    const body = JSON.stringify(payload);
    return request(urlB).post(`/webhooks/${inbox.id}`).set('Content-Type', 'application/json').set('X-Hub-Signature-256', signature(inbox.webhookSecret, body)).send(body);
  };

  let conversationId: string;

  it('shows an agent on server A a message that server B ingested', async () => {
    await webhook({ externalId: 'so-1', contact: { externalId: 'c-1', name: 'Мария' }, text: 'Через Redis' }).expect(200);
    const created = await agent.waitFor('message.created', (e) => e.payload.content === 'Через Redis');
    conversationId = created.payload.conversationId;
  });

  it('delivers a reply through the worker and shows the agent the sent status it reports', async () => {
    const reply = await request(urlA).post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${token}`).send({ text: 'Ответ' }).expect(201);
    await deliveryOf(reply.body.id);
    await agent.waitFor('message.updated', (e) => e.payload.id === reply.body.id && e.payload.status === 'sent');
  });

  it('delivers replies queued while the worker was killed exactly once each after it restarts', async () => {
    await worker.stop('SIGKILL');
    // A batch sent to both servers while no worker runs: every one must arrive once, none twice.
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const server = i % 2 === 0 ? urlA : urlB;
      const reply = await request(server).post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${token}`).send({ text: `Пока воркер лежал ${i}` }).expect(201);
      ids.push(reply.body.id);
    }
    const queued = await request(urlA).get(`/api/conversations/${conversationId}/messages?limit=100`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(queued.body.items.find((m: { id: string }) => m.id === ids[0]).status).toBe('queued');

    worker = await startNodeProcess(WORKER, env, /Worker started/);
    await Promise.all(ids.map((id) => deliveryOf(id)));
    await agent.waitFor('message.updated', (e) => e.payload.id === ids[ids.length - 1] && e.payload.status === 'sent');
    const deliveriesOf = (id: string) => received.filter((r) => JSON.parse(r.body.toString()).messageId === id).length;
    const delivered = ids.filter((id) => deliveriesOf(id) >= 1).length;
    const duplicated = ids.filter((id) => deliveriesOf(id) > 1).length;
    reportReliability('fault: worker SIGKILL', { faultsInjected: 1, messagesSent: ids.length, messagesStored: ids.length, messagesDelivered: delivered, messagesDuplicated: duplicated, messagesLost: ids.length - delivered });
    expect({ delivered, duplicated }).toEqual({ delivered: ids.length, duplicated: 0 });
  });
});
