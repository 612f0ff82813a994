import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, type DatabaseHandle } from '@app/db';
import type { ReadCache } from '@app/queue';
import { databaseTargets } from '../../../../test/support/databases.js';
import { FloodRepository } from './flood.repository.js';

describe.each(databaseTargets())('FloodRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let flood: FloodRepository;

    beforeAll(async () => {
      handle = await target.open();
      // count() never reads the settings, which are what the cache holds.
      flood = new FloodRepository(handle.db, {} as ReadCache);
    });
    afterAll(() => handle?.close());

    it('counts a sender’s messages within a minute and starts a new window after it', async () => {
      const [{ id }] = await handle.db.insert(contacts).values({ name: 'Флудер' }).returning({ id: contacts.id });
      const at = (seconds: number) => new Date(Date.parse('2026-03-01T12:00:00Z') + seconds * 1000);

      const counts = [];
      for (const seconds of [0, 10, 59, 61, 70]) counts.push(await flood.count(handle.db, id, at(seconds)));

      expect(counts).toEqual([1, 2, 3, 1, 2]);
    });
  });
});
