import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';
import { contacts, messages } from '@app/db';
import { TriggerSweepService } from '@app/marketing';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('triggered messages API', () => {
  let receiver: FakeHttpServer;
  let t: TestApp;
  let admin: string;
  let agent: { token: string };
  let api: ApiInbox;
  let templateId: string;

  beforeAll(async () => {
    receiver = await startFakeHttpServer(() => ({ status: 200, body: { id: `cb-${randomUUID()}` } }));
    t = await startTestApp({ queueBackoff: { type: 'fixed', delayMs: 20 } });
    admin = await t.adminToken();
    api = await createApiInbox(t, admin, `${receiver.url}/callback`, 'Сайт');
    agent = await t.createUser('agent', { inboxIds: [api.id] });
    const template = await t
      .http()
      .post('/api/templates')
      .set(auth())
      .send({ shortCode: `hb-${randomUUID().slice(0, 6)}`, name: 'Поздравление', body: 'С днём рождения, {{contact.name}}!' })
      .expect(201);
    templateId = template.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const auth = (token = admin) => ({ Authorization: `Bearer ${token}` });

  /** A customer who wrote to the API inbox, so the inbox can write back. */
  async function customer(name: string): Promise<string> {
    const externalId = `ext-${randomUUID()}`;
    await postWebhook(t, api, { externalId: `m-${randomUUID()}`, contact: { externalId, name }, text: 'Здравствуйте' }).expect(200);
    return eventually(async () => {
      const [row] = await t.db.select().from(contacts).where(eq(contacts.name, name));
      expect(row).toBeDefined();
      return row.id;
    });
  }

  const birthdayTrigger = (over: Record<string, unknown> = {}) => ({
    name: 'День рождения',
    kind: 'date',
    config: { field: 'birthday', offsetDays: 0 },
    inboxId: api.id,
    templateId,
    sendAtLocal: '09:00',
    quietHours: { from: '21:00', to: '09:00' },
    ...over,
  });

  it('answers 400 with every bad field of a trigger, config fields under config.*', async () => {
    const res = await t
      .http()
      .post('/api/triggers')
      .set(auth())
      .set('Accept-Language', 'en')
      .send({ name: '', kind: 'date', config: { field: 'custom', offsetDays: 400 }, templateId: 'nope', sendAtLocal: '25:00' })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'templateId', 'sendAtLocal', 'config.customFieldKey', 'config.offsetDays']));
    const event = await t.http().post('/api/triggers').set(auth()).send(birthdayTrigger({ kind: 'event', config: { event: 'no_reply' } })).expect(400);
    expect(event.body.errors.map((e: { field: string }) => e.field)).toContain('config.days');
    const custom = await t.http().post('/api/triggers').set(auth()).send(birthdayTrigger({ config: { field: 'custom' } })).expect(400);
    expect(custom.body.errors.map((e: { field: string }) => e.field)).toEqual(['config.customFieldKey']);
    await t.http().post('/api/triggers').set(auth()).send(birthdayTrigger({ templateId: randomUUID() })).expect(404);
  });

  it('lets admins create, change, find and delete triggers, and agents only read them', async () => {
    const created = await t.http().post('/api/triggers').set(auth()).send(birthdayTrigger({ name: 'Ёлкин день' })).expect(201);
    expect(created.body).toMatchObject({ name: 'Ёлкин день', kind: 'date', active: true, inboxId: api.id, sendAtLocal: '09:00', lastFiredAt: null });
    expect(created.body.searchText).toBeUndefined();
    const id = created.body.id as string;

    await t.http().post('/api/triggers').set(auth(agent.token)).send(birthdayTrigger()).expect(403);
    await t.http().patch(`/api/triggers/${id}`).set(auth(agent.token)).send({ active: false }).expect(403);
    const found = await t.http().get('/api/triggers').query({ q: 'елкин' }).set(auth(agent.token)).expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([id]);

    const off = await t.http().patch(`/api/triggers/${id}`).set(auth()).send({ active: false, sendAtLocal: '10:30' }).expect(200);
    expect(off.body).toMatchObject({ active: false, sendAtLocal: '10:30', config: { field: 'birthday' } });
    await t.http().patch(`/api/triggers/${id}`).set(auth()).send({ config: { event: 'no_reply', days: 2 } }).expect(400);
    const event = await t.http().patch(`/api/triggers/${id}`).set(auth()).send({ kind: 'event', config: { event: 'no_reply', days: 2 } }).expect(200);
    expect(event.body).toMatchObject({ kind: 'event', config: { event: 'no_reply', days: 2 } });
    expect((await t.http().get(`/api/triggers/${id}`).set(auth(agent.token)).expect(200)).body).toMatchObject({ id, counts: {} });

    await t.http().delete(`/api/triggers/${id}`).set(auth()).expect(204);
    await t.http().get(`/api/triggers/${id}`).set(auth()).expect(404);
    await t.http().get(`/api/triggers/${id}/occurrences`).set(auth()).expect(404);
  });

  it('sends a test message now through the real channel and logs it as a test', async () => {
    const trigger = await t.http().post('/api/triggers').set(auth()).send(birthdayTrigger({ active: false })).expect(201);
    const contactId = await customer('Ирина Тестова');
    await t.http().post(`/api/triggers/${trigger.body.id}/test`).set(auth(agent.token)).send({ contactId }).expect(403);
    await t.http().post(`/api/triggers/${trigger.body.id}/test`).set(auth()).send({ contactId: randomUUID() }).expect(404);

    const sent = await t.http().post(`/api/triggers/${trigger.body.id}/test`).set(auth()).send({ contactId }).expect(200);
    expect(sent.body).toMatchObject({ status: 'sent', test: true, contactId });
    const message = await eventually(async () => {
      const [row] = await t.db.select().from(messages).where(eq(messages.id, sent.body.messageId));
      expect(row.status).toBe('sent');
      return row;
    });
    expect(message).toMatchObject({ messageType: 'outgoing', content: 'С днём рождения, Ирина Тестова!', contentAttributes: { outreach: { kind: 'trigger', id: trigger.body.id } } });
    expect(receiver.requests.some((r) => r.headers['x-omnibox-delivery'] === message.id)).toBe(true);

    const again = await t.http().post(`/api/triggers/${trigger.body.id}/test`).set(auth()).send({ contactId }).expect(200);
    expect(again.body.status).toBe('sent');
    const log = await t.http().get(`/api/triggers/${trigger.body.id}/occurrences`).query({ limit: 1 }).set(auth(agent.token)).expect(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0].id).toBe(again.body.id);
    const rest = await t.http().get(`/api/triggers/${trigger.body.id}/occurrences`).query({ cursor: log.body.nextCursor }).set(auth()).expect(200);
    expect(rest.body.items.map((o: { id: string }) => o.id)).toEqual([sent.body.id]);
  });

  it('sends a birthday message once through the sweep, in the contact\'s zone, and skips one who opted out', async () => {
    const trigger = await t.http().post('/api/triggers').set(auth()).send(birthdayTrigger()).expect(201);
    const anna = await customer('Анна Владивостокская');
    const oleg = await customer('Олег Отписавшийся');
    await t.db.update(contacts).set({ birthday: '1990-06-15', timeZone: 'Asia/Vladivostok' }).where(eq(contacts.id, anna));
    await t.db.update(contacts).set({ birthday: '1980-06-15', timeZone: 'Asia/Vladivostok', optedOutAt: new Date() }).where(eq(contacts.id, oleg));
    const sweeper = t.app.get(TriggerSweepService);

    // 23:30 UTC on 14 June is 09:30 on 15 June in Vladivostok.
    await sweeper.sweep(new Date('2027-06-14T23:30:00Z'));
    await sweeper.sweep(new Date('2027-06-14T23:34:00Z'));
    const log = await t.http().get(`/api/triggers/${trigger.body.id}/occurrences`).set(auth()).expect(200);
    const byContact = Object.fromEntries(log.body.items.map((o: { contactId: string }) => [o.contactId, o]));
    expect(log.body.items).toHaveLength(2);
    expect(byContact[anna]).toMatchObject({ status: 'sent', occurrenceKey: 'birthday:2027', test: false, contactName: 'Анна Владивостокская' });
    expect(byContact[oleg]).toMatchObject({ status: 'skipped', reason: 'opted_out' });
    await eventually(async () => {
      const [row] = await t.db.select().from(messages).where(eq(messages.id, byContact[anna].messageId));
      expect(row).toMatchObject({ status: 'sent', content: 'С днём рождения, Анна Владивостокская!' });
    });
    const list = await t.http().get('/api/triggers').set(auth()).expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === trigger.body.id).lastFiredAt).toBeTruthy();
  });

  it('sends a deal-stage message when a deal is moved to the stage through the API', async () => {
    const { body: pipeline } = await t
      .http()
      .post('/api/pipelines')
      .set(auth())
      .send({ name: 'Продажи', stages: [{ name: 'Новая' }, { name: 'Счёт выставлен' }] })
      .expect(201);
    const stage = pipeline.stages[1];
    const trigger = await t
      .http()
      .post('/api/triggers')
      .set(auth())
      .send({ name: 'Счёт выставлен', kind: 'event', config: { event: 'deal_stage', stageId: stage.id }, inboxId: null, templateId, quietHours: null })
      .expect(201);
    const contactId = await customer('Пётр Покупатель');
    const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Заказ', contactId, pipelineId: pipeline.id }).expect(201);
    await t.http().post(`/api/deals/${deal.body.id}/stage`).set(auth()).send({ stageId: stage.id }).expect(200);
    await t.http().post(`/api/deals/${deal.body.id}/stage`).set(auth()).send({ stageId: pipeline.stages[0].id }).expect(200);
    await t.http().post(`/api/deals/${deal.body.id}/stage`).set(auth()).send({ stageId: stage.id }).expect(200);

    const log = await t.http().get(`/api/triggers/${trigger.body.id}/occurrences`).set(auth()).expect(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ status: 'sent', occurrenceKey: `deal:${deal.body.id}:${stage.id}`, context: { inboxId: api.id, dealId: deal.body.id } });
  });
});
