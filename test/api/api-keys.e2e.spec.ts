import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '@app/db';
import { hashApiKey } from '@app/auth';
import { startTestApp, type TestApp } from '../support/test-app.js';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('API keys over HTTP', () => {
  let t: TestApp;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('shows a new key once, accepts it as X-Api-Key, and refuses it with 401 once revoked', async () => {
    const created = await t.http().post('/api/api-keys').set(auth(admin)).send({ name: 'CRM sync', role: 'supervisor' }).expect(201);
    const { id, key, prefix } = created.body;
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'CRM sync', role: 'supervisor', revokedAt: null });
    expect(key).toMatch(/^obx_/);
    expect(key.startsWith(prefix)).toBe(true);
    expect(created.body.keyHash).toBeUndefined();

    const [stored] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(stored.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key);

    const me = await t.http().get('/api/auth/me').set('X-Api-Key', key).expect(200);
    expect(me.body).toMatchObject({ kind: 'api_key', id, role: 'supervisor', name: 'CRM sync' });
    await t.http().get('/api/users').set('X-Api-Key', key).expect(200);

    await t.http().delete(`/api/api-keys/${id}`).set(auth(admin)).expect(204);
    const refused = await t.http().get('/api/auth/me').set('X-Api-Key', key).expect(401);
    expect(refused.body.code).toBe('unauthorized');
    // Revoking again changes nothing and still answers 204.
    await t.http().delete(`/api/api-keys/${id}`).set(auth(admin)).expect(204);
  });

  it('lists keys with prefix, last use and revocation, never the key or its hash', async () => {
    const created = await t.http().post('/api/api-keys').set(auth(admin)).send({ name: 'Listed', role: 'agent' }).expect(201);
    await t.http().get('/api/auth/me').set('X-Api-Key', created.body.key).expect(200);
    await expect.poll(async () => (await t.db.select().from(apiKeys).where(eq(apiKeys.id, created.body.id)))[0].lastUsedAt).not.toBeNull();

    const list = await t.http().get('/api/api-keys').set(auth(admin)).expect(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toMatchObject({ name: 'Listed', prefix: created.body.prefix, role: 'agent', lastUsedAt: expect.any(String), revokedAt: null });
    expect(listed.key).toBeUndefined();
    expect(listed.keyHash).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it('pages the list with a cursor', async () => {
    await t.http().post('/api/api-keys').set(auth(admin)).send({ name: 'Page A', role: 'agent' }).expect(201);
    await t.http().post('/api/api-keys').set(auth(admin)).send({ name: 'Page B', role: 'agent' }).expect(201);
    const first = await t.http().get('/api/api-keys').query({ limit: 1 }).set(auth(admin)).expect(200);
    expect(first.body.items.map((k: { name: string }) => k.name)).toEqual(['Page B']);
    const second = await t.http().get('/api/api-keys').query({ limit: 1, cursor: first.body.nextCursor }).set(auth(admin)).expect(200);
    expect(second.body.items.map((k: { name: string }) => k.name)).toEqual(['Page A']);
  });

  it('records creation and revocation in the audit log without the key', async () => {
    const created = await t.http().post('/api/api-keys').set(auth(admin)).send({ name: 'Audited key', role: 'agent' }).expect(201);
    await t.http().delete(`/api/api-keys/${created.body.id}`).set(auth(admin)).expect(204);
    await t.http().delete(`/api/api-keys/${created.body.id}`).set(auth(admin)).expect(204);
    const trail = await t.http().get('/api/audit-log').query({ targetId: created.body.id }).set(auth(admin)).expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
    expect(JSON.stringify(trail.body)).not.toContain(created.body.key);
  });

  it('answers 404 for an unknown key and 400 for a malformed id or body', async () => {
    const missing = await t.http().delete(`/api/api-keys/${UNKNOWN_ID}`).set(auth(admin)).expect(404);
    expect(missing.body).toMatchObject({ code: 'not_found', entity: 'api_key' });
    await t.http().delete('/api/api-keys/xyz').set(auth(admin)).expect(400);
    const invalid = await t.http().post('/api/api-keys').set(auth(admin)).send({ name: '', role: 'root' }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'role']);
  });

  it('is for admins only', async () => {
    const supervisor = await t.createUser('supervisor');
    await t.http().get('/api/api-keys').set(auth(supervisor.token)).expect(403);
    await t.http().post('/api/api-keys').set(auth(supervisor.token)).send({ name: 'Nope', role: 'admin' }).expect(403);
    await t.http().delete(`/api/api-keys/${UNKNOWN_ID}`).set(auth(supervisor.token)).expect(403);
    await t.http().get('/api/api-keys').expect(401);
  });
});
