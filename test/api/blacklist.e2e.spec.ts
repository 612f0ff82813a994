import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { createApiInbox, type ApiInbox } from '../support/api-channel.js';
import { auth, routingHelpers } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('blacklists and flood protection over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let h: ReturnType<typeof routingHelpers>;
  let inbox: ApiInbox;
  let otherInbox: ApiInbox;
  let agent: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let agentSocket: AgentClient;
  let supervisorSocket: AgentClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    h = routingHelpers(t, () => admin);
    inbox = await createApiInbox(t, admin, undefined, 'Blacklist');
    otherInbox = await createApiInbox(t, admin, undefined, 'Blacklist other');
    agent = await t.createUser('agent', { name: 'Агент BL', inboxIds: [inbox.id, otherInbox.id] });
    supervisor = await t.createUser('supervisor', { name: 'Старший BL' });
    await h.createPolicy({ name: 'BL', inboxId: inbox.id, kind: 'round_robin' });
    const url = await t.listen();
    agentSocket = await connectAgent(url, agent.token);
    supervisorSocket = await connectAgent(url, supervisor.token);
  });
  afterAll(async () => {
    agentSocket?.close();
    supervisorSocket?.close();
    await t?.close();
  });

  const entry = (body: Record<string, unknown>, token = admin) => t.http().post('/api/blacklist').set(auth(token)).send(body);

  /** Everything sent before a message both sockets see has reached them (events arrive in order). */
  async function flushSocketEvents(): Promise<void> {
    const marker = await h.customerWrites(otherInbox, { externalId: `marker-${randomUUID()}` }, 'маркер');
    for (const socket of [agentSocket, supervisorSocket]) await socket.waitFor('message.created', (e) => e.conversationId === marker.id);
  }

  it('stores entries normalised, refuses duplicates, unsafe patterns and agents, and lists them', async () => {
    const phone = await entry({ kind: 'phone', value: '8 (912) 000-33-44', reason: 'Спам-рассылка' }).expect(201);
    expect(phone.body).toMatchObject({ kind: 'phone', value: '+79120003344', inboxId: null, reason: 'Спам-рассылка', expiresAt: null });
    const again = await entry({ kind: 'phone', value: '+7 912 000 33 44' }).expect(409);
    expect(again.body).toMatchObject({ code: 'duplicate_blacklist_entry', existingId: phone.body.id });
    expect((await entry({ kind: 'pattern', value: '/(a+)+$/' }).expect(400)).body.code).toBe('unsafe_pattern');
    await entry({ kind: 'identity', value: 'tg-1' }).expect(400);
    await entry({ kind: 'email', value: 'not an address' }).expect(400);
    await entry({ kind: 'phone', value: '+79120003345', expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
    await entry({ kind: 'phone', value: '+79120003345' }, agent.token).expect(403);

    const domain = await entry({ kind: 'domain', value: '@Spam.Example', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(201);
    expect(domain.body.value).toBe('spam.example');
    const list = await t.http().get('/api/blacklist').query({ q: 'спам-рассылка', active: 'true' }).set(auth(supervisor.token)).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([phone.body.id]);
    const patched = await t.http().patch(`/api/blacklist/${phone.body.id}`).set(auth(admin)).send({ reason: 'Оскорбления' }).expect(200);
    expect(patched.body.reason).toBe('Оскорбления');
    const temporary = await entry({ kind: 'email', value: 'Once@Example.org' }).expect(201);
    expect(temporary.body.value).toBe('once@example.org');
    await t.http().delete(`/api/blacklist/${temporary.body.id}`).set(auth(admin)).expect(204);
    await t.http().get(`/api/blacklist/${temporary.body.id}`).set(auth(admin)).expect(404);
  });

  it('stores a blocked sender\'s message hidden, with no live event, no assignment and no rule run', async () => {
    await h.setStatus(agent.token, 'online');
    await t
      .http()
      .post('/api/automation-rules')
      .set(auth(admin))
      .send({ name: 'Label every message', event: 'message.created', conditions: [{ type: 'inbox', in: [inbox.id] }], actions: [{ type: 'add_label', label: 'seen-by-rules' }] })
      .expect(201);

    const blocked = await h.customerWrites(inbox, { externalId: `spammer-${randomUUID()}`, phone: '+7 912 000-33-44', name: 'Спамер' }, 'Купите');
    expect(blocked).toMatchObject({ status: 'resolved', assigneeId: null, labels: [] });
    const [hidden] = (await h.messages(blocked.id)).filter((m) => m.messageType === 'incoming');
    expect(hidden.contentAttributes).toMatchObject({ hidden: true, hiddenReason: 'blacklist:phone' });
    const runs = await t.http().get('/api/automation-rules/runs').query({ conversationId: blocked.id }).set(auth(admin)).expect(200);
    expect(runs.body.items).toEqual([]);

    await flushSocketEvents();
    expect(agentSocket.events.filter((e) => e.conversationId === blocked.id)).toEqual([]);
    const agentView = await t.http().get(`/api/conversations/${blocked.id}/messages`).set(auth(agent.token)).expect(200);
    expect(agentView.body.items.filter((m: { messageType: string }) => m.messageType === 'incoming')).toEqual([]);

    // The same rule does run for a sender who is not blocked.
    const normal = await h.customerWrites(inbox, { externalId: `normal-${randomUUID()}` }, 'Обычный вопрос');
    expect(normal).toMatchObject({ status: 'open', assigneeId: agent.id, labels: ['seen-by-rules'] });
  });

  it('hides messages from a blocked domain, and messages matching a text pattern only in its own inbox', async () => {
    const fromDomain = await h.customerWrites(inbox, { externalId: `d-${randomUUID()}`, email: 'robot@mail.spam.example' });
    expect(fromDomain.status).toBe('resolved');

    await entry({ kind: 'pattern', value: 'Онлайн-КАЗИНО', inboxId: inbox.id }).expect(201);
    const spam = await h.customerWrites(inbox, { externalId: `p-${randomUUID()}` }, 'Лучшее онлайн-казино');
    expect(spam).toMatchObject({ status: 'resolved', assigneeId: null });
    const elsewhere = await h.customerWrites(otherInbox, { externalId: `p-${randomUUID()}` }, 'Лучшее онлайн-казино');
    expect(elsewhere.status).toBe('open');
  });

  it('blocks a contact from the conversation in one click and unblocks them later', async () => {
    const contact = { externalId: `troll-${randomUUID()}`, phone: '+7 912 000-55-66' };
    const conversation = await h.customerWrites(inbox, contact, 'Первое сообщение');
    expect(conversation.assigneeId).toBe(agent.id);

    const blocked = await t.http().post(`/api/conversations/${conversation.id}/block`).set(auth(agent.token)).send({ reason: 'Грубит' }).expect(200);
    expect(blocked.body).toMatchObject({ blocked: true, entries: [expect.objectContaining({ kind: 'contact', value: conversation.contactId, reason: 'Грубит', createdById: agent.id })] });
    const hidden = await h.customerWrites(inbox, contact, 'Снова пишу');
    expect(hidden.id).toBe(conversation.id);
    const last = (await h.messages(conversation.id)).filter((m) => m.messageType === 'incoming').pop();
    expect(last?.contentAttributes).toMatchObject({ hidden: true, hiddenReason: 'blacklist:contact' });
    expect((await h.messages(conversation.id)).some((m) => m.contentAttributes.i18nKey === 'system.contact_blocked')).toBe(true);

    // A phone entry also names this contact: unblocking lifts both.
    await entry({ kind: 'phone', value: '+79120005566' }).expect(201);
    const unblocked = await t.http().post(`/api/conversations/${conversation.id}/unblock`).set(auth(agent.token)).expect(200);
    expect(unblocked.body).toMatchObject({ blocked: false, entries: [] });
    expect(unblocked.body.removed.map((e: { kind: string }) => e.kind).sort()).toEqual(['contact', 'phone']);
    const visible = await h.customerWrites(inbox, contact, 'Извините');
    const latest = (await h.messages(visible.id)).filter((m) => m.messageType === 'incoming').pop();
    expect(latest?.contentAttributes.hidden).toBeUndefined();
    expect((await t.http().get(`/api/conversations/${conversation.id}/block`).set(auth(agent.token)).expect(200)).body.blocked).toBe(false);
  });

  it('throttles a sender over the flood limit and tells supervisors once', async () => {
    await t.http().put('/api/blacklist/settings').set(auth(admin)).send({ enabled: true, maxMessagesPerMinute: 3 }).expect(200);
    const contact = { externalId: `flood-${randomUUID()}`, name: 'Флудер' };
    const verdicts: Array<boolean | undefined> = [];
    let conversationId = '';
    for (let i = 0; i < 5; i++) {
      const conversation = await h.customerWrites(inbox, contact, `Сообщение ${i}`);
      conversationId = conversation.id;
      verdicts.push((await h.messages(conversation.id)).filter((m) => m.messageType === 'incoming').pop()?.contentAttributes.hidden as boolean | undefined);
    }
    expect(verdicts).toEqual([undefined, undefined, undefined, true, true]);
    const told = await supervisorSocket.waitFor('sender.throttled');
    expect(told.payload).toMatchObject({ contactName: 'Флудер', inboxId: inbox.id, messagesInWindow: 4, limitPerMinute: 3 });
    expect((await h.messages(conversationId)).filter((m) => m.contentAttributes.hiddenReason === 'flood')).toHaveLength(2);

    await flushSocketEvents();
    expect(supervisorSocket.events.filter((e) => e.type === 'sender.throttled')).toHaveLength(1);
    expect(agentSocket.events.filter((e) => e.type === 'sender.throttled')).toEqual([]);
    await t.http().put('/api/blacklist/settings').set(auth(admin)).send({ enabled: false, maxMessagesPerMinute: 3 }).expect(200);
    const calm = await h.customerWrites(inbox, contact, 'Ещё одно');
    expect((await h.messages(calm.id)).filter((m) => m.messageType === 'incoming').pop()?.contentAttributes.hidden).toBeUndefined();
  });
});
