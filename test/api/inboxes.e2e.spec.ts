import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxes, type InboxType } from '@app/db';
import { InboxesService } from '@app/inbox';
import { dovecotSkipReason, startDovecot, type RunningDovecot } from '../support/dovecot.js';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import { startFakeVkApi, type FakeVkApi } from '../support/fakes/vk-api.js';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SETTINGS: Record<InboxType, Record<string, unknown>> = {
  api: { callbackUrl: 'https://crm.example.com/hooks/omnibox' },
  telegram: { botToken: '123456:telegram-bot-token-Plain', mode: 'webhook', apiRoot: 'http://127.0.0.1:8081' },
  vk: { groupId: 42, accessToken: 'vk1.a.plain-access-token', secretKey: 'vk-secret-key-plain', confirmationCode: 'abc123', mode: 'callback' },
  email: {
    imap: { host: 'imap.example.com', port: 993, secure: true, user: 'support@example.com', password: 'imap-password-Пароль' },
    smtp: { host: 'smtp.example.com', port: 465, secure: true, user: 'support@example.com', password: 'smtp-password-plain' },
    fromAddress: 'support@example.com',
    fromName: 'Поддержка',
  },
  sms: { provider: 'twilio', credentials: { accountSid: 'AC-plain-sid', authToken: 'twilio-auth-token-plain' }, baseUrl: 'http://127.0.0.1:9000' },
  webchat: { allowedOrigins: ['https://shop.example.com'], greeting: 'Здравствуйте!', color: '#1a2b3c' },
  telephony: { provider: 'zadarma', secret: 'telephony-secret-plain', credentials: { apiKey: 'zadarma-api-key-plain' } },
};

/** Every secret value in the fixtures above: none of them may ever appear in an answer. */
const PLAIN_SECRETS = [
  '123456:telegram-bot-token-Plain',
  'vk1.a.plain-access-token',
  'vk-secret-key-plain',
  'imap-password-Пароль',
  'smtp-password-plain',
  'AC-plain-sid',
  'twilio-auth-token-plain',
  'telephony-secret-plain',
  'zadarma-api-key-plain',
];

const SECRET_FIELDS: Record<InboxType, string[]> = {
  api: ['webhookSecret'],
  telegram: ['botToken', 'webhookSecret'],
  vk: ['accessToken', 'secretKey'],
  email: ['imap.password', 'smtp.password'],
  sms: ['credentials.accountSid', 'credentials.authToken', 'webhookSecret'],
  webchat: [],
  telephony: ['secret', 'credentials.apiKey'],
};

/** An e-mail inbox logs in to its mail servers before it is saved; without Dovecot here its cases are left out (never under CI). */
const MAIL_SKIP = dovecotSkipReason();
const TYPES = (Object.keys(SETTINGS) as InboxType[]).filter((type) => type !== 'email' || !MAIL_SKIP);

const valueAt = (settings: unknown, path: string) => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], settings);

function expectNoSecretIn(body: unknown) {
  const text = JSON.stringify(body);
  for (const secret of PLAIN_SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toContain('enc:v1:');
}

describe('inboxes over HTTP', () => {
  let t: TestApp;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const createInbox = async (type: InboxType, settings = SETTINGS[type], name = `${type} inbox`) =>
    t.http().post('/api/inboxes').set(auth(admin)).send({ type, name, settings }).expect(201);

  let telegram: FakeTelegramBotApi;
  let vkApi: FakeVkApi;
  let dovecot: RunningDovecot | undefined;
  let smtp: SmtpPeer | undefined;

  beforeAll(async () => {
    // A Telegram inbox is connected (getMe, setWebhook) before it is saved, so its Bot API must answer.
    telegram = await startFakeTelegramBotApi({ tokens: [SETTINGS.telegram.botToken as string] });
    SETTINGS.telegram.apiRoot = telegram.url;
    // A VK inbox checks its token against the community before it is saved, too.
    vkApi = await startFakeVkApi({ groupId: 42, tokens: [SETTINGS.vk.accessToken as string, 'vk-new-token'] });
    SETTINGS.vk.apiBaseUrl = vkApi.apiBaseUrl;
    if (!MAIL_SKIP) {
      const { imap, smtp: outgoing } = SETTINGS.email as Record<'imap' | 'smtp', { user: string; password: string }>;
      dovecot = await startDovecot([imap]);
      smtp = await startSmtpPeer({ accounts: [outgoing] });
      SETTINGS.email.imap = { ...imap, host: dovecot.host, port: dovecot.port, secure: false };
      SETTINGS.email.smtp = { ...outgoing, host: smtp.host, port: smtp.port, secure: false };
    }
    t = await startTestApp({ env: { PUBLIC_URL: 'https://inbox.example.com' } });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t?.close();
    await telegram?.close();
    await vkApi?.close();
    await smtp?.close();
    await dovecot?.stop();
  });

  describe.each(TYPES)('a %s inbox', (type) => {
    let id: string;
    beforeAll(async () => {
      id = (await createInbox(type)).body.id;
    });

    it('answers the inbox without secret values and names the secrets that are set', async () => {
      const res = await t.http().get(`/api/inboxes/${id}`).set(auth(admin)).expect(200);
      expect(res.body).toMatchObject({ id, type, name: `${type} inbox`, enabled: true, webhookUrl: `/webhooks/${id}` });
      expect(res.body.secretFields.sort()).toEqual([...SECRET_FIELDS[type]].sort());
      for (const path of SECRET_FIELDS[type]) expect(valueAt(res.body.settings, path)).toBeUndefined();
      expectNoSecretIn(res.body);
      expect(res.body.createdAt).toEqual(expect.any(String));
    });

    it('stores every secret encrypted and gives the plain values to getDecryptedSettings', async () => {
      const [row] = await t.db.select().from(inboxes).where(eq(inboxes.id, id));
      const decrypted = await t.app.get(InboxesService).getDecryptedSettings(id);
      for (const path of SECRET_FIELDS[type]) {
        const stored = valueAt(row.settings, path) as string;
        expect(stored.startsWith('enc:v1:')).toBe(true);
        expect(stored).not.toBe(valueAt(decrypted, path));
        if (path !== 'webhookSecret') expect(valueAt(decrypted, path)).toBe(valueAt(SETTINGS[type], path));
      }
      expect(decrypted).toMatchObject(SETTINGS[type]);
    });

    it('keeps the stored secrets when a PATCH sends back the settings it read', async () => {
      const read = await t.http().get(`/api/inboxes/${id}`).set(auth(admin)).expect(200);
      const res = await t.http().patch(`/api/inboxes/${id}`).set(auth(admin)).send({ name: `${type} renamed`, settings: read.body.settings }).expect(200);
      expect(res.body.name).toBe(`${type} renamed`);
      expect(res.body.secretFields.sort()).toEqual([...SECRET_FIELDS[type]].sort());
      expectNoSecretIn(res.body);
      expect(await t.app.get(InboxesService).getDecryptedSettings(id)).toMatchObject(SETTINGS[type]);
    });
  });

  it('answers no secret value in the list', async () => {
    await createInbox('telegram');
    const res = await t.http().get('/api/inboxes?limit=100').set(auth(admin)).expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(7);
    expectNoSecretIn(res.body);
  });

  it('pages the list newest first with a cursor and filters it by type', async () => {
    const first = await t.http().get('/api/inboxes?limit=2').set(auth(admin)).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await t.http().get(`/api/inboxes?limit=2&cursor=${first.body.nextCursor}`).set(auth(admin)).expect(200);
    expect(second.body.items[0].id < first.body.items[1].id).toBe(true);
    const vk = await t.http().get('/api/inboxes?type=vk').set(auth(admin)).expect(200);
    expect(vk.body.items.map((i: { type: string }) => i.type)).toEqual(['vk']);
  });

  describe('an api inbox webhook secret', () => {
    it('is answered in plain text once, on create, and never by GET', async () => {
      const created = await createInbox('api');
      expect(created.body.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
      expect(created.body.settings.webhookSecret).toBeUndefined();
      const read = await t.http().get(`/api/inboxes/${created.body.id}`).set(auth(admin)).expect(200);
      expect(JSON.stringify(read.body)).not.toContain(created.body.webhookSecret);
      expect((await t.app.get(InboxesService).getDecryptedSettings(created.body.id, 'api')).webhookSecret).toBe(created.body.webhookSecret);
    });

    it('ignores a webhook secret chosen by the client', async () => {
      const res = await t.http().post('/api/inboxes').set(auth(admin)).send({ type: 'api', name: 'chosen', settings: { webhookSecret: 'chosen-by-client' } }).expect(201);
      expect(res.body.webhookSecret).not.toBe('chosen-by-client');
    });

    it('is replaced by rotate-secret, which answers the new one once', async () => {
      const created = await createInbox('api');
      const rotated = await t.http().post(`/api/inboxes/${created.body.id}/rotate-secret`).set(auth(admin)).expect(200);
      expect(rotated.body.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
      expect(rotated.body.webhookSecret).not.toBe(created.body.webhookSecret);
      expect(rotated.body.settings).toEqual({ callbackUrl: SETTINGS.api.callbackUrl });
      const read = await t.http().get(`/api/inboxes/${created.body.id}`).set(auth(admin)).expect(200);
      expect(read.body.webhookSecret).toBeUndefined();
      expect((await t.app.get(InboxesService).getDecryptedSettings(created.body.id, 'api')).webhookSecret).toBe(rotated.body.webhookSecret);
    });

    it('is kept by a PATCH that changes the callback URL', async () => {
      const created = await createInbox('api');
      await t.http().patch(`/api/inboxes/${created.body.id}`).set(auth(admin)).send({ settings: { callbackUrl: 'https://other.example.com/cb' } }).expect(200);
      const settings = await t.app.get(InboxesService).getDecryptedSettings(created.body.id, 'api');
      expect(settings).toEqual({ callbackUrl: 'https://other.example.com/cb', webhookSecret: created.body.webhookSecret });
    });
  });

  it('answers 400 no_rotatable_secret when rotating an inbox without a generated secret', async () => {
    const { body } = await createInbox('telegram');
    const res = await t.http().post(`/api/inboxes/${body.id}/rotate-secret`).set(auth(admin)).expect(400);
    expect(res.body.code).toBe('no_rotatable_secret');
  });

  it('answers the web chat widget token always and keeps it across updates', async () => {
    const created = await createInbox('webchat');
    const token = created.body.settings.widgetToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const patched = await t.http().patch(`/api/inboxes/${created.body.id}`).set(auth(admin)).send({ settings: { allowedOrigins: [] } }).expect(200);
    expect(patched.body.settings).toEqual({ allowedOrigins: [], widgetToken: token });
  });

  describe('PATCH settings', () => {
    it('replaces a secret that is sent and keeps the others', async () => {
      const { body } = await createInbox('vk');
      const res = await t
        .http()
        .patch(`/api/inboxes/${body.id}`)
        .set(auth(admin))
        .send({ settings: { groupId: 42, accessToken: 'vk-new-token', mode: 'longpoll', apiBaseUrl: vkApi.apiBaseUrl } })
        .expect(200);
      expect(JSON.stringify(res.body)).not.toContain('vk-new-token');
      const settings = await t.app.get(InboxesService).getDecryptedSettings(body.id, 'vk');
      expect(settings).toEqual({ groupId: 42, accessToken: 'vk-new-token', secretKey: 'vk-secret-key-plain', mode: 'longpoll', apiBaseUrl: vkApi.apiBaseUrl, groupName: 'Магазин «Ёлка»' });
    });

    it('removes an optional secret sent as null', async () => {
      const { body } = await createInbox('vk');
      const res = await t.http().patch(`/api/inboxes/${body.id}`).set(auth(admin)).send({ settings: { groupId: 42, secretKey: null, mode: 'longpoll', apiBaseUrl: vkApi.apiBaseUrl } }).expect(200);
      expect(res.body.secretFields).toEqual(['accessToken']);
    });

    it('keeps nested and free-form secrets that are left out', async () => {
      const sms = (await createInbox('sms')).body;
      await t.http().patch(`/api/inboxes/${sms.id}`).set(auth(admin)).send({ settings: { provider: 'twilio', credentials: { authToken: 'rotated-token' } } }).expect(200);
      expect(await t.app.get(InboxesService).getDecryptedSettings(sms.id)).toEqual({
        provider: 'twilio',
        credentials: { accountSid: 'AC-plain-sid', authToken: 'rotated-token' },
        webhookSecret: sms.webhookSecret,
      });
    });

    it.skipIf(MAIL_SKIP)('keeps a mailbox password that is left out when the server changes', async () => {
      const email = (await createInbox('email')).body.id;
      // The same server under another name: the save logs in again, with the kept password.
      const imap = { host: 'localhost', port: dovecot!.port, secure: false, user: 'support@example.com' };
      await t.http().patch(`/api/inboxes/${email}`).set(auth(admin)).send({ settings: { ...SETTINGS.email, imap } }).expect(200);
      const settings = await t.app.get(InboxesService).getDecryptedSettings(email, 'email');
      expect(settings.imap).toEqual({ ...imap, password: 'imap-password-Пароль' });
    });

    it('answers 400 with the field path of each invalid setting', async () => {
      const { body } = await createInbox('telegram');
      const res = await t.http().patch(`/api/inboxes/${body.id}`).set(auth(admin)).send({ settings: { mode: 'push', apiRoot: 'not a url' } }).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['settings.apiRoot', 'settings.mode']);
    });

    it('answers 400 inbox_type_immutable when the type would change, and accepts the same type', async () => {
      const { body } = await createInbox('telegram');
      const res = await t.http().patch(`/api/inboxes/${body.id}`).set(auth(admin)).send({ type: 'vk', name: 'x' }).expect(400);
      expect(res.body).toMatchObject({ code: 'inbox_type_immutable', field: 'type' });
      await t.http().patch(`/api/inboxes/${body.id}`).set(auth(admin)).send({ type: 'telegram', enabled: false }).expect(200);
      const read = await t.http().get(`/api/inboxes/${body.id}`).set(auth(admin)).expect(200);
      expect(read.body).toMatchObject({ type: 'telegram', name: 'telegram inbox', enabled: false });
    });
  });

  describe('POST with invalid settings', () => {
    it.each([
      ['telegram', {}, ['settings.botToken']],
      ['telegram', { botToken: 'x', webhook: true }, ['settings']],
      ['vk', { groupId: -1, accessToken: 'x', mode: 'push' }, ['settings.groupId', 'settings.mode']],
      ['email', { ...SETTINGS.email, imap: { host: 'h', port: 70000, secure: true, user: 'u' } }, ['settings.imap.password', 'settings.imap.port']],
      ['sms', { provider: 'beeline', credentials: { 'bad key': 'x' } }, ['settings.credentials.bad key', 'settings.provider']],
      ['webchat', { allowedOrigins: ['https://a.example.com/path'], color: 'red' }, ['settings.allowedOrigins.0', 'settings.color']],
      ['telephony', { provider: 'zadarma' }, ['settings.secret']],
      ['api', { callbackUrl: 'ftp://example.com' }, ['settings.callbackUrl']],
    ] as const)('answers 400 for a %s inbox with the paths of the bad fields', async (type, settings, fields) => {
      const res = await t.http().post('/api/inboxes').set(auth(admin)).send({ type, name: 'bad', settings }).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
    });

    it('answers 400 for an unknown inbox type', async () => {
      const res = await t.http().post('/api/inboxes').set(auth(admin)).send({ type: 'fax', name: 'x', settings: {} }).expect(400);
      expect(res.body.errors[0].field).toBe('type');
    });
  });

  describe('access', () => {
    let mine: string;
    let other: string;
    let agent: { id: string; token: string };
    beforeAll(async () => {
      mine = (await createInbox('telegram', SETTINGS.telegram, 'agent inbox')).body.id;
      other = (await createInbox('telegram', SETTINGS.telegram, 'someone else’s inbox')).body.id;
      agent = await t.createUser('agent', { inboxIds: [mine] });
    });

    it('lists to an agent only the inboxes they are a member of', async () => {
      const res = await t.http().get('/api/inboxes').set(auth(agent.token)).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([mine]);
      expectNoSecretIn(res.body);
    });

    it('answers 403 inbox_forbidden when an agent reads an inbox they are not a member of', async () => {
      await t.http().get(`/api/inboxes/${mine}`).set(auth(agent.token)).expect(200);
      const res = await t.http().get(`/api/inboxes/${other}`).set(auth(agent.token)).expect(403);
      expect(res.body.code).toBe('inbox_forbidden');
    });

    it('lets only an admin create, change, rotate or delete inboxes', async () => {
      const supervisor = await t.createUser('supervisor');
      for (const token of [agent.token, supervisor.token]) {
        const res = await t.http().post('/api/inboxes').set(auth(token)).send({ type: 'api', name: 'x', settings: {} }).expect(403);
        expect(res.body.code).toBe('forbidden');
        await t.http().patch(`/api/inboxes/${mine}`).set(auth(token)).send({ name: 'x' }).expect(403);
        await t.http().post(`/api/inboxes/${mine}/rotate-secret`).set(auth(token)).expect(403);
        await t.http().delete(`/api/inboxes/${mine}`).set(auth(token)).expect(403);
      }
      await t.http().get(`/api/inboxes/${other}`).set(auth(supervisor.token)).expect(200);
    });

    it('answers 401 without a token', async () => {
      await t.http().get('/api/inboxes').expect(401);
    });
  });

  it('answers 404 for an unknown inbox id and 400 for a malformed one', async () => {
    const unknown = randomUUID();
    const res = await t.http().get(`/api/inboxes/${unknown}`).set(auth(admin)).expect(404);
    expect(res.body).toMatchObject({ code: 'not_found', entity: 'inbox', id: unknown });
    await t.http().patch(`/api/inboxes/${unknown}`).set(auth(admin)).send({ name: 'x' }).expect(404);
    await t.http().delete(`/api/inboxes/${unknown}`).set(auth(admin)).expect(404);
    await t.http().post(`/api/inboxes/${unknown}/rotate-secret`).set(auth(admin)).expect(404);
    await t.http().get(`/api/inboxes/${unknown}/members`).set(auth(admin)).expect(404);
    await t.http().get('/api/inboxes/not-a-uuid').set(auth(admin)).expect(400);
  });

  it('deletes an inbox', async () => {
    const { body } = await createInbox('webchat');
    await t.http().delete(`/api/inboxes/${body.id}`).set(auth(admin)).expect(204);
    await t.http().get(`/api/inboxes/${body.id}`).set(auth(admin)).expect(404);
  });

  describe('members', () => {
    let inbox: string;
    let alice: { id: string; token: string };
    let bob: { id: string; token: string };
    let supervisor: { id: string; token: string };
    const memberIds = (body: { items: { userId: string }[] }) => body.items.map((m) => m.userId).sort();

    beforeAll(async () => {
      inbox = (await createInbox('webchat')).body.id;
      alice = await t.createUser('agent', { name: 'Alice' });
      bob = await t.createUser('agent', { name: 'Bob' });
      supervisor = await t.createUser('supervisor');
    });

    it('replaces the members with PUT and gives the new members access', async () => {
      const res = await t.http().put(`/api/inboxes/${inbox}/members`).set(auth(supervisor.token)).send({ userIds: [alice.id, bob.id, alice.id] }).expect(200);
      expect(memberIds(res.body)).toEqual([alice.id, bob.id].sort());
      expect(res.body.items[0]).toMatchObject({ name: 'Alice', role: 'agent', active: true, email: expect.any(String) });
      await t.http().get(`/api/inboxes/${inbox}`).set(auth(alice.token)).expect(200);
      const listed = await t.http().get(`/api/inboxes/${inbox}/members`).set(auth(bob.token)).expect(200);
      expect(memberIds(listed.body)).toEqual([alice.id, bob.id].sort());
    });

    it('answers 404 and changes nothing when PUT names an unknown user', async () => {
      await t.http().put(`/api/inboxes/${inbox}/members`).set(auth(admin)).send({ userIds: [alice.id, bob.id] }).expect(200);
      const unknown = randomUUID();
      const res = await t.http().put(`/api/inboxes/${inbox}/members`).set(auth(admin)).send({ userIds: [alice.id, unknown] }).expect(404);
      expect(res.body).toMatchObject({ code: 'not_found', entity: 'user', id: unknown });
      const listed = await t.http().get(`/api/inboxes/${inbox}/members`).set(auth(admin)).expect(200);
      expect(memberIds(listed.body)).toEqual([alice.id, bob.id].sort());
    });

    it('adds and removes one member', async () => {
      await t.http().put(`/api/inboxes/${inbox}/members`).set(auth(admin)).send({ userIds: [] }).expect(200);
      const added = await t.http().post(`/api/inboxes/${inbox}/members`).set(auth(admin)).send({ userId: bob.id }).expect(201);
      expect(memberIds(added.body)).toEqual([bob.id]);
      await t.http().post(`/api/inboxes/${inbox}/members`).set(auth(admin)).send({ userId: bob.id }).expect(201);
      await t.http().delete(`/api/inboxes/${inbox}/members/${bob.id}`).set(auth(admin)).expect(204);
      await t.http().get(`/api/inboxes/${inbox}`).set(auth(bob.token)).expect(403);
      const res = await t.http().post(`/api/inboxes/${inbox}/members`).set(auth(admin)).send({ userId: randomUUID() }).expect(404);
      expect(res.body.entity).toBe('user');
    });

    it('refuses member changes by an agent and the member list to a non-member', async () => {
      await t.http().put(`/api/inboxes/${inbox}/members`).set(auth(admin)).send({ userIds: [alice.id] }).expect(200);
      await t.http().put(`/api/inboxes/${inbox}/members`).set(auth(alice.token)).send({ userIds: [alice.id, bob.id] }).expect(403);
      await t.http().post(`/api/inboxes/${inbox}/members`).set(auth(alice.token)).send({ userId: bob.id }).expect(403);
      await t.http().delete(`/api/inboxes/${inbox}/members/${alice.id}`).set(auth(alice.token)).expect(403);
      const res = await t.http().get(`/api/inboxes/${inbox}/members`).set(auth(bob.token)).expect(403);
      expect(res.body.code).toBe('inbox_forbidden');
    });
  });
});
