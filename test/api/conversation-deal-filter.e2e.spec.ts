import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The list filters the web app's deal page and waiting times rely on. */
describe('conversation list by deal, and the waiting-time field', () => {
  let t: TestApp;
  let admin: string;
  let inbox: ApiInbox;
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  async function arrive(contact: string, text: string) {
    await postWebhook(t, inbox, { externalId: `${contact}-${text}`, contact: { externalId: contact, name: contact }, text }).expect(200);
    const list = await t.http().get('/api/conversations').query({ status: 'all', q: text }).set(auth()).expect(200);
    return list.body.items[0] as { id: string; contactId: string; lastIncomingAt: string | null; lastMessageAt: string };
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin);
  });
  afterAll(() => t?.close());

  it('lists only the conversations linked to a deal when dealId is given', async () => {
    const first = await arrive('deal-a', 'кухня');
    const second = await arrive('deal-b', 'кресла');
    const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Кухня', contactId: first.contactId }).expect(201);
    await t.http().post(`/api/conversations/${first.id}/deal`).set(auth()).send({ dealId: deal.body.id }).expect(200);

    const linked = await t.http().get('/api/conversations').query({ dealId: deal.body.id, status: 'all' }).set(auth()).expect(200);
    expect(linked.body.items.map((c: { id: string }) => c.id)).toEqual([first.id]);
    const all = await t.http().get('/api/conversations').query({ status: 'all' }).set(auth()).expect(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('answers 400 naming the field when dealId is not an id', async () => {
    const res = await t.http().get('/api/conversations').query({ dealId: 'nope' }).set(auth()).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'dealId' })]);
  });

  it('tells when the customer last wrote, so a reply after it ends the wait', async () => {
    const waiting = await arrive('wait-c', 'жду ответа');
    // Opening the conversation stamps its activity a moment after the message itself.
    const gap = Date.parse(waiting.lastMessageAt) - Date.parse(waiting.lastIncomingAt ?? '');
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(1000);
    const reply = await t.http().post(`/api/conversations/${waiting.id}/messages`).set(auth()).send({ text: 'Отвечаем' }).expect(201);
    const after = await t.http().get(`/api/conversations/${waiting.id}`).set(auth()).expect(200);
    expect(after.body.lastIncomingAt).toBe(waiting.lastIncomingAt);
    expect(after.body.lastMessageAt).toBe(reply.body.createdAt);
    expect(after.body.lastMessageAt > after.body.lastIncomingAt).toBe(true);
  });
});
