import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { conversations, messages, openDatabase, type DatabaseHandle } from '@app/db';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { createDatabaseOnServer, databaseTargets, type DatabaseTarget } from '../support/databases.js';
import { auth } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CAPACITY = 2;
const AGENTS = 3;
const CUSTOMERS = 16;

/** Two server processes on one PostgreSQL database (each with its own pool), or one app on PGlite. */
async function openApps(target: DatabaseTarget): Promise<TestApp[]> {
  if (target.name === 'pglite') return [await startTestApp({ database: await target.open() })];
  const url = await createDatabaseOnServer(inject('pgAdminUrl')!);
  const handles: DatabaseHandle[] = [await openDatabase({ databaseUrl: url, poolSize: 5 }), await openDatabase({ databaseUrl: url, poolSize: 5 })];
  return Promise.all(handles.map((database) => startTestApp({ database })));
}

describe.each(databaseTargets())('assignment capacity under parallel load on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let apps: TestApp[];
    let admin: string;
    let inbox: ApiInbox;
    let agents: Array<{ id: string; token: string }>;
    const app = (i: number) => apps[i % apps.length];

    beforeAll(async () => {
      apps = await openApps(target);
      admin = await apps[0].adminToken();
      inbox = await createApiInbox(apps[0], admin, undefined, 'Parallel');
      agents = [];
      for (let i = 0; i < AGENTS; i++) agents.push(await app(i).createUser('agent', { email: `parallel-${i}-${randomUUID()}@example.com`, name: `Агент ${i}`, inboxIds: [inbox.id] }));
      await apps[0].http().post('/api/assignment-policies').set(auth(admin)).send({ name: 'Parallel', inboxId: inbox.id, kind: 'least_busy', capacity: CAPACITY }).expect(201);
    });
    afterAll(async () => {
      for (const t of apps ?? []) await t.close();
    });

    const db = () => apps[0].db;
    async function openLoads(): Promise<Map<string | null, number>> {
      const rows = await db()
        .select({ assigneeId: conversations.assigneeId, n: sql<number>`count(*)::int` })
        .from(conversations)
        .where(and(eq(conversations.inboxId, inbox.id), eq(conversations.status, 'open')))
        .groupBy(conversations.assigneeId);
      return new Map(rows.map((r) => [r.assigneeId, Number(r.n)]));
    }
    const setStatus = (i: number, status: string) => app(i).http().put('/api/users/me/availability').set(auth(agents[i].token)).send({ status }).expect(200);

    it('assigns nobody beyond capacity when agents come online at once with conversations waiting, oldest first', async () => {
      await Promise.all(
        Array.from({ length: CUSTOMERS }, (_, i) =>
          postWebhook(app(i), inbox, { externalId: `w-${i}-${randomUUID()}`, contact: { externalId: `parallel-cust-${i}` }, text: `Вопрос ${i}` }).expect(200),
        ),
      );
      expect((await openLoads()).get(null)).toBe(CUSTOMERS);

      await Promise.all(agents.map((_, i) => setStatus(i, 'online')));

      const loads = await openLoads();
      for (const agent of agents) expect(loads.get(agent.id)).toBe(CAPACITY);
      expect(loads.get(null)).toBe(CUSTOMERS - AGENTS * CAPACITY);
      const ordered = await db().select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.inboxId, inbox.id)).orderBy(asc(conversations.id));
      expect(ordered.slice(0, AGENTS * CAPACITY).every((c) => c.assigneeId !== null)).toBe(true);
    });

    it('keeps every agent within capacity and assigns no conversation twice when new conversations and freed places race', async () => {
      const open = await db().select({ id: conversations.id, assigneeId: conversations.assigneeId }).from(conversations).where(and(eq(conversations.inboxId, inbox.id), eq(conversations.status, 'open')));
      const oneEach = agents.map((agent) => open.find((c) => c.assigneeId === agent.id)!);
      await Promise.all([
        ...oneEach.map((c, i) => app(i).http().post(`/api/conversations/${c.id}/status`).set(auth(admin)).send({ status: 'resolved' }).expect(200)),
        ...Array.from({ length: 8 }, (_, i) =>
          postWebhook(app(i + 1), inbox, { externalId: `race-${i}-${randomUUID()}`, contact: { externalId: `race-cust-${i}` }, text: `Ещё вопрос ${i}` }).expect(200),
        ),
      ]);

      const loads = await openLoads();
      for (const agent of agents) expect(loads.get(agent.id)).toBe(CAPACITY);
      const assignedTwice = await db()
        .select({ conversationId: messages.conversationId, n: sql<number>`count(*)::int` })
        .from(messages)
        .where(and(eq(messages.inboxId, inbox.id), sql`${messages.contentAttributes}->>'event' = 'assigned'`))
        .groupBy(messages.conversationId)
        .having(sql`count(*) > 1`);
      expect(assignedTwice).toEqual([]);
    });
  });
});
