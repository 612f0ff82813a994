import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiInbox, type ApiInbox } from '../support/api-channel.js';
import { auth, routingHelpers, type ConversationBody } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The inbox list narrowed to tickets: every ticket, one type, or the overdue ones; with the tabs, the inbox access and the paging. */
describe('conversation list filtered by ticket', () => {
  let t: TestApp;
  let admin: string;
  let h: ReturnType<typeof routingHelpers>;
  let service: ApiInbox;
  let warehouse: ApiInbox;
  let plain: ConversationBody;
  let complaint: ConversationBody;
  let overdue: ConversationBody;
  let resolvedLate: ConversationBody;
  let elsewhere: ConversationBody;

  const customer = (inbox: ApiInbox, name: string) => h.customerWrites(inbox, { externalId: `c-${randomUUID()}`, name });
  const mark = async (conversation: ConversationBody, body: Record<string, unknown>) =>
    (await t.http().post(`/api/conversations/${conversation.id}/ticket`).set(auth(admin)).send(body).expect(201)).body as { id: string };
  const ids = async (query: Record<string, string>, token = admin) =>
    ((await t.http().get('/api/conversations').query({ status: 'all', ...query }).set(auth(token)).expect(200)).body.items as { id: string }[]).map((c) => c.id);
  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    h = routingHelpers(t, () => admin);
    service = await createApiInbox(t, admin, undefined, 'Сервис');
    warehouse = await createApiInbox(t, admin, undefined, 'Склад');
    plain = await customer(service, 'Без обращения');
    complaint = await customer(service, 'Жалоба в срок');
    overdue = await customer(service, 'Просроченная гарантия');
    resolvedLate = await customer(service, 'Решённая просрочка');
    elsewhere = await customer(warehouse, 'Склад, возврат');
    await mark(complaint, { type: 'complaint', dueAt: '2031-01-15T12:00:00.000Z' });
    await mark(overdue, { type: 'warranty', dueAt: yesterday() });
    await mark(resolvedLate, { type: 'complaint', dueAt: yesterday() });
    await h.setConversationStatus(resolvedLate.id, 'resolved');
    await mark(elsewhere, { type: 'return' });
  });
  afterAll(() => t?.close());

  it('lists only the conversations marked as tickets when ticket=only, newest activity first', async () => {
    const listed = await ids({ ticket: 'only' });
    expect(listed).toEqual([elsewhere.id, resolvedLate.id, overdue.id, complaint.id]);
    expect(listed).not.toContain(plain.id);
    expect(await ids({})).toContain(plain.id);
  });

  it('lists the tickets of one type when ticketType is given, alone or with ticket=only', async () => {
    expect(await ids({ ticketType: 'complaint' })).toEqual([resolvedLate.id, complaint.id]);
    expect(await ids({ ticket: 'only', ticketType: 'return' })).toEqual([elsewhere.id]);
    expect(await ids({ ticketType: 'question' })).toEqual([]);
  });

  it('lists the overdue tickets only when the due date passed and the conversation is not resolved', async () => {
    expect(await ids({ ticket: 'overdue' })).toEqual([overdue.id]);
    expect(await ids({ ticket: 'overdue', ticketType: 'complaint' })).toEqual([]);
    expect(await ids({ ticket: 'overdue', status: 'resolved' })).toEqual([]);
  });

  it('combines with the inbox and status filters and pages with a cursor', async () => {
    expect(await ids({ ticket: 'only', inboxId: service.id, status: 'open' })).toEqual([overdue.id, complaint.id]);
    const first = await t.http().get('/api/conversations').query({ ticket: 'only', status: 'all', limit: '3' }).set(auth(admin)).expect(200);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([elsewhere.id, resolvedLate.id, overdue.id]);
    expect(first.body.items[0].ticket).toMatchObject({ type: 'return' });
    const second = await t.http().get('/api/conversations').query({ ticket: 'only', status: 'all', limit: '3', cursor: first.body.nextCursor }).set(auth(admin)).expect(200);
    expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([complaint.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('shows an agent only the tickets of the inboxes they belong to', async () => {
    const agent = await t.createUser('agent', { inboxIds: [warehouse.id] });
    expect(await ids({ ticket: 'only' }, agent.token)).toEqual([elsewhere.id]);
    expect(await ids({ ticket: 'overdue' }, agent.token)).toEqual([]);
  });

  it('answers 400 naming the field for an unknown ticket filter or type', async () => {
    const res = await t.http().get('/api/conversations').query({ ticket: 'late', ticketType: 'refund' }).set(auth(admin)).set('Accept-Language', 'en').expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['ticket', 'ticketType']);
  });
});
