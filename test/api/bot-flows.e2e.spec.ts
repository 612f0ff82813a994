import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { botSessions } from '@app/db';
import { BotRuntimeService, supportFlow } from '@app/bots';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { auth, routingHelpers } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A flow that asks for an e-mail (with a retry text), then for a choice, then hands off. */
const askFlow = {
  start: 'email',
  nodes: [
    { id: 'email', type: 'ask', kind: 'email', variable: 'email', text: { ru: 'Ваш e-mail?', en: 'Your e-mail?' }, retryText: { ru: 'Нужен e-mail вида name@example.com', en: 'An e-mail like name@example.com, please' } },
    { id: 'topic', type: 'ask', kind: 'choice', variable: 'topic', text: 'Тема?', buttons: [[{ id: 'refund', text: 'Возврат' }, { id: 'other', text: 'Другое' }]] },
    { id: 'human', type: 'handoff', text: 'Передаю оператору' },
  ],
  edges: [
    { from: 'email', to: 'topic' },
    { from: 'topic', to: 'human' },
  ],
};

describe('bot flows', () => {
  let t: TestApp;
  let admin: string;
  let agent: { id: string; token: string };
  let inbox: ApiInbox;
  const h = () => routingHelpers(t, () => admin);

  beforeAll(async () => {
    t = await startTestApp({ queueBackoff: { type: 'fixed', delayMs: 20 } });
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, undefined, 'Bots');
    agent = await t.createUser('agent', { inboxIds: [inbox.id] });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const createFlow = async (document: unknown, triggers: unknown[] = [], name = `Flow ${randomUUID().slice(0, 6)}`) =>
    (await t.http().post('/api/bot-flows').set(auth(admin)).send({ name, document, triggers }).expect(201)).body;
  const publish = async (id: string) => (await t.http().post(`/api/bot-flows/${id}/publish`).set(auth(admin)).expect(200)).body;
  const customer = () => ({ externalId: `c-${randomUUID()}`, name: 'Ольга' });
  const write = (contact: { externalId: string }, text: string) => postWebhook(t, inbox, { externalId: `m-${randomUUID()}`, contact, text }).expect(200);
  const botTexts = async (conversationId: string) => (await h().messages(conversationId)).filter((m) => m.senderType === 'bot' && m.messageType === 'outgoing').map((m) => m.content);

  describe('flow documents', () => {
    it('refuses a malformed flow with every schema error and its field path, in the reader\'s language', async () => {
      const malformed = {
        start: 'nowhere',
        nodes: [{ id: 'a', type: 'message', text: '' }, { id: 'b', type: 'ask', kind: 'choice', text: 'Q', variable: 'v' }, { id: 'c', type: 'teleport' }],
        edges: [{ from: 'a', to: 'zz' }],
      };
      const res = await t.http().post('/api/bot-flows').set(auth(admin)).set('Accept-Language', 'en').send({ name: 'Broken', document: malformed }).expect(400);
      expect(res.body.code).toBe('validation_failed');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['document.nodes.0.text', 'document.nodes.2.type']));
      const graph = { ...malformed, nodes: malformed.nodes.slice(0, 2).map((n) => (n.id === 'a' ? { ...n, text: 'Hi' } : n)) };
      const ru = await t.http().post('/api/bot-flows').set(auth(admin)).set('Accept-Language', 'ru').send({ name: 'Broken', document: graph }).expect(400);
      expect(ru.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'document.start', message: 'Узла с id «nowhere» нет: соедините с существующим узлом.' },
          { field: 'document.edges.0.to', message: 'Узла с id «zz» нет: соедините с существующим узлом.' },
          { field: 'document.nodes.1.buttons', message: 'Для вопроса с выбором нужна хотя бы одна кнопка: добавьте варианты.' },
        ]),
      );
      const validated = await t.http().post('/api/bot-flows/validate').set(auth(agent.token)).set('Accept-Language', 'en').send({ document: graph }).expect(200);
      expect(validated.body.valid).toBe(false);
      expect(validated.body.errors).toContainEqual({ field: 'document.start', message: 'There is no node with the id "nowhere": connect an existing node.' });
      expect((await t.http().post('/api/bot-flows/validate').set(auth(admin)).send({ document: supportFlow() }).expect(200)).body).toEqual({ valid: true, errors: [] });
    });

    it('keeps the draft apart from published versions and lets agents read but not edit', async () => {
      const flow = await createFlow(askFlow);
      expect(flow).toMatchObject({ publishedVersion: null, hasUnpublishedChanges: true, activeSessions: 0, versions: [] });
      expect(await publish(flow.id)).toEqual({ version: 1 });
      const changed = (await t.http().patch(`/api/bot-flows/${flow.id}`).set(auth(admin)).send({ document: supportFlow() }).expect(200)).body;
      expect(changed).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: true });
      expect(await publish(flow.id)).toEqual({ version: 2 });
      const read = (await t.http().get(`/api/bot-flows/${flow.id}`).set(auth(agent.token)).expect(200)).body;
      expect(read).toMatchObject({ publishedVersion: 2, hasUnpublishedChanges: false, draft: { start: 'faq' } });
      expect(read.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      await t.http().patch(`/api/bot-flows/${flow.id}`).set(auth(agent.token)).send({ name: 'Mine' }).expect(403);
      const list = (await t.http().get('/api/bot-flows').query({ q: flow.name }).set(auth(agent.token)).expect(200)).body;
      expect(list.items.map((f: { id: string }) => f.id)).toEqual([flow.id]);
      await t.http().delete(`/api/bot-flows/${flow.id}`).set(auth(admin)).expect(204);
      await t.http().get(`/api/bot-flows/${flow.id}`).set(auth(admin)).expect(404);
    });

    it('simulates the draft without a channel: replies, state and described effects', async () => {
      const flow = await createFlow({
        start: 'q',
        nodes: [
          { id: 'q', type: 'ask', kind: 'number', variable: 'n', text: 'Сколько?', min: 1 },
          { id: 'deal', type: 'create_deal' },
          { id: 'end', type: 'end', text: 'Готово: {{n}}' },
        ],
        edges: [{ from: 'q', to: 'deal' }, { from: 'deal', to: 'end' }],
      });
      const started = (await t.http().post(`/api/bot-flows/${flow.id}/simulate`).set(auth(admin)).send({ locale: 'ru' }).expect(200)).body;
      expect(started).toMatchObject({ replies: [{ text: 'Сколько?' }], state: { nodeId: 'q', status: 'waiting' }, effects: [] });
      const wrong = (await t.http().post(`/api/bot-flows/${flow.id}/simulate`).set(auth(admin)).send({ sessionId: started.sessionId, input: { text: 'ноль' } }).expect(200)).body;
      expect(wrong.replies).toEqual([{ text: 'Пожалуйста, пришлите число (≥ 1).' }]);
      const done = (await t.http().post(`/api/bot-flows/${flow.id}/simulate`).set(auth(admin)).send({ sessionId: started.sessionId, input: { text: '3' } }).expect(200)).body;
      expect(done.state).toMatchObject({ status: 'ended', variables: { n: 3 } });
      expect(done.effects.map((e: { kind: string }) => e.kind)).toEqual(['create_deal', 'end']);
      expect(done.effects[0].summary).toContain('была бы создана сделка');
      expect(done.replies).toEqual([{ text: 'Готово: 3' }]);
      expect((await t.http().get('/api/deals').set(auth(admin)).expect(200)).body.items).toEqual([]);
    });
  });

  describe('products', () => {
    it('creates, finds, changes and deletes products; a repeated SKU is a 409', async () => {
      const created = (await t.http().post('/api/products').set(auth(admin)).send({ name: 'Чайник Ёлка', price: '1500.5', stock: 3, sku: 'TEA-1', category: 'Чай' }).expect(201)).body;
      expect(created).toMatchObject({ price: '1500.50', currency: 'RUB', active: true, stock: 3 });
      const dup = await t.http().post('/api/products').set(auth(admin)).set('Accept-Language', 'en').send({ name: 'Other', price: '1', sku: 'TEA-1' }).expect(409);
      expect(dup.body.code).toBe('duplicate_sku');
      expect((await t.http().get('/api/products').query({ q: 'елка' }).set(auth(agent.token)).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([created.id]);
      const bad = await t.http().post('/api/products').set(auth(admin)).send({ name: 'X', price: '1.234' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['price']);
      expect((await t.http().patch(`/api/products/${created.id}`).set(auth(admin)).send({ active: false, stock: null }).expect(200)).body).toMatchObject({ active: false, stock: null });
      await t.http().post('/api/products').set(auth(agent.token)).send({ name: 'X', price: '1' }).expect(403);
      await t.http().delete(`/api/products/${created.id}`).set(auth(admin)).expect(204);
    });
  });

  describe('sessions in conversations', () => {
    let flowId: string;
    beforeAll(async () => {
      const flow = await createFlow(askFlow, [{ type: 'keyword', inboxId: inbox.id, keywords: ['помощь'] }], 'Ask');
      flowId = flow.id;
      await publish(flowId);
      await h().createPolicy({ name: 'RR bots', inboxId: inbox.id, kind: 'round_robin' });
      await h().setStatus(agent.token, 'online');
    });

    it('starts on a keyword, keeps routing away while it talks, retries an invalid answer and hands off with the collected variables', async () => {
      const contact = customer();
      const conversation = await h().customerWrites(inbox, contact, 'Нужна помощь');
      expect(conversation.assigneeId).toBeNull();
      await eventually(async () => expect(await botTexts(conversation.id)).toEqual(['Ваш e-mail?']));
      const session = (await t.http().get(`/api/conversations/${conversation.id}/bot-session`).set(auth(agent.token)).expect(200)).body.session;
      expect(session).toMatchObject({ flowId, flowName: 'Ask', version: 1, nodeId: 'email', status: 'waiting' });

      await write(contact, 'не скажу');
      await eventually(async () => expect((await botTexts(conversation.id)).at(-1)).toBe('Нужен e-mail вида name@example.com'));
      expect((await h().conversation(conversation.id)).assigneeId).toBeNull();

      await write(contact, 'Olga@Example.com');
      await eventually(async () => expect((await botTexts(conversation.id)).at(-1)).toBe('Тема?'));
      const question = (await h().messages(conversation.id)).at(-1)!;
      expect(question.contentAttributes.buttons).toEqual([[{ id: 'refund', text: 'Возврат' }, { id: 'other', text: 'Другое' }]]);
      await write(contact, '1');
      await eventually(async () => expect((await h().conversation(conversation.id)).assigneeId).toBe(agent.id));
      expect((await botTexts(conversation.id)).at(-1)).toBe('Передаю оператору');
      const note = (await h().messages(conversation.id)).find((m) => m.messageType === 'note' && m.senderType === 'bot');
      expect(note?.content).toContain('email: olga@example.com; topic: refund');
      const after = (await t.http().get(`/api/conversations/${conversation.id}/bot-session`).set(auth(agent.token)).expect(200)).body.session;
      expect(after).toMatchObject({ status: 'handoff', variables: { email: 'olga@example.com', topic: 'refund' } });
    });

    it('stops when an agent replies, stays silent after, and runs again when handed back', async () => {
      const contact = customer();
      const conversation = await h().customerWrites(inbox, contact, 'помощь');
      await eventually(async () => expect(await botTexts(conversation.id)).toEqual(['Ваш e-mail?']));
      await t.http().post(`/api/conversations/${conversation.id}/messages`).set(auth(admin)).send({ text: 'Здравствуйте, я помогу' }).expect(201);
      await eventually(async () => expect((await t.http().get(`/api/conversations/${conversation.id}/bot-session`).set(auth(admin)).expect(200)).body.session).toBeNull());
      await write(contact, 'olga@example.com');
      await write(contact, 'помощь');
      expect(await botTexts(conversation.id)).toEqual(['Ваш e-mail?']);

      const handed = (await t.http().post(`/api/conversations/${conversation.id}/bot-session`).set(auth(admin)).send({ flowId }).expect(201)).body.session;
      expect(handed).toMatchObject({ flowId, status: 'waiting', nodeId: 'email' });
      await t.http().post(`/api/conversations/${conversation.id}/bot-session`).set(auth(admin)).send({ flowId }).expect(409);
      await eventually(async () => expect(await botTexts(conversation.id)).toEqual(['Ваш e-mail?', 'Ваш e-mail?']));
      expect((await t.http().post(`/api/conversations/${conversation.id}/bot-session/stop`).set(auth(admin)).expect(200)).body).toEqual({ session: null });
      await write(contact, 'olga@example.com');
      expect(await botTexts(conversation.id)).toHaveLength(2);
    });

    it('ends the running sessions of a deleted flow and gives their conversations to routing', async () => {
      const doomed = await createFlow(askFlow, [{ type: 'keyword', inboxId: inbox.id, keywords: ['удалить'] }]);
      await publish(doomed.id);
      const conversation = await h().customerWrites(inbox, customer(), 'удалить');
      await eventually(async () => expect(await botTexts(conversation.id)).toEqual(['Ваш e-mail?']));
      expect((await h().conversation(conversation.id)).assigneeId).toBeNull();
      await t.http().delete(`/api/bot-flows/${doomed.id}`).set(auth(admin)).expect(204);
      expect((await t.http().get(`/api/conversations/${conversation.id}/bot-session`).set(auth(admin)).expect(200)).body.session).toBeNull();
      await eventually(async () => expect((await h().conversation(conversation.id)).assigneeId).toBe(agent.id));
    });

    it('starts nothing for a blocked sender', async () => {
      const contact = { ...customer(), phone: '+79125550011' };
      await t.http().post('/api/blacklist').set(auth(admin)).send({ kind: 'phone', value: contact.phone, reason: 'spam' }).expect(201);
      await write(contact, 'помощь');
      const [blocked] = (await t.http().get('/api/contacts').query({ q: '79125550011' }).set(auth(admin)).expect(200)).body.items;
      const conversations = (await t.http().get('/api/conversations').query({ contactId: blocked.id, status: 'all' }).set(auth(admin)).expect(200)).body.items;
      expect(conversations).toHaveLength(1);
      expect(await t.db.select().from(botSessions).where(eq(botSessions.conversationId, conversations[0].id))).toEqual([]);
      expect(await botTexts(conversations[0].id)).toEqual([]);
    });

    it('ends or hands off a session whose customer stayed silent past the flow\'s timeout', async () => {
      const timed = await createFlow({ ...askFlow, timeoutMinutes: 5, onTimeout: 'handoff' }, [{ type: 'keyword', inboxId: inbox.id, keywords: ['таймаут'] }]);
      await publish(timed.id);
      const contact = customer();
      const conversation = await h().customerWrites(inbox, contact, 'таймаут');
      await eventually(async () => expect(await botTexts(conversation.id)).toEqual(['Ваш e-mail?']));
      const [session] = await t.db.select().from(botSessions).where(eq(botSessions.conversationId, conversation.id));
      expect(session.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
      await t.db.update(botSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(botSessions.id, session.id));
      await write(contact, 'olga@example.com');
      await eventually(async () => expect((await t.db.select().from(botSessions).where(eq(botSessions.id, session.id)))[0]).toMatchObject({ status: 'handoff', endReason: 'timeout' }));
      await eventually(async () => expect((await h().conversation(conversation.id)).assigneeId).toBe(agent.id));

      // Without a customer message the timeout job (or the sweep behind it) does the same.
      const silent = await h().customerWrites(inbox, customer(), 'таймаут');
      await eventually(async () => expect(await botTexts(silent.id)).toEqual(['Ваш e-mail?']));
      await t.db.update(botSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(botSessions.conversationId, silent.id));
      expect(await t.app.get(BotRuntimeService).sweepExpired()).toBe(1);
      expect((await t.db.select().from(botSessions).where(eq(botSessions.conversationId, silent.id)))[0]).toMatchObject({ status: 'handoff', endReason: 'timeout' });
    });

    it('starts the flow of an automation rule\'s "start a bot flow" action', async () => {
      const other = await createApiInbox(t, admin, undefined, 'Rule bots');
      await t.http().post('/api/automation-rules').set(auth(admin)).send({ name: 'Bot on hello', event: 'message.created', conditions: [{ type: 'inbox', in: [other.id] }], actions: [{ type: 'start_bot_flow', flowId }] }).expect(201);
      const marker = `m${randomUUID()}`;
      await postWebhook(t, other, { externalId: marker, contact: customer(), text: `Добрый день ${marker}` }).expect(200);
      const conversation = (await t.http().get('/api/conversations').query({ inboxId: other.id, status: 'all' }).set(auth(admin)).expect(200)).body.items[0];
      await eventually(async () => expect(await botTexts(conversation.id)).toEqual(['Ваш e-mail?']));
    });

    it('starts a flow when the conversation\'s deal enters the stage of a deal_stage trigger', async () => {
      const pipeline = (await t.http().post('/api/pipelines').set(auth(admin)).send({ name: 'Delivery', stages: [{ name: 'Отправлен' }, { name: 'Доставлен' }] }).expect(201)).body;
      const feedback = await createFlow({ start: 'ask', nodes: [{ id: 'ask', type: 'ask', kind: 'number', variable: 'score', text: 'Оцените доставку от 1 до 5', min: 1, max: 5 }], edges: [] }, [{ type: 'deal_stage', stageId: pipeline.stages[1].id }]);
      await publish(feedback.id);
      const contact = customer();
      const conversation = await h().customerWrites(inbox, contact, 'Где мой заказ?');
      const deal = (await t.http().post('/api/deals').set(auth(admin)).send({ title: 'Доставка', pipelineId: pipeline.id, stageId: pipeline.stages[0].id, contactId: conversation.contactId }).expect(201)).body;
      await h().setConversationStatus(conversation.id, 'resolved');
      await t.http().patch(`/api/deals/${deal.id}`).set(auth(admin)).send({ stageId: pipeline.stages[1].id }).expect(200);
      await eventually(async () => expect(await botTexts(conversation.id)).toContain('Оцените доставку от 1 до 5'));
      expect((await h().conversation(conversation.id)).status).toBe('pending');
      // The answer joins the same conversation, where the session waits for it.
      await write(contact, '5');
      await eventually(async () => expect((await t.db.select().from(botSessions).where(eq(botSessions.conversationId, conversation.id)))[0]).toMatchObject({ status: 'ended', variables: { score: 5 } }));
    });
  });
});
