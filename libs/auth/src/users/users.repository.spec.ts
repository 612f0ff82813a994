import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainException, ErrorCode } from '@app/common';
import { inboxes, inboxMembers, teamMembers, teams, users, type DatabaseHandle, type UserRole } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { LAST_ADMIN, UserDirectoryRepository, type NewUser } from './users.repository.js';

describe.each(databaseTargets())('UserDirectoryRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let repo: UserDirectoryRepository;
    let counter = 0;

    const newUser = (overrides: Partial<NewUser> = {}): NewUser => {
      counter += 1;
      return { email: `user${counter}@example.com`, name: `User ${counter}`, passwordHash: 'scrypt$x', role: 'agent', locale: 'ru', ...overrides };
    };
    const create = (role: UserRole, overrides: Partial<NewUser> = {}) => repo.create(newUser({ role, ...overrides }));

    beforeAll(async () => {
      handle = await target.open();
      repo = new UserDirectoryRepository(handle.db);
    });
    afterAll(() => handle?.close());
    beforeEach(async () => {
      await handle.db.delete(users);
    });

    it('lists users newest first and pages with the cursor', async () => {
      const created = [];
      for (let i = 0; i < 5; i++) created.push(await create('agent'));
      const first = await repo.list({ limit: 2 });
      expect(first.items.map((u) => u.id)).toEqual([created[4].id, created[3].id]);
      const second = await repo.list({ limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((u) => u.id)).toEqual([created[2].id, created[1].id]);
      const last = await repo.list({ limit: 2, cursor: second.nextCursor! });
      expect(last.items.map((u) => u.id)).toEqual([created[0].id]);
      expect(last.nextCursor).toBeNull();
    });

    it('finds Cyrillic names regardless of case and ё, and e-mails by any part', async () => {
      const elkin = await create('agent', { name: 'Пётр Ёлкин', email: 'p.elkin@example.com' });
      await create('agent', { name: 'Анна Смирнова', email: 'anna@example.com' });
      for (const q of ['елкин', 'ЁЛКИН', 'петр', 'P.ELKIN@', 'пётр ёлкин']) {
        expect((await repo.list({ q, limit: 10 })).items.map((u) => u.id), q).toEqual([elkin.id]);
      }
    });

    it('treats LIKE wildcards in the search as plain characters', async () => {
      await create('agent', { name: 'Sales 100%' });
      await create('agent', { name: 'Sales 1000' });
      const found = await repo.list({ q: '100%', limit: 10 });
      expect(found.items.map((u) => u.name)).toEqual(['Sales 100%']);
    });

    it('filters by role and by active flag', async () => {
      const admin = await create('admin');
      const agent = await create('agent');
      await repo.update(agent.id, { active: false });
      expect((await repo.list({ role: 'admin', limit: 10 })).items.map((u) => u.id)).toEqual([admin.id]);
      expect((await repo.list({ active: false, limit: 10 })).items.map((u) => u.id)).toEqual([agent.id]);
    });

    it('refuses a second user with the same e-mail with duplicate_email', async () => {
      await create('agent', { email: 'same@example.com' });
      const error = await create('supervisor', { email: 'same@example.com' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainException);
      expect((error as DomainException).code).toBe(ErrorCode.DuplicateEmail);
    });

    it('answers the user before and after an update', async () => {
      const user = await create('agent', { name: 'Old' });
      const result = await repo.update(user.id, { name: 'New', role: 'supervisor', locale: 'en' });
      expect(result).toMatchObject({ before: { name: 'Old', role: 'agent' }, after: { name: 'New', role: 'supervisor', locale: 'en' } });
    });

    it('changes nothing when no field is given, and ignores fields left undefined', async () => {
      const admin = await create('admin', { name: 'Only admin' });
      expect(await repo.update(admin.id, {})).toMatchObject({ after: { name: 'Only admin', role: 'admin' } });
      expect(await repo.update(admin.id, { role: undefined, active: undefined, name: 'Still admin' })).toMatchObject({ after: { name: 'Still admin', role: 'admin', active: true } });
    });

    it('bumps the token version when a user is deactivated, not on other changes', async () => {
      const user = await create('agent');
      expect(await repo.update(user.id, { name: 'Renamed' })).toMatchObject({ after: { tokenVersion: user.tokenVersion } });
      expect(await repo.update(user.id, { active: false })).toMatchObject({ after: { active: false, tokenVersion: user.tokenVersion + 1 } });
    });

    it('answers undefined when updating or deleting an unknown user', async () => {
      const unknown = '01900000-0000-7000-8000-000000000000';
      expect(await repo.update(unknown, { name: 'x' })).toBeUndefined();
      expect(await repo.delete(unknown)).toBeUndefined();
    });

    it('refuses to demote, deactivate or delete the last active admin', async () => {
      const admin = await create('admin');
      const inactiveAdmin = await create('admin');
      await handle.db.update(users).set({ active: false }).where(eq(users.id, inactiveAdmin.id));
      expect(await repo.update(admin.id, { role: 'agent' })).toBe(LAST_ADMIN);
      expect(await repo.update(admin.id, { active: false })).toBe(LAST_ADMIN);
      expect(await repo.delete(admin.id)).toBe(LAST_ADMIN);
      const [stored] = (await repo.list({ role: 'admin', active: true, limit: 10 })).items;
      expect(stored).toMatchObject({ id: admin.id, role: 'admin', active: true });
    });

    it('lets an admin go once another active admin exists', async () => {
      const first = await create('admin');
      await create('admin');
      const demoted = await repo.update(first.id, { role: 'agent' });
      expect(demoted).toMatchObject({ after: { role: 'agent' } });
      const other = await create('admin');
      expect(await repo.delete(other.id)).toMatchObject({ id: other.id });
    });

    it('keeps one admin when two admins are demoted at the same time', async () => {
      const a = await create('admin');
      const b = await create('admin');
      const results = await Promise.all([repo.update(a.id, { role: 'agent' }), repo.update(b.id, { role: 'agent' })]);
      expect(results.filter((r) => r === LAST_ADMIN)).toHaveLength(1);
      expect((await repo.list({ role: 'admin', limit: 10 })).items).toHaveLength(1);
    });

    it('stores a new password hash and bumps the token version', async () => {
      const user = await create('agent');
      const updated = await repo.setPassword(user.id, 'scrypt$new');
      expect(updated).toMatchObject({ passwordHash: 'scrypt$new', tokenVersion: user.tokenVersion + 1 });
      expect(await repo.setPassword('01900000-0000-7000-8000-000000000000', 'x')).toBeUndefined();
    });

    it('lists the inboxes and teams a user belongs to, by name', async () => {
      const user = await create('agent');
      const other = await create('agent');
      const [support, sales] = await handle.db
        .insert(inboxes)
        .values([
          { type: 'telegram', name: 'Support bot' },
          { type: 'email', name: 'Sales mailbox' },
        ])
        .returning();
      await handle.db.insert(inboxMembers).values([
        { inboxId: support.id, userId: user.id },
        { inboxId: sales.id, userId: user.id },
        { inboxId: sales.id, userId: other.id },
      ]);
      const [team] = await handle.db.insert(teams).values({ name: `Night shift ${counter}` }).returning();
      await handle.db.insert(teamMembers).values({ teamId: team.id, userId: user.id });
      expect((await repo.inboxesOf(user.id)).map((i) => i.name)).toEqual(['Sales mailbox', 'Support bot']);
      expect(await repo.teamsOf(user.id)).toEqual([{ id: team.id, name: team.name, description: null }]);
      expect(await repo.teamsOf(other.id)).toEqual([]);
    });
  });
});
