import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReportsClock, SlaClockService } from '@app/reports';
import { connectAgent } from '../support/agent-socket.js';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { auth, routingHelpers } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('SLA policies, reports and the live dashboard over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let h: ReturnType<typeof routingHelpers>;
  let inbox: ApiInbox;
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    h = routingHelpers(t, () => admin);
    inbox = await createApiInbox(t, admin, undefined, 'Отчёты');
  });
  afterAll(() => t?.close());

  const customer = () => ({ externalId: `cust-${randomUUID()}`, name: 'Ёлкин Пётр' });
  const reply = (conversationId: string, text = 'Добрый день!') => t.http().post(`/api/conversations/${conversationId}/messages`).set(auth(admin)).send({ text }).expect(201);

  it('creates, lists, changes and deletes SLA policies, and refuses one without any target in the caller language', async () => {
    const created = await t.http().post('/api/sla-policies').set(auth(admin)).send({ name: 'Стандарт', firstResponseSeconds: 600, conditions: { inboxIds: [inbox.id] } }).expect(201);
    expect(created.body).toMatchObject({ name: 'Стандарт', active: true, warningPercent: 80, businessHoursOnly: false, firstResponseSeconds: 600, nextResponseSeconds: null });
    const changed = await t.http().patch(`/api/sla-policies/${created.body.id}`).set(auth(admin)).send({ resolutionSeconds: 86_400, nextResponseSeconds: 1800 }).expect(200);
    expect(changed.body).toMatchObject({ resolutionSeconds: 86_400, nextResponseSeconds: 1800 });
    const list = await t.http().get('/api/sla-policies').set(auth(admin)).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    const found = await t.http().get('/api/sla-policies').query({ q: 'СТАНД' }).set(auth(admin)).expect(200);
    expect(found.body.items.map((p: { name: string }) => p.name)).toEqual(['Стандарт']);

    const empty = await t.http().post('/api/sla-policies').set(auth(admin)).set('Accept-Language', 'en').send({ name: 'Пустая' }).expect(400);
    expect(empty.body.message).toMatch(/at least one target/);
    const emptyRu = await t.http().post('/api/sla-policies').set(auth(admin)).set('Accept-Language', 'ru').send({ name: 'Пустая' }).expect(400);
    expect(emptyRu.body.message).toMatch(/хотя бы одна цель/);

    const temporary = await t.http().post('/api/sla-policies').set(auth(admin)).send({ name: 'Временная', resolutionSeconds: 3600, active: false }).expect(201);
    await t.http().delete(`/api/sla-policies/${temporary.body.id}`).set(auth(admin)).expect(204);
    await t.http().get(`/api/sla-policies/${temporary.body.id}`).set(auth(admin)).expect(404);
  });

  it('keeps an agent out of reports and policies but shows them the live dashboard of their inboxes only', async () => {
    const agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    await t.http().get('/api/sla-policies').set(auth(agent.token)).expect(403);
    await t.http().get('/api/reports/summary').query({ from: today, to: tomorrow }).set(auth(agent.token)).expect(403);
    const other = await createApiInbox(t, admin, undefined, 'Чужой');
    await h.customerWrites(other, customer());
    const mine = await t.http().get('/api/dashboard/live').set(auth(agent.token)).expect(200);
    const all = await t.http().get('/api/dashboard/live').set(auth(admin)).expect(200);
    expect(all.body.open).toBeGreaterThan(mine.body.open);
    expect(mine.body.agents.map((a: { userId: string }) => a.userId)).toContain(agent.id);
  });

  it('measures a conversation from first message to rating: SLA met, times, volumes, CSAT, and the conversation stays resolved', async () => {
    await t.http().put(`/api/reports/csat-settings/${inbox.id}`).set(auth(admin)).send({ enabled: true }).expect(200);
    const contact = customer();
    const conversation = await h.customerWrites(inbox, contact, 'Где мой заказ?');
    const clocks = await t.http().get(`/api/reports/conversations/${conversation.id}`).set(auth(admin)).expect(200);
    expect(clocks.body.sla).toMatchObject({ status: 'active', firstResponseDueAt: expect.any(String), resolutionDueAt: expect.any(String) });

    await reply(conversation.id);
    await h.setConversationStatus(conversation.id, 'resolved');
    const thread = await h.messages(conversation.id);
    const request = thread.find((m) => m.contentAttributes.csat === 'request');
    expect(request?.contentAttributes.buttons).toEqual([[1, 2, 3, 4, 5].map((n) => ({ id: `csat:${n}`, text: String(n) }))]);

    await postWebhook(t, inbox, { externalId: `m-${randomUUID()}`, contact, text: '5' }).expect(200);
    const after = await t.http().get(`/api/reports/conversations/${conversation.id}`).set(auth(admin)).expect(200);
    expect(after.body).toMatchObject({ sla: { status: 'hit', firstResponseDueAt: null, resolutionDueAt: null }, rating: { csat: 5, nps: null } });
    expect((await h.conversation(conversation.id)).status).toBe('resolved');
    const ofContact = await t.http().get('/api/conversations').query({ inboxId: inbox.id, status: 'all', contactId: conversation.contactId }).set(auth(admin)).expect(200);
    expect(ofContact.body.items.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
    // The list and the conversation itself carry the clocks and the rating, so the inbox needs no request per row.
    expect(ofContact.body.items[0]).toMatchObject({ sla: { status: 'hit' }, rating: { csat: 5, nps: null } });
    expect((await t.http().get(`/api/conversations/${conversation.id}`).set(auth(admin)).expect(200)).body).toMatchObject({ sla: { status: 'hit' }, rating: { csat: 5 } });
    expect((await h.messages(conversation.id)).map((m) => m.content)).toContain('5');

    const summary = await t.http().get('/api/reports/summary').query({ from: today, to: tomorrow, timezone: 'UTC', inboxId: inbox.id }).set(auth(admin)).expect(200);
    expect(summary.body).toMatchObject({
      period: { timezone: 'UTC' },
      conversationsOpened: 1,
      conversationsResolved: 1,
      incomingMessages: 1,
      outgoingMessages: 1,
      repliesToResolve: 1,
      firstResponseTime: { count: 1 },
      replyTime: { count: 1 },
      resolutionTime: { count: 1 },
      csat: { average: 5, responses: 1, satisfiedPercent: 100 },
      // First response and resolution, both in time.
      sla: { hit: 2, missed: 0, hitRatePercent: 100 },
    });
  });

  it('asks NPS after CSAT where the inbox wants it, stores both, and routes a message that is no rating as a new question', async () => {
    const npsInbox = await createApiInbox(t, admin, undefined, 'NPS');
    await t.http().put(`/api/reports/csat-settings/${npsInbox.id}`).set(auth(admin)).send({ enabled: true, askNps: true }).expect(200);
    expect((await t.http().get(`/api/reports/csat-settings/${npsInbox.id}`).set(auth(admin)).expect(200)).body).toEqual({ inboxId: npsInbox.id, enabled: true, askNps: true });
    const contact = customer();
    const conversation = await h.customerWrites(npsInbox, contact, 'Вопрос');
    await reply(conversation.id);
    await h.setConversationStatus(conversation.id, 'resolved');
    await postWebhook(t, npsInbox, { externalId: `m-${randomUUID()}`, contact, text: '4' }).expect(200);
    expect((await h.messages(conversation.id)).find((m) => m.contentAttributes.csat === 'nps_request')?.contentAttributes.buttons).toHaveLength(2);
    await postWebhook(t, npsInbox, { externalId: `m-${randomUUID()}`, contact, text: '9' }).expect(200);
    expect((await t.http().get(`/api/reports/conversations/${conversation.id}`).set(auth(admin)).expect(200)).body.rating).toEqual({ csat: 4, nps: 9, comment: null });
    expect((await h.messages(conversation.id)).some((m) => m.contentAttributes.csat === 'thanks')).toBe(true);

    const summary = await t.http().get('/api/reports/summary').query({ from: today, to: tomorrow, inboxId: npsInbox.id }).set(auth(admin)).expect(200);
    expect(summary.body.nps).toEqual({ score: 100, promoters: 1, passives: 0, detractors: 0, responses: 1 });
    expect(summary.body.csat).toMatchObject({ average: 4, responses: 1 });

    const next = await h.customerWrites(npsInbox, contact, 'Ещё вопрос про доставку');
    expect(next.id).not.toBe(conversation.id);
    expect(next.status).toBe('open');
  });

  it('raises sla.breached live to the assignee and supervisors when a due time passes, and lists it on the dashboard', async () => {
    const baseUrl = await t.listen();
    const slaInbox = await createApiInbox(t, admin, undefined, 'SLA live');
    await t.http().post('/api/sla-policies').set(auth(admin)).send({ name: 'Минута', firstResponseSeconds: 60, position: 0, conditions: { inboxIds: [slaInbox.id] } }).expect(201);
    const agent = await t.createUser('agent', { inboxIds: [slaInbox.id] });
    const supervisor = await t.createUser('supervisor');
    const [agentSocket, supervisorSocket] = await Promise.all([connectAgent(baseUrl, agent.token), connectAgent(baseUrl, supervisor.token)]);
    try {
      const conversation = await h.customerWrites(slaInbox, { externalId: `cust-${randomUUID()}`, name: 'Долгое Ожидание' });
      await h.assign(conversation.id, agent.id);
      const clock = t.app.get(ReportsClock);
      vi.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 61_000));
      await t.app.get(SlaClockService).sweepOverdue();
      const matches = (e: { payload: { conversationId: string } }) => e.payload.conversationId === conversation.id;
      const [toAgent, toSupervisor] = await Promise.all([agentSocket.waitFor('sla.breached', matches), supervisorSocket.waitFor('sla.breached', matches)]);
      expect(toAgent.payload).toMatchObject({ kind: 'first_response', assigneeId: agent.id, inboxId: slaInbox.id, contactName: 'Долгое Ожидание' });
      expect(toSupervisor.payload.dueAt).toBe(toAgent.payload.dueAt);

      const live = await t.http().get('/api/dashboard/live').set(auth(supervisor.token)).expect(200);
      expect(live.body.slaBreaches).toContainEqual(expect.objectContaining({ conversationId: conversation.id, kind: 'first_response' }));
      expect((await t.http().get(`/api/reports/conversations/${conversation.id}`).set(auth(agent.token)).expect(200)).body.sla.status).toBe('active_with_misses');
    } finally {
      vi.restoreAllMocks();
      agentSocket.close();
      supervisorSocket.close();
    }
  });

  it('answers charts with every bucket of the period in the time zone, breakdowns and CSV with a byte order mark', async () => {
    const series = await t.http().get('/api/reports/timeseries').query({ metric: 'conversationsOpened', groupBy: 'day', from: today, to: tomorrow, timezone: 'Europe/Moscow' }).set(auth(admin)).expect(200);
    expect(series.body.points).toHaveLength(1);
    expect(series.body.points[0].bucket).toBe(`${today}T00:00:00+03:00`);
    const hours = await t.http().get('/api/reports/timeseries').query({ metric: 'incomingMessages', groupBy: 'hour', from: today, to: tomorrow, timezone: 'Asia/Yekaterinburg' }).set(auth(admin)).expect(200);
    expect(hours.body.points).toHaveLength(24);
    expect(hours.body.points.reduce((sum: number, p: { value: number }) => sum + p.value, 0)).toBeGreaterThanOrEqual(1);

    const breakdown = await t.http().get('/api/reports/breakdown').query({ dimension: 'inbox', from: today, to: tomorrow }).set(auth(admin)).expect(200);
    expect(breakdown.body.rows.find((r: { key: string }) => r.key === inbox.id)).toMatchObject({ label: 'Отчёты', conversationsResolved: 1, csatAverage: 5, slaHitRatePercent: 100 });

    const csv = await t.http().get('/api/reports/export').query({ report: 'breakdown', dimension: 'inbox', from: today, to: tomorrow }).set(auth(admin)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect((csv.body as string).charCodeAt(0)).toBe(0xfeff);
    expect(csv.body as string).toContain('Отчёты');
  });

  it('refuses a period that ends before it starts or names an unknown time zone', async () => {
    const backwards = await t.http().get('/api/reports/summary').query({ from: tomorrow, to: today }).set(auth(admin)).set('Accept-Language', 'en').expect(400);
    expect(backwards.body.message).toMatch(/start is not before the end/);
    await t.http().get('/api/reports/summary').query({ from: today, to: tomorrow, timezone: 'Mars/Olympus' }).set(auth(admin)).expect(400);
  });

  it('stores the monthly KPI inputs and answers ROI from them', async () => {
    const month = today.slice(0, 7);
    await t.http().put('/api/reports/inputs').set(auth(admin)).send({ month, crmCost: 1000, baselineRevenue: 0, marketingSpend: 500 }).expect(200);
    const saved = await t.http().get('/api/reports/inputs').query({ month }).set(auth(admin)).expect(200);
    expect(saved.body).toEqual({ month, marketingSpend: 500, salesSpend: 0, crmCost: 1000, baselineRevenue: 0 });
    await t.http().put('/api/reports/inputs').set(auth(admin)).send({ month: '2026-13' }).expect(400);
  });
});
