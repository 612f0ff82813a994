import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentsPort } from '@app/marketing';
import { createApiInbox } from '../support/api-channel.js';
import { routingHelpers } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('segments API', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let agent: string;
  const vipIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    supervisor = (await t.createUser('supervisor')).token;
    agent = (await t.createUser('agent')).token;
    for (const [name, tags] of [
      ['Ёлкина Мария', ['ВИП', 'опт']],
      ['Петров Пётр', ['вип']],
      ['Сидоров Иван', ['розница']],
    ] as const) {
      const res = await t.http().post('/api/contacts').set(auth()).send({ name, tags }).expect(201);
      if (tags.some((tag) => tag.toLowerCase() === 'вип')) vipIds.push(res.body.id);
    }
  });
  afterAll(() => t?.close());

  const auth = (token = admin) => ({ Authorization: `Bearer ${token}` });
  const vipFilter = { match: 'all', conditions: [{ field: 'tag', op: 'any', values: ['вип'] }] };

  it('previews the count and a sample of what a filter selects', async () => {
    const res = await t.http().post('/api/segments/preview').set(auth(agent)).send({ filter: vipFilter }).expect(200);

    expect(res.body.count).toBe(2);
    expect(res.body.sample.map((c: { name: string }) => c.name).sort()).toEqual(['Ёлкина Мария', 'Петров Пётр']);
  });

  it('answers 400 naming the field of an invalid condition', async () => {
    const res = await t
      .http()
      .post('/api/segments/preview')
      .set(auth())
      .send({ filter: { match: 'all', conditions: [{ field: 'tag', op: 'any', values: ['вип'] }, { field: 'wonDeals', op: 'between', value: 1 }, { field: 'shoeSize' }] } })
      .expect(400);

    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('filter.conditions.1.op');
    expect(fields).toContain('filter.conditions.2.field');
  });

  it('lets supervisors save, change and delete segments, and agents read them', async () => {
    const created = await t.http().post('/api/segments').set(auth(supervisor)).send({ name: 'VIP-клиенты', description: 'Тег «вип»', filter: vipFilter }).expect(201);
    expect(created.body).toMatchObject({ name: 'VIP-клиенты', filter: vipFilter });
    expect(created.body.searchText).toBeUndefined();
    await t.http().post('/api/segments').set(auth(agent)).send({ name: 'Нельзя', filter: vipFilter }).expect(403);

    const listed = await t.http().get('/api/segments?q=vip-КЛИЕНТЫ').set(auth(agent)).expect(200);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);

    const changed = await t.http().patch(`/api/segments/${created.body.id}`).set(auth(admin)).send({ name: 'Розница', filter: { match: 'any', conditions: [{ field: 'tag', op: 'any', values: ['РОЗНИЦА'] }] } }).expect(200);
    expect(changed.body).toMatchObject({ name: 'Розница', description: 'Тег «вип»' });
    expect(await t.app.get(SegmentsPort).count(created.body.id)).toBe(1);

    await t.http().delete(`/api/segments/${created.body.id}`).set(auth(agent)).expect(403);
    await t.http().delete(`/api/segments/${created.body.id}`).set(auth(supervisor)).expect(204);
    await t.http().get(`/api/segments/${created.body.id}`).set(auth()).expect(404);
  });

  it('pages the contacts of a segment and reports its figures', async () => {
    const { body: segment } = await t.http().post('/api/segments').set(auth()).send({ name: 'ВИП', filter: vipFilter }).expect(201);

    const first = await t.http().get(`/api/segments/${segment.id}/contacts?limit=1`).set(auth(agent)).expect(200);
    const second = await t.http().get(`/api/segments/${segment.id}/contacts?limit=1&cursor=${first.body.nextCursor}`).set(auth(agent)).expect(200);
    expect([...first.body.items, ...second.body.items].map((c: { id: string }) => c.id).sort()).toEqual([...vipIds].sort());
    expect(second.body.nextCursor).toBeNull();

    await t.http().post(`/api/contacts/${vipIds[0]}/consent`).set(auth()).send({ optedOut: true }).expect(200);
    const report = await t.http().get(`/api/segments/${segment.id}/report`).set(auth(agent)).expect(200);
    expect(report.body).toEqual({ count: 2, optedOut: 1, byChannel: {}, wonDeals: 0, wonRevenue: '0.00' });

    const port = t.app.get(SegmentsPort);
    expect(await port.require(segment.id)).toEqual({ id: segment.id, name: 'ВИП' });
    expect(await port.has(segment.id, vipIds[1])).toBe(true);
    expect(await port.page(segment.id, null, 10)).toEqual([...vipIds].sort());
  });

  it('lets an automation rule ask whether the contact is in a segment', async () => {
    const vipInbox = await createApiInbox(t, admin, undefined, 'ВИП-линия');
    const h = routingHelpers(t, () => admin);
    const { body: segment } = await t
      .http()
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Пишут в ВИП-линию', filter: { match: 'all', conditions: [{ field: 'channel', inboxId: vipInbox.id }] } })
      .expect(201);
    const rule = (label: string, op: 'in' | 'not_in') => ({
      name: label,
      event: 'message.created',
      conditions: [{ type: 'contact_in_segment', op, segmentId: segment.id }],
      actions: [{ type: 'add_label', label }],
    });
    await t.http().post('/api/automation-rules').set(auth()).send(rule('segment-in', 'in')).expect(201);
    await t.http().post('/api/automation-rules').set(auth()).send(rule('segment-out', 'not_in')).expect(201);
    const bad = await t.http().post('/api/automation-rules').set(auth()).send({ ...rule('x', 'in'), conditions: [{ type: 'contact_in_segment', segmentId: 'nope' }] }).expect(400);
    expect(bad.body.errors[0].field).toBe('conditions.0.segmentId');

    const inside = await h.customerWrites(vipInbox, { externalId: `c-${randomUUID()}`, name: 'Ольга' });
    const outside = await h.customerWrites(await createApiInbox(t, admin, undefined, 'Обычная линия'), { externalId: `c-${randomUUID()}`, name: 'Олег' });

    expect(inside.labels).toEqual(['segment-in']);
    expect(outside.labels).toEqual(['segment-out']);
  });

  it('answers 404 for an unknown segment, through the API and the port', async () => {
    const id = randomUUID();
    const res = await t.http().get(`/api/segments/${id}/report`).set(auth()).set('Accept-Language', 'en').expect(404);
    expect(res.body.message).toContain('Segment');
    await expect(t.app.get(SegmentsPort).require(id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
