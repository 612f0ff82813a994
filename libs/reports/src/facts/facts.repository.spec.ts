import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contacts, conversationFacts, conversations, inboxes, messageCountsHourly, type DatabaseHandle, type Db } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { FactsRepository, NO_AGENT } from './facts.repository.js';

describe.each(databaseTargets())('FactsRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let db: Db;
    let repo: FactsRepository;
    let inboxId: string;
    let contactId: string;

    beforeAll(async () => {
      handle = await target.open();
      db = handle.db;
      repo = new FactsRepository(db);
      [{ id: inboxId }] = await db.insert(inboxes).values({ type: 'api', name: 'Site', settings: {} }).returning({ id: inboxes.id });
      [{ id: contactId }] = await db.insert(contacts).values({ name: 'Ирина' }).returning({ id: contacts.id });
    });
    afterAll(() => handle?.close());

    async function conversation() {
      const [row] = await db.insert(conversations).values({ inboxId, contactId, status: 'open', labels: ['vip', 'опт'] }).returning();
      return row;
    }

    it('makes the facts row with the first customer message and counts every message and its hour', async () => {
      const c = await conversation();
      const first = new Date('2026-03-04T10:15:30Z');
      const second = new Date('2026-03-04T10:59:00Z');
      const third = new Date('2026-03-04T11:01:00Z');
      const values = { conversationId: c.id, inboxId, channel: 'api', teamId: null, assigneeId: null, labels: c.labels, openedAt: c.createdAt, status: c.status };
      for (const at of [first, second, third]) await repo.countIncoming(values, at);

      const [facts] = await db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, c.id));
      expect(facts).toMatchObject({ inboxId, channel: 'api', labels: ['vip', 'опт'], openedAt: c.createdAt, status: 'open', incomingMessages: 3, awaitingSince: first });
      const hours = await db.select().from(messageCountsHourly).where(eq(messageCountsHourly.inboxId, inboxId)).orderBy(messageCountsHourly.bucket);
      expect(hours.map((h) => ({ bucket: h.bucket.toISOString(), agentId: h.agentId, incoming: h.incoming, outgoing: h.outgoing }))).toEqual([
        { bucket: '2026-03-04T10:00:00.000Z', agentId: NO_AGENT, incoming: 2, outgoing: 0 },
        { bucket: '2026-03-04T11:00:00.000Z', agentId: NO_AGENT, incoming: 1, outgoing: 0 },
      ]);
    });

    it('keeps the oldest waiting message when the facts row exists and the customer writes again', async () => {
      const c = await conversation();
      const started = await repo.ensure({ conversationId: c.id, inboxId, channel: 'api', teamId: null, assigneeId: null, labels: [], openedAt: c.createdAt, status: 'open' });
      expect(started.incomingMessages).toBe(0);
      const waiting = new Date('2026-03-05T08:00:00Z');
      await repo.countIncoming({ ...started, labels: [] }, waiting);
      const before = new Date();
      await repo.countIncoming({ ...started, labels: [] }, new Date('2026-03-05T08:05:00Z'));
      const [facts] = await db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, c.id));
      expect(facts).toMatchObject({ incomingMessages: 2, awaitingSince: waiting, labels: [] });
      expect(facts.updatedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    });
  });
});
