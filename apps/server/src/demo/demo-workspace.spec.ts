import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { DemoWorkspace } from './demo-workspace.js';

describe('DemoWorkspace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('fills an empty workspace once, in the workspace language, and leaves a used one alone', async () => {
    const demo = t.app.get(DemoWorkspace);
    expect(await demo.seedIfEmpty('ru')).toBe(true);
    expect(await demo.seedIfEmpty('ru')).toBe(false);
    const token = await t.adminToken();
    const auth = { Authorization: `Bearer ${token}` };
    const flows = await t.http().get('/api/bot-flows').set(auth).expect(200);
    expect(flows.body.items.map((f: { name: string; publishedVersion: number | null }) => [f.name, f.publishedVersion]).sort()).toEqual([['Магазин в Telegram', 1], ['Поддержка: частые вопросы', 1]]);
    const products = await t.http().get('/api/products').set(auth).expect(200);
    expect(products.body.items.length).toBeGreaterThanOrEqual(3);

    const contacts = await t.http().get('/api/contacts?q=ёлкин').set(auth).expect(200);
    expect(contacts.body.items).toHaveLength(1);
    expect(contacts.body.items[0].phones).toEqual(['+79123456789']);

    const pipelines = await t.http().get('/api/pipelines').set(auth).expect(200);
    expect(pipelines.body[0].name).toBe('Продажи');
    expect(pipelines.body[0].stages.map((s: { kind: string }) => s.kind)).toEqual(['open', 'open', 'open', 'won', 'lost']);

    const deals = await t.http().get('/api/deals').set(auth).expect(200);
    expect(deals.body.items).toHaveLength(3);
    const kitchen = deals.body.items.find((d: { title: string }) => d.title.startsWith('Кухонный'));
    expect(kitchen.amount).toBe('231900.00');

    const conversations = await t.http().get('/api/conversations').set(auth).expect(200);
    // Four waiting, three answered, resolved and rated (for the reports).
    expect(conversations.body.items).toHaveLength(7);
    expect(conversations.body.items.filter((c: { status: string }) => c.status === 'resolved')).toHaveLength(3);
    // The live dashboard counts the waiting demo conversations too, though they were written straight to the database.
    const live = await t.http().get('/api/dashboard/live').set(auth).expect(200);
    expect(live.body).toMatchObject({ open: 4, waiting: 4, longestWait: { conversationId: expect.any(String) } });
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const summary = await t.http().get('/api/reports/summary').query({ from: today, to: tomorrow, timezone: 'UTC' }).set(auth).expect(200);
    expect(summary.body).toMatchObject({ conversationsResolved: 3, csat: { average: 4, responses: 3 }, nps: { responses: 3, promoters: 1, passives: 1, detractors: 1, score: 0 } });
    const policies = await t.http().get('/api/sla-policies').set(auth).expect(200);
    expect(policies.body.items).toHaveLength(1);
    const petr = conversations.body.items.find((c: { contact: { name: string } }) => c.contact.name === 'Пётр Ёлкин');
    expect(petr).toMatchObject({ unreadCount: 2, status: 'open', contactId: contacts.body.items[0].id });
    const mine = await t.http().get('/api/conversations?assigneeId=me').set(auth).expect(200);
    expect(mine.body.items.map((c: { contact: { name: string } }) => c.contact.name).sort()).toEqual(['Анна Щёкина', 'Пётр Ёлкин']);

    const inboxes = await t.http().get('/api/inboxes').set(auth).expect(200);
    expect(inboxes.body.items.map((i: { type: string }) => i.type).sort()).toEqual(['api', 'webchat']);
  });
});
