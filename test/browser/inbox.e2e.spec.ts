import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';
import { t as translate } from '@app/i18n';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { chromiumMissingReason, launchBrowser, screenshot } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebAppBuilt, pictureSvg, signIn } from './web-app.js';

const ru = (key: Parameters<typeof translate>[0], params: Parameters<typeof translate>[1] = {}) => translate(key, params, 'ru');

/**
 * The agent web app in headless Chromium against the real server: everything an agent does in a
 * working day, through the screen only, checked against the API behind it.
 */
describe.skipIf(!process.env.CI && chromiumMissingReason())('agent web app in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let receiver: FakeHttpServer;
  let inbox: ApiInbox;
  let admin: string;
  let adminId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let colleague: { id: string; token: string; name: string };
  let colleagueSocket: AgentClient | undefined;
  let conversationId: string;
  let contactId: string;
  let stages: Array<{ id: string; name: string }>;
  // The live channel's sockets pass through here, so a test can cut the network and restore it.
  let networkDown = false;
  const liveSockets = new Set<WebSocketRoute>();

  const api = (method: 'get' | 'post' | 'patch', path: string) => t.http()[method](path).set('Authorization', `Bearer ${admin}`);

  beforeAll(async () => {
    ensureWebAppBuilt();
    // The api inbox's callback receiver; it also serves the photo the customer sends.
    const photo = pictureSvg(160, 100, 'kitchen');
    receiver = await startFakeHttpServer((request) =>
      request.method === 'GET' ? { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: photo } : { status: 200, body: { id: `cb-${request.headers['x-omnibox-delivery']}` } },
    );
    t = await startTestApp();
    baseUrl = await t.listen();
    admin = await t.adminToken();
    adminId = (await api('get', '/api/auth/me').expect(200)).body.id;
    inbox = await createApiInbox(t, admin, `${receiver.url}/callback`, 'Сайт');
    const pipeline = await api('post', '/api/pipelines')
      .send({ name: 'Продажи', isDefault: true, stages: [{ name: 'Новый лид' }, { name: 'Переговоры' }, { name: 'Успешно', kind: 'won' }] })
      .expect(201);
    stages = pipeline.body.stages;
    const user = await t.createUser('agent', { name: 'Ольга Коллегова', inboxIds: [inbox.id] });
    colleague = { ...user, name: 'Ольга Коллегова' };

    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (networkDown) return ws.close();
      ws.connectToServer();
      liveSockets.add(ws);
    });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    colleagueSocket?.close();
    await browser?.close();
    await t?.close();
    await receiver?.close();
  });

  it('shows the server message for a wrong password, then signs in', async () => {
    await signIn(page, baseUrl, ADMIN_EMAIL, 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(ru('errors.invalid_credentials'));
    await screenshot(page, '01-login-wrong-password');

    await page.getByLabel('Пароль').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('tab', { name: ru('ui.inbox.tab.mine') }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('shows a conversation that arrives from a signed webhook without a reload', async () => {
    await page.getByRole('tab', { name: ru('ui.inbox.tab.unassigned') }).click();
    await page.getByText(ru('ui.inbox.empty')).waitFor();
    await expect.poll(() => page.getByTestId('connection-state').count()).toBe(0);

    await postWebhook(t, inbox, {
      externalId: 'ext-1',
      contact: { externalId: 'pyotr', name: 'Пётр Ёлкин', phone: '+79123456789' },
      text: 'Здравствуйте! Когда привезут кухню?',
      attachments: [{ url: `${receiver.url}/photos/kitchen.svg`, contentType: 'image/svg+xml' }],
    }).expect(200);

    const row = page.locator('.conversation', { hasText: 'Пётр Ёлкин' });
    await row.waitFor();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('1');
    await expect.poll(() => row.textContent()).toContain('Здравствуйте! Когда привезут кухню?');
    conversationId = (await row.getAttribute('data-conversation-id'))!;
    contactId = (await api('get', `/api/conversations/${conversationId}`).expect(200)).body.contactId;
    await screenshot(page, '02-conversation-arrived-live');
  });

  it('opens the conversation, replies with Enter and shows the sent tick', async () => {
    await page.locator('.conversation', { hasText: 'Пётр Ёлкин' }).click();
    await page.locator('.bubble--incoming', { hasText: 'Когда привезут кухню?' }).waitFor();
    const photo = page.locator('.attachment--image img');
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(160);
    // Opening reads it: the unread badge goes away here and on the server.
    await expect.poll(async () => (await api('get', `/api/conversations/${conversationId}`)).body.unreadCount).toBe(0);

    const composer = page.getByRole('textbox', { name: ru('ui.composer.reply') });
    await composer.fill('Добрый день!');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('Привезём завтра до 12:00.');
    await composer.press('Enter');

    const reply = page.locator('.bubble--outgoing', { hasText: 'Привезём завтра до 12:00.' });
    await reply.waitFor();
    await expect.poll(() => reply.locator('.tick').getAttribute('data-status')).toBe('sent');
    const delivered = receiver.requests.find((r) => r.path === '/callback');
    expect(JSON.parse(delivered!.body.toString()).text).toBe('Добрый день!\nПривезём завтра до 12:00.');
    await expect.poll(() => composer.inputValue()).toBe('');
    await screenshot(page, '03-reply-sent');
  });

  it('marks a reply the channel refused as failed and sends it again on request', async () => {
    receiver.respondNext({ status: 400, body: { error: 'unknown recipient' } });
    const composer = page.getByRole('textbox', { name: ru('ui.composer.reply') });
    await composer.fill('Уточните адрес, пожалуйста');
    await composer.press('Enter');
    const reply = page.locator('.bubble--outgoing', { hasText: 'Уточните адрес' });
    await expect.poll(() => reply.locator('.tick').getAttribute('data-status')).toBe('failed');
    await reply.getByRole('alert').waitFor();
    await screenshot(page, '03b-reply-failed');

    await reply.getByRole('button', { name: ru('ui.thread.retry') }).click();
    await expect.poll(() => reply.locator('.tick').getAttribute('data-status')).toBe('sent');
    expect(await reply.getByRole('button', { name: ru('ui.thread.retry') }).count()).toBe(0);
  });

  it('adds a private note that is not sent to the customer', async () => {
    await page.getByRole('button', { name: ru('ui.composer.note'), exact: true }).click();
    const note = page.getByRole('textbox', { name: ru('ui.composer.note') });
    await note.fill('Клиент просил звонить после 18:00');
    await note.press('Enter');
    await page.locator('.bubble--note', { hasText: 'после 18:00' }).waitFor();
    // Two replies went out (one of them twice); the note did not.
    expect(receiver.requests.filter((r) => r.path === '/callback')).toHaveLength(3);
    await page.getByRole('button', { name: ru('ui.composer.reply'), exact: true }).click();
  });

  it('shows a colleague typing and tells the colleague when the agent types', async () => {
    colleagueSocket = await connectAgent(baseUrl, colleague.token);
    await new Promise((resolve) => colleagueSocket!.socket.emit('conversation.join', { conversationId }, resolve));
    colleagueSocket.socket.emit('typing', { conversationId, typing: true });
    await page.getByText(ru('ui.thread.typing', { names: colleague.name })).waitFor();

    await page.getByRole('textbox', { name: ru('ui.composer.reply') }).pressSequentially('Ещё');
    const typing = await colleagueSocket.waitFor('typing', (e) => e.payload.userId === adminId && e.payload.typing);
    expect(typing.conversationId).toBe(conversationId);
    await page.getByRole('textbox', { name: ru('ui.composer.reply') }).fill('');
  });

  it('assigns the conversation to me and resolves it', async () => {
    await page.getByRole('button', { name: ru('ui.actions.assign_me') }).click();
    await expect.poll(() => page.getByRole('combobox', { name: ru('ui.actions.assignee') }).inputValue()).toBe(adminId);
    await expect.poll(async () => (await api('get', `/api/conversations/${conversationId}`)).body.assigneeId).toBe(adminId);
    await page.locator('.system-line', { hasText: 'Administrator' }).first().waitFor();

    await page.getByRole('button', { name: ru('ui.actions.resolve') }).click();
    await expect.poll(() => page.getByTestId('conversation-status').textContent()).toBe(ru('ui.status.resolved'));
    await expect.poll(async () => (await api('get', `/api/conversations/${conversationId}`)).body.status).toBe('resolved');
    // The unassigned open list no longer holds it.
    await expect.poll(() => page.locator('.conversation', { hasText: 'Пётр Ёлкин' }).count()).toBe(0);
    await screenshot(page, '04-assigned-and-resolved');
  });

  it('shows the server field error next to the contact field', async () => {
    const card = page.getByRole('region', { name: ru('ui.contact.card'), exact: true });
    await card.getByRole('button', { name: ru('ui.action.edit') }).click();
    await card.getByLabel(ru('ui.contact.phones')).fill('abc');
    await card.getByRole('button', { name: ru('ui.action.save') }).click();
    const error = card.locator('#contact-phones-error');
    await expect.poll(() => error.textContent()).toBe(ru('errors.invalid_phone', { value: 'abc' }));
    expect(await card.getByLabel(ru('ui.contact.phones')).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '05-contact-field-error');

    await card.getByLabel(ru('ui.contact.phones')).fill('8 912 345-67-89');
    await card.getByLabel(ru('ui.contact.tags')).fill('доставка, vip');
    await card.getByRole('button', { name: ru('ui.action.save') }).click();
    await card.getByText('+79123456789').waitFor();
    expect((await api('get', `/api/contacts/${contactId}`)).body.tags).toEqual(['доставка', 'vip']);
  });

  it('creates a deal from the conversation and links it', async () => {
    await page.getByRole('button', { name: `+ ${ru('ui.deal.create')}` }).click();
    const form = page.getByRole('form', { name: ru('ui.deal.create') });
    await form.getByLabel(ru('ui.deal.amount')).fill('231 900,50');
    await form.getByRole('button', { name: ru('ui.deal.create') }).click();
    await page.locator('.deal-box__title', { hasText: ru('ui.deal.default_title', { name: 'Пётр Ёлкин' }) }).waitFor();
    const dealId = (await api('get', `/api/conversations/${conversationId}`)).body.dealId as string;
    expect(dealId).toBeTruthy();
    expect((await api('get', `/api/deals/${dealId}`)).body).toMatchObject({ amount: '231900.50', stageId: stages[0].id, contactId });
  });

  it('moves a deal to another stage by drag and drop and sums each column', async () => {
    const deal = await api('post', '/api/deals').send({ title: 'Офисные кресла', amount: '95880', stageId: stages[0].id }).expect(201);
    await page.getByRole('link', { name: ru('ui.nav.deals') }).click();
    const card = page.locator(`[data-deal-id="${deal.body.id}"]`);
    const target = page.locator(`[data-stage-id="${stages[1].id}"]`);
    await card.waitFor();
    await card.dragTo(target);
    await expect.poll(async () => (await api('get', `/api/deals/${deal.body.id}`)).body.stageId).toBe(stages[1].id);
    await target.locator(`[data-deal-id="${deal.body.id}"]`).waitFor();
    await expect.poll(() => target.getByTestId('column-sum').textContent()).toMatch(/^95\s880\s₽$/);
    await expect.poll(() => page.locator(`[data-stage-id="${stages[0].id}"]`).getByTestId('column-sum').textContent()).toMatch(/^231\s900,50\s₽$/);
    await screenshot(page, '06-deal-moved');
  });

  it('opens a deal with its conversations', async () => {
    await page.locator('.deal-card', { hasText: 'Пётр Ёлкин' }).click();
    const sheet = page.getByRole('dialog');
    await sheet.locator('.mini-list', { hasText: 'Пётр Ёлкин' }).waitFor();
    await screenshot(page, '07-deal-detail');
    await sheet.getByRole('button', { name: ru('ui.action.close') }).click();
  });

  it('searches contacts and companies and opens their pages', async () => {
    await api('post', '/api/companies').send({ name: 'ООО «Северный ветер»', domain: 'severveter.ru' }).expect(201);
    await page.getByRole('link', { name: ru('ui.nav.contacts') }).click();
    await page.getByRole('searchbox', { name: ru('ui.contact.search') }).fill('ёлкин');
    await page.locator('.row', { hasText: 'Пётр Ёлкин' }).click();
    const card = page.getByRole('region', { name: ru('ui.contact.card'), exact: true });
    await card.getByText('+79123456789').waitFor();
    await page.locator('.crm__detail .mini-list', { hasText: 'Пётр Ёлкин' }).first().waitFor();
    await screenshot(page, '08-contact-page');

    await page.getByRole('link', { name: ru('ui.nav.companies') }).click();
    await page.getByRole('searchbox', { name: ru('ui.company.search') }).fill('ветер');
    await page.locator('.row', { hasText: 'Северный ветер' }).click();
    await page.getByRole('button', { name: ru('ui.action.edit') }).click();
    await page.getByLabel(ru('ui.company.domain')).fill('not a domain');
    await page.getByRole('button', { name: ru('ui.action.save') }).click();
    await page.locator('.crm__detail .field-error').waitFor();
    await screenshot(page, '09-company-field-error');
  });

  it('switches the interface to English and remembers it for the user', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('link', { name: 'Deals' }).waitFor();
    await expect.poll(async () => (await api('get', `/api/users/${adminId}`)).body.locale).toBe('en');
    await page.getByRole('button', { name: 'RU', exact: true }).click();
    await page.getByRole('link', { name: ru('ui.nav.deals') }).waitFor();
    await expect.poll(async () => (await api('get', `/api/users/${adminId}`)).body.locale).toBe('ru');
  });

  it('finds everything in place after a reload', async () => {
    await page.goto(`${baseUrl}/deals`);
    await page.reload();
    await page.locator(`[data-stage-id="${stages[1].id}"] .deal-card`, { hasText: 'Офисные кресла' }).waitFor();
    await page.goto(`${baseUrl}/inbox/${conversationId}`);
    await page.locator('.bubble--outgoing .tick[data-status="sent"]').first().waitFor();
    await page.locator('.bubble--note', { hasText: 'после 18:00' }).waitFor();
    await expect.poll(() => page.getByTestId('conversation-status').textContent()).toBe(ru('ui.status.resolved'));
    await page.locator('.deal-box__title').waitFor();
    await screenshot(page, '10-after-reload');
  });

  it('explains a missing conversation or page instead of showing a blank screen', async () => {
    const missing = '01890000-0000-7000-8000-000000000000';
    await page.goto(`${baseUrl}/inbox/${missing}`);
    await page.getByText(ru('errors.not_found', { entity: 'entity.conversation', id: missing })).waitFor();
    await page.goto(`${baseUrl}/no/such/page`);
    await page.getByText(ru('ui.not_found')).waitFor();
    await page.getByRole('link', { name: ru('ui.nav.inbox') }).click();
  });

  it('shows "reconnecting" during a network drop and catches up afterwards', async () => {
    await page.getByRole('tab', { name: ru('ui.inbox.tab.all') }).click();
    await expect.poll(() => page.getByTestId('connection-state').count()).toBe(0);
    networkDown = true;
    for (const ws of liveSockets) await ws.close();
    liveSockets.clear();
    await page.getByTestId('connection-state').getByText(ru('ui.live.reconnecting')).waitFor();
    await screenshot(page, '11-reconnecting');

    // Written while the agent is offline: it must show up once the connection is back.
    await postWebhook(t, inbox, { externalId: 'ext-offline', contact: { externalId: 'maria', name: 'Мария Соколова' }, text: 'Пока вас не было' }).expect(200);
    networkDown = false;
    await expect.poll(() => page.getByTestId('connection-state').count(), { timeout: 15_000 }).toBe(0);
    await page.locator('.conversation', { hasText: 'Пока вас не было' }).waitFor();
  });

  it('lists the keyboard shortcuts on "?" and snoozes, reopens and resolves from the keyboard', async () => {
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: ru('ui.shortcuts.title') });
    await help.getByText(ru('ui.shortcuts.resolve')).waitFor();
    await screenshot(page, '12-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);

    await page.locator('.conversation', { hasText: 'Мария Соколова' }).click();
    await page.locator('.bubble--incoming', { hasText: 'Пока вас не было' }).waitFor();
    const id = page.url().split('/').pop()!;
    await page.locator('body').press('a');
    await expect.poll(async () => (await api('get', `/api/conversations/${id}`)).body.assigneeId).toBe(adminId);

    await page.locator('body').press('s');
    const before = Date.now();
    await page.getByRole('group', { name: ru('ui.actions.snooze') }).getByRole('button', { name: ru('ui.snooze.hour') }).click();
    await expect.poll(async () => (await api('get', `/api/conversations/${id}`)).body.status).toBe('snoozed');
    const until = Date.parse((await api('get', `/api/conversations/${id}`)).body.snoozedUntil);
    expect(until - before).toBeGreaterThan(3500_000);
    await expect.poll(() => page.getByTestId('conversation-status').textContent()).toContain(ru('ui.status.snoozed'));
    await page.locator('body').press('o');
    await expect.poll(async () => (await api('get', `/api/conversations/${id}`)).body.status).toBe('open');
    await page.locator('body').press('e');
    await expect.poll(async () => (await api('get', `/api/conversations/${id}`)).body.status).toBe('resolved');
  });

  it('shows the list and the thread as separate views on a phone', async () => {
    const phone = await browser.newContext({ locale: 'ru-RU', viewport: { width: 390, height: 844 }, storageState: await context.storageState(), isMobile: true, hasTouch: true });
    const mobile = await phone.newPage();
    await mobile.goto(`${baseUrl}/inbox`);
    await mobile.getByRole('tab', { name: ru('ui.inbox.tab.all') }).click();
    await mobile.getByRole('combobox', { name: ru('ui.inbox.filter.status') }).selectOption('all');
    const row = mobile.locator('.conversation', { hasText: 'Пётр Ёлкин' });
    await row.waitFor();
    expect(await mobile.locator('.inbox__thread').isVisible()).toBe(false);
    await screenshot(mobile, '13-mobile-list');

    await row.click();
    await mobile.locator('.bubble--outgoing', { hasText: 'Привезём завтра' }).waitFor();
    expect(await mobile.locator('.inbox__list').isVisible()).toBe(false);
    const width = await mobile.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(mobile, '14-mobile-thread');

    await mobile.getByRole('button', { name: ru('ui.action.back') }).click();
    await row.waitFor();
    await phone.close();
  });

  it('sends the agent back to sign-in with a notice when the session is no longer valid', async () => {
    await page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('omnibox.session')!);
      localStorage.setItem('omnibox.session', JSON.stringify({ ...stored, token: 'revoked.token.value' }));
    });
    await page.reload();
    await page.getByText(ru('ui.login.expired')).waitFor();
    await screenshot(page, '15-session-expired');

    await signIn(page, baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('button', { name: ru('ui.action.logout') }).click();
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('omnibox.session'))).toBeNull();
  });
});
