import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '@channel-adapters/core/testing';
import { contacts, conversations } from '@app/db';
import { BusinessHoursService, OutOfHoursReplyService } from '@app/routing';
import { createApiInbox, type ApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { auth, routingHelpers } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const workdays = [{ from: '09:00', to: '18:00' }];
const week = { mon: workdays, tue: workdays, wed: workdays, thu: workdays, fri: workdays };
const everyDay = { ...week, sat: workdays, sun: workdays };
/** Moscow is UTC+3 all year. */
const msk = (local: string) => new Date(`${local}+03:00`);
const todayInMoscow = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

describe('business hours over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let h: ReturnType<typeof routingHelpers>;
  let receiver: FakeHttpServer;
  const callbacks: RecordedRequest[] = [];

  beforeAll(async () => {
    receiver = await startFakeHttpServer((request) => {
      callbacks.push(request);
      return { status: 200, body: { id: `cb-${callbacks.length}` } };
    });
    t = await startTestApp();
    admin = await t.adminToken();
    h = routingHelpers(t, () => admin);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const put = (inbox: ApiInbox, body: Record<string, unknown>, token = admin) => t.http().put(`/api/inboxes/${inbox.id}/business-hours`).set(auth(token)).send(body);

  it('answers defaults before hours are set, validates what is saved, and lets only admins and supervisors save', async () => {
    const inbox = await createApiInbox(t, admin, undefined, 'Hours validation');
    const agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    const outsider = await t.createUser('agent');
    const defaults = await t.http().get(`/api/inboxes/${inbox.id}/business-hours`).set(auth(agent.token)).expect(200);
    expect(defaults.body).toMatchObject({ configured: false, enabled: false, timeZone: 'Europe/Moscow', now: { open: true } });
    await t.http().get(`/api/inboxes/${inbox.id}/business-hours`).set(auth(outsider.token)).expect(403);

    const invalid = [
      { timeZone: 'Mars/Olympus', weekly: week },
      { timeZone: 'Europe/Moscow', weekly: { mon: [{ from: '18:00', to: '09:00' }] } },
      { timeZone: 'Europe/Moscow', weekly: { mon: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }] } },
      { timeZone: 'Europe/Moscow', weekly: { mon: [{ from: '9:00', to: '18:00' }] } },
      { timeZone: 'Europe/Moscow', weekly: { monday: workdays } },
      { timeZone: 'Europe/Moscow', weekly: week, holidays: [{ date: '2025-02-30' }] },
      { timeZone: 'Europe/Moscow', weekly: week, autoReplyText: 'Мы откроемся {{business.opens}}' },
    ];
    for (const body of invalid) await put(inbox, body).expect(400);
    await put(inbox, { timeZone: 'Europe/Moscow', weekly: week }, agent.token).expect(403);

    const saved = await put(inbox, { timeZone: 'Europe/Moscow', weekly: week, holidays: [{ date: '2025-06-12', name: 'День России' }] }).expect(200);
    expect(saved.body).toMatchObject({ configured: true, enabled: true, weekly: week, holidays: [{ date: '2025-06-12', name: 'День России' }], now: { open: expect.any(Boolean) } });
  });

  it('counts waiting across a weekend and a holiday in the inbox\'s business time', async () => {
    const inbox = await createApiInbox(t, admin, undefined, 'Hours waiting');
    await put(inbox, { timeZone: 'Europe/Moscow', weekly: week, holidays: [{ date: '2025-06-16' }] }).expect(200);
    const hours = t.app.get(BusinessHoursService);
    // Friday 17:00 → Tuesday 10:00, with Monday a holiday: one hour on Friday, one on Tuesday.
    expect(await hours.businessSeconds(inbox.id, msk('2025-06-13T17:00:00'), msk('2025-06-17T10:00:00'))).toBe(2 * 3600);
    expect(await hours.isOpen(inbox.id, msk('2025-06-16T12:00:00'))).toBe(false);
    expect(await hours.isOpen(inbox.id, msk('2025-06-17T12:00:00'))).toBe(true);
  });

  it('answers a customer who writes while closed once, as the bot, through the channel, and runs closed-hours rules', async () => {
    const inbox = await createApiInbox(t, admin, `${receiver.url}/callback`, 'Hours closed');
    // Open every day, but today is a holiday: closed now, open tomorrow at nine, whatever the time of the run.
    await put(inbox, {
      timeZone: 'Europe/Moscow',
      weekly: everyDay,
      holidays: [{ date: todayInMoscow(), name: 'Выходной' }],
      autoReplyEnabled: true,
      autoReplyText: 'Здравствуйте, {{contact.name}}! Мы ответим, когда откроемся: {{business.opens_at}}.',
    }).expect(200);
    await t
      .http()
      .post('/api/automation-rules')
      .set(auth(admin))
      .send({ name: 'Вне часов', event: 'conversation.created', conditions: [{ type: 'inbox', in: [inbox.id] }, { type: 'business_hours', is: 'closed' }], actions: [{ type: 'add_label', label: 'after-hours' }] })
      .expect(201);

    const contact = { externalId: `night-${randomUUID()}`, name: 'Ольга' };
    const conversation = await h.customerWrites(inbox, contact, 'Вы работаете?');
    expect(conversation.labels).toEqual(['after-hours']);
    await h.customerWrites(inbox, contact, 'Ау?');
    const replies = (await h.messages(conversation.id)).filter((m) => m.messageType === 'outgoing');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ senderType: 'bot', contentAttributes: { autoReply: 'out_of_hours' } });
    expect(replies[0].content).toMatch(/^Здравствуйте, Ольга! Мы ответим, когда откроемся: .+09:00\.$/);

    const delivered = await eventually(async () => {
      const request = callbacks.find((r) => r.path === '/callback');
      expect(request).toBeDefined();
      return JSON.parse(request!.body.toString('utf8'));
    });
    expect(delivered).toMatchObject({ conversationId: conversation.id, text: replies[0].content });
    const routing = await t.http().get(`/api/conversations/${conversation.id}/routing`).set(auth(admin)).expect(200);
    expect(routing.body.autoReplyPeriod).toEqual(expect.any(String));
  });

  it('replies again only in a new closed period: once over a weekend, again after Monday closes, and over a holiday', async () => {
    const inbox = await createApiInbox(t, admin, undefined, 'Hours periods');
    const created = await h.customerWrites(inbox, { externalId: `periods-${randomUUID()}`, name: 'Пётр' });
    await put(inbox, { timeZone: 'Europe/Moscow', weekly: week, holidays: [{ date: '2025-06-12' }], autoReplyEnabled: true }).expect(200);
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, created.id));
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, created.contactId));
    const replies = t.app.get(OutOfHoursReplyService);
    const at = async (local: string) => replies.onIncoming(conversation, contact, msk(local));

    expect(await at('2025-06-11T20:00:00')).toBe(true);
    expect(await at('2025-06-12T12:00:00')).toBe(false);
    expect(await at('2025-06-13T10:00:00')).toBe(false);
    expect(await at('2025-06-13T19:00:00')).toBe(true);
    expect(await at('2025-06-14T12:00:00')).toBe(false);
    expect(await at('2025-06-16T08:30:00')).toBe(false);
    expect(await at('2025-06-16T19:00:00')).toBe(true);
    const texts = (await h.messages(created.id)).filter((m) => m.contentAttributes.autoReply === 'out_of_hours').map((m) => m.content);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/пн, 16 июня.*09:00/);
  });
});
