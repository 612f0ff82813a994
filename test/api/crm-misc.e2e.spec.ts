import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Stage {
  id: string;
  name: string;
  kind: string;
  position: number;
  probability: number;
}
const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);
const missing = '01900000-0000-7000-8000-0000000000ee';

describe('pipelines, companies and activities over HTTP', () => {
  let t: TestApp;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
  });
  afterAll(() => t.close());

  describe('pipelines', () => {
    it('creates a pipeline with its stages in order, the first pipeline becoming the default', async () => {
      const res = await t
        .http()
        .post('/api/pipelines')
        .set(auth())
        .send({ name: 'Розница', stages: [{ name: 'Лид' }, { name: 'Оплата', kind: 'won' }, { name: 'Отказ', kind: 'lost', probability: 0 }] })
        .expect(201);
      expect(res.body).toMatchObject({ name: 'Розница', isDefault: true });
      expect(res.body.stages.map((s: Stage) => [s.name, s.kind, s.position, s.probability])).toEqual([
        ['Лид', 'open', 0, 0],
        ['Оплата', 'won', 1, 100],
        ['Отказ', 'lost', 2, 0],
      ]);
      const fetched = await t.http().get(`/api/pipelines/${res.body.id}`).set(auth()).expect(200);
      expect(fetched.body.stages.map((s: Stage) => s.id)).toEqual(res.body.stages.map((s: Stage) => s.id));
    });

    it('keeps exactly one default pipeline when another is made the default', async () => {
      const second = await t.http().post('/api/pipelines').set(auth()).send({ name: 'Опт', isDefault: true, stages: [{ name: 'Новая' }] }).expect(201);
      const list = await t.http().get('/api/pipelines').set(auth()).expect(200);
      expect(list.body.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { id: string }) => p.id)).toEqual([second.body.id]);
      const first = list.body.find((p: { id: string }) => p.id !== second.body.id);
      await t.http().patch(`/api/pipelines/${first.id}`).set(auth()).send({ isDefault: true }).expect(200);
      const after = await t.http().get('/api/pipelines').set(auth()).expect(200);
      expect(after.body.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { id: string }) => p.id)).toEqual([first.id]);
    });

    it('reshapes stages: renames and reorders those with an id, adds new ones, removes the rest', async () => {
      const created = await t.http().post('/api/pipelines').set(auth()).send({ name: 'Этапы', stages: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] }).expect(201);
      const [a, b, c] = created.body.stages as Stage[];
      const res = await t
        .http()
        .patch(`/api/pipelines/${created.body.id}`)
        .set(auth())
        .send({ name: 'Этапы 2', stages: [{ id: c.id, name: 'C2' }, { name: 'D', kind: 'won' }, { id: a.id, name: 'A' }] })
        .expect(200);
      expect(res.body.name).toBe('Этапы 2');
      expect(res.body.stages.map((s: Stage) => [s.id === c.id ? 'c' : s.id === a.id ? 'a' : 'new', s.name, s.kind, s.position])).toEqual([
        ['c', 'C2', 'open', 0],
        ['new', 'D', 'won', 1],
        ['a', 'A', 'open', 2],
      ]);
      expect(res.body.stages.some((s: Stage) => s.id === b.id)).toBe(false);
    });

    it('answers 409 when a removed stage or a deleted pipeline still has deals, and deletes it once they are gone', async () => {
      const pipeline = await t.http().post('/api/pipelines').set(auth()).send({ name: 'Занятая', stages: [{ name: 'X' }, { name: 'Y' }] }).expect(201);
      const [x, y] = pipeline.body.stages as Stage[];
      const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Держит', stageId: y.id }).expect(201);

      const stage = await t.http().patch(`/api/pipelines/${pipeline.body.id}`).set(auth()).send({ stages: [{ id: x.id, name: 'X' }] }).expect(409);
      expect(stage.body).toMatchObject({ code: 'stage_has_deals', stageId: y.id });
      const whole = await t.http().delete(`/api/pipelines/${pipeline.body.id}`).set(auth()).expect(409);
      expect(whole.body.code).toBe('pipeline_has_deals');

      await t.http().delete(`/api/deals/${deal.body.id}`).set(auth()).expect(204);
      await t.http().delete(`/api/pipelines/${pipeline.body.id}`).set(auth()).expect(204);
      await t.http().get(`/api/pipelines/${pipeline.body.id}`).set(auth()).expect(404);
    });

    it('closes the deals of a stage whose kind changes to won', async () => {
      const pipeline = await t.http().post('/api/pipelines').set(auth()).send({ name: 'Вид этапа', stages: [{ name: 'Итог' }] }).expect(201);
      const [stage] = pipeline.body.stages as Stage[];
      const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Ждёт', stageId: stage.id }).expect(201);
      await t.http().patch(`/api/pipelines/${pipeline.body.id}`).set(auth()).send({ stages: [{ id: stage.id, name: 'Итог', kind: 'won' }] }).expect(200);
      const res = await t.http().get(`/api/deals/${deal.body.id}`).set(auth()).expect(200);
      expect(res.body.status).toBe('won');
      expect(res.body.closedAt).toEqual(expect.any(String));
    });

    it('answers 400 for a stage of another pipeline and for a pipeline without stages', async () => {
      const one = await t.http().post('/api/pipelines').set(auth()).send({ name: 'Один', stages: [{ name: 'S1' }] }).expect(201);
      const two = await t.http().post('/api/pipelines').set(auth()).send({ name: 'Два', stages: [{ name: 'S2' }] }).expect(201);
      const res = await t.http().patch(`/api/pipelines/${one.body.id}`).set(auth()).send({ stages: [{ id: two.body.stages[0].id, name: 'Чужой' }] }).expect(400);
      expect(res.body.code).toBe('stage_not_in_pipeline');
      const empty = await t.http().post('/api/pipelines').set(auth()).send({ name: 'Пусто', stages: [] }).expect(400);
      expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['stages']);
    });

    it('lets agents read pipelines but not change them', async () => {
      const agent = await t.createUser('agent');
      const agentAuth = { Authorization: `Bearer ${agent.token}` };
      await t.http().get('/api/pipelines').set(agentAuth).expect(200);
      await t.http().post('/api/pipelines').set(agentAuth).send({ name: 'Нельзя', stages: [{ name: 'S' }] }).expect(403);
    });
  });

  describe('companies', () => {
    it('creates, finds by name, domain or phone digits, shows the contacts count, updates and deletes a company', async () => {
      const created = await t
        .http()
        .post('/api/companies')
        .set(auth())
        .send({ name: 'Ёлочка', domain: 'Elochka.RU', phone: '8 (495) 123-45-67', address: 'Москва' })
        .expect(201);
      expect(created.body).toMatchObject({ name: 'Ёлочка', domain: 'elochka.ru', phone: '+74951234567' });
      await t.http().post('/api/companies').set(auth()).send({ name: 'Другая' }).expect(201);

      for (const q of ['елочка', 'elochka.ru', '4951234']) {
        const res = await t.http().get('/api/companies').query({ q }).set(auth()).expect(200);
        expect(ids(res.body)).toEqual([created.body.id]);
      }

      await t.http().post('/api/contacts').set(auth()).send({ name: 'Сотрудник', companyId: created.body.id }).expect(201);
      const fetched = await t.http().get(`/api/companies/${created.body.id}`).set(auth()).expect(200);
      expect(fetched.body.contactsCount).toBe(1);

      const updated = await t.http().patch(`/api/companies/${created.body.id}`).set(auth()).send({ name: 'Ёлочка и Ко', phone: null }).expect(200);
      expect(updated.body).toMatchObject({ name: 'Ёлочка и Ко', phone: null, domain: 'elochka.ru' });

      await t.http().delete(`/api/companies/${created.body.id}`).set(auth()).expect(204);
      const gone = await t.http().get(`/api/companies/${created.body.id}`).set(auth()).expect(404);
      expect(gone.body).toMatchObject({ entity: 'company', id: created.body.id });
    });

    it('answers 400 for an invalid phone or domain', async () => {
      const phone = await t.http().post('/api/companies').set(auth()).send({ name: 'X', phone: 'звоните' }).expect(400);
      expect(phone.body.code).toBe('invalid_phone');
      const domain = await t.http().post('/api/companies').set(auth()).send({ name: 'X', domain: 'not a domain' }).expect(400);
      expect(domain.body.errors.map((e: { field: string }) => e.field)).toEqual(['domain']);
    });
  });

  describe('activities', () => {
    let contactId: string;
    let dealId: string;

    beforeAll(async () => {
      contactId = (await t.http().post('/api/contacts').set(auth()).send({ name: 'Клиент дел' }).expect(201)).body.id;
      dealId = (await t.http().post('/api/deals').set(auth()).send({ title: 'Сделка дел', contactId }).expect(201)).body.id;
    });

    it('records who created an activity and filters by type, contact and deal', async () => {
      const me = await t.http().get('/api/auth/me').set(auth()).expect(200);
      const call = await t.http().post('/api/activities').set(auth()).send({ type: 'call', subject: 'Позвонить', contactId }).expect(201);
      expect(call.body).toMatchObject({ type: 'call', contactId, createdById: me.body.id, done: false, doneAt: null });
      const task = await t.http().post('/api/activities').set(auth()).send({ type: 'task', subject: 'Выставить счёт', dealId, dueAt: '2030-01-15T10:00:00Z' }).expect(201);
      const note = await t.http().post('/api/activities').set(auth()).send({ type: 'note', subject: 'Заметка', contactId, dealId }).expect(201);

      expect(ids((await t.http().get('/api/activities').query({ type: 'call' }).set(auth()).expect(200)).body)).toEqual([call.body.id]);
      expect(ids((await t.http().get('/api/activities').query({ contactId }).set(auth()).expect(200)).body)).toEqual([note.body.id, call.body.id]);
      expect(ids((await t.http().get('/api/activities').query({ dealId }).set(auth()).expect(200)).body)).toEqual([note.body.id, task.body.id]);
      expect(ids((await t.http().get('/api/activities').query({ dealId, type: 'task' }).set(auth()).expect(200)).body)).toEqual([task.body.id]);
      const due = await t.http().get('/api/activities').query({ dueAfter: '2030-01-01', dueBefore: '2030-02-01' }).set(auth()).expect(200);
      expect(ids(due.body)).toEqual([task.body.id]);
    });

    it('stamps doneAt when an activity is marked done and clears it when reopened', async () => {
      const task = await t.http().post('/api/activities').set(auth()).send({ type: 'task', subject: 'Сделать' }).expect(201);
      const done = await t.http().patch(`/api/activities/${task.body.id}`).set(auth()).send({ done: true }).expect(200);
      expect(done.body.done).toBe(true);
      expect(done.body.doneAt).toEqual(expect.any(String));
      const doneList = await t.http().get('/api/activities').query({ done: 'true' }).set(auth()).expect(200);
      expect(ids(doneList.body)).toContain(task.body.id);
      const reopened = await t.http().patch(`/api/activities/${task.body.id}`).set(auth()).send({ done: false }).expect(200);
      expect(reopened.body).toMatchObject({ done: false, doneAt: null });
    });

    it('answers 404 naming the deal when an activity refers to an unknown one, and 400 for an unknown type', async () => {
      const res = await t.http().post('/api/activities').set(auth()).send({ type: 'call', subject: 'X', dealId: missing }).expect(404);
      expect(res.body).toMatchObject({ entity: 'deal', id: missing });
      await t.http().post('/api/activities').set(auth()).send({ type: 'fax', subject: 'X' }).expect(400);
    });

    it('deletes an activity', async () => {
      const note = await t.http().post('/api/activities').set(auth()).send({ type: 'note', subject: 'Удалить' }).expect(201);
      await t.http().delete(`/api/activities/${note.body.id}`).set(auth()).expect(204);
      await t.http().get(`/api/activities/${note.body.id}`).set(auth()).expect(404);
    });
  });

  it('describes every CRM route in the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs/json').expect(200);
    const paths = Object.keys(res.body.paths);
    for (const path of ['/api/contacts', '/api/contacts/{id}/merge', '/api/companies/{id}', '/api/pipelines', '/api/deals/{id}/stage', '/api/activities']) {
      expect(paths).toContain(path);
    }
  });
});
