import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('teams over HTTP', () => {
  let t: TestApp;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const createTeam = (body: Record<string, unknown>, token = admin) => t.http().post('/api/teams').set(auth(token)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('creates, reads, renames and deletes a team', async () => {
    const created = await createTeam({ name: '  Поддержка ', description: 'Первая линия' }).expect(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'Поддержка', description: 'Первая линия', members: [] });
    const id = created.body.id;

    const read = await t.http().get(`/api/teams/${id}`).set(auth(admin)).expect(200);
    expect(read.body).toMatchObject({ id, name: 'Поддержка', members: [] });

    const renamed = await t.http().patch(`/api/teams/${id}`).set(auth(admin)).send({ name: 'Support', description: null }).expect(200);
    expect(renamed.body).toMatchObject({ id, name: 'Support', description: null });

    await t.http().delete(`/api/teams/${id}`).set(auth(admin)).expect(204);
    await t.http().get(`/api/teams/${id}`).set(auth(admin)).expect(404);
    await t.http().delete(`/api/teams/${id}`).set(auth(admin)).expect(404);
  });

  it('refuses a duplicate team name with 409 duplicate_name, on create and on rename', async () => {
    await createTeam({ name: 'Sales' }).expect(201);
    const duplicate = await createTeam({ name: 'Sales' }).expect(409);
    expect(duplicate.body).toMatchObject({ code: 'duplicate_name', message: expect.stringContaining('Sales') });
    const other = await createTeam({ name: 'Billing' }).expect(201);
    const rename = await t.http().patch(`/api/teams/${other.body.id}`).set(auth(admin)).send({ name: 'Sales' }).expect(409);
    expect(rename.body.code).toBe('duplicate_name');
  });

  it('lists teams with member counts to every signed-in user and searches by name', async () => {
    const agent = await t.createUser('agent');
    const team = await createTeam({ name: 'Ёжики' }).expect(201);
    await t.http().put(`/api/teams/${team.body.id}/members`).set(auth(admin)).send({ userIds: [agent.id] }).expect(200);
    const found = await t.http().get('/api/teams').query({ q: 'ежики' }).set(auth(agent.token)).expect(200);
    expect(found.body).toEqual({ items: [expect.objectContaining({ id: team.body.id, name: 'Ёжики', memberCount: 1 })], nextCursor: null });
    const page = await t.http().get('/api/teams').query({ limit: 1 }).set(auth(agent.token)).expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
  });

  it('replaces, adds and removes members', async () => {
    const [a, b, c] = [await t.createUser('agent'), await t.createUser('agent'), await t.createUser('supervisor')];
    const team = await createTeam({ name: 'Night shift' }).expect(201);
    const id = team.body.id;
    const memberIds = (body: { members: { id: string }[] }) => body.members.map((m) => m.id).sort();

    const replaced = await t.http().put(`/api/teams/${id}/members`).set(auth(admin)).send({ userIds: [a.id, b.id, a.id] }).expect(200);
    expect(memberIds(replaced.body)).toEqual([a.id, b.id].sort());
    expect(replaced.body.members[0]).toEqual({ id: expect.any(String), name: expect.any(String), email: expect.any(String), role: 'agent', active: true });

    const again = await t.http().put(`/api/teams/${id}/members`).set(auth(admin)).send({ userIds: [c.id] }).expect(200);
    expect(memberIds(again.body)).toEqual([c.id]);

    const added = await t.http().post(`/api/teams/${id}/members`).set(auth(admin)).send({ userId: a.id }).expect(200);
    expect(memberIds(added.body)).toEqual([a.id, c.id].sort());
    const twice = await t.http().post(`/api/teams/${id}/members`).set(auth(admin)).send({ userId: a.id }).expect(200);
    expect(memberIds(twice.body)).toEqual([a.id, c.id].sort());

    await t.http().delete(`/api/teams/${id}/members/${c.id}`).set(auth(admin)).expect(204);
    const read = await t.http().get(`/api/teams/${id}`).set(auth(a.token)).expect(200);
    expect(memberIds(read.body)).toEqual([a.id]);

    const emptied = await t.http().put(`/api/teams/${id}/members`).set(auth(admin)).send({ userIds: [] }).expect(200);
    expect(emptied.body.members).toEqual([]);
  });

  it('answers 404 for unknown members and teams and leaves the members unchanged', async () => {
    const member = await t.createUser('agent');
    const team = await createTeam({ name: 'Unchanged' }).expect(201);
    const id = team.body.id;
    await t.http().put(`/api/teams/${id}/members`).set(auth(admin)).send({ userIds: [member.id] }).expect(200);

    const res = await t.http().put(`/api/teams/${id}/members`).set(auth(admin)).send({ userIds: [member.id, UNKNOWN_ID] }).expect(404);
    expect(res.body).toMatchObject({ code: 'not_found', entity: 'user', id: UNKNOWN_ID });
    await t.http().post(`/api/teams/${id}/members`).set(auth(admin)).send({ userId: UNKNOWN_ID }).expect(404);
    const read = await t.http().get(`/api/teams/${id}`).set(auth(admin)).expect(200);
    expect(read.body.members.map((m: { id: string }) => m.id)).toEqual([member.id]);

    const missingTeam = await t.http().put(`/api/teams/${UNKNOWN_ID}/members`).set(auth(admin)).send({ userIds: [] }).expect(404);
    expect(missingTeam.body).toMatchObject({ entity: 'team', id: UNKNOWN_ID });
    await t.http().patch(`/api/teams/${UNKNOWN_ID}`).set(auth(admin)).send({ name: 'x' }).expect(404);
    await t.http().delete(`/api/teams/${UNKNOWN_ID}/members/${member.id}`).set(auth(admin)).expect(404);
  });

  it('answers 400 for malformed ids and bodies', async () => {
    await t.http().get('/api/teams/123').set(auth(admin)).expect(400);
    const res = await t.http().put(`/api/teams/${UNKNOWN_ID}/members`).set(auth(admin)).send({ userIds: ['nope'] }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'userIds.0' })]);
    await createTeam({ name: '' }).expect(400);
  });

  it('lets supervisors manage teams and refuses agents with 403', async () => {
    const supervisor = await t.createUser('supervisor');
    const agent = await t.createUser('agent');
    const team = await createTeam({ name: 'Supervised' }, supervisor.token).expect(201);
    await t.http().post(`/api/teams/${team.body.id}/members`).set(auth(supervisor.token)).send({ userId: agent.id }).expect(200);

    await createTeam({ name: 'By agent' }, agent.token).expect(403);
    await t.http().patch(`/api/teams/${team.body.id}`).set(auth(agent.token)).send({ name: 'Mine' }).expect(403);
    await t.http().put(`/api/teams/${team.body.id}/members`).set(auth(agent.token)).send({ userIds: [] }).expect(403);
    await t.http().delete(`/api/teams/${team.body.id}/members/${agent.id}`).set(auth(agent.token)).expect(403);
    await t.http().delete(`/api/teams/${team.body.id}`).set(auth(agent.token)).expect(403);
    await t.http().get(`/api/teams/${team.body.id}`).set(auth(agent.token)).expect(200);
  });

  it('drops a deleted user from their teams', async () => {
    const agent = await t.createUser('agent');
    const team = await createTeam({ name: 'Leavers' }).expect(201);
    await t.http().post(`/api/teams/${team.body.id}/members`).set(auth(admin)).send({ userId: agent.id }).expect(200);
    await t.http().delete(`/api/users/${agent.id}`).set(auth(admin)).expect(204);
    const read = await t.http().get(`/api/teams/${team.body.id}`).set(auth(admin)).expect(200);
    expect(read.body.members).toEqual([]);
  });

  it('answers 401 without a token', async () => {
    await t.http().get('/api/teams').expect(401);
  });
});
