import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inboxes, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { InboxSyncRepository } from './inbox-sync.repository.js';

describe.each(databaseTargets())('InboxSyncRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let repository: InboxSyncRepository;
    const LEASE = 60_000;

    beforeAll(async () => {
      handle = await target.open();
      repository = new InboxSyncRepository(handle.db);
    });
    afterAll(() => handle?.close());

    const newInbox = async (enabled = true) => {
      const [row] = await handle.db.insert(inboxes).values({ type: 'telegram', name: 'Бот', settings: { botToken: 'enc:v1:x' }, enabled }).returning();
      return row;
    };

    it('gives the lease to one process at a time and renews it for its holder', async () => {
      const { id } = await newInbox();
      expect(await repository.acquire(id, 'process-a', LEASE)).toMatchObject({ leaseOwner: 'process-a' });
      expect(await repository.acquire(id, 'process-b', LEASE)).toBeUndefined();
      expect(await repository.acquire(id, 'process-a', LEASE)).toMatchObject({ leaseOwner: 'process-a' });
    });

    it('lets another process take over an expired lease, and then refuses the old holder\'s writes', async () => {
      const { id } = await newInbox();
      await repository.acquire(id, 'process-a', -1);
      expect(await repository.acquire(id, 'process-b', LEASE)).toMatchObject({ leaseOwner: 'process-b' });
      expect(await repository.saveProgress(id, 'process-a', 99, LEASE)).toBe(false);
      expect((await repository.stateOf(id))?.cursor).toBeUndefined();
    });

    it('keeps the cursor through a release, for the next holder', async () => {
      const { id } = await newInbox();
      await repository.acquire(id, 'process-a', LEASE);
      expect(await repository.saveProgress(id, 'process-a', 700_000_042, LEASE)).toBe(true);
      await repository.release(id, 'process-a');
      expect(await repository.acquire(id, 'process-b', LEASE)).toMatchObject({ cursor: 700_000_042, leaseOwner: 'process-b', status: 'ok' });
    });

    it('records a failure with its reason and clears it with the next progress, leaving updatedAt alone', async () => {
      const { id, updatedAt } = await newInbox();
      await repository.acquire(id, 'process-a', LEASE);
      await repository.saveFailure(id, 'process-a', 'auth_failed', 'Telegram refused the bot token (401 Unauthorized)', LEASE);
      expect(await repository.stateOf(id)).toMatchObject({ status: 'auth_failed', lastError: 'Telegram refused the bot token (401 Unauthorized)' });
      await repository.saveProgress(id, 'process-a', { offset: 5 }, LEASE);
      expect(await repository.stateOf(id)).toMatchObject({ status: 'ok', lastError: null, cursor: { offset: 5 } });
      const [row] = await handle.db.select().from(inboxes).where(eq(inboxes.id, id));
      expect(row.updatedAt).toEqual(updatedAt);
    });

    it('keeps a catch-up\'s progress and the settings polling gave up on until the next progress clears them', async () => {
      const { id } = await newInbox();
      await repository.acquire(id, 'process-a', LEASE);
      await repository.saveProgress(id, 'process-a', { uid: 4 }, LEASE, { done: 4, total: 9 });
      expect(await repository.stateOf(id)).toMatchObject({ progress: { done: 4, total: 9 }, stoppedFor: null });
      await repository.saveFailure(id, 'process-a', 'auth_failed', 'IMAP authentication failed', LEASE, '2025-03-01T10:00:00.000Z');
      expect(await repository.stateOf(id)).toMatchObject({ status: 'auth_failed', stoppedFor: '2025-03-01T10:00:00.000Z', progress: { done: 4, total: 9 } });
      await repository.saveProgress(id, 'process-a', { uid: 9 }, LEASE);
      expect(await repository.stateOf(id)).toMatchObject({ status: 'ok', stoppedFor: null, progress: null });
    });

    it('lists the enabled inboxes of the given types', async () => {
      const on = await newInbox(true);
      const off = await newInbox(false);
      const ids = (await repository.enabledOfTypes(['telegram'])).map((inbox) => inbox.id);
      expect(ids).toContain(on.id);
      expect(ids).not.toContain(off.id);
      expect(await repository.enabledOfTypes([])).toEqual([]);
    });
  });
});
