import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignmentService, PresenceService } from '@app/routing';
import { connectAgent } from '../support/agent-socket.js';
import { createApiInbox } from '../support/api-channel.js';
import { auth, routingHelpers } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('automatic assignment over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let h: ReturnType<typeof routingHelpers>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    h = routingHelpers(t, () => admin);
  });
  afterAll(() => t?.close());

  /** An inbox with agents named so that their order (by name) is known. */
  async function team(names: string[], inboxName: string) {
    const inbox = await createApiInbox(t, admin, undefined, inboxName);
    const agents = [];
    for (const name of names) agents.push({ name, ...(await t.createUser('agent', { name, inboxIds: [inbox.id] })) });
    return { inbox, agents };
  }
  const customer = (n: string) => ({ externalId: `cust-${n}-${Math.random().toString(36).slice(2)}` });

  it('takes turns among online agents in round robin, skipping agents who go offline or busy', async () => {
    const { inbox, agents } = await team(['Анна RR', 'Борис RR'], 'Round robin');
    const [anna, boris] = agents;
    await h.createPolicy({ name: 'RR', inboxId: inbox.id, kind: 'round_robin' });
    await h.setStatus(anna.token, 'online');
    await h.setStatus(boris.token, 'online');

    const turns = [];
    for (const n of ['1', '2', '3']) turns.push((await h.customerWrites(inbox, customer(n))).assigneeId);
    expect(turns).toEqual([anna.id, boris.id, anna.id]);

    await h.setStatus(anna.token, 'offline');
    expect((await h.customerWrites(inbox, customer('4'))).assigneeId).toBe(boris.id);
    await h.setStatus(anna.token, 'busy');
    expect((await h.customerWrites(inbox, customer('5'))).assigneeId).toBe(boris.id);

    const thread = await h.messages((await h.customerWrites(inbox, customer('6'))).id);
    expect(thread.find((m) => m.messageType === 'system')?.contentAttributes).toMatchObject({ event: 'assigned', automatic: true, assigneeId: boris.id });
  });

  it('keeps conversations waiting while nobody is online and hands them out oldest first as agents come online', async () => {
    const { inbox, agents } = await team(['Вера Q', 'Глеб Q'], 'Queue');
    const [vera, gleb] = agents;
    await h.createPolicy({ name: 'Queue', inboxId: inbox.id, kind: 'least_busy', capacity: 1 });
    const first = await h.customerWrites(inbox, customer('a'));
    const second = await h.customerWrites(inbox, customer('b'));
    expect([first.assigneeId, second.assigneeId]).toEqual([null, null]);

    const queue = await t.http().get('/api/assignment-queue').query({ inboxId: inbox.id }).set(auth(admin)).expect(200);
    expect(queue.body.items.map((c: { id: string }) => c.id).sort()).toEqual([first.id, second.id].sort());
    expect(queue.body.items[0].routing).toMatchObject({ policy: { kind: 'least_busy' }, waitingSince: expect.any(String), waitingSeconds: expect.any(Number) });

    await h.setStatus(vera.token, 'online');
    expect((await h.conversation(first.id)).assigneeId).toBe(vera.id);
    expect((await h.conversation(second.id)).assigneeId).toBeNull();

    await h.setStatus(gleb.token, 'online');
    expect((await h.conversation(second.id)).assigneeId).toBe(gleb.id);
    const routing = await t.http().get(`/api/conversations/${second.id}/routing`).set(auth(gleb.token)).expect(200);
    expect(routing.body).toMatchObject({ waitingSince: null, policy: { kind: 'least_busy' } });
  });

  it('gives the least busy agent the next conversation, respects per-agent capacity, and assigns a waiting one when capacity frees', async () => {
    const { inbox, agents } = await team(['Дина LB', 'Егор LB'], 'Least busy');
    const [dina, egor] = agents;
    await h.createPolicy({ name: 'LB', inboxId: inbox.id, kind: 'least_busy', capacity: 2, agents: [{ userId: dina.id }, { userId: egor.id, capacity: 1 }] });
    await h.setStatus(dina.token, 'online');
    await h.setStatus(egor.token, 'online');

    const c1 = await h.customerWrites(inbox, customer('1'));
    const c2 = await h.customerWrites(inbox, customer('2'));
    const c3 = await h.customerWrites(inbox, customer('3'));
    const c4 = await h.customerWrites(inbox, customer('4'));
    expect([c1.assigneeId, c2.assigneeId, c3.assigneeId, c4.assigneeId]).toEqual([dina.id, egor.id, dina.id, null]);

    // Egor resolves his only conversation: his place goes to the waiting one at once.
    await h.setConversationStatus(c2.id, 'resolved', egor.token);
    expect((await h.conversation(c4.id)).assigneeId).toBe(egor.id);

    const availability = await t.http().get('/api/agents/availability').query({ inboxId: inbox.id }).set(auth(dina.token)).expect(200);
    expect(availability.body.items).toEqual([
      expect.objectContaining({ userId: dina.id, status: 'online', openConversations: 2 }),
      expect.objectContaining({ userId: egor.id, status: 'online', openConversations: 1 }),
    ]);
  });

  it('passes a conversation in strict order to the next agent when the offered one does not answer in time', async () => {
    const { inbox, agents } = await team(['Жанна SO', 'Зоя SO', 'Иван SO'], 'Strict order');
    const [zhanna, zoya, ivan] = agents;
    await h.createPolicy({ name: 'SO', inboxId: inbox.id, kind: 'strict_order', strictTimeoutSeconds: 60, agents: [{ userId: zoya.id }, { userId: zhanna.id }, { userId: ivan.id }] });
    for (const agent of agents) await h.setStatus(agent.token, 'online');
    await h.setStatus(ivan.token, 'offline');
    const assignment = t.app.get(AssignmentService);

    const conversation = await h.customerWrites(inbox, customer('so'));
    expect(conversation.assigneeId).toBe(zoya.id);
    const offered = await t.http().get(`/api/conversations/${conversation.id}/routing`).set(auth(admin)).expect(200);
    expect(offered.body.offer).toMatchObject({ userId: zoya.id, expiresAt: expect.any(String) });

    // Nothing happens before the time is up.
    await assignment.expireDueOffers(new Date(Date.now() + 30_000));
    expect((await h.conversation(conversation.id)).assigneeId).toBe(zoya.id);

    await assignment.expireDueOffers(new Date(Date.now() + 61_000));
    expect((await h.conversation(conversation.id)).assigneeId).toBe(zhanna.id);
    const passed = (await h.messages(conversation.id)).filter((m) => m.messageType === 'system').pop();
    expect(passed?.contentAttributes).toMatchObject({ i18nKey: 'system.assignment_passed', passedFrom: zoya.id });

    // Ivan, the next in order, is offline: when Zhanna's time is up the conversation stays with her.
    await assignment.expireDueOffers(new Date(Date.now() + 130_000));
    expect((await h.conversation(conversation.id)).assigneeId).toBe(zhanna.id);

    const another = await h.customerWrites(inbox, customer('so2'));
    expect(another.assigneeId).toBe(zoya.id);
    await t.http().post(`/api/conversations/${another.id}/messages`).set(auth(zoya.token)).send({ text: 'Здравствуйте, смотрю ваш вопрос' }).expect(201);
    await assignment.expireDueOffers(new Date(Date.now() + 61_000));
    expect((await h.conversation(another.id)).assigneeId).toBe(zoya.id);
  });

  it('gives a returning contact to the agent who handled them or to their deal owner, and falls back when that agent is offline', async () => {
    const { inbox, agents } = await team(['Кира ST', 'Лев ST'], 'Sticky');
    const [kira, lev] = agents;
    await h.createPolicy({ name: 'Sticky', inboxId: inbox.id, kind: 'sticky', stickyFallback: 'least_busy' });
    await h.setStatus(kira.token, 'online');
    await h.setStatus(lev.token, 'online');

    const returning = customer('returning');
    const before = await h.customerWrites(inbox, returning);
    await h.assign(before.id, lev.id);
    await h.setConversationStatus(before.id, 'resolved');
    // Lev is now busier than Kira, but the returning contact still goes to him.
    await h.customerWrites(inbox, customer('x'));
    await h.assign((await h.customerWrites(inbox, customer('y'))).id, lev.id);
    const again = await h.customerWrites(inbox, returning);
    expect(again.id).not.toBe(before.id);
    expect(again.assigneeId).toBe(lev.id);

    // A contact nobody handled yet, with an open deal owned by Kira, goes to Kira even when she is the busier one.
    const dealCustomer = customer('deal');
    const first = await h.customerWrites(inbox, dealCustomer);
    await t.http().post('/api/deals').set(auth(admin)).send({ title: 'Кухня', contactId: first.contactId, ownerId: kira.id }).expect(201);
    await h.setConversationStatus(first.id, 'resolved');
    await h.assign(first.id, null);
    for (const n of ['k1', 'k2', 'k3', 'k4', 'k5']) await h.assign((await h.customerWrites(inbox, customer(n))).id, kira.id);
    const loads = (await t.http().get('/api/agents/availability').query({ inboxId: inbox.id }).set(auth(admin)).expect(200)).body.items;
    const load = (id: string) => loads.find((a: { userId: string }) => a.userId === id).openConversations;
    expect(load(kira.id)).toBeGreaterThan(load(lev.id));
    expect((await h.customerWrites(inbox, dealCustomer)).assigneeId).toBe(kira.id);

    await h.setStatus(lev.token, 'offline');
    await h.setConversationStatus(again.id, 'resolved');
    const fallback = await h.customerWrites(inbox, returning);
    expect(fallback.assigneeId).toBe(kira.id);
  });

  it('leaves conversations of a manual inbox in the shared queue even with agents online', async () => {
    const { inbox, agents } = await team(['Мария MN'], 'Manual');
    await h.createPolicy({ name: 'Manual', inboxId: inbox.id, kind: 'manual' });
    await h.setStatus(agents[0].token, 'online');
    expect((await h.customerWrites(inbox, customer('m'))).assigneeId).toBeNull();
  });

  it('routes an inbox to a team whose policy picks the agent, and transfers to another team with a note', async () => {
    const inbox = await createApiInbox(t, admin, undefined, 'Teams');
    const nina = await t.createUser('agent', { name: 'Нина TM', inboxIds: [inbox.id] });
    const oleg = await t.createUser('agent', { name: 'Олег TM', inboxIds: [inbox.id] });
    const support = (await t.http().post('/api/teams').set(auth(admin)).send({ name: 'Поддержка TM' }).expect(201)).body;
    const sales = (await t.http().post('/api/teams').set(auth(admin)).send({ name: 'Продажи TM' }).expect(201)).body;
    await t.http().put(`/api/teams/${support.id}/members`).set(auth(admin)).send({ userIds: [nina.id] }).expect(200);
    await t.http().put(`/api/teams/${sales.id}/members`).set(auth(admin)).send({ userIds: [oleg.id] }).expect(200);
    await h.createPolicy({ name: 'To support', inboxId: inbox.id, kind: 'manual', routeToTeamId: support.id });
    await h.createPolicy({ name: 'Support', teamId: support.id, kind: 'round_robin' });
    await h.createPolicy({ name: 'Sales', teamId: sales.id, kind: 'least_busy' });
    await h.setStatus(nina.token, 'online');
    await h.setStatus(oleg.token, 'online');

    const conversation = await h.customerWrites(inbox, customer('team'));
    expect(conversation).toMatchObject({ teamId: support.id, assigneeId: nina.id });

    const moved = await t.http().post(`/api/conversations/${conversation.id}/transfer`).set(auth(nina.token)).send({ teamId: sales.id, note: 'Клиент хочет оптовую цену' }).expect(200);
    expect(moved.body).toMatchObject({ teamId: sales.id, assigneeId: oleg.id });
    const note = (await h.messages(conversation.id)).find((m) => m.messageType === 'note');
    expect(note?.content).toBe('Клиент хочет оптовую цену');
  });

  it('refuses a second policy for the same inbox and an agent who is not in the inbox', async () => {
    const { inbox } = await team(['Павел PV'], 'Validation');
    const stranger = await t.createUser('agent', { name: 'Чужой' });
    const first = await h.createPolicy({ name: 'One', inboxId: inbox.id, kind: 'round_robin' });
    const again = await t.http().post('/api/assignment-policies').set(auth(admin)).send({ name: 'Two', inboxId: inbox.id, kind: 'least_busy' }).expect(409);
    expect(again.body).toMatchObject({ code: 'assignment_policy_exists', existingId: first.id });
    const outsider = await t.http().patch(`/api/assignment-policies/${first.id}`).set(auth(admin)).send({ agents: [{ userId: stranger.id }] }).expect(400);
    expect(outsider.body.code).toBe('assignee_not_in_inbox');
    await t.http().post('/api/assignment-policies').set(auth(admin)).send({ name: 'Both', inboxId: inbox.id, teamId: inbox.id, kind: 'manual' }).expect(400);
    await t.http().post('/api/assignment-policies').set(auth(stranger.token)).send({ name: 'Mine', inboxId: inbox.id, kind: 'manual' }).expect(403);
  });

  it('shows presence live, and takes an idle agent offline so that new conversations wait', async () => {
    const { inbox, agents } = await team(['Роза IDLE'], 'Idle');
    const [rosa] = agents;
    await h.createPolicy({ name: 'Idle', inboxId: inbox.id, kind: 'round_robin' });
    const url = await t.listen();
    const watcher = await connectAgent(url, admin);
    const socket = await connectAgent(url, rosa.token);
    await watcher.waitFor('presence', (e) => e.payload.userId === rosa.id && e.payload.status === 'online');
    await h.setStatus(rosa.token, 'busy');
    await watcher.waitFor('presence', (e) => e.payload.userId === rosa.id && e.payload.status === 'busy');
    await h.setStatus(rosa.token, 'online');
    expect((await h.customerWrites(inbox, customer('i1'))).assigneeId).toBe(rosa.id);

    const expired = await t.app.get(PresenceService).expire(new Date(Date.now() + (t.config.AGENT_INACTIVITY_SECONDS + 1) * 1000));
    expect(expired).toContain(rosa.id);
    await watcher.waitFor('presence', (e) => e.payload.userId === rosa.id && e.payload.status === 'offline');
    const list = await t.http().get('/api/agents/availability').query({ inboxId: inbox.id }).set(auth(admin)).expect(200);
    expect(list.body.items[0]).toMatchObject({ userId: rosa.id, status: 'offline', chosenStatus: 'online' });
    expect((await h.customerWrites(inbox, customer('i2'))).assigneeId).toBeNull();

    socket.close();
    watcher.close();
  });
});
