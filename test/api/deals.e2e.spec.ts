import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Stage {
  id: string;
  name: string;
  kind: string;
}

describe('deals over HTTP', () => {
  let t: TestApp;
  let token: string;
  let sales: { id: string; stages: Stage[] };
  let other: { id: string; stages: Stage[] };
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const missing = '01900000-0000-7000-8000-0000000000ff';

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
  });
  afterAll(() => t.close());

  it('creates a standard pipeline in the caller\'s language when a deal is created before any pipeline exists', async () => {
    const res = await t.http().post('/api/deals').set(auth()).set('Accept-Language', 'en').send({ title: 'First ever' }).expect(201);
    const pipelines = await t.http().get('/api/pipelines').set(auth()).expect(200);
    expect(pipelines.body).toHaveLength(1);
    expect(pipelines.body[0]).toMatchObject({ name: 'Sales', isDefault: true });
    expect(pipelines.body[0].stages.map((s: Stage) => s.kind)).toEqual(['open', 'open', 'open', 'won', 'lost']);
    expect(res.body).toMatchObject({ pipelineId: pipelines.body[0].id, stageId: pipelines.body[0].stages[0].id, status: 'open', amount: '0.00', currency: 'RUB' });
  });

  it('creates a deal in the default pipeline\'s first stage when neither is named', async () => {
    const created = await t
      .http()
      .post('/api/pipelines')
      .set(auth())
      .send({ name: 'Опт', isDefault: true, stages: [{ name: 'Новая' }, { name: 'Счёт' }, { name: 'Оплачено', kind: 'won' }, { name: 'Отказ', kind: 'lost' }] })
      .expect(201);
    sales = created.body;
    const res = await t.http().post('/api/deals').set(auth()).send({ title: 'Поставка', amount: '1500.5', currency: 'usd' }).expect(201);
    expect(res.body).toMatchObject({ pipelineId: sales.id, stageId: sales.stages[0].id, status: 'open', closedAt: null, amount: '1500.50', currency: 'USD' });
    expect(res.body.stage).toMatchObject({ id: sales.stages[0].id, name: 'Новая', kind: 'open' });
  });

  it('totals line items exactly when no amount is given: 3 x 199.99 = 599.97', async () => {
    const res = await t
      .http()
      .post('/api/deals')
      .set(auth())
      .send({ title: 'Чехлы', lineItems: [{ name: 'Чехол', sku: 'C-1', quantity: 3, unitPrice: '199.99' }] })
      .expect(201);
    expect(res.body.amount).toBe('599.97');
    expect(res.body.lineItems).toMatchObject([{ name: 'Чехол', sku: 'C-1', position: 0 }]);
    expect(Number(res.body.lineItems[0].quantity)).toBe(3);
    expect(res.body.lineItems[0].unitPrice).toBe('199.99');

    const patched = await t
      .http()
      .patch(`/api/deals/${res.body.id}`)
      .set(auth())
      .send({ lineItems: [{ name: 'A', quantity: '0.5', unitPrice: 0.1 }, { name: 'B', quantity: 10, unitPrice: '0.10' }] })
      .expect(200);
    expect(patched.body.amount).toBe('1.05');
    expect(patched.body.lineItems.map((i: { name: string }) => i.name)).toEqual(['A', 'B']);
    const fetched = await t.http().get(`/api/deals/${res.body.id}`).set(auth()).expect(200);
    expect(fetched.body.lineItems).toHaveLength(2);
  });

  it('answers 400 for a negative amount, too many decimals or an unknown currency', async () => {
    const res = await t.http().post('/api/deals').set(auth()).send({ title: 'Плохая', amount: -1, currency: 'XYZ', lineItems: [{ name: 'x', quantity: 1, unitPrice: '1.999' }] }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'currency', 'lineItems.0.unitPrice']);
  });

  it('closes a deal as won when it moves to a won stage and reopens it when it moves back', async () => {
    const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Крупный заказ', pipelineId: sales.id }).expect(201);
    const won = await t.http().post(`/api/deals/${deal.body.id}/stage`).set(auth()).send({ stageId: sales.stages[2].id }).expect(200);
    expect(won.body).toMatchObject({ stageId: sales.stages[2].id, status: 'won' });
    expect(new Date(won.body.closedAt).getTime()).toBeGreaterThan(0);
    expect(new Date(won.body.stageChangedAt).getTime()).toBeGreaterThanOrEqual(new Date(deal.body.stageChangedAt).getTime());

    const wonList = await t.http().get('/api/deals').query({ status: 'won', pipelineId: sales.id }).set(auth()).expect(200);
    expect(wonList.body.items.map((d: { id: string }) => d.id)).toEqual([deal.body.id]);

    const reopened = await t.http().post(`/api/deals/${deal.body.id}/stage`).set(auth()).send({ stageId: sales.stages[1].id }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null, stageId: sales.stages[1].id });
  });

  it('answers 400 stage_not_in_pipeline when the stage belongs to another pipeline', async () => {
    const created = await t.http().post('/api/pipelines').set(auth()).send({ name: 'Сервис', stages: [{ name: 'Заявка' }] }).expect(201);
    other = created.body;
    const res = await t.http().post('/api/deals').set(auth()).send({ title: 'Не туда', pipelineId: sales.id, stageId: other.stages[0].id }).expect(400);
    expect(res.body).toMatchObject({ code: 'stage_not_in_pipeline', stageId: other.stages[0].id, pipelineId: sales.id });

    const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Сделка', pipelineId: sales.id }).expect(201);
    await t.http().post(`/api/deals/${deal.body.id}/stage`).set(auth()).send({ stageId: other.stages[0].id }).expect(400);
    await t.http().patch(`/api/deals/${deal.body.id}`).set(auth()).send({ stageId: other.stages[0].id }).expect(400);

    const moved = await t.http().patch(`/api/deals/${deal.body.id}`).set(auth()).send({ pipelineId: other.id }).expect(200);
    expect(moved.body).toMatchObject({ pipelineId: other.id, stageId: other.stages[0].id });
    const byStage = await t.http().post('/api/deals').set(auth()).send({ title: 'По этапу', stageId: other.stages[0].id }).expect(201);
    expect(byStage.body.pipelineId).toBe(other.id);
  });

  it('answers 404 naming the entity for unknown contact, company, owner, pipeline, stage and deal ids', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ contactId: missing }, 'contact'],
      [{ companyId: missing }, 'company'],
      [{ ownerId: missing }, 'user'],
      [{ sourceInboxId: missing }, 'inbox'],
      [{ pipelineId: missing }, 'pipeline'],
      [{ stageId: missing }, 'stage'],
    ];
    for (const [fields, entity] of cases) {
      const res = await t
        .http()
        .post('/api/deals')
        .set(auth())
        .send({ title: 'Призрак', ...fields })
        .expect(404);
      expect(res.body).toMatchObject({ code: 'not_found', entity, id: missing });
    }
    const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Есть' }).expect(201);
    const patch = await t.http().patch(`/api/deals/${deal.body.id}`).set(auth()).send({ contactId: missing }).expect(404);
    expect(patch.body.entity).toBe('contact');
    await t.http().get(`/api/deals/${missing}`).set(auth()).expect(404);
    await t.http().post(`/api/deals/${missing}/stage`).set(auth()).send({ stageId: sales.stages[1].id }).expect(404);
  });

  it('shows the contact and company of a deal and filters deals by them', async () => {
    const company = await t.http().post('/api/companies').set(auth()).send({ name: 'ООО Ромашка' }).expect(201);
    const contact = await t.http().post('/api/contacts').set(auth()).send({ name: 'Покупатель', phones: ['+7 916 000-11-22'], companyId: company.body.id }).expect(201);
    const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Ромашки оптом', contactId: contact.body.id, companyId: company.body.id }).expect(201);
    const res = await t.http().get(`/api/deals/${deal.body.id}`).set(auth()).expect(200);
    expect(res.body).toMatchObject({
      contact: { id: contact.body.id, name: 'Покупатель', phones: ['+79160001122'] },
      company: { id: company.body.id, name: 'ООО Ромашка' },
    });
    const byContact = await t.http().get('/api/deals').query({ contactId: contact.body.id }).set(auth()).expect(200);
    expect(byContact.body.items.map((d: { id: string }) => d.id)).toEqual([deal.body.id]);
    const bySearch = await t.http().get('/api/deals').query({ q: 'РОМАШКИ' }).set(auth()).expect(200);
    expect(bySearch.body.items.map((d: { id: string }) => d.id)).toEqual([deal.body.id]);
    const contactView = await t.http().get(`/api/contacts/${contact.body.id}`).set(auth()).expect(200);
    expect(contactView.body).toMatchObject({ openDealsCount: 1, company: { id: company.body.id } });
  });

  it('changes nothing when a deal is moved to the stage it is in or patched with no fields', async () => {
    const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'На месте', pipelineId: sales.id }).expect(201);
    const same = await t.http().post(`/api/deals/${deal.body.id}/stage`).set(auth()).send({ stageId: sales.stages[0].id }).expect(200);
    expect(same.body).toMatchObject({ stageId: sales.stages[0].id, status: 'open', stageChangedAt: deal.body.stageChangedAt });
    const patched = await t.http().patch(`/api/deals/${deal.body.id}`).set(auth()).send({}).expect(200);
    expect(patched.body).toMatchObject({ title: 'На месте', amount: deal.body.amount });
  });

  it('deletes a deal', async () => {
    const deal = await t.http().post('/api/deals').set(auth()).send({ title: 'Удалить' }).expect(201);
    await t.http().delete(`/api/deals/${deal.body.id}`).set(auth()).expect(204);
    await t.http().get(`/api/deals/${deal.body.id}`).set(auth()).expect(404);
  });
});
