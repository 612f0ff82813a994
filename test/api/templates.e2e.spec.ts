import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiInbox, type ApiInbox } from '../support/api-channel.js';
import { auth, routingHelpers, type ConversationBody } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('templates over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let h: ReturnType<typeof routingHelpers>;
  let inbox: ApiInbox;
  let otherInbox: ApiInbox;
  let agent: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let conversation: ConversationBody;
  let greeting: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    h = routingHelpers(t, () => admin);
    inbox = await createApiInbox(t, admin, undefined, 'Templates');
    otherInbox = await createApiInbox(t, admin, undefined, 'Templates other');
    agent = await t.createUser('agent', { name: 'Иван Петров', inboxIds: [inbox.id] });
    supervisor = await t.createUser('supervisor', { name: 'Старший TP' });
    conversation = await h.customerWrites(inbox, { externalId: 'tpl-customer', name: 'Ольга Ёжикова' });
    await t.http().patch(`/api/contacts/${conversation.contactId}`).set(auth(admin)).send({ customFields: { city: 'Казань' } }).expect(200);
    const deal = await t.http().post('/api/deals').set(auth(admin)).send({ title: 'Кухня', amount: '150000.50', contactId: conversation.contactId }).expect(201);
    await t.http().post(`/api/conversations/${conversation.id}/deal`).set(auth(admin)).send({ dealId: deal.body.id }).expect(200);
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>, token = supervisor.token) => t.http().post('/api/templates').set(auth(token)).send(body);

  it('creates templates with variables, channel variants and attachments, and refuses duplicates, unknown variables and agents', async () => {
    const created = await create({
      shortCode: '/Greet',
      name: 'Приветствие',
      body: 'Здравствуйте, {{contact.name}}! Я {{agent.name}}. Сумма заказа {{deal.amount}} {{deal.currency}}, город {{contact.custom.city}}, скидка {{contact.custom.discount | "0"}}%.',
      variants: { sms: 'Здравствуйте, {{contact.name}}!' },
      attachments: [{ url: 'https://files.example/price.pdf', fileName: 'price.pdf', contentType: 'application/pdf' }],
    }).expect(201);
    greeting = created.body;
    expect(created.body).toMatchObject({ shortCode: 'greet', inboxId: null, usageCount: 0 });

    expect((await create({ shortCode: 'greet', name: 'Другое', body: 'Текст' }).expect(409)).body.code).toBe('duplicate_short_code');
    await create({ shortCode: 'greet', name: 'Своё для канала', body: 'Привет из канала, {{contact.name}}', inboxId: inbox.id }).expect(201);
    const typo = await create({ shortCode: 'typo', name: 'Опечатка', body: 'Здравствуйте, {{contact.nmae}}' }).expect(400);
    expect(typo.body.errors[0]).toMatchObject({ field: 'body' });
    await create({ shortCode: 'code', name: 'Код', body: '{{constructor}}' }).expect(400);
    await create({ shortCode: 'mine', name: 'Моё', body: 'Текст' }, agent.token).expect(403);
    await create({ shortCode: 'elsewhere', name: 'Чужой канал', body: 'Текст', inboxId: otherInbox.id }).expect(201);
  });

  it('lists what the caller may use and finds the inbox\'s own template by short code first', async () => {
    const list = await t.http().get('/api/templates').set(auth(agent.token)).expect(200);
    expect(list.body.items.map((x: { shortCode: string }) => x.shortCode).sort()).toEqual(['greet', 'greet']);
    const found = await t.http().get('/api/templates').query({ q: 'ПРИВЕТСТВ' }).set(auth(agent.token)).expect(200);
    expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([greeting.id]);
    const own = await t.http().get('/api/templates/by-code/greet').query({ inboxId: inbox.id }).set(auth(agent.token)).expect(200);
    expect(own.body).toMatchObject({ inboxId: inbox.id, name: 'Своё для канала' });
    const global = await t.http().get('/api/templates/by-code/%2FGREET').set(auth(agent.token)).expect(200);
    expect(global.body.id).toBe(greeting.id);
    await t.http().get('/api/templates/by-code/greet').query({ inboxId: otherInbox.id }).set(auth(agent.token)).expect(403);
  });

  it('renders a preview from a conversation\'s contact, deal and agent, with fallbacks for missing values, without counting a use', async () => {
    const preview = await t.http().post(`/api/templates/${greeting.id}/preview`).set(auth(agent.token)).send({ conversationId: conversation.id }).expect(200);
    expect(preview.body).toMatchObject({
      text: 'Здравствуйте, Ольга Ёжикова! Я Иван Петров. Сумма заказа 150000.50 RUB, город Казань, скидка 0%.',
      missing: ['contact.custom.discount'],
      attachments: [{ url: 'https://files.example/price.pdf', fileName: 'price.pdf' }],
      channel: null,
    });
    const sms = await t.http().post(`/api/templates/${greeting.id}/preview`).set(auth(agent.token)).send({ channel: 'sms', values: { 'contact.name': 'Анна' } }).expect(200);
    expect(sms.body).toMatchObject({ text: 'Здравствуйте, Анна!', channel: 'sms' });
    const draft = await t.http().post('/api/templates/preview').set(auth(agent.token)).send({ body: '{{agent.name}}: {{contact.name | "клиент"}}' }).expect(200);
    expect(draft.body.text).toBe('Иван Петров: клиент');
    expect((await t.http().get(`/api/templates/${greeting.id}`).set(auth(agent.token)).expect(200)).body.usageCount).toBe(0);
  });

  it('counts each use and sends the rendered text with its attachments as the agent\'s reply when asked', async () => {
    const inserted = await t.http().post(`/api/templates/${greeting.id}/use`).set(auth(agent.token)).send({ conversationId: conversation.id }).expect(200);
    expect(inserted.body.message).toBeUndefined();
    const sent = await t.http().post(`/api/templates/${greeting.id}/use`).set(auth(agent.token)).send({ conversationId: conversation.id, send: true }).expect(200);
    expect(sent.body.message).toMatchObject({ messageType: 'outgoing', senderType: 'user', senderId: agent.id, content: inserted.body.text, attachments: [expect.objectContaining({ fileName: 'price.pdf' })] });
    const after = await t.http().get(`/api/templates/${greeting.id}`).set(auth(agent.token)).expect(200);
    expect(after.body).toMatchObject({ usageCount: 2, lastUsedAt: expect.any(String) });
  });

  it('refuses a template of another inbox in this conversation, and a conversation the agent cannot see', async () => {
    const elsewhere = (await t.http().get('/api/templates').query({ q: 'elsewhere' }).set(auth(admin)).expect(200)).body.items[0];
    expect((await t.http().post(`/api/templates/${elsewhere.id}/use`).set(auth(admin)).send({ conversationId: conversation.id }).expect(400)).body.code).toBe('template_not_for_inbox');
    const hidden = await h.customerWrites(otherInbox, { externalId: 'tpl-other' });
    await t.http().post(`/api/templates/${greeting.id}/use`).set(auth(agent.token)).send({ conversationId: hidden.id }).expect(404);
  });

  it('documents the routing and template routes with their request bodies in OpenAPI', async () => {
    const doc = (await t.http().get('/api/docs/json').expect(200)).body;
    for (const path of ['/api/templates', '/api/assignment-policies', '/api/blacklist', '/api/automation-rules', '/api/users/me/availability', '/api/agents/availability', '/api/inboxes/{id}/business-hours']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const body = doc.paths['/api/assignment-policies'].post.requestBody.content['application/json'].schema;
    expect(body.properties.kind.enum).toEqual(['manual', 'round_robin', 'least_busy', 'strict_order', 'sticky']);
    expect(doc.paths['/api/automation-rules'].post.requestBody.content['application/json'].schema.properties.actions).toBeDefined();
  });

  it('changes and deletes a template', async () => {
    const changed = await t.http().patch(`/api/templates/${greeting.id}`).set(auth(supervisor.token)).send({ shortCode: 'hello', variants: {} }).expect(200);
    expect(changed.body).toMatchObject({ shortCode: 'hello', variants: {} });
    await t.http().delete(`/api/templates/${greeting.id}`).set(auth(supervisor.token)).expect(204);
    await t.http().get(`/api/templates/${greeting.id}`).set(auth(agent.token)).expect(404);
    const variables = await t.http().get('/api/templates/variables').set(auth(agent.token)).expect(200);
    expect(variables.body.items).toContain('contact.custom.<field>');
  });
});
