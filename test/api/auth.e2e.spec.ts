import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

describe('authentication over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_ATTEMPTS: '3' } });
  });
  afterAll(() => t.close());

  it('answers health without a token', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'pglite' });
  });

  it('logs in and answers the token and the user without the password hash', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD }).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ email: ADMIN_EMAIL, role: 'admin' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', kind: 'user' });
  });

  it('refuses a wrong password with 401 in the requested language', async () => {
    const res = await t.http().post('/api/auth/login').set('Accept-Language', 'en').send({ email: 'nobody@example.com', password: 'x' }).expect(401);
    expect(res.body).toMatchObject({ code: 'invalid_credentials', message: expect.stringContaining('Wrong e-mail or password') });
    expect(res.body.requestId).toEqual(expect.any(String));
  });

  it('answers 401 without a token, with a bad token and with a garbage API key', async () => {
    await t.http().get('/api/auth/me').expect(401);
    await t.http().get('/api/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
    await t.http().get('/api/auth/me').set('X-Api-Key', 'obx_nope').expect(401);
  });

  it('lists every invalid field of a malformed login body', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 5 }).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('answers 400 malformed_json for broken JSON, never 500', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(res.body.code).toBe('malformed_json');
  });

  it('answers 404 with a JSON body for an unknown route', async () => {
    const res = await t.http().get('/api/does-not-exist').expect(404);
    expect(res.body.code).toBe('route_not_found');
  });

  it('rate limits repeated failed logins for one account with 429 and Retry-After', async () => {
    const email = 'victim@example.com';
    for (let i = 0; i < 3; i++) await t.http().post('/api/auth/login').send({ email, password: 'guess' }).expect(401);
    const res = await t.http().post('/api/auth/login').send({ email, password: 'guess' }).expect(429);
    expect(res.body.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is served as JSON with the documented routes', async () => {
    const res = await t.http().get('/api/docs/json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/auth/login', '/api/users', '/api/teams', '/api/inboxes', '/api/contacts', '/api/companies', '/api/pipelines', '/api/deals', '/api/activities']) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
  });

  it('serves the interactive page', async () => {
    const res = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger');
  });
});
