import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { botFlows, botSessions, messages } from '@app/db';
import { TriggerSweepService } from '@app/marketing';
import { createApiInbox, type ApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { auth, routingHelpers } from '../support/routing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REMINDER = '{{contact.name}}, в корзине осталось: {{cart.items | "ваши товары"}}. Итого {{cart.total}}.';

/** `{{cart.total}}` and `{{cart.items}}`: offered and accepted by templates, filled by a "cart abandoned" trigger, empty elsewhere. */
describe('cart variables in message templates over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let inbox: ApiInbox;
  let templateId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, undefined, 'Магазин');
  });
  afterAll(() => t?.close());

  it('offers the cart variables with a description in the reader\'s language', async () => {
    const ru = await t.http().get('/api/templates/variables').set(auth(admin)).set('Accept-Language', 'ru').expect(200);
    expect(ru.body.items).toEqual(expect.arrayContaining(['cart.total', 'cart.items']));
    expect(ru.body.descriptions['cart.total']).toMatch(/^Сумма корзины/);
    expect(ru.body.descriptions['cart.items']).toMatch(/^Товары корзины/);
    const en = await t.http().get('/api/templates/variables').set(auth(admin)).set('Accept-Language', 'en').expect(200);
    expect(en.body.descriptions['cart.total']).toMatch(/^The total of the cart/);
    expect(Object.keys(en.body.descriptions)).toEqual(en.body.items);
  });

  it('saves a template with the cart variables and still refuses a misspelt one', async () => {
    const created = await t.http().post('/api/templates').set(auth(admin)).send({ shortCode: 'cart', name: 'Брошенная корзина', body: REMINDER, variants: { sms: 'Корзина: {{cart.total}}' } }).expect(201);
    templateId = created.body.id;
    const typo = await t.http().post('/api/templates').set(auth(admin)).send({ shortCode: 'cart-typo', name: 'Опечатка', body: 'Итого {{cart.totl}}' }).expect(400);
    expect(typo.body.errors[0]).toMatchObject({ field: 'body' });
    expect(typo.body.errors[0].message).toContain('{{cart.totl}}');
  });

  it('previews the cart from sample values, and its fallback and nothing when no cart is given', async () => {
    const withCart = await t.http().post('/api/templates/preview').set(auth(admin)).send({ body: REMINDER, values: { 'contact.name': 'Анна', 'cart.items': 'Кофе × 2', 'cart.total': '1780.00 RUB' } }).expect(200);
    expect(withCart.body).toMatchObject({ text: 'Анна, в корзине осталось: Кофе × 2. Итого 1780.00 RUB.', missing: [] });
    const withoutCart = await t.http().post('/api/templates/preview').set(auth(admin)).send({ body: REMINDER, values: { 'contact.name': 'Анна' } }).expect(200);
    expect(withoutCart.body).toMatchObject({ text: 'Анна, в корзине осталось: ваши товары. Итого .', missing: ['cart.items', 'cart.total'] });
  });

  it('sends the cart of an abandoned bot session through a "cart abandoned" trigger, and the fallback in a test without a cart', async () => {
    const trigger = await t
      .http()
      .post('/api/triggers')
      .set(auth(admin))
      .send({ name: 'Корзина', kind: 'event', config: { event: 'cart_abandoned', hours: 2 }, inboxId: null, templateId, quietHours: null })
      .expect(201);
    const conversation = await routingHelpers(t, () => admin).customerWrites(inbox, { externalId: `c-${randomUUID()}`, name: 'Ёлкина Мария' }, 'Хочу кофе');
    const [flow] = await t.db.insert(botFlows).values({ name: 'Магазин', draft: {} }).returning();
    const now = new Date();
    await t.db.insert(botSessions).values({
      conversationId: conversation.id,
      flowId: flow.id,
      version: 1,
      status: 'ended',
      variables: { cart: { items: [{ productId: 'p1', name: 'Кофе', sku: null, price: '890.00', quantity: 2 }], total: '1780.00', currency: 'RUB' } },
      endedAt: new Date(now.getTime() - 3 * 3_600_000),
    });

    const sweeper = t.app.get(TriggerSweepService);
    await sweeper.sweep(now);
    await sweeper.sweep(new Date(now.getTime() + 60_000));
    const [occurrence] = (await t.http().get(`/api/triggers/${trigger.body.id}/occurrences`).set(auth(admin)).expect(200)).body.items;
    expect(occurrence).toMatchObject({ status: 'sent', contactId: conversation.contactId });
    await eventually(async () => {
      const [row] = await t.db.select().from(messages).where(eq(messages.id, occurrence.messageId));
      expect(row.content).toBe('Ёлкина Мария, в корзине осталось: Кофе × 2. Итого 1780.00 RUB.');
    });

    const test = await t.http().post(`/api/triggers/${trigger.body.id}/test`).set(auth(admin)).send({ contactId: conversation.contactId }).expect(200);
    expect(test.body).toMatchObject({ status: 'sent', test: true });
    const [sent] = await t.db.select().from(messages).where(eq(messages.id, test.body.messageId));
    expect(sent.content).toBe('Ёлкина Мария, в корзине осталось: ваши товары. Итого .');
  });
});
