import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainException, ErrorCode } from '@app/common';
import { users, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { TeamsRepository } from './teams.repository.js';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as DomainException);

describe.each(databaseTargets())('TeamsRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let repo: TeamsRepository;
    let userIds: string[];

    beforeAll(async () => {
      handle = await target.open();
      repo = new TeamsRepository(handle.db);
      const rows = await handle.db
        .insert(users)
        .values(['a', 'b', 'c'].map((n) => ({ email: `${n}@example.com`, name: `Агент ${n.toUpperCase()}`, passwordHash: 'x' })))
        .returning();
      userIds = rows.map((u) => u.id);
    });
    afterAll(() => handle?.close());

    it('refuses a taken name with duplicate_name on create and on rename', async () => {
      await repo.create({ name: 'Support' });
      const other = await repo.create({ name: 'Sales' });
      expect(await failure(repo.create({ name: 'Support' }))).toMatchObject({ code: ErrorCode.DuplicateName });
      expect(await failure(repo.update(other.id, { name: 'Support' }))).toMatchObject({ code: ErrorCode.DuplicateName });
    });

    it('replaces members and counts them in the list', async () => {
      const team = await repo.create({ name: 'Replace', description: 'Вторая линия' });
      await repo.replaceMembers(team.id, [userIds[0], userIds[1]]);
      await repo.replaceMembers(team.id, [userIds[1], userIds[2]]);
      expect((await repo.members(team.id)).map((m) => m.id).sort()).toEqual([userIds[1], userIds[2]].sort());
      const listed = await repo.list({ q: 'вторая', limit: 10 });
      expect(listed.items).toEqual([expect.objectContaining({ id: team.id, memberCount: 2 })]);
    });

    it('keeps the old members when the replacement names a user that does not exist', async () => {
      const team = await repo.create({ name: 'Atomic' });
      await repo.replaceMembers(team.id, [userIds[0]]);
      const error = await failure(repo.replaceMembers(team.id, [userIds[1], UNKNOWN_ID]));
      expect(error).toBeInstanceOf(DomainException);
      expect(error).toMatchObject({ code: ErrorCode.NotFound, options: { details: { entity: 'user', id: UNKNOWN_ID } } });
      expect((await repo.members(team.id)).map((m) => m.id)).toEqual([userIds[0]]);
    });

    it('answers not_found for the team when it is gone before a member is added', async () => {
      const error = await failure(repo.addMember(UNKNOWN_ID, userIds[0]));
      expect(error).toMatchObject({ code: ErrorCode.NotFound, options: { details: { entity: 'team', id: UNKNOWN_ID } } });
    });

    it('adds a member once however often it is added, and removes it', async () => {
      const team = await repo.create({ name: 'Idempotent' });
      await repo.addMember(team.id, userIds[0]);
      await repo.addMember(team.id, userIds[0]);
      expect(await repo.members(team.id)).toHaveLength(1);
      await repo.removeMember(team.id, userIds[0]);
      expect(await repo.members(team.id)).toEqual([]);
    });

    it('reports which user ids are unknown', async () => {
      expect(await repo.unknownUserIds([userIds[0], UNKNOWN_ID])).toEqual([UNKNOWN_ID]);
      expect(await repo.unknownUserIds([])).toEqual([]);
    });
  });
});
