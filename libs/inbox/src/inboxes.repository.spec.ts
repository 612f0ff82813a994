import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainException, ErrorCode } from '@app/common';
import type { DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../test/support/databases.js';
import { InboxesRepository } from './inboxes.repository.js';
import { ReadCache } from '@app/queue';

describe.each(databaseTargets())('InboxesRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let repository: InboxesRepository;

    beforeAll(async () => {
      handle = await target.open();
      repository = new InboxesRepository(handle.db, new ReadCache());
    });
    afterAll(() => handle?.close());

    it('creates an inbox and finds it by id with its JSON settings', async () => {
      const created = await repository.create({ type: 'telegram', name: 'Бот магазина', settings: { botToken: 'enc:v1:x', mode: 'polling' }, enabled: true });
      expect(await repository.findById(created.id)).toMatchObject({ type: 'telegram', name: 'Бот магазина', settings: { botToken: 'enc:v1:x', mode: 'polling' } });
      expect(await repository.findById(randomUUID())).toBeUndefined();
    });

    it('lists newest first in pages, filtered by type and by visible ids', async () => {
      const ids: string[] = [];
      for (const type of ['vk', 'sms', 'vk'] as const) ids.push((await repository.create({ type, name: type, settings: {}, enabled: true })).id);
      const first = await repository.list({ limit: 1, type: 'vk', ids: null });
      expect(first.items.map((i) => i.id)).toEqual([ids[2]]);
      const second = await repository.list({ limit: 1, type: 'vk', ids: null, cursor: first.nextCursor! });
      expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
      const visible = await repository.list({ limit: 10, ids: [ids[1], randomUUID()] });
      expect(visible.items.map((i) => i.id)).toEqual([ids[1]]);
      expect(await repository.list({ limit: 10, ids: [] })).toEqual({ items: [], nextCursor: null });
    });

    it('updates from the current row and bumps updatedAt', async () => {
      const created = await repository.create({ type: 'api', name: 'api', settings: { webhookSecret: 'a' }, enabled: true });
      const updated = await repository.update(created.id, (current) => ({ name: `${current.name} 2`, settings: { ...current.settings, callbackUrl: 'https://x' } }));
      expect(updated).toMatchObject({ name: 'api 2', enabled: true, settings: { webhookSecret: 'a', callbackUrl: 'https://x' } });
      expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
      expect(await repository.update(randomUUID(), () => ({ name: 'x' }))).toBeUndefined();
    });

    it('changes nothing when the change fails', async () => {
      const created = await repository.create({ type: 'api', name: 'unchanged', settings: {}, enabled: true });
      const failure = repository.update(created.id, () => {
        throw new DomainException(ErrorCode.Conflict);
      });
      await expect(failure).rejects.toBeInstanceOf(DomainException);
      expect((await repository.findById(created.id))?.name).toBe('unchanged');
    });

    it('serialises concurrent updates of one inbox so that neither is lost', async () => {
      const created = await repository.create({ type: 'sms', name: 'counter', settings: { count: 0 }, enabled: true });
      const increment = () => repository.update(created.id, (current) => ({ settings: { count: (current.settings.count as number) + 1 } }));
      await Promise.all([increment(), increment(), increment()]);
      expect((await repository.findById(created.id))?.settings).toEqual({ count: 3 });
    });

    it('deletes an inbox once', async () => {
      const created = await repository.create({ type: 'webchat', name: 'gone', settings: {}, enabled: false });
      expect(await repository.delete(created.id)).toBe(true);
      expect(await repository.delete(created.id)).toBe(false);
      expect(await repository.findById(created.id)).toBeUndefined();
    });
  });
});
