import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramShopFlow } from '@app/bots';
import { RealtimeService } from '@app/realtime';
import { startFakeTelegramBotApi, type BotApiCall, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import * as updates from '../support/fakes/telegram-updates.js';
import { createTelegramInbox, postUpdate, type TelegramInbox } from '../support/telegram-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://inbox.example.com';
const STAFF_TOKEN = '987654321:AAF-staff-telegram-token_0123456789abc';
const MANAGER_TELEGRAM = { id: 4_200_000_001, is_bot: false, first_name: 'Ольга', username: 'olga_manager', language_code: 'ru' };

describe('the Telegram shop flow end to end', () => {
  let shopApi: FakeTelegramBotApi;
  let staffApi: FakeTelegramBotApi;
  let t: TestApp;
  let admin: string;
  let inbox: TelegramInbox;
  let pipeline: { id: string; stages: Array<{ id: string; name: string }> };
  let manager: { id: string; token: string };
  const products: Record<string, { id: string }> = {};
  let updateId = 50_000;
  let messageId = 9_000;

  const auth = (token = admin) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    shopApi = await startFakeTelegramBotApi();
    staffApi = await startFakeTelegramBotApi({ tokens: [STAFF_TOKEN] });
    t = await startTestApp({ env: { PUBLIC_URL, STAFF_TELEGRAM_BOT_TOKEN: STAFF_TOKEN, STAFF_TELEGRAM_API_ROOT: staffApi.url }, queueBackoff: { type: 'fixed', delayMs: 20 } });
    admin = await t.adminToken();
    inbox = await createTelegramInbox(t, admin, shopApi);
    manager = await t.createUser('supervisor', { name: 'Ольга Менеджер', inboxIds: [inbox.id] });
    pipeline = (await t.http().post('/api/pipelines').set(auth()).send({ name: 'Заказы из бота', stages: [{ name: 'Новый заказ' }, { name: 'Доставлен' }] }).expect(201)).body;
    for (const [key, body] of Object.entries({
      coffee: { name: 'Кофе Эфиопия', price: '890.00', stock: 10, sku: 'COF-1', category: 'Кофе', photoUrl: 'https://shop.example.com/coffee.jpg' },
      press: { name: 'Френч-пресс', price: '1750.50', stock: 3, sku: 'FP-1', category: 'Кофе' },
    })) {
      products[key] = (await t.http().post('/api/products').set(auth()).send(body).expect(201)).body;
    }
    const flow = (
      await t
        .http()
        .post('/api/bot-flows')
        .set(auth())
        .send({ name: 'Магазин', document: telegramShopFlow({ pipelineId: pipeline.id, stageId: pipeline.stages[0].id }), triggers: [{ type: 'command', inboxId: inbox.id, command: '/start' }] })
        .expect(201)
    ).body;
    await t.http().post(`/api/bot-flows/${flow.id}/publish`).set(auth()).expect(200);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await shopApi?.close();
    await staffApi?.close();
  });

  const customer: updates.User = { id: 7_300_000_001, is_bot: false, first_name: 'Мария', username: 'maria_shop', language_code: 'ru' };
  const sentToCustomer = (call: BotApiCall) => String(call.params.chat_id) === String(customer.id);
  /** The bot's next message to the customer whose text (or caption) contains `text`, after `since` calls. */
  async function botSays(text: string, since: number): Promise<BotApiCall> {
    return shopApi.waitForCall('sendMessage', (c) => shopApi.calls.indexOf(c) >= since && sentToCustomer(c) && String(c.params.text).includes(text), 20_000);
  }
  function keyboardOf(call: BotApiCall): Array<{ text: string; callback_data?: string }> {
    return ((call.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> })?.inline_keyboard ?? []).flat();
  }
  const press = (data: string) => postUpdate(t, inbox, updates.callbackQuery(updateId++, `q${updateId}`, data, customer, messageId)).expect(200);
  const write = (text: string) => postUpdate(t, inbox, updates.privateText(updateId++, messageId++, text, customer)).expect(200);

  it('links the manager\'s Telegram chat to the staff bot with /start <code>', async () => {
    const link = (await t.http().get('/api/users/me/staff-bot-link').set(auth(manager.token)).expect(200)).body;
    expect(link).toMatchObject({ enabled: true, botUsername: 'shop_test_bot', linked: false, url: `https://t.me/shop_test_bot?start=${link.code}` });
    staffApi.queueUpdate(updates.privateText(0, 1, `/start ${link.code}`, MANAGER_TELEGRAM));
    const answer = await staffApi.waitForCall('sendMessage', (c) => String(c.params.chat_id) === String(MANAGER_TELEGRAM.id), 20_000);
    expect(answer.params.text).toContain('Готово, Ольга Менеджер');
    expect((await t.http().get('/api/users/me/staff-bot-link').set(auth(manager.token)).expect(200)).body.linked).toBe(true);
  }, 60_000);

  it('takes an order: catalog → cart → form (with a retry) → confirm → a deal with the line items, and tells the manager', async () => {
    let since = shopApi.calls.length;
    await write('/start');
    await botSays('Это наш магазин', since);
    const catalog = await botSays('Каталог: выберите товар', since);
    const coffeeButton = keyboardOf(catalog).find((b) => b.callback_data === `p_${products.coffee.id}`);
    expect(coffeeButton?.text).toMatch(/^Кофе Эфиопия — 890\s₽$/);

    since = shopApi.calls.length;
    await press(`p_${products.coffee.id}`);
    const photo = await shopApi.waitForCall('sendPhoto', (c) => shopApi.calls.indexOf(c) >= since && sentToCustomer(c), 20_000);
    expect(photo.params.photo).toBe('https://shop.example.com/coffee.jpg');
    expect(keyboardOf(photo).map((b) => b.callback_data)).toEqual(['add', 'back']);

    since = shopApi.calls.length;
    await press('add');
    await botSays('Кофе Эфиопия × 1 в корзине', since);
    await botSays('Каталог', since);
    since = shopApi.calls.length;
    await press(`p_${products.press.id}`);
    await shopApi.waitForCall('sendMessage', (c) => shopApi.calls.indexOf(c) >= since && sentToCustomer(c) && String(c.params.text).startsWith('Френч-пресс'), 20_000);
    since = shopApi.calls.length;
    await press('add');
    const again = await botSays('Каталог', since);
    expect(keyboardOf(again).at(-1)?.callback_data).toBe('checkout');
    since = shopApi.calls.length;
    await press(`p_${products.coffee.id}`);
    await shopApi.waitForCall('sendPhoto', (c) => shopApi.calls.indexOf(c) >= since && sentToCustomer(c), 20_000);
    since = shopApi.calls.length;
    await press('add');
    await botSays('Кофе Эфиопия × 1 в корзине. Итого: 3', since);

    since = shopApi.calls.length;
    await press('checkout');
    const cart = await botSays('Ваша корзина', since);
    expect(cart.params.text).toContain('Итого: 3');
    since = shopApi.calls.length;
    await press('checkout');
    await botSays('Как вас зовут?', since);
    since = shopApi.calls.length;
    await write('Мария Петрова');
    await botSays('Ваш номер телефона?', since);
    since = shopApi.calls.length;
    await write('позвоните мне');
    await botSays('Это не похоже на номер телефона', since);
    since = shopApi.calls.length;
    await write('8 912 000-11-22');
    await botSays('Адрес доставки?', since);
    since = shopApi.calls.length;
    await write('Казань, ул. Баумана, 1');
    await botSays('Когда удобно', since);
    since = shopApi.calls.length;
    await write('завтра после 18:00');
    const confirm = await botSays('Проверьте заказ', since);
    expect(confirm.params.text).toContain('+79120001122');
    since = shopApi.calls.length;
    await press('confirm');
    const done = await botSays('Спасибо! Заказ принят', since);

    const deals = (await t.http().get('/api/deals').query({ pipelineId: pipeline.id }).set(auth()).expect(200)).body.items;
    expect(deals).toHaveLength(1);
    const deal = (await t.http().get(`/api/deals/${deals[0].id}`).set(auth()).expect(200)).body;
    expect(deal).toMatchObject({ stageId: pipeline.stages[0].id, amount: '3530.50', title: 'Заказ: Мария Петрова' });
    expect(deal.lineItems.map((i: { name: string; quantity: string; unitPrice: string; sku: string | null }) => [i.name, Number(i.quantity), i.unitPrice, i.sku])).toEqual([
      ['Кофе Эфиопия', 2, '890.00', 'COF-1'],
      ['Френч-пресс', 1, '1750.50', 'FP-1'],
    ]);
    const conversation = (await t.http().get('/api/conversations').query({ inboxId: inbox.id, status: 'all' }).set(auth()).expect(200)).body.items[0];
    expect(conversation.dealId).toBe(deal.id);
    expect(done.params.text).toMatch(/Заказ: Мария Петрова, 3\s530,50\s₽/);

    const notice = await staffApi.waitForCall('sendMessage', (c) => String(c.params.chat_id) === String(MANAGER_TELEGRAM.id) && String(c.params.text).includes('Новый заказ'), 20_000);
    expect(notice.params.text).toContain('Заказ: Мария Петрова');
    expect(keyboardOf(notice)).toEqual([
      { text: 'Открыть разговор', url: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/inbox/`)) },
      { text: 'Открыть сделку', url: `${PUBLIC_URL}/deals/${deal.id}` },
    ]);
    const stock = (await t.http().get(`/api/products/${products.press.id}`).set(auth()).expect(200)).body.stock;
    expect(stock).toBe(2);
  }, 180_000);

  it('tells the assignee about an SLA breach through the staff bot, with the conversation link', async () => {
    const conversation = (await t.http().get('/api/conversations').query({ inboxId: inbox.id, status: 'all' }).set(auth()).expect(200)).body.items[0];
    const since = staffApi.calls.length;
    t.app.get(RealtimeService).emitSla(
      'sla.breached',
      { conversationId: conversation.id, kind: 'first_response', dueAt: new Date().toISOString(), assigneeId: manager.id, inboxId: inbox.id, contactName: 'Мария' },
      { inboxId: inbox.id, conversationId: conversation.id, assigneeId: manager.id },
    );
    const notice = await staffApi.waitForCall('sendMessage', (c) => staffApi.calls.indexOf(c) >= since && String(c.params.chat_id) === String(MANAGER_TELEGRAM.id), 20_000);
    expect(notice.params.text).toBe('⏰ Нарушен SLA (первый ответ), клиент: Мария');
    expect(keyboardOf(notice)).toEqual([{ text: 'Открыть разговор', url: `${PUBLIC_URL}/inbox/${conversation.id}` }]);
  }, 60_000);
});
