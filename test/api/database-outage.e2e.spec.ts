import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@app/db';
import { createApiInbox, postWebhook } from '../support/api-channel.js';
import { startPostgres, type RunningPostgres } from '../support/postgres-server.js';
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
  });

  it('answers 503 with Retry-After to webhooks and API calls while PostgreSQL is down', async () => {
    const admin = await t.adminToken();
    const inbox = await createApiInbox(t, admin);
    await postWebhook(t, inbox, { externalId: 'before', contact: { externalId: 'c' }, text: 'до' }).expect(200);

    postgres.stop();
    const webhook = await postWebhook(t, inbox, { externalId: 'during', contact: { externalId: 'c' }, text: 'во время' }).expect(503);
    expect(webhook.body).toMatchObject({ code: 'service_unavailable' });
    expect(webhook.headers['retry-after']).toBe('5');
    expect(JSON.stringify(webhook.body)).not.toMatch(/at .*\.js|ECONNREFUSED/);
    await t.http().get('/api/health').expect(503);
    await t.http().get('/api/conversations').set('Authorization', `Bearer ${admin}`).expect(503);
  });
});
