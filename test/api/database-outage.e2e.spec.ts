import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@app/db';
import { createApiInbox, postWebhook } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { startPostgres, type RunningPostgres } from '../support/postgres-server.js';
import { reportReliability } from '../support/reliability-report.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A webhook that cannot be stored must be retried by the channel: 503 with Retry-After, never 500 or 2xx. */
describe.skipIf(!process.env.CI && !inject('pgAdminUrl'))('database outage', () => {
  let postgres: RunningPostgres;
  let t: TestApp;

  beforeAll(async () => {
    // A server of its own, since this suite stops it.
    postgres = await startPostgres();
    t = await startTestApp({ database: await openDatabase({ databaseUrl: postgres.url, poolSize: 2 }) });
  });
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    postgres?.stop();
  });

  it('answers 503 with Retry-After while PostgreSQL is down, and stores the webhook once when the channel retries after it is back', async () => {
    const admin = await t.adminToken();
    const inbox = await createApiInbox(t, admin);
    await postWebhook(t, inbox, { externalId: 'before', contact: { externalId: 'c' }, text: 'до' }).expect(200);

    postgres.pause();
    let resumed = false;
    try {
      const webhook = await postWebhook(t, inbox, { externalId: 'during', contact: { externalId: 'c' }, text: 'во время' }).expect(503);
      expect(webhook.body).toMatchObject({ code: 'service_unavailable' });
      expect(webhook.headers['retry-after']).toBe('5');
      expect(JSON.stringify(webhook.body)).not.toMatch(/at .*\.js|ECONNREFUSED/);
      await t.http().get('/api/health').expect(503);
      await t.http().get('/api/conversations').set('Authorization', `Bearer ${admin}`).expect(503);
      postgres.resume();
      resumed = true;
    } finally {
      if (!resumed) postgres.resume();
    }

    // The channel sends the refused webhook again after Retry-After (twice here: a retry may overlap).
    await eventually(async () => {
      await postWebhook(t, inbox, { externalId: 'during', contact: { externalId: 'c' }, text: 'во время' }).expect(200);
    });
    await postWebhook(t, inbox, { externalId: 'during', contact: { externalId: 'c' }, text: 'во время' }).expect(200);
    const list = await t.http().get('/api/conversations').query({ inboxId: inbox.id, status: 'all' }).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.items).toHaveLength(1);
    const thread = await t.http().get(`/api/conversations/${list.body.items[0].id}/messages`).set('Authorization', `Bearer ${admin}`).expect(200);
    const texts = thread.body.items.filter((m: { messageType: string }) => m.messageType === 'incoming').map((m: { content: string }) => m.content);
    expect(texts.sort()).toEqual(['во время', 'до']);
    reportReliability('fault: PostgreSQL down', {
      faultsInjected: 1,
      messagesSent: 2,
      messagesStored: texts.length,
      messagesDuplicated: texts.length - new Set(texts).size,
      messagesLost: 2 - new Set(texts).size,
    });
  });
});
