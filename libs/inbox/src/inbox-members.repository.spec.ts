import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainException } from '@app/common';
import { users, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../test/support/databases.js';
import { InboxMembersRepository } from './inbox-members.repository.js';
import { InboxesRepository } from './inboxes.repository.js';
import { ReadCache } from '@app/queue';

describe.each(databaseTargets())('InboxMembersRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let members: InboxMembersRepository;
    let inboxes: InboxesRepository;
    let anna: string;
    let boris: string;
    let vera: string;

    const newInbox = async () => (await inboxes.create({ type: 'webchat', name: 'site', settings: {}, enabled: true })).id;
    const memberIds = async (inboxId: string) => (await members.list(inboxId)).map((m) => m.userId);
    const notFoundOf = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DomainException);
      return (error as DomainException).options.details;
    };

    beforeAll(async () => {
      handle = await target.open();
      members = new InboxMembersRepository(handle.db);
      inboxes = new InboxesRepository(handle.db, new ReadCache());
      const rows = await handle.db
        .insert(users)
        .values(['Вера', 'Anna', 'Boris'].map((name) => ({ name, email: `${name}-${randomUUID()}@example.com`, passwordHash: 'x' })))
        .returning();
      [vera, anna, boris] = rows.map((r) => r.id);
    });
    afterAll(() => handle?.close());

    it('replaces the members and lists them by name with their user details', async () => {
      const inbox = await newInbox();
      await members.replace(inbox, [vera, anna]);
      await members.replace(inbox, [anna, boris]);
      const list = await members.list(inbox);
      expect(list.map((m) => m.userId)).toEqual([anna, boris]);
      expect(list[0]).toMatchObject({ name: 'Anna', role: 'agent', active: true, addedAt: expect.any(Date) });
      await members.replace(inbox, []);
      expect(await memberIds(inbox)).toEqual([]);
    });

    it('answers 404 for an unknown user and keeps the members as they were', async () => {
      const inbox = await newInbox();
      await members.replace(inbox, [anna]);
      const unknown = randomUUID();
      expect(await notFoundOf(members.replace(inbox, [boris, unknown]))).toEqual({ entity: 'user', id: unknown });
      expect(await memberIds(inbox)).toEqual([anna]);
    });

    it('answers 404 for an unknown inbox', async () => {
      const unknown = randomUUID();
      expect(await notFoundOf(members.replace(unknown, [anna]))).toEqual({ entity: 'inbox', id: unknown });
      expect(await notFoundOf(members.add(unknown, anna))).toEqual({ entity: 'inbox', id: unknown });
    });

    it('adds a member once and answers 404 for an unknown user', async () => {
      const inbox = await newInbox();
      await members.add(inbox, boris);
      await members.add(inbox, boris);
      expect(await memberIds(inbox)).toEqual([boris]);
      const unknown = randomUUID();
      expect(await notFoundOf(members.add(inbox, unknown))).toEqual({ entity: 'user', id: unknown });
    });

    it('removes a member and tells whether there was one', async () => {
      const inbox = await newInbox();
      await members.replace(inbox, [anna, boris]);
      expect(await members.remove(inbox, anna)).toBe(true);
      expect(await members.remove(inbox, anna)).toBe(false);
      expect(await memberIds(inbox)).toEqual([boris]);
    });

    it('drops the memberships of a deleted inbox', async () => {
      const inbox = await newInbox();
      await members.replace(inbox, [anna]);
      await inboxes.delete(inbox);
      expect(await memberIds(inbox)).toEqual([]);
    });
  });
});
