import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { campaignRecipients, contactIdentities, contacts, openDatabase, queryRows, type DatabaseHandle } from '@app/db';
import { ConversationAutomationService } from '@app/inbox';
import { OutreachPort, type CampaignCounts, type OutreachRequest } from '@app/marketing';
import { createDatabaseOnServer, databaseTargets, type DatabaseTarget } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import { createTelegramInbox } from '../support/telegram-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CONTACTS = 6;
const FIRST_CHAT_ID = 7_500_000_000;
const TAG = 'возобновление';

/**
 * A campaign whose process stops in the middle of a step, once right after a message was committed and
 * once inside the message's transaction, is resumed by the next process from the database alone: every
 * contact gets the message once, and the counts match what was sent.
 */
describe.each(databaseTargets())('a campaign resumed after its process stopped mid-send on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let dir: string;
    let reopen: () => Promise<DatabaseHandle>;
    /** The database of the process running now; each process opens its own connection, and closes it when it stops. */
    let database: DatabaseHandle;
    let fake: FakeTelegramBotApi;
    let running: TestApp | undefined;

    beforeAll(async () => {
      fake = await startFakeTelegramBotApi();
      dir = await mkdtemp(join(tmpdir(), 'campaign-resume-'));
      reopen = await reopenable(target, dir);
    });
    afterAll(async () => {
      await running?.close();
      await fake?.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** A process of the server on the shared database; a failed step would be retried only after the test ends. */
    const processOnDatabase = async () => {
      database = await reopen();
      running = await startTestApp({ database, queueBackoff: { type: 'fixed', delayMs: 600_000 } });
      return { t: running, admin: await running.adminToken() };
    };

    /** Makes the process stop at its first send: `stop` runs the send up to the point where the process dies. */
    const stopAtFirstSend = (t: TestApp, stop: (send: OutreachPort['send'], request: OutreachRequest) => Promise<unknown>) => {
      const outreach = t.app.get(OutreachPort);
      const send = outreach.send.bind(outreach);
      let stopped!: () => void;
      const done = new Promise<void>((resolve) => (stopped = resolve));
      vi.spyOn(outreach, 'send').mockImplementationOnce(async (request) => {
        try {
          await stop(send, request);
        } finally {
          stopped();
        }
        throw new Error('process stopped');
      });
      return done;
    };

    const campaignMessages = (campaignId: string) =>
      queryRows<{ chat: string; n: number }>(
        database.db,
        sql`select i.external_id as chat, count(*)::int as n
            from messages m join conversations c on c.id = m.conversation_id join contact_identities i on i.id = c.contact_identity_id
            where m.content_attributes -> 'outreach' ->> 'id' = ${campaignId}
            group by i.external_id`,
      );
    const recordedMessages = async (campaignId: string) =>
      (await database.db.select({ messageId: campaignRecipients.messageId }).from(campaignRecipients).where(sql`${campaignRecipients.campaignId} = ${campaignId}`)).filter(
        (r) => r.messageId !== null,
      ).length;

    it('sends every contact the message once and completes with exact counts', async () => {
      const first = await processOnDatabase();
      const auth = { Authorization: `Bearer ${first.admin}` };
      const inbox = await createTelegramInbox(first.t, first.admin, fake);
      const rows = await database.db
        .insert(contacts)
        .values(Array.from({ length: CONTACTS }, (_, i) => ({ name: `Покупатель ${i}`, tags: [TAG] })))
        .returning({ id: contacts.id, name: contacts.name });
      await database.db.insert(contactIdentities).values(rows.map((row, i) => ({ contactId: row.id, inboxId: inbox.id, externalId: String(FIRST_CHAT_ID + i), displayName: row.name })));
      const segment = await first.t
        .http()
        .post('/api/segments')
        .set(auth)
        .send({ name: 'Возобновление', filter: { match: 'all', conditions: [{ field: 'tag', op: 'any', values: [TAG] }] } })
        .expect(201);
      const template = await first.t.http().post('/api/templates').set(auth).send({ shortCode: 'resume', name: 'Весна', body: 'Здравствуйте, {{contact.name}}!' }).expect(201);
      const campaign = (await first.t.http().post('/api/campaigns').set(auth).send({ name: 'Весна', inboxId: inbox.id, segmentId: segment.body.id, templateId: template.body.id }).expect(201)).body as {
        id: string;
      };

      // The first process dies right after its first message was committed, before the step goes on.
      const afterCommit = stopAtFirstSend(first.t, (send, request) => send(request));
      await first.t.http().post(`/api/campaigns/${campaign.id}/launch`).set(auth).send({}).expect(200);
      await afterCommit;
      expect(await campaignMessages(campaign.id)).toHaveLength(1);
      expect(await recordedMessages(campaign.id)).toBe(1);
      await first.t.close();

      // The second one resumes on start and dies inside the transaction of its first message, after writing it and its recipient.
      const reachOut = ConversationAutomationService.prototype.reachOut;
      let stopped!: () => void;
      const insideTransaction = new Promise<void>((resolve) => (stopped = resolve));
      const spy = vi.spyOn(ConversationAutomationService.prototype, 'reachOut').mockImplementationOnce(function (this: ConversationAutomationService, post, guard, recorded) {
        const dying = reachOut.call(this, post, guard, async (tx, queued) => {
          await recorded!(tx, queued);
          throw new Error('process stopped');
        });
        void dying.catch(() => undefined).finally(stopped);
        return dying;
      });
      const second = await processOnDatabase();
      await insideTransaction;
      spy.mockRestore();
      expect(await campaignMessages(campaign.id)).toHaveLength(1);
      expect(await recordedMessages(campaign.id)).toBe(1);
      await second.t.close();

      // The third one finishes the campaign.
      const third = await processOnDatabase();
      const done = await eventually(
        async () => {
          const res = await third.t.http().get(`/api/campaigns/${campaign.id}`).set({ Authorization: `Bearer ${third.admin}` }).expect(200);
          expect(res.body.status).toBe('completed');
          return res.body as { counts: CampaignCounts };
        },
        60_000,
      );
      expect(done.counts).toEqual({ total: CONTACTS, queued: 0, sent: CONTACTS, delivered: 0, failed: 0, skipped: 0, replied: 0 });
      const perChat = await campaignMessages(campaign.id);
      expect(perChat.map((r) => [r.chat, r.n]).sort()).toEqual(rows.map((_, i) => [String(FIRST_CHAT_ID + i), 1]).sort());
      expect(await recordedMessages(campaign.id)).toBe(CONTACTS);
      const sends = fake.callsOf('sendMessage').map((call) => String(call.params.chat_id));
      expect(sends.sort()).toEqual(rows.map((_, i) => String(FIRST_CHAT_ID + i)).sort());
    }, 180_000);
  });
});

/** Opens the same database again after a process closed it: a PGlite directory, or a database on the PostgreSQL server. */
async function reopenable(target: DatabaseTarget, dir: string): Promise<() => Promise<DatabaseHandle>> {
  if (target.name === 'pglite') return () => openDatabase({ pgliteDataDir: join(dir, 'pglite') });
  const url = await createDatabaseOnServer(inject('pgAdminUrl')!);
  return () => openDatabase({ databaseUrl: url, poolSize: 5 });
}
