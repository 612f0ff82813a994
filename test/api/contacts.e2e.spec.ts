import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentities, inboxes } from '@app/db';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('contacts over HTTP', () => {
  let t: TestApp;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
  });
  afterAll(() => t.close());

  it('creates a contact with normalised phones and e-mails and answers it', async () => {
    const res = await t
      .http()
      .post('/api/contacts')
      .set(auth())
      .send({ name: 'Мария Сидорова', phones: ['8 (921) 555-44-33'], emails: [' Maria@Example.com'], tags: ['vip'], customFields: { city: 'Тверь' } })
      .expect(201);
    expect(res.body).toMatchObject({ name: 'Мария Сидорова', phones: ['+79215554433'], emails: ['maria@example.com'], tags: ['vip'], customFields: { city: 'Тверь' }, blocked: false });
    expect(res.body.id).toEqual(expect.any(String));
    expect(res.body.searchText).toBeUndefined();
  });

  it('answers 409 duplicate_contact with the existing id when the phone is already taken in another format', async () => {
    const first = await t.http().post('/api/contacts').set(auth()).send({ name: 'Первый', phones: ['+7 912 345-67-89'] }).expect(201);
    const res = await t.http().post('/api/contacts').set(auth()).set('Accept-Language', 'en').send({ name: 'Второй', phones: ['89123456789'] }).expect(409);
    expect(res.body).toMatchObject({ code: 'duplicate_contact', existingId: first.body.id, field: 'phone', value: '+79123456789' });
    expect(res.body.message).toContain(first.body.id);
    expect(res.body.message).toContain('phone number');
  });

  it('answers 409 when a change would give a contact another contact\'s e-mail', async () => {
    const a = await t.http().post('/api/contacts').set(auth()).send({ name: 'A', emails: ['taken@example.com'] }).expect(201);
    const b = await t.http().post('/api/contacts').set(auth()).send({ name: 'B' }).expect(201);
    const res = await t.http().patch(`/api/contacts/${b.body.id}`).set(auth()).send({ emails: ['TAKEN@example.com'] }).expect(409);
    expect(res.body).toMatchObject({ existingId: a.body.id, field: 'email', value: 'taken@example.com' });
  });

  it('answers 400 with every invalid field named', async () => {
    const res = await t.http().post('/api/contacts').set(auth()).send({ name: '', emails: ['not-an-email'], phones: 'x', blocked: 'yes' }).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['blocked', 'emails.0', 'name', 'phones']);
  });

  it('answers 400 invalid_phone naming the value for a number that cannot exist', async () => {
    const res = await t.http().post('/api/contacts').set(auth()).set('Accept-Language', 'en').send({ name: 'X', phones: ['12-34'] }).expect(400);
    expect(res.body).toMatchObject({ code: 'invalid_phone', value: '12-34' });
    expect(res.body.message).toContain('12-34');
  });

  it('lists contacts by search, tag and digits of a phone, page by page with nextCursor', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t
        .http()
        .post('/api/contacts')
        .set(auth())
        .send({ name: `Ёлкин ${i}`, phones: [`+7 912 700-00-0${i}`], tags: i % 2 ? ['odd'] : [] })
        .expect(201);
      created.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
        .http()
        .get('/api/contacts')
        .query({ q: 'ЕЛКИН', limit: 2, ...(cursor ? { cursor } : {}) })
        .set(auth())
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());

    const odd = await t.http().get('/api/contacts').query({ tag: 'odd', q: 'елкин' }).set(auth()).expect(200);
    expect(odd.body.items.map((c: { id: string }) => c.id)).toEqual([created[3], created[1]]);
    const byDigits = await t.http().get('/api/contacts').query({ q: '9127000004' }).set(auth()).expect(200);
    expect(byDigits.body.items.map((c: { id: string }) => c.id)).toEqual([created[4]]);
  });

  it('shows a contact with its channel identities and answers 404 for an unknown one', async () => {
    const contact = await t.http().post('/api/contacts').set(auth()).send({ name: 'С каналом' }).expect(201);
    const [inbox] = await t.db.insert(inboxes).values({ type: 'telegram', name: 'Бот' }).returning();
    await t.db.insert(contactIdentities).values({ contactId: contact.body.id, inboxId: inbox.id, externalId: '777', username: 'kanal' });
    const res = await t.http().get(`/api/contacts/${contact.body.id}`).set(auth()).expect(200);
    expect(res.body).toMatchObject({ id: contact.body.id, company: null, openDealsCount: 0, identities: [{ inboxId: inbox.id, externalId: '777', username: 'kanal' }] });

    const missing = '01900000-0000-7000-8000-000000000001';
    const notFound = await t.http().get(`/api/contacts/${missing}`).set(auth()).expect(404);
    expect(notFound.body).toMatchObject({ code: 'not_found', entity: 'contact', id: missing });
    await t.http().get('/api/contacts/not-a-uuid').set(auth()).expect(400);
  });

  it('merges two contacts into one and answers the merged contact', async () => {
    const kept = await t.http().post('/api/contacts').set(auth()).send({ name: 'Оставить', phones: ['+7 940 000-00-01'], customFields: { a: 1 } }).expect(201);
    const other = await t.http().post('/api/contacts').set(auth()).send({ name: 'Слить', emails: ['slit@example.com'], customFields: { a: 2, b: 3 } }).expect(201);
    const res = await t.http().post(`/api/contacts/${kept.body.id}/merge`).set(auth()).send({ otherId: other.body.id }).expect(200);
    expect(res.body).toMatchObject({ id: kept.body.id, phones: ['+79400000001'], emails: ['slit@example.com'], customFields: { a: 1, b: 3 } });
    await t.http().get(`/api/contacts/${other.body.id}`).set(auth()).expect(404);

    const self = await t.http().post(`/api/contacts/${kept.body.id}/merge`).set(auth()).send({ otherId: kept.body.id }).expect(400);
    expect(self.body.code).toBe('merge_same_contact');
    await t.http().post(`/api/contacts/${kept.body.id}/merge`).set(auth()).send({ otherId: other.body.id }).expect(404);
  });

  it('lets an agent create and change contacts but only administrators and supervisors delete them', async () => {
    const agent = await t.createUser('agent');
    const contact = await t.http().post('/api/contacts').set('Authorization', `Bearer ${agent.token}`).send({ name: 'От агента' }).expect(201);
    await t.http().patch(`/api/contacts/${contact.body.id}`).set('Authorization', `Bearer ${agent.token}`).send({ blocked: true }).expect(200);
    await t.http().delete(`/api/contacts/${contact.body.id}`).set('Authorization', `Bearer ${agent.token}`).expect(403);
    await t.http().delete(`/api/contacts/${contact.body.id}`).set(auth()).expect(204);
    await t.http().delete(`/api/contacts/${contact.body.id}`).set(auth()).expect(404);
  });

  it('answers 401 without a token', async () => {
    await t.http().get('/api/contacts').expect(401);
  });
});
