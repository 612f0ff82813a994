import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '@channel-adapters/core/testing';
import { messages, openDatabase } from '@app/db';
import { createApiInbox, postWebhook } from '../support/api-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A process can die after committing a reply and before enqueueing its delivery. The outbox row is
 * the truth: the next start finds it still queued and delivers it.
 */
describe('outbox recovery at start-up', () => {
  let dir: string;
  let receiver: FakeHttpServer;
  const arrived: RecordedRequest[] = [];
  let notify: ((r: RecordedRequest) => void) | undefined;
  let second: TestApp | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omnibox-outbox-'));
    receiver = await startFakeHttpServer((r) => {
      arrived.push(r);
      notify?.(r);
      return { status: 200, body: {} };
    });
  });
  afterAll(async () => {
    await second?.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a reply left queued by a process that stopped before enqueueing it', async () => {
    const first = await startTestApp({ database: await openDatabase({ pgliteDataDir: dir }) });
    const admin = await first.adminToken();
    const inbox = await createApiInbox(first, admin, `${receiver.url}/cb`);
    await postWebhook(first, inbox, { externalId: 'r-1', contact: { externalId: 'c-1', name: 'Игорь' }, text: 'Жду ответа' }).expect(200);
    const [conversation] = (await first.http().get('/api/conversations').set('Authorization', `Bearer ${admin}`).expect(200)).body.items;
    // Written as the reply transaction writes it, with no job behind it.
    const [orphan] = await first.db
      .insert(messages)
      .values({ conversationId: conversation.id, inboxId: inbox.id, messageType: 'outgoing', senderType: 'user', content: 'Ответ после сбоя', status: 'queued' })
      .returning();
    await first.close();

    const delivered = new Promise<RecordedRequest>((resolve) => (notify = (r) => JSON.parse(r.body.toString()).messageId === orphan.id && resolve(r)));
    second = await startTestApp({ database: await openDatabase({ pgliteDataDir: dir }) });
    const request = await delivered;
    expect(JSON.parse(request.body.toString()).text).toBe('Ответ после сбоя');
    expect(arrived.filter((r) => JSON.parse(r.body.toString()).messageId === orphan.id)).toHaveLength(1);
  });
});
