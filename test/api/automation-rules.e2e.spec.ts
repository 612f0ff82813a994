import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';
import { createApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { auth, routingHelpers } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('automation rules over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let h: ReturnType<typeof routingHelpers>;
  let receiver: FakeHttpServer;

  beforeAll(async () => {
    // The first delivery fails, every later one succeeds.
    receiver = await startFakeHttpServer(() => ({ status: 200, body: { ok: true } }));
    receiver.respondNext({ status: 503, body: 'temporarily down' });
    // The receiver listens on loopback: the company lists it as its own system, as an administrator would.
    t = await startTestApp({ env: { PRIVATE_URL_HOSTS: '127.0.0.1' }, queueBackoff: { type: 'fixed', delayMs: 50 } });
    admin = await t.adminToken();
    h = routingHelpers(t, () => admin);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const createRule = async (body: Record<string, unknown>) => (await t.http().post('/api/automation-rules').set(auth(admin)).send(body).expect(201)).body;
  const runsOf = async (conversationId: string) => (await t.http().get('/api/automation-rules/runs').query({ conversationId }).set(auth(admin)).expect(200)).body.items;
  const newInbox = (name: string) => createApiInbox(t, admin, undefined, name);
  const customer = () => ({ externalId: `c-${randomUUID()}`, name: 'Ольга' });

  it('runs the actions of a rule whose conditions match, and nothing for a message that does not match', async () => {
    const inbox = await newInbox('Rules match');
    const agent = await t.createUser('agent', { name: 'Ирина', inboxIds: [inbox.id] });
    const rule = await createRule({
      name: 'Доставка',
      event: 'message.created',
      conditions: [
        { type: 'inbox', in: [inbox.id] },
        { type: 'text', op: 'regex', value: 'доставк[аиу]' },
      ],
      actions: [
        { type: 'add_label', label: 'delivery' },
        { type: 'set_priority', priority: 'high' },
        { type: 'add_note', text: '{{contact.name}} спрашивает о доставке' },
        { type: 'create_task', subject: 'Перезвонить: {{contact.name}}', dueInMinutes: 60, ownerId: agent.id },
        { type: 'start_bot_flow', flowId: 'delivery-status' },
      ],
    });
    const matching = await h.customerWrites(inbox, customer(), 'Когда будет доставка?');
    expect(matching).toMatchObject({ labels: ['delivery'], priority: 'high' });
    const note = (await h.messages(matching.id)).find((m) => m.messageType === 'note');
    expect(note).toMatchObject({ senderType: 'bot', content: 'Ольга спрашивает о доставке' });
    const tasks = await t.http().get('/api/activities').query({ conversationId: matching.id }).set(auth(admin)).expect(200);
    expect(tasks.body.items).toEqual([expect.objectContaining({ type: 'task', subject: 'Перезвонить: Ольга', ownerId: agent.id, dueAt: expect.any(String) })]);
    const [run] = await runsOf(matching.id);
    expect(run).toMatchObject({ ruleId: rule.id, event: 'message.created', depth: 0 });
    expect(run.results.map((r: { type: string; ok: boolean }) => [r.type, r.ok])).toEqual([
      ['add_label', true],
      ['set_priority', true],
      ['add_note', true],
      ['create_task', true],
      ['start_bot_flow', true],
    ]);

    const other = await h.customerWrites(inbox, customer(), 'Спасибо, всё получила');
    expect(other).toMatchObject({ labels: [], priority: null });
    expect(await runsOf(other.id)).toEqual([]);
    expect((await t.http().get(`/api/automation-rules/${rule.id}`).set(auth(admin)).expect(200)).body).toMatchObject({ runCount: 1, lastRunAt: expect.any(String) });
  });

  it('runs rules in their order, and in the new order after reordering', async () => {
    const inbox = await newInbox('Rules order');
    const only = { type: 'inbox', in: [inbox.id] };
    const low = await createRule({ name: 'Low', event: 'conversation.created', conditions: [only], actions: [{ type: 'set_priority', priority: 'low' }] });
    const urgent = await createRule({ name: 'Urgent', event: 'conversation.created', conditions: [only], actions: [{ type: 'set_priority', priority: 'urgent' }] });
    expect((await h.customerWrites(inbox, customer())).priority).toBe('urgent');
    await t.http().post('/api/automation-rules/reorder').set(auth(admin)).send({ ids: [urgent.id, low.id] }).expect(200);
    expect((await h.customerWrites(inbox, customer())).priority).toBe('low');
    await t.http().patch(`/api/automation-rules/${low.id}`).set(auth(admin)).send({ enabled: false }).expect(200);
    expect((await h.customerWrites(inbox, customer())).priority).toBe('urgent');
    await t.http().patch(`/api/automation-rules/${low.id}`).set(auth(admin)).send({ event: 'deal.stage_changed' }).expect(400);
  });

  it('creates a deal in a pipeline stage, and a deal.stage_changed rule acts when the deal moves on', async () => {
    const inbox = await newInbox('Rules deals');
    const pipeline = (
      await t
        .http()
        .post('/api/pipelines')
        .set(auth(admin))
        .send({ name: 'Заявки', stages: [{ name: 'Новая' }, { name: 'Счёт' }, { name: 'Оплачено', kind: 'won' }] })
        .expect(201)
    ).body;
    const [fresh, invoice] = pipeline.stages;
    await createRule({
      name: 'Заявка из чата',
      event: 'conversation.created',
      conditions: [{ type: 'inbox', in: [inbox.id] }],
      actions: [{ type: 'create_deal', title: 'Заявка: {{contact.name}}', pipelineId: pipeline.id, stageId: fresh.id, amount: '990' }],
    });
    await createRule({
      name: 'Счёт',
      event: 'deal.stage_changed',
      conditions: [{ type: 'deal_stage', in: [invoice.id] }],
      actions: [{ type: 'create_task', subject: 'Выставить счёт: {{deal.title}} на {{deal.amount}}' }],
    });
    const conversation = await h.customerWrites(inbox, customer());
    expect(conversation.dealId).not.toBeNull();
    const deal = (await t.http().get(`/api/deals/${conversation.dealId}`).set(auth(admin)).expect(200)).body;
    expect(deal).toMatchObject({ title: 'Заявка: Ольга', pipelineId: pipeline.id, stageId: fresh.id, amount: '990.00', contactId: conversation.contactId, sourceInboxId: inbox.id });
    expect((await t.http().get('/api/activities').query({ dealId: deal.id }).set(auth(admin)).expect(200)).body.items).toEqual([]);

    await t.http().post(`/api/deals/${deal.id}/stage`).set(auth(admin)).send({ stageId: invoice.id }).expect(200);
    const tasks = (await t.http().get('/api/activities').query({ dealId: deal.id }).set(auth(admin)).expect(200)).body.items;
    expect(tasks).toEqual([expect.objectContaining({ type: 'task', subject: 'Выставить счёт: Заявка: Ольга на 990.00' })]);
  });

  it('passes a conversation to a team and sends a template as the bot', async () => {
    const inbox = await newInbox('Rules team');
    const seller = await t.createUser('agent', { name: 'Продавец', inboxIds: [inbox.id] });
    const team = (await t.http().post('/api/teams').set(auth(admin)).send({ name: 'Опт AR' }).expect(201)).body;
    await t.http().put(`/api/teams/${team.id}/members`).set(auth(admin)).send({ userIds: [seller.id] }).expect(200);
    await h.createPolicy({ name: 'Опт', teamId: team.id, kind: 'round_robin' });
    await h.setStatus(seller.token, 'online');
    const template = (await t.http().post('/api/templates').set(auth(admin)).send({ shortCode: 'opt', name: 'Опт', body: '{{contact.name}}, передали вас менеджеру {{agent.name}}' }).expect(201)).body;
    await createRule({
      name: 'Оптовики',
      event: 'message.created',
      conditions: [
        { type: 'inbox', in: [inbox.id] },
        { type: 'text', op: 'contains', value: 'ОПТ' },
      ],
      actions: [
        { type: 'assign_team', teamId: team.id },
        { type: 'send_template', templateId: template.id },
      ],
    });
    const conversation = await h.customerWrites(inbox, customer(), 'Интересует опт');
    expect(conversation).toMatchObject({ teamId: team.id, assigneeId: seller.id });
    const reply = (await h.messages(conversation.id)).find((m) => m.messageType === 'outgoing');
    expect(reply).toMatchObject({ senderType: 'bot', content: 'Ольга, передали вас менеджеру Продавец' });
    expect((await t.http().get(`/api/templates/${template.id}`).set(auth(admin)).expect(200)).body.usageCount).toBe(1);
  });

  it('calls the outgoing webhook, retries it after the receiver fails, and signs it with the rule\'s secret', async () => {
    const inbox = await newInbox('Rules webhook');
    const rule = await createRule({
      name: 'CRM-хук',
      event: 'message.created',
      conditions: [{ type: 'inbox', in: [inbox.id] }],
      actions: [{ type: 'webhook', url: `${receiver.url}/hooks/omnibox` }],
    });
    expect(rule.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.http().get(`/api/automation-rules/${rule.id}`).set(auth(admin)).expect(200)).body.webhookSecret).toBeUndefined();

    const conversation = await h.customerWrites(inbox, customer(), 'Хочу заказ');
    const delivered = await eventually(async () => {
      const [run] = await runsOf(conversation.id);
      expect(run.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 200 });
      return run.deliveries[0];
    });
    const attempts = receiver.requests.filter((r) => r.path === '/hooks/omnibox');
    expect(attempts).toHaveLength(2);
    for (const request of attempts) {
      const timestamp = request.headers['x-omnibox-timestamp'] as string;
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      const expected = `sha256=${createHmac('sha256', rule.webhookSecret).update(`${timestamp}.${request.body.toString('utf8')}`).digest('hex')}`;
      expect(request.headers['x-omnibox-signature']).toBe(expected);
      expect(request.headers['x-omnibox-delivery']).toBe(delivered.id);
    }
    expect(JSON.parse(attempts[1].body.toString('utf8'))).toMatchObject({
      event: 'message.created',
      conversation: { id: conversation.id, inboxId: inbox.id },
      message: { messageType: 'incoming', content: expect.stringContaining('Хочу заказ') },
      contact: { name: 'Ольга' },
      rule: { id: rule.id },
    });
  });

  it('refuses to call a private-network address that PRIVATE_URL_HOSTS does not list, and says how to allow it', async () => {
    const inbox = await newInbox('Rules private');
    await createRule({ name: 'Внутренний', event: 'message.created', conditions: [{ type: 'inbox', in: [inbox.id] }], actions: [{ type: 'webhook', url: 'http://localhost:9/hooks' }] });
    await createRule({ name: 'Метаданные', event: 'message.created', conditions: [{ type: 'inbox', in: [inbox.id] }], actions: [{ type: 'webhook', url: 'http://169.254.169.254/latest/meta-data' }] });
    const conversation = await h.customerWrites(inbox, customer(), 'Привет');
    await eventually(async () => {
      const deliveries = (await runsOf(conversation.id)).flatMap((run: { deliveries: unknown[] }) => run.deliveries);
      expect(deliveries).toHaveLength(2);
      for (const delivery of deliveries) {
        expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/private network.*PRIVATE_URL_HOSTS/) });
      }
    });
  });

  it('stops rules that set each other off: no rule runs twice in a chain and chains stay shallow', async () => {
    const inbox = await newInbox('Rules loop');
    const here = { type: 'inbox', in: [inbox.id] };
    await createRule({ name: 'Start', event: 'message.created', conditions: [here, { type: 'text', op: 'contains', value: 'эхо' }], actions: [{ type: 'add_note', text: 'ping' }] });
    await createRule({ name: 'Ping', event: 'message.created', conditions: [here, { type: 'sender', in: ['bot'] }, { type: 'text', op: 'contains', value: 'ping' }], actions: [{ type: 'add_note', text: 'pong' }] });
    await createRule({ name: 'Pong', event: 'message.created', conditions: [here, { type: 'sender', in: ['bot'] }, { type: 'text', op: 'contains', value: 'pong' }], actions: [{ type: 'add_note', text: 'ping' }] });

    const conversation = await h.customerWrites(inbox, customer(), 'эхо');
    const notes = (await h.messages(conversation.id)).filter((m) => m.messageType === 'note').map((m) => m.content);
    expect(notes).toEqual(['ping', 'pong', 'ping']);
    const depths = (await runsOf(conversation.id)).map((r: { depth: number }) => r.depth).sort();
    expect(depths).toEqual([0, 1, 2]);
  });

  it('refuses invalid rules, unknown references and non-admins', async () => {
    const bad = (body: Record<string, unknown>) => t.http().post('/api/automation-rules').set(auth(admin)).send(body);
    await bad({ name: 'x', event: 'message.created', actions: [{ type: 'launch_rocket' }] }).expect(400);
    await bad({ name: 'x', event: 'message.created', actions: [] }).expect(400);
    await bad({ name: 'x', event: 'message.created', conditions: [{ type: 'text', op: 'regex', value: '(a+)+$' }], actions: [{ type: 'add_label', label: 'a' }] }).expect(400);
    const dealRule = await bad({ name: 'x', event: 'deal.stage_changed', actions: [{ type: 'add_label', label: 'a' }] }).expect(400);
    expect(dealRule.body.errors[0].field).toBe('actions.0.type');
    const missing = await bad({ name: 'x', event: 'message.created', actions: [{ type: 'send_template', templateId: randomUUID() }] }).expect(404);
    expect(missing.body.entity).toBe('template');
    const agent = await t.createUser('agent');
    await t.http().get('/api/automation-rules').set(auth(agent.token)).expect(403);
    const catalog = await t.http().get('/api/automation-rules/catalog').set(auth(admin)).expect(200);
    expect(catalog.body.events).toContain('deal.stage_changed');
  });
});
