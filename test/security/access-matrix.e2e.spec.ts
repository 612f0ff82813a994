import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';
import { attachments, messages } from '@app/db';
import { connectAgent } from '../support/agent-socket.js';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { reportReliability } from '../support/reliability-report.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PRINCIPALS = ['admin', 'supervisor', 'agentIn', 'agentOut', 'apiKey'] as const;
type Principal = (typeof PRINCIPALS)[number];
/** Expected statuses in the order of PRINCIPALS. */
type Row = [admin: number, supervisor: number, agentIn: number, agentOut: number, apiKey: number];

interface Check {
  resource: string;
  action: 'list' | 'read' | 'create' | 'update' | 'delete';
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Called once per principal, so a delete gets a fresh target each time. */
  path: () => string | Promise<string>;
  body?: () => object;
  expected: Row;
}

const ALL_OK = (status: number): Row => [status, status, status, status, status];
const MANAGERS = (status: number): Row => [status, status, 403, 403, status];
const ADMIN_ONLY = (status: number): Row => [status, 403, 403, 403, 403];
/** Inside inbox A: the member and everyone who sees all inboxes; an outsider gets 404 as for an unknown id. */
const IN_INBOX = (status: number): Row => [status, status, status, 404, status];

describe('access control: role × resource × action', () => {
  let t: TestApp;
  let files: FakeHttpServer;
  let inboxA: ApiInbox;
  let inboxB: ApiInbox;
  let baseUrl: string;
  let dataDir: string;
  const tokens = {} as Record<Principal, string>;
  const ids: Record<string, string> = {};
  let counter = 0;
  let checksRun = 0;
  const unique = (prefix: string) => `${prefix}${++counter}`;

  const as = (principal: Principal, method: Check['method'], path: string) => {
    const request = t.http()[method](path);
    return principal === 'apiKey' ? request.set('X-Api-Key', tokens.apiKey) : request.set('Authorization', `Bearer ${tokens[principal]}`);
  };
  const adminCreate = async (path: string, body: object) => {
    const res = await as('admin', 'post', path).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    files = await startFakeHttpServer(() => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'счёт' }));
    dataDir = mkdtempSync(join(tmpdir(), 'omnibox-access-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir } });
    baseUrl = await t.listen();
    tokens.admin = await t.adminToken();
    inboxA = await createApiInbox(t, tokens.admin, undefined, 'Inbox A');
    inboxB = await createApiInbox(t, tokens.admin, undefined, 'Inbox B');
    tokens.supervisor = (await t.createUser('supervisor')).token;
    const agentIn = await t.createUser('agent', { inboxIds: [inboxA.id] });
    tokens.agentIn = agentIn.token;
    ids.agentIn = agentIn.id;
    tokens.agentOut = (await t.createUser('agent', { inboxIds: [inboxB.id] })).token;
    tokens.apiKey = (await as('admin', 'post', '/api/api-keys').send({ name: 'Integration', role: 'supervisor' }).expect(201)).body.key;

    await postWebhook(t, inboxA, { externalId: 'a-1', contact: { externalId: 'ca', name: 'Клиент A' }, text: 'в A', attachments: [{ url: `${files.url}/invoice.txt`, fileName: 'invoice.txt' }] }).expect(200);
    await postWebhook(t, inboxB, { externalId: 'b-1', contact: { externalId: 'cb', name: 'Клиент B' }, text: 'в B' }).expect(200);
    const [messageA] = await t.db.select().from(messages).where(eq(messages.content, 'в A'));
    ids.conversationA = messageA.conversationId;
    ids.messageA = messageA.id;
    ids.contactA = (await as('admin', 'get', `/api/conversations/${ids.conversationA}`).expect(200)).body.contactId;
    const [file] = await t.db.select().from(attachments).where(eq(attachments.messageId, messageA.id));
    ids.attachmentA = file.id;
    // The api channel keeps links to files; a file a channel delivered is kept on disk under its attachment's id.
    mkdirSync(join(dataDir, 'files'), { recursive: true });
    writeFileSync(join(dataDir, 'files', file.id), 'счёт');
    await t.db.update(attachments).set({ storageKey: file.id }).where(eq(attachments.id, file.id));
    ids.deal = await adminCreate('/api/deals', { title: 'Сделка' });
    ids.company = await adminCreate('/api/companies', { name: 'ООО Доступ' });
    ids.template = await adminCreate('/api/templates', { shortCode: 'hello', name: 'Привет', body: 'Здравствуйте' });
    ids.templateA = await adminCreate('/api/templates', { shortCode: 'only-a', name: 'Только A', body: 'A', inboxId: inboxA.id });
    ids.team = await adminCreate('/api/teams', { name: 'Поддержка' });
    ids.policy = await adminCreate('/api/assignment-policies', { name: 'A', inboxId: inboxA.id, kind: 'manual' });
  }, 120_000);
  afterAll(async () => {
    console.log(`access matrix: ${checksRun} checks run (${PRINCIPALS.length} principals)`);
    reportReliability('access matrix', { accessChecks: checksRun });
    await t?.close();
    await files?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const checks: Check[] = [
    // Conversations, messages and files live in an inbox.
    { resource: 'conversations', action: 'list', method: 'get', path: () => '/api/conversations', expected: ALL_OK(200) },
    { resource: 'conversations', action: 'read', method: 'get', path: () => `/api/conversations/${ids.conversationA}`, expected: IN_INBOX(200) },
    { resource: 'conversations', action: 'update', method: 'post', path: () => `/api/conversations/${ids.conversationA}/status`, body: () => ({ status: 'open' }), expected: IN_INBOX(200) },
    { resource: 'conversations', action: 'update', method: 'post', path: () => `/api/conversations/${ids.conversationA}/read`, expected: IN_INBOX(200) },
    { resource: 'messages', action: 'list', method: 'get', path: () => `/api/conversations/${ids.conversationA}/messages`, expected: IN_INBOX(200) },
    { resource: 'messages', action: 'create', method: 'post', path: () => `/api/conversations/${ids.conversationA}/messages`, body: () => ({ text: 'заметка', private: true }), expected: IN_INBOX(201) },
    { resource: 'messages', action: 'update', method: 'post', path: () => `/api/conversations/${ids.conversationA}/messages/${ids.messageA}/retry`, expected: IN_INBOX(409) },
    { resource: 'attachments', action: 'read', method: 'get', path: () => `/api/attachments/${ids.attachmentA}`, expected: IN_INBOX(200) },
    // CRM records are shared by everyone; only managers delete them.
    { resource: 'contacts', action: 'list', method: 'get', path: () => '/api/contacts', expected: ALL_OK(200) },
    { resource: 'contacts', action: 'read', method: 'get', path: () => `/api/contacts/${ids.contactA}`, expected: ALL_OK(200) },
    { resource: 'contacts', action: 'create', method: 'post', path: () => '/api/contacts', body: () => ({ name: unique('Контакт ') }), expected: ALL_OK(201) },
    { resource: 'contacts', action: 'update', method: 'patch', path: () => `/api/contacts/${ids.contactA}`, body: () => ({ tags: ['vip'] }), expected: ALL_OK(200) },
    { resource: 'contacts', action: 'delete', method: 'delete', path: () => adminCreate('/api/contacts', { name: unique('Удаляемый ') }).then((id) => `/api/contacts/${id}`), expected: MANAGERS(204) },
    { resource: 'deals', action: 'list', method: 'get', path: () => '/api/deals', expected: ALL_OK(200) },
    { resource: 'deals', action: 'read', method: 'get', path: () => `/api/deals/${ids.deal}`, expected: ALL_OK(200) },
    { resource: 'deals', action: 'create', method: 'post', path: () => '/api/deals', body: () => ({ title: unique('Сделка ') }), expected: ALL_OK(201) },
    { resource: 'deals', action: 'update', method: 'patch', path: () => `/api/deals/${ids.deal}`, body: () => ({ title: unique('Сделка ') }), expected: ALL_OK(200) },
    { resource: 'deals', action: 'delete', method: 'delete', path: () => adminCreate('/api/deals', { title: unique('Удаляемая ') }).then((id) => `/api/deals/${id}`), expected: MANAGERS(204) },
    { resource: 'companies', action: 'read', method: 'get', path: () => `/api/companies/${ids.company}`, expected: ALL_OK(200) },
    { resource: 'companies', action: 'delete', method: 'delete', path: () => adminCreate('/api/companies', { name: unique('Удаляемая ') }).then((id) => `/api/companies/${id}`), expected: MANAGERS(204) },
    // Inboxes: members read theirs; only administrators change them.
    { resource: 'inboxes', action: 'list', method: 'get', path: () => '/api/inboxes', expected: ALL_OK(200) },
    { resource: 'inboxes', action: 'read', method: 'get', path: () => `/api/inboxes/${inboxA.id}`, expected: [200, 200, 200, 403, 200] },
    { resource: 'inboxes', action: 'create', method: 'post', path: () => '/api/inboxes', body: () => ({ type: 'api', name: unique('Inbox ') }), expected: ADMIN_ONLY(201) },
    { resource: 'inboxes', action: 'update', method: 'patch', path: () => `/api/inboxes/${inboxA.id}`, body: () => ({ name: 'Inbox A' }), expected: ADMIN_ONLY(200) },
    { resource: 'inboxes', action: 'delete', method: 'delete', path: () => createApiInbox(t, tokens.admin, undefined, unique('Gone ')).then((inbox) => `/api/inboxes/${inbox.id}`), expected: ADMIN_ONLY(204) },
    { resource: 'inbox members', action: 'update', method: 'post', path: () => `/api/inboxes/${inboxA.id}/members`, body: () => ({ userId: ids.agentIn }), expected: MANAGERS(201) },
    // Settings.
    { resource: 'templates', action: 'list', method: 'get', path: () => '/api/templates', expected: ALL_OK(200) },
    { resource: 'templates', action: 'read', method: 'get', path: () => `/api/templates/${ids.template}`, expected: ALL_OK(200) },
    { resource: 'templates', action: 'read', method: 'get', path: () => `/api/templates/${ids.templateA}`, expected: [200, 200, 200, 403, 200] },
    { resource: 'templates', action: 'create', method: 'post', path: () => '/api/templates', body: () => ({ shortCode: unique('t'), name: 'T', body: 'B' }), expected: MANAGERS(201) },
    { resource: 'templates', action: 'update', method: 'patch', path: () => `/api/templates/${ids.template}`, body: () => ({ body: 'Добрый день' }), expected: MANAGERS(200) },
    { resource: 'templates', action: 'delete', method: 'delete', path: () => adminCreate('/api/templates', { shortCode: unique('d'), name: 'D', body: 'D' }).then((id) => `/api/templates/${id}`), expected: MANAGERS(204) },
    { resource: 'blacklist', action: 'list', method: 'get', path: () => '/api/blacklist', expected: MANAGERS(200) },
    { resource: 'blacklist', action: 'create', method: 'post', path: () => '/api/blacklist', body: () => ({ kind: 'pattern', value: unique('спам ') }), expected: MANAGERS(201) },
    { resource: 'blacklist', action: 'delete', method: 'delete', path: () => adminCreate('/api/blacklist', { kind: 'pattern', value: unique('реклама ') }).then((id) => `/api/blacklist/${id}`), expected: MANAGERS(204) },
    { resource: 'automation rules', action: 'list', method: 'get', path: () => '/api/automation-rules', expected: ADMIN_ONLY(200) },
    { resource: 'automation rules', action: 'create', method: 'post', path: () => '/api/automation-rules', body: () => ({ name: unique('R'), event: 'message.created', actions: [{ type: 'add_label', label: 'x' }] }), expected: ADMIN_ONLY(201) },
    {
      resource: 'automation rules',
      action: 'delete',
      method: 'delete',
      path: () => adminCreate('/api/automation-rules', { name: unique('R'), event: 'message.created', actions: [{ type: 'add_label', label: 'x' }] }).then((id) => `/api/automation-rules/${id}`),
      expected: ADMIN_ONLY(204),
    },
    { resource: 'assignment policies', action: 'read', method: 'get', path: () => `/api/assignment-policies/${ids.policy}`, expected: ALL_OK(200) },
    { resource: 'assignment policies', action: 'update', method: 'patch', path: () => `/api/assignment-policies/${ids.policy}`, body: () => ({ name: 'A2' }), expected: MANAGERS(200) },
    {
      resource: 'assignment policies',
      action: 'create',
      method: 'post',
      // One policy per inbox: each principal gets an inbox of its own.
      path: () => createApiInbox(t, tokens.admin, undefined, unique('P ')).then((inbox) => ((ids.policyInbox = inbox.id), '/api/assignment-policies')),
      body: () => ({ name: unique('P'), inboxId: ids.policyInbox, kind: 'manual' }),
      expected: MANAGERS(201),
    },
    { resource: 'teams', action: 'list', method: 'get', path: () => '/api/teams', expected: ALL_OK(200) },
    { resource: 'teams', action: 'create', method: 'post', path: () => '/api/teams', body: () => ({ name: unique('Команда ') }), expected: MANAGERS(201) },
    { resource: 'teams', action: 'update', method: 'patch', path: () => `/api/teams/${ids.team}`, body: () => ({ name: 'Поддержка' }), expected: MANAGERS(200) },
    { resource: 'teams', action: 'delete', method: 'delete', path: () => adminCreate('/api/teams', { name: unique('Временная ') }).then((id) => `/api/teams/${id}`), expected: MANAGERS(204) },
    { resource: 'users', action: 'list', method: 'get', path: () => '/api/users', expected: MANAGERS(200) },
    { resource: 'users', action: 'create', method: 'post', path: () => '/api/users', body: () => ({ email: `${unique('user')}@example.com`, name: 'U', password: 'password-long-1', role: 'agent' }), expected: ADMIN_ONLY(201) },
    {
      resource: 'users',
      action: 'delete',
      method: 'delete',
      path: () => adminCreate('/api/users', { email: `${unique('gone')}@example.com`, name: 'G', password: 'password-long-1', role: 'agent' }).then((id) => `/api/users/${id}`),
      expected: ADMIN_ONLY(204),
    },
    { resource: 'api keys', action: 'list', method: 'get', path: () => '/api/api-keys', expected: ADMIN_ONLY(200) },
    { resource: 'api keys', action: 'create', method: 'post', path: () => '/api/api-keys', body: () => ({ name: unique('K'), role: 'agent' }), expected: ADMIN_ONLY(201) },
    { resource: 'audit log', action: 'list', method: 'get', path: () => '/api/audit-log', expected: ADMIN_ONLY(200) },
    { resource: 'reports', action: 'read', method: 'get', path: () => '/api/reports/summary?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z', expected: MANAGERS(200) },
    { resource: 'sla policies', action: 'list', method: 'get', path: () => '/api/sla-policies', expected: MANAGERS(200) },
  ];

  it.each(checks.map((check) => [`${check.resource}: ${check.action} ${check.method.toUpperCase()}`, check] as const))('%s', async (_name, check) => {
    const mismatches: string[] = [];
    for (const [index, principal] of PRINCIPALS.entries()) {
      const path = await check.path();
      const request = as(principal, check.method, path);
      const res = check.body ? await request.send(check.body()) : await request;
      checksRun += 1;
      if (res.status !== check.expected[index]) mismatches.push(`${principal}: ${check.method.toUpperCase()} ${path} → ${res.status}, expected ${check.expected[index]} ${JSON.stringify(res.body).slice(0, 160)}`);
      if (res.status >= 400) expect(typeof res.body.code).toBe('string');
    }
    expect(mismatches).toEqual([]);
  });

  it('lists to an agent outside inbox A none of its conversations, and to the member all of them', async () => {
    const listed = async (principal: Principal) => (await as(principal, 'get', '/api/conversations?status=all&limit=100').expect(200)).body.items.map((c: { id: string }) => c.id);
    checksRun += 2;
    expect(await listed('agentIn')).toContain(ids.conversationA);
    expect(await listed('agentOut')).not.toContain(ids.conversationA);
  });

  it('answers 404 with no data to guessed ids of another inbox\'s conversation, messages and files', async () => {
    const guesses = [
      `/api/conversations/${ids.conversationA}`,
      `/api/conversations/${ids.conversationA}/messages`,
      `/api/conversations/${ids.conversationA}/timeline`,
      `/api/attachments/${ids.attachmentA}`,
      `/api/conversations/${ids.conversationA}/routing`,
    ];
    for (const path of guesses) {
      const res = await as('agentOut', 'get', path);
      checksRun += 1;
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body), path).not.toContain('в A');
      expect(JSON.stringify(res.body), path).not.toContain('Клиент A');
    }
  });

  it('never sends an agent events of an inbox they are not a member of, nor lets them join its conversation', async () => {
    const outsider = await connectAgent(baseUrl, tokens.agentOut);
    const member = await connectAgent(baseUrl, tokens.agentIn);
    try {
      const joined = await outsider.socket.emitWithAck('conversation.join', { conversationId: ids.conversationA });
      expect(joined).toEqual({ ok: false });
      expect(await outsider.socket.emitWithAck('typing', { conversationId: ids.conversationA, typing: true })).toEqual({ ok: false });
      await postWebhook(t, inboxA, { externalId: 'a-2', contact: { externalId: 'ca' }, text: 'секрет A' }).expect(200);
      await postWebhook(t, inboxB, { externalId: 'b-2', contact: { externalId: 'cb' }, text: 'для B' }).expect(200);
      await member.waitFor('message.created', (e) => e.payload.content === 'секрет A');
      // Events reach a socket in the order they were emitted: once B's message is here, A's would have been too.
      await outsider.waitFor('message.created', (e) => e.payload.content === 'для B');
      expect(outsider.events.filter((e) => JSON.stringify(e).includes(ids.conversationA))).toEqual([]);
      expect(JSON.stringify(outsider.events)).not.toContain('секрет A');
      checksRun += 4;
    } finally {
      outsider.close();
      member.close();
    }
  });
});
