import { JwtService } from '@nestjs/jwt';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxes, inboxMembers, users } from '@app/db';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('users over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const me = await t.http().get('/api/auth/me').set(auth(admin)).expect(200);
    adminId = me.body.id;
  });
  afterAll(() => t.close());

  const createUser = (body: Record<string, unknown>, token = admin) => t.http().post('/api/users').set(auth(token)).send(body);

  describe('create, read, update, delete', () => {
    it('creates a user with a normalised e-mail and never answers the password hash', async () => {
      const res = await createUser({ email: '  Olga.Petrova@Example.COM ', name: 'Ольга Петрова', password: 'long-enough', role: 'agent', locale: 'ru' }).expect(201);
      expect(res.body).toMatchObject({ email: 'olga.petrova@example.com', name: 'Ольга Петрова', role: 'agent', locale: 'ru', active: true });
      expect(res.body.passwordHash).toBeUndefined();
      expect(res.body.tokenVersion).toBeUndefined();
      await t.login('olga.petrova@example.com', 'long-enough');
    });

    it('refuses a duplicate e-mail with 409 duplicate_email, whatever its case', async () => {
      await createUser({ email: 'dup@example.com', name: 'First', password: 'long-enough', role: 'agent', locale: 'en' }).expect(201);
      const res = await createUser({ email: 'DUP@example.com', name: 'Second', password: 'long-enough', role: 'agent', locale: 'en' }).expect(409);
      expect(res.body).toMatchObject({ code: 'duplicate_email', message: expect.stringContaining('dup@example.com') });
    });

    it('reports every invalid field of a new user with 400', async () => {
      const res = await createUser({ email: 'not-an-email', name: '', password: 'short', role: 'owner', locale: 'de' }).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'locale', 'name', 'password', 'role']);
    });

    it('lists users with search and pagination, without password hashes', async () => {
      await createUser({ email: 'elkin@example.com', name: 'Пётр Ёлкин', password: 'long-enough', role: 'supervisor', locale: 'ru' }).expect(201);
      const found = await t.http().get('/api/users').query({ q: 'елкин' }).set(auth(admin)).expect(200);
      expect(found.body.items.map((u: { email: string }) => u.email)).toEqual(['elkin@example.com']);
      expect(found.body.items[0].passwordHash).toBeUndefined();
      const byEmail = await t.http().get('/api/users').query({ q: 'ELKIN@' }).set(auth(admin)).expect(200);
      expect(byEmail.body.items).toHaveLength(1);

      const first = await t.http().get('/api/users').query({ limit: 2 }).set(auth(admin)).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.http().get('/api/users').query({ limit: 2, cursor: first.body.nextCursor }).set(auth(admin)).expect(200);
      const firstIds = first.body.items.map((u: { id: string }) => u.id);
      expect(second.body.items.every((u: { id: string }) => !firstIds.includes(u.id))).toBe(true);
    });

    it('lets a supervisor list users but not an agent', async () => {
      const supervisor = await t.createUser('supervisor');
      const agent = await t.createUser('agent');
      await t.http().get('/api/users').set(auth(supervisor.token)).expect(200);
      const res = await t.http().get('/api/users').set(auth(agent.token)).expect(403);
      expect(res.body.code).toBe('forbidden');
    });

    it('answers one user to admins and to the user themself, 403 to another agent', async () => {
      const agent = await t.createUser('agent');
      const other = await t.createUser('agent');
      const own = await t.http().get(`/api/users/${agent.id}`).set(auth(agent.token)).expect(200);
      expect(own.body).toMatchObject({ id: agent.id, email: agent.email });
      await t.http().get(`/api/users/${agent.id}`).set(auth(admin)).expect(200);
      await t.http().get(`/api/users/${agent.id}`).set(auth(other.token)).expect(403);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const missing = await t.http().get(`/api/users/${UNKNOWN_ID}`).set(auth(admin)).expect(404);
      expect(missing.body).toMatchObject({ code: 'not_found', entity: 'user', id: UNKNOWN_ID });
      await t.http().patch(`/api/users/${UNKNOWN_ID}`).set(auth(admin)).send({ name: 'x' }).expect(404);
      await t.http().delete(`/api/users/${UNKNOWN_ID}`).set(auth(admin)).expect(404);
      const malformed = await t.http().get('/api/users/not-a-uuid').set(auth(admin)).expect(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: '' })] });
    });

    it('lets an admin change name, role, language and active flag', async () => {
      const agent = await t.createUser('agent');
      const res = await t.http().patch(`/api/users/${agent.id}`).set(auth(admin)).send({ name: 'Renamed', role: 'supervisor', locale: 'en' }).expect(200);
      expect(res.body).toMatchObject({ name: 'Renamed', role: 'supervisor', locale: 'en', active: true });
      await t.http().patch(`/api/users/${agent.id}`).set(auth(admin)).send({ active: false }).expect(200);
      // A deactivated user's existing token stops working at once.
      await t.http().get('/api/auth/me').set(auth(agent.token)).expect(401);
    });

    it('lets users change their own name and language but not their role', async () => {
      const agent = await t.createUser('agent');
      const res = await t.http().patch(`/api/users/${agent.id}`).set(auth(agent.token)).send({ name: 'Me', locale: 'en' }).expect(200);
      expect(res.body).toMatchObject({ name: 'Me', locale: 'en', role: 'agent' });
      const unchanged = await t.http().patch(`/api/users/${agent.id}`).set(auth(agent.token)).send({}).expect(200);
      expect(unchanged.body).toMatchObject({ name: 'Me', locale: 'en' });
      await t.http().patch(`/api/users/${agent.id}`).set(auth(agent.token)).send({ role: 'admin' }).expect(403);
      const other = await t.createUser('agent');
      await t.http().patch(`/api/users/${other.id}`).set(auth(agent.token)).send({ name: 'Hijacked' }).expect(403);
    });

    it('deletes a user', async () => {
      const agent = await t.createUser('agent');
      await t.http().delete(`/api/users/${agent.id}`).set(auth(admin)).expect(204);
      await t.http().get(`/api/users/${agent.id}`).set(auth(admin)).expect(404);
      await t.http().get('/api/auth/me').set(auth(agent.token)).expect(401);
    });

    it('refuses admin routes to an agent with 403', async () => {
      const agent = await t.createUser('agent');
      const other = await t.createUser('agent');
      await createUser({ email: 'x@example.com', name: 'X', password: 'long-enough', role: 'admin', locale: 'en' }, agent.token).expect(403);
      await t.http().delete(`/api/users/${other.id}`).set(auth(agent.token)).expect(403);
      await t.http().post(`/api/users/${other.id}/password`).set(auth(agent.token)).send({ newPassword: 'new-password' }).expect(403);
    });
  });

  describe('tokens', () => {
    it('answers 401 unauthorized without a token', async () => {
      const res = await t.http().get('/api/users').expect(401);
      expect(res.body.code).toBe('unauthorized');
    });

    it('answers 401 token_expired for an expired token', async () => {
      const jwt = t.app.get(JwtService);
      const token = await jwt.signAsync({ sub: adminId, role: 'admin', ver: 0 }, { expiresIn: -1 });
      const res = await t.http().get('/api/users').set(auth(token)).expect(401);
      expect(res.body.code).toBe('token_expired');
    });

    it('revokes older tokens when a user changes their password, and signs in with the new one', async () => {
      const created = await createUser({ email: 'changer@example.com', name: 'Changer', password: 'first-password', role: 'agent', locale: 'en' }).expect(201);
      const id = created.body.id;
      const token = await t.login('changer@example.com', 'first-password');
      const wrong = await t.http().post(`/api/users/${id}/password`).set(auth(token)).send({ currentPassword: 'wrong-one', newPassword: 'brand-new-pass' }).expect(400);
      expect(wrong.body.code).toBe('wrong_current_password');
      await t.http().post(`/api/users/${id}/password`).set(auth(token)).send({ newPassword: 'brand-new-pass' }).expect(400);
      await t.http().get('/api/auth/me').set(auth(token)).expect(200);

      await t.http().post(`/api/users/${id}/password`).set(auth(token)).send({ currentPassword: 'first-password', newPassword: 'brand-new-pass' }).expect(204);
      const stale = await t.http().get('/api/auth/me').set(auth(token)).expect(401);
      expect(stale.body.code).toBe('unauthorized');
      const fresh = await t.login('changer@example.com', 'brand-new-pass');
      await t.http().get('/api/auth/me').set(auth(fresh)).expect(200);
      await t.http().post('/api/auth/login').send({ email: 'changer@example.com', password: 'first-password' }).expect(401);
    });

    it('lets an admin reset another user\'s password without the current one', async () => {
      const agent = await t.createUser('agent');
      await t.http().post(`/api/users/${agent.id}/password`).set(auth(admin)).send({ newPassword: 'reset-by-admin' }).expect(204);
      await t.http().get('/api/auth/me').set(auth(agent.token)).expect(401);
      await t.login(agent.email, 'reset-by-admin');
    });

    it('asks an admin for the current password when changing their own', async () => {
      const res = await t.http().post(`/api/users/${adminId}/password`).set(auth(admin)).send({ newPassword: 'never-applied' }).expect(400);
      expect(res.body.code).toBe('wrong_current_password');
      await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    });

    it('limits guesses of the current password with 429', async () => {
      const created = await createUser({ email: 'guesser@example.com', name: 'Guesser', password: 'real-password', role: 'agent', locale: 'en' }).expect(201);
      const token = await t.login('guesser@example.com', 'real-password');
      const guess = () => t.http().post(`/api/users/${created.body.id}/password`).set(auth(token)).send({ currentPassword: 'a-guess', newPassword: 'new-password' });
      for (let i = 0; i < t.config.LOGIN_MAX_ATTEMPTS; i++) await guess().expect(400);
      const limited = await guess().expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('refuses a new password shorter than 8 characters', async () => {
      const agent = await t.createUser('agent');
      const res = await t.http().post(`/api/users/${agent.id}/password`).set(auth(admin)).send({ newPassword: 'short' }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    });
  });

  describe('last administrator', () => {
    it('refuses to delete, demote or deactivate the last active admin with 409 last_admin', async () => {
      // Other admins created by earlier tests would make this one not the last: demote them first.
      const others = await t.db.select().from(users).where(eq(users.role, 'admin'));
      for (const other of others.filter((u) => u.id !== adminId)) {
        await t.http().patch(`/api/users/${other.id}`).set(auth(admin)).send({ role: 'agent' }).expect(200);
      }
      const deleted = await t.http().delete(`/api/users/${adminId}`).set(auth(admin)).expect(409);
      expect(deleted.body.code).toBe('last_admin');
      await t.http().patch(`/api/users/${adminId}`).set(auth(admin)).send({ role: 'supervisor' }).expect(409);
      await t.http().patch(`/api/users/${adminId}`).set(auth(admin)).send({ active: false }).expect(409);
      await t.http().get('/api/auth/me').set(auth(admin)).expect(200);
    });

    it('lets the admin step down once another admin exists', async () => {
      const second = await t.createUser('admin');
      await t.http().patch(`/api/users/${second.id}`).set(auth(admin)).send({ role: 'agent' }).expect(200);
      await t.http().patch(`/api/users/${second.id}`).set(auth(admin)).send({ role: 'admin' }).expect(200);
      await t.http().delete(`/api/users/${second.id}`).set(auth(admin)).expect(204);
    });
  });

  describe('memberships', () => {
    it('lists the inboxes and teams of a user', async () => {
      const [inbox] = await t.db.insert(inboxes).values({ type: 'telegram', name: 'Support bot' }).returning();
      const agent = await t.createUser('agent', { inboxIds: [inbox.id] });
      const team = await t.http().post('/api/teams').set(auth(admin)).send({ name: 'Membership team' }).expect(201);
      await t.http().post(`/api/teams/${team.body.id}/members`).set(auth(admin)).send({ userId: agent.id }).expect(200);
      const ownInboxes = await t.http().get(`/api/users/${agent.id}/inboxes`).set(auth(agent.token)).expect(200);
      expect(ownInboxes.body.items).toEqual([{ id: inbox.id, name: 'Support bot', type: 'telegram', enabled: true }]);
      const ownTeams = await t.http().get(`/api/users/${agent.id}/teams`).set(auth(admin)).expect(200);
      expect(ownTeams.body.items).toEqual([expect.objectContaining({ id: team.body.id, name: 'Membership team' })]);
      const other = await t.createUser('agent');
      await t.http().get(`/api/users/${agent.id}/inboxes`).set(auth(other.token)).expect(403);
      await t.db.delete(inboxMembers).where(eq(inboxMembers.userId, agent.id));
    });
  });

  describe('audit log', () => {
    it('shows sign-ins and role changes with actor and address, newest first, to admins only', async () => {
      const agent = await t.createUser('agent');
      await t.http().patch(`/api/users/${agent.id}`).set(auth(admin)).send({ role: 'supervisor' }).expect(200);

      const changes = await t.http().get('/api/audit-log').query({ action: 'user.role_changed', targetId: agent.id }).set(auth(admin)).expect(200);
      expect(changes.body.items).toEqual([
        expect.objectContaining({ action: 'user.role_changed', actorId: adminId, actorEmail: ADMIN_EMAIL, targetType: 'user', targetId: agent.id, details: { from: 'agent', to: 'supervisor' }, ip: expect.any(String) }),
      ]);

      const logins = await t.http().get('/api/audit-log').query({ action: 'login.succeeded', limit: 100 }).set(auth(admin)).expect(200);
      expect(logins.body.items.some((e: { actorId: string }) => e.actorId === agent.id)).toBe(true);
      expect(logins.body.items.every((e: { action: string }) => e.action === 'login.succeeded')).toBe(true);

      const page = await t.http().get('/api/audit-log').query({ limit: 1 }).set(auth(admin)).expect(200);
      expect(page.body.items[0]).toMatchObject({ action: 'user.role_changed' });
      expect(page.body.nextCursor).toEqual(expect.any(String));

      // The promoted user's role is read on every request: a supervisor now, still not allowed.
      await t.http().get('/api/audit-log').set(auth(agent.token)).expect(403);
      const other = await t.createUser('agent');
      await t.http().get('/api/audit-log').set(auth(other.token)).expect(403);
    });

    it('records user creation, deletion and password changes', async () => {
      const created = await createUser({ email: 'audited@example.com', name: 'Audited', password: 'long-enough', role: 'agent', locale: 'en' }).expect(201);
      await t.http().post(`/api/users/${created.body.id}/password`).set(auth(admin)).send({ newPassword: 'another-one' }).expect(204);
      await t.http().delete(`/api/users/${created.body.id}`).set(auth(admin)).expect(204);
      const trail = await t.http().get('/api/audit-log').query({ targetId: created.body.id }).set(auth(admin)).expect(200);
      expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['user.deleted', 'user.password_changed', 'user.created']);
    });
  });

  it('still signs the first admin in with the configured password', async () => {
    await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
});
