import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { realtimeEvents, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../test/support/databases.js';
import type { AgentEventDraft } from './agent-events.js';
import { RealtimeEventsRepository } from './realtime-events.repository.js';

describe.each(databaseTargets())('RealtimeEventsRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let repository: RealtimeEventsRepository;

    beforeAll(async () => {
      handle = await target.open();
      repository = new RealtimeEventsRepository(handle.db);
    });
    afterAll(() => handle?.close());

    const draft = (label: string, scope: { inboxId?: string | null; userId?: string | null }): AgentEventDraft => ({
      type: 'message.created',
      inboxId: scope.inboxId ?? null,
      conversationId: null,
      userId: scope.userId ?? null,
      payload: { label } as never,
    });

    /** Records the drafts and answers the id just before the first, so a query can start there. */
    async function record(drafts: AgentEventDraft[]): Promise<{ before: number; ids: Record<string, number> }> {
      const rows = await repository.insert(handle.db, drafts);
      const ids = Object.fromEntries(rows.map((row) => [(row.payload as { label: string }).label, row.id]));
      return { before: Math.min(...rows.map((row) => row.id)) - 1, ids };
    }
    const labels = (rows: { payload: Record<string, unknown> }[]) => rows.map((row) => row.payload.label);

    it('records nothing and answers no rows when there are no drafts', async () => {
      expect(await repository.insert(handle.db, [])).toEqual([]);
    });

    it('records each draft with its scope and an increasing id', async () => {
      const inboxId = randomUUID();
      const userId = randomUUID();
      const conversationId = randomUUID();
      const rows = await repository.insert(handle.db, [
        { type: 'conversation.created', inboxId, conversationId, payload: { label: 'a' } as never },
        { type: 'message.updated', inboxId: null, userId, payload: { label: 'b' } as never },
      ]);
      expect(rows).toMatchObject([
        { type: 'conversation.created', inboxId, conversationId, userId: null, payload: { label: 'a' } },
        { type: 'message.updated', inboxId: null, conversationId: null, userId, payload: { label: 'b' } },
      ]);
      expect(rows[1].id).toBeGreaterThan(rows[0].id);
      expect(rows[0].createdAt).toBeInstanceOf(Date);
    });

    it('answers only the given inboxes’ events and the user’s own, ordered by id, when the user sees some inboxes', async () => {
      const [mine, alsoMine, other] = [randomUUID(), randomUUID(), randomUUID()];
      const [me, someoneElse] = [randomUUID(), randomUUID()];
      const { before } = await record([
        draft('mine-1', { inboxId: mine }),
        draft('other', { inboxId: other }),
        draft('for-me', { userId: me }),
        draft('for-someone-else', { userId: someoneElse }),
        draft('for-someone-else-in-my-inbox', { inboxId: mine, userId: someoneElse }),
        draft('everyone', {}),
        draft('also-mine', { inboxId: alsoMine }),
        draft('mine-2', { inboxId: mine }),
      ]);
      const rows = await repository.since(before, me, [mine, alsoMine], 100);
      expect(labels(rows)).toEqual(['mine-1', 'for-me', 'also-mine', 'mine-2']);
      expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => a - b));
    });

    it('answers only the user’s own events when the user sees no inbox', async () => {
      const me = randomUUID();
      const { before } = await record([draft('inbox', { inboxId: randomUUID() }), draft('for-me', { userId: me }), draft('everyone', {})]);
      expect(labels(await repository.since(before, me, [], 100))).toEqual(['for-me']);
    });

    it('answers every event not meant for another user when the inbox list is null', async () => {
      const [me, someoneElse] = [randomUUID(), randomUUID()];
      const { before } = await record([
        draft('inbox-a', { inboxId: randomUUID() }),
        draft('for-someone-else', { userId: someoneElse }),
        draft('inbox-b', { inboxId: randomUUID() }),
        draft('everyone', {}),
        draft('for-me', { userId: me }),
      ]);
      expect(labels(await repository.since(before, me, null, 100))).toEqual(['inbox-a', 'inbox-b', 'everyone', 'for-me']);
    });

    it('answers only events after the given id', async () => {
      const inboxId = randomUUID();
      const { ids } = await record([draft('first', { inboxId }), draft('second', { inboxId }), draft('third', { inboxId })]);
      expect(labels(await repository.since(ids.first, randomUUID(), [inboxId], 100))).toEqual(['second', 'third']);
      expect(await repository.since(ids.third, randomUUID(), [inboxId], 100)).toEqual([]);
    });

    it('answers the oldest events first and at most limit of them', async () => {
      const inboxId = randomUUID();
      const { before } = await record(['1', '2', '3', '4', '5'].map((label) => draft(label, { inboxId })));
      expect(labels(await repository.since(before, randomUUID(), [inboxId], 2))).toEqual(['1', '2']);
    });

    it('deletes the events older than the cutoff and keeps the newer ones', async () => {
      const inboxId = randomUUID();
      const { before, ids } = await record([draft('old', { inboxId }), draft('borderline', { inboxId }), draft('new', { inboxId })]);
      const cutoff = new Date(Date.now() - 60 * 60_000);
      await handle.db.update(realtimeEvents).set({ createdAt: new Date(cutoff.getTime() - 24 * 60 * 60_000) }).where(eq(realtimeEvents.id, ids.old));
      await handle.db.update(realtimeEvents).set({ createdAt: cutoff }).where(eq(realtimeEvents.id, ids.borderline));

      await repository.pruneOlderThan(cutoff);

      expect(labels(await repository.since(before, randomUUID(), [inboxId], 100))).toEqual(['borderline', 'new']);
      const left = await handle.db.select({ id: realtimeEvents.id }).from(realtimeEvents).where(inArray(realtimeEvents.id, Object.values(ids)));
      expect(left.map((row) => row.id).sort((a, b) => a - b)).toEqual([ids.borderline, ids.new]);
    });
  });
});
