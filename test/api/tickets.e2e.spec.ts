import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tickets } from '@app/db';
import { TicketAlertsService, TicketsClock } from '@app/tickets';
import { connectAgent } from '../support/agent-socket.js';
import { createApiInbox, type ApiInbox } from '../support/api-channel.js';
import { auth, routingHelpers, type ConversationBody } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface TicketBody {
  id: string;
  number: number;
  type: string;
  status: string;
  dueAt: string | null;
  overdue: boolean;
  conversationId: string;
  inboxId: string;
  assigneeId: string | null;
  contact: { id: string; name: string };
  closedAt: string | null;
  checklist: Array<{ id: string; text: string; done: boolean; doneBy: string | null; doneAt: string | null }>;
}

describe('tickets over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let h: ReturnType<typeof routingHelpers>;
  let inbox: ApiInbox;
  let otherInbox: ApiInbox;
  let clock: TicketsClock;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    adminId = (await t.http().get('/api/auth/me').set(auth(admin)).expect(200)).body.id;
    h = routingHelpers(t, () => admin);
    inbox = await createApiInbox(t, admin, undefined, 'Сервис');
    otherInbox = await createApiInbox(t, admin, undefined, 'Склад');
    clock = t.app.get(TicketsClock);
  });
  afterAll(() => t?.close());
  afterEach(() => vi.restoreAllMocks());

  const conversationIn = (where: ApiInbox, name = 'Ёлкин Пётр'): Promise<ConversationBody> => h.customerWrites(where, { externalId: `c-${randomUUID()}`, name });
  const mark = (conversationId: string, body: Record<string, unknown>, token = admin) => t.http().post(`/api/conversations/${conversationId}/ticket`).set(auth(token)).send(body);
  const patch = (id: string, body: Record<string, unknown>, token = admin) => t.http().patch(`/api/tickets/${id}`).set(auth(token)).send(body);
  const list = async (query: Record<string, string>, token = admin): Promise<TicketBody[]> => (await t.http().get('/api/tickets').query({ limit: '100', ...query }).set(auth(token)).expect(200)).body.items;
  const ticketNotes = async (conversationId: string) => (await h.messages(conversationId)).filter((m) => String(m.contentAttributes.i18nKey ?? '').startsWith('system.ticket.'));

  it('marks a conversation as a ticket, writes a system line and shows the ticket in the conversation views', async () => {
    const conversation = await conversationIn(inbox);
    const dueAt = '2030-01-15T12:00:00.000Z';
    const res = await mark(conversation.id, { type: 'complaint', dueAt, checklist: [{ text: 'Проверить чек' }, { text: 'Позвонить', done: true }] }).expect(201);
    const ticket = res.body as TicketBody;
    expect(ticket).toMatchObject({ type: 'complaint', status: 'open', dueAt, overdue: false, conversationId: conversation.id, inboxId: inbox.id, contact: { name: 'Ёлкин Пётр' } });
    expect(ticket.number).toBeGreaterThanOrEqual(1001);
    expect(ticket.checklist.map((i) => [i.text, i.done, i.doneBy])).toEqual([
      ['Проверить чек', false, null],
      ['Позвонить', true, adminId],
    ]);

    const notes = await ticketNotes(conversation.id);
    expect(notes.map((n) => n.contentAttributes.i18nKey)).toEqual(['system.ticket.marked', 'system.ticket.due_set']);
    expect(notes[0].content).toContain(`#${ticket.number}`);

    const view = (await t.http().get(`/api/conversations/${conversation.id}`).set(auth(admin)).expect(200)).body;
    expect(view.ticket).toMatchObject({ id: ticket.id, number: ticket.number, type: 'complaint', overdue: false });
    const page = (await t.http().get('/api/conversations').query({ inboxId: inbox.id, status: 'all' }).set(auth(admin)).expect(200)).body.items;
    expect(page.find((c: { id: string }) => c.id === conversation.id).ticket.number).toBe(ticket.number);
    expect((await t.http().get(`/api/tickets/${ticket.id}`).set(auth(admin)).expect(200)).body.number).toBe(ticket.number);
  });

  it('answers 409 with the existing number when the conversation is already a ticket', async () => {
    const conversation = await conversationIn(inbox);
    const first = await mark(conversation.id, { type: 'question' }).expect(201);
    const second = await mark(conversation.id, { type: 'return' }).set('Accept-Language', 'en').expect(409);
    expect(second.body.code).toBe('ticket_exists');
    expect(second.body.message).toContain(`#${first.body.number}`);
  });

  it('refuses invalid input with 400 and the fields at fault', async () => {
    const conversation = await conversationIn(inbox);
    const res = await mark(conversation.id, { type: 'refund', dueAt: 'tomorrow', checklist: [{ text: '' }] }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['type', 'dueAt', 'checklist.0.text']));
    await mark(randomUUID(), { type: 'question' }).expect(404);
    const created = await mark(conversation.id, { type: 'question' }).expect(201);
    const bad = await patch(created.body.id, { type: 'other', toggleItem: { id: 'x', done: 'yes' } }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['type', 'toggleItem.id', 'toggleItem.done']));
  });

  it('adds, ticks, unticks and removes checklist items and notes type and due date changes in the thread', async () => {
    const conversation = await conversationIn(inbox);
    const { body: created } = await mark(conversation.id, { type: 'question' }).expect(201);
    const added = (await patch(created.id, { addItem: 'Запросить фото' }).expect(200)).body as TicketBody;
    const itemId = added.checklist[0].id;
    const ticked = (await patch(created.id, { toggleItem: { id: itemId, done: true } }).expect(200)).body as TicketBody;
    expect(ticked.checklist[0]).toMatchObject({ id: itemId, done: true, doneBy: adminId });
    expect(ticked.checklist[0].doneAt).not.toBeNull();
    const unticked = (await patch(created.id, { toggleItem: { id: itemId, done: false } }).expect(200)).body as TicketBody;
    expect(unticked.checklist[0]).toMatchObject({ done: false, doneBy: null, doneAt: null });
    await patch(created.id, { toggleItem: { id: randomUUID(), done: true } }).expect(404);
    const removed = (await patch(created.id, { removeItemId: itemId }).expect(200)).body as TicketBody;
    expect(removed.checklist).toEqual([]);

    await patch(created.id, { type: 'warranty', dueAt: '2031-02-01T09:00:00.000Z' }).expect(200);
    await patch(created.id, { dueAt: null }).expect(200);
    await patch(created.id, { type: 'warranty' }).expect(200);
    const keys = (await ticketNotes(conversation.id)).map((n) => n.contentAttributes.i18nKey);
    expect(keys).toEqual(['system.ticket.marked', 'system.ticket.type_changed', 'system.ticket.due_set', 'system.ticket.due_cleared']);
  });

  it('filters the list by type, status, overdue, assignee, inbox and search, paging with a cursor', async () => {
    const now = new Date('2030-06-01T12:00:00Z');
    vi.spyOn(clock, 'now').mockReturnValue(now);
    const fresh = await createApiInbox(t, admin, undefined, 'Фильтры');
    const agent = await t.createUser('agent', { inboxIds: [fresh.id] });
    const overdue = await conversationIn(fresh, 'Просроченный Клиент');
    const later = await conversationIn(fresh, 'Терпеливый Клиент');
    const resolvedLate = await conversationIn(fresh, 'Решённый Клиент');
    const a = (await mark(overdue.id, { type: 'complaint', dueAt: '2030-05-31T12:00:00Z' }).expect(201)).body as TicketBody;
    const b = (await mark(later.id, { type: 'return', dueAt: '2030-06-02T12:00:00Z' }).expect(201)).body as TicketBody;
    const c = (await mark(resolvedLate.id, { type: 'complaint', dueAt: '2030-05-30T12:00:00Z' }).expect(201)).body as TicketBody;
    await h.setConversationStatus(resolvedLate.id, 'resolved');
    await h.assign(later.id, agent.id);

    const ids = (items: TicketBody[]) => items.map((i) => i.id);
    expect(ids(await list({ inboxId: fresh.id }))).toEqual([c.id, b.id, a.id]);
    expect(ids(await list({ inboxId: fresh.id, overdue: 'true' }))).toEqual([a.id]);
    expect(ids(await list({ inboxId: fresh.id, overdue: 'false' }))).toEqual([c.id, b.id]);
    expect(ids(await list({ inboxId: fresh.id, type: 'complaint' }))).toEqual([c.id, a.id]);
    expect(ids(await list({ inboxId: fresh.id, status: 'resolved' }))).toEqual([c.id]);
    expect(ids(await list({ inboxId: fresh.id, assigneeId: agent.id }))).toEqual([b.id]);
    expect(ids(await list({ inboxId: fresh.id, assigneeId: 'me' }, agent.token))).toEqual([b.id]);
    expect(ids(await list({ inboxId: fresh.id, assigneeId: 'none' }))).toEqual([c.id, a.id]);
    expect(ids(await list({ q: 'просроченный' }))).toEqual([a.id]);
    expect(ids(await list({ q: `#${b.number}` }))).toEqual([b.id]);
    const resolved = (await list({ inboxId: fresh.id, status: 'resolved' }))[0];
    expect(resolved).toMatchObject({ status: 'resolved', overdue: false });
    expect(resolved.closedAt).not.toBeNull();
    expect((await list({ inboxId: fresh.id }))[2]).toMatchObject({ id: a.id, overdue: true });

    const first = (await t.http().get('/api/tickets').query({ inboxId: fresh.id, limit: '2' }).set(auth(admin)).expect(200)).body;
    expect(ids(first.items)).toEqual([c.id, b.id]);
    const second = (await t.http().get('/api/tickets').query({ inboxId: fresh.id, limit: '2', cursor: first.nextCursor }).set(auth(admin)).expect(200)).body;
    expect(ids(second.items)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();

    const csv = await t.http().get('/api/tickets').query({ inboxId: fresh.id, format: 'csv' }).set(auth(admin)).set('Accept-Language', 'ru').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Номер');
    expect(lines[3]).toContain(`#${a.number},Жалоба,Открыт`);
  });

  it('shows an agent the tickets of their inboxes only and answers 404 for the others', async () => {
    const mine = await conversationIn(inbox);
    const theirs = await conversationIn(otherInbox);
    const agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    const own = (await mark(mine.id, { type: 'question' }, agent.token).expect(201)).body as TicketBody;
    const foreign = (await mark(theirs.id, { type: 'question' }).expect(201)).body as TicketBody;
    const visible = await list({}, agent.token);
    expect(visible.map((i) => i.id)).toContain(own.id);
    expect(visible.every((i) => i.inboxId === inbox.id)).toBe(true);
    await t.http().get(`/api/tickets/${foreign.id}`).set(auth(agent.token)).expect(404);
    await patch(foreign.id, { type: 'return' }, agent.token).expect(404);
    await t.http().delete(`/api/tickets/${foreign.id}`).set(auth(agent.token)).expect(404);
    await mark(randomUUID(), { type: 'question' }, agent.token).expect(404);
    const otherConversation = await conversationIn(otherInbox);
    await mark(otherConversation.id, { type: 'question' }, agent.token).expect(404);
    await t.http().get('/api/tickets').query({ inboxId: otherInbox.id }).set(auth(agent.token)).expect(403);
  });

  it('reports per type against a hand-computed fixture', async () => {
    vi.spyOn(clock, 'now').mockReturnValue(new Date('2030-03-10T12:00:00Z'));
    const fixture = await createApiInbox(t, admin, undefined, 'Отчёт заявок');
    const viewer = await t.createUser('agent', { inboxIds: [fixture.id] });
    const make = async (type: string, body: Record<string, unknown>, dates: { createdAt: string; closedAt?: string }, resolve = false) => {
      const conversation = await conversationIn(fixture);
      const ticket = (await mark(conversation.id, { type, ...body }).expect(201)).body as TicketBody;
      if (resolve) await h.setConversationStatus(conversation.id, 'resolved');
      await t.db
        .update(tickets)
        .set({ createdAt: new Date(dates.createdAt), closedAt: dates.closedAt ? new Date(dates.closedAt) : null })
        .where(eq(tickets.id, ticket.id));
    };
    // Complaints: two resolved in March after 1 h and 3 h (avg 2 h, median 2 h), one open and overdue; 2 of 3 items done among March's.
    await make('complaint', { checklist: [{ text: 'a', done: true }, { text: 'b' }] }, { createdAt: '2030-03-02T10:00:00Z', closedAt: '2030-03-02T11:00:00Z' }, true);
    await make('complaint', {}, { createdAt: '2030-02-28T23:00:00Z', closedAt: '2030-03-01T02:00:00Z' }, true);
    await make('complaint', { dueAt: '2030-03-09T00:00:00Z', checklist: [{ text: 'c', done: true }] }, { createdAt: '2030-03-03T00:00:00Z' });
    // Return: opened before March, still open, due later.
    await make('return', { dueAt: '2030-03-20T00:00:00Z' }, { createdAt: '2030-02-20T00:00:00Z' });
    // Warranty: resolved in February, outside the period.
    await make('warranty', {}, { createdAt: '2030-02-01T00:00:00Z', closedAt: '2030-02-02T00:00:00Z' }, true);

    const report = (await t.http().get('/api/tickets/report').query({ from: '2030-03-01', to: '2030-04-01', timezone: 'UTC' }).set(auth(viewer.token)).expect(200)).body;
    const line = (type: string) => report.rows.find((r: { type: string }) => r.type === type);
    expect(line('complaint')).toEqual({
      type: 'complaint',
      opened: 2,
      resolved: 2,
      openNow: 1,
      overdueNow: 1,
      avgResolutionSeconds: 7200,
      p50ResolutionSeconds: 7200,
      checklistCompletion: 2 / 3,
      checklistDone: 2,
      checklistTotal: 3,
    });
    expect(line('return')).toMatchObject({ opened: 0, resolved: 0, openNow: 1, overdueNow: 0, avgResolutionSeconds: null, checklistCompletion: null });
    expect(line('warranty')).toMatchObject({ opened: 0, resolved: 0, openNow: 0, overdueNow: 0 });
    expect(line('question')).toMatchObject({ opened: 0, openNow: 0 });
    expect(report.total).toMatchObject({ type: null, opened: 2, resolved: 2, openNow: 2, overdueNow: 1 });

    const wrong = await t.http().get('/api/tickets/report').query({ from: '2030-04-01', to: '2030-03-01' }).set(auth(viewer.token)).expect(400);
    expect(wrong.body.code).toBe('report_period_invalid');
  });

  it('removes the ticket mark and keeps the conversation; a new mark gets a new number', async () => {
    const conversation = await conversationIn(inbox);
    const first = (await mark(conversation.id, { type: 'return' }).expect(201)).body as TicketBody;
    await t.http().delete(`/api/tickets/${first.id}`).set(auth(admin)).expect(204);
    await t.http().get(`/api/tickets/${first.id}`).set(auth(admin)).expect(404);
    const view = (await t.http().get(`/api/conversations/${conversation.id}`).set(auth(admin)).expect(200)).body;
    expect(view.ticket).toBeNull();
    expect((await ticketNotes(conversation.id)).map((n) => n.contentAttributes.i18nKey)).toEqual(['system.ticket.marked', 'system.ticket.unmarked']);
    const again = (await mark(conversation.id, { type: 'return' }).expect(201)).body as TicketBody;
    expect(again.number).toBeGreaterThan(first.number);
  });

  it('gives 10 conversations marked at once 10 distinct numbers, and one conversation marked 5 times at once one ticket', async () => {
    const conversations = await Promise.all(Array.from({ length: 10 }, () => conversationIn(inbox)));
    const answers = await Promise.all(conversations.map((c) => mark(c.id, { type: 'question' })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.number)).size).toBe(10);

    const single = await conversationIn(inbox);
    const races = await Promise.all(Array.from({ length: 5 }, () => mark(single.id, { type: 'complaint' })));
    expect(races.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('announces ticket changes live and alerts the assignee once when the due date passes', async () => {
    const baseUrl = await t.listen();
    const agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    const socket = await connectAgent(baseUrl, agent.token);
    try {
      const conversation = await conversationIn(inbox);
      await h.assign(conversation.id, agent.id);
      const ticket = (await mark(conversation.id, { type: 'warranty', dueAt: '2030-01-01T00:00:00Z' }).expect(201)).body as TicketBody;
      const updated = await socket.waitFor('conversation.updated', (e) => e.conversationId === conversation.id && (e.payload as { ticket?: { id: string } }).ticket?.id === ticket.id);
      expect((updated.payload as unknown as { ticket: { number: number } }).ticket.number).toBe(ticket.number);

      vi.spyOn(clock, 'now').mockReturnValue(new Date('2030-01-02T00:00:00Z'));
      await patch(ticket.id, { dueAt: '2030-01-01T12:00:00Z' }).expect(200);
      const alert = await socket.waitFor('ticket.overdue', (e) => e.payload.ticketId === ticket.id);
      expect(alert.payload).toMatchObject({ number: ticket.number, conversationId: conversation.id, assigneeId: agent.id, dueAt: '2030-01-01T12:00:00.000Z', type: 'warranty' });
      await socket.waitFor('conversation.updated', (e) => e.conversationId === conversation.id && (e.payload as { ticket?: { overdue?: boolean } }).ticket?.overdue === true);
      const [row] = await t.db.select().from(tickets).where(eq(tickets.id, ticket.id));
      expect(row.overdueAlertedFor?.toISOString()).toBe('2030-01-01T12:00:00.000Z');
      expect(await t.app.get(TicketAlertsService).fire({ ticketId: ticket.id, dueAt: '2030-01-01T12:00:00.000Z' })).toBe(false);
      expect(socket.events.filter((e) => e.type === 'ticket.overdue')).toHaveLength(1);

      await t.http().delete(`/api/tickets/${ticket.id}`).set(auth(admin)).expect(204);
      await socket.waitFor('conversation.updated', (e) => e.conversationId === conversation.id && (e.payload as { ticket?: unknown }).ticket === null);
    } finally {
      socket.close();
    }
  });
});
