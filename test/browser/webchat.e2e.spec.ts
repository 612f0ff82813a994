import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conversations } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { chromiumMissingReason, launchBrowser, screenshot } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWidgetBuilt } from '../support/widget-build.js';

// Under CI a missing Chromium fails the suite instead of skipping it.
const skipReason = process.env.CI ? null : chromiumMissingReason();

describe.skipIf(skipReason)('web-chat widget in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let inbox: { id: string; widgetToken: string };
  let agent: { id: string; token: string };
  let agentSocket: AgentClient;
  let browser: Browser;
  let visitorContext: BrowserContext;
  let page: Page;
  let otherSite: Server;
  let otherSiteUrl: string;
  const connections = new Set<Socket>();
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  /** The widget lives in an open shadow root; Playwright's CSS locators reach into it. */
  const widget = (p: Page) => p.locator('#omnibox-webchat');
  const bubble = (p: Page, text: string) => widget(p).locator('.bubble').filter({ hasText: text });

  beforeAll(async () => {
    ensureWidgetBuilt();
    t = await startTestApp();
    baseUrl = await t.listen();
    t.app.getHttpServer().on('connection', (socket: Socket) => {
      connections.add(socket);
      socket.once('close', () => connections.delete(socket));
    });
    admin = await t.adminToken();
    const created = await t
      .http()
      .post('/api/inboxes')
      .set(auth())
      .send({
        type: 'webchat',
        name: 'Мебель «Уют»',
        settings: { allowedOrigins: [baseUrl], greeting: 'Здравствуйте! Чем можем помочь?', color: '#0a7c5a', workingHoursMessage: 'Отвечаем в будни с 9 до 18', askContact: 'after' },
      })
      .expect(201);
    inbox = { id: created.body.id, widgetToken: created.body.settings.widgetToken };
    agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    agentSocket = await connectAgent(baseUrl, agent.token);
    // Another site on another port: a page there embeds whichever widget its ?token= names.
    otherSite = createServer((req, res) => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><body><h1>Другой сайт</h1><script src="${baseUrl}/widget.js" data-token="${token}" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
    otherSiteUrl = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    visitorContext = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1100, height: 760 } });
    page = await visitorContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    agentSocket?.close();
    await new Promise<void>((resolve) => (otherSite ? otherSite.close(() => resolve()) : resolve()));
    await t?.close();
  });

  let conversationId: string;

  it('lets a visitor on /demo write, shows it to the agent live, and shows the agent reply to the visitor', async () => {
    await page.goto(`${baseUrl}/demo`);
    await widget(page).locator('.launcher').click();
    await widget(page).getByText('Отвечаем в будни с 9 до 18').waitFor();
    await bubble(page, 'Здравствуйте! Чем можем помочь?').waitFor();
    await screenshot(page, 'webchat-open');

    await widget(page).locator('textarea').fill('Добрый день! Есть ли диван «Осло» в сером цвете?');
    await widget(page).locator('textarea').press('Enter');
    const live = await agentSocket.waitFor('message.created', (e) => e.payload.content === 'Добрый день! Есть ли диван «Осло» в сером цвете?');
    conversationId = live.conversationId!;
    // Asked after the first message: the contact form appears.
    await widget(page).locator('form.contact').waitFor();
    await screenshot(page, 'webchat-visitor-wrote');

    await agentSocket.socket.emitWithAck('conversation.join', { conversationId });
    await agentSocket.socket.emitWithAck('typing', { conversationId, typing: true });
    await widget(page).locator('.typing').waitFor();

    await t.http().post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${agent.token}`).send({ text: 'Да, есть! Привезём завтра: https://example.com/osLo' }).expect(201);
    await bubble(page, 'Да, есть! Привезём завтра').waitFor();
    await widget(page).locator('.typing').waitFor({ state: 'hidden' });
    expect(await bubble(page, 'Да, есть!').locator('a').getAttribute('href')).toBe('https://example.com/osLo');
    await screenshot(page, 'webchat-agent-replied');
  });

  it('stores the page and the visitor language on the conversation', async () => {
    const res = await t.http().get(`/api/conversations/${conversationId}`).set(auth()).expect(200);
    expect(res.body.inbox.type).toBe('webchat');
    const [row] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(row.attributes.webchat).toMatchObject({ pageUrl: `${baseUrl}/demo`, language: 'ru-RU', timeZone: 'Europe/Moscow', origin: baseUrl });
  });

  it('fills the contact from the form shown after the first message', async () => {
    const form = widget(page).locator('form.contact');
    await form.locator('input[name=email]').fill('olga@');
    await form.locator('button[type=submit]').click();
    await form.getByText('name@example.com').waitFor();
    await form.locator('input[name=name]').fill('Ольга Ёжикова');
    await form.locator('input[name=email]').fill('olga@example.ru');
    await form.locator('button[type=submit]').click();
    await widget(page).getByText('Спасибо!').waitFor();
    const conversation = await t.http().get(`/api/conversations/${conversationId}`).set(auth()).expect(200);
    const contact = await t.http().get(`/api/contacts/${conversation.body.contactId}`).set(auth()).expect(200);
    expect(contact.body).toMatchObject({ name: 'Ольга Ёжикова', emails: ['olga@example.ru'] });
  });

  it('keeps the conversation after a reload', async () => {
    await page.reload();
    await bubble(page, 'Добрый день! Есть ли диван').waitFor();
    await bubble(page, 'Да, есть! Привезём завтра').waitFor();
    expect(await widget(page).locator('form.contact').isVisible()).toBe(false);
    await widget(page).locator('[data-state=online]').waitFor();
    await screenshot(page, 'webchat-after-reload');
  });

  it('queues a message while the server is unreachable and sends it when the connection returns', async () => {
    const server = t.app.getHttpServer() as Server;
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of connections) socket.destroy();
    });
    try {
      await widget(page).locator('[data-state=connecting]').waitFor();
      await widget(page).locator('textarea').fill('Доставка в субботу возможна?');
      await widget(page).locator('textarea').press('Enter');
      await widget(page).locator('.status').filter({ hasText: 'Нет связи' }).waitFor();
      await bubble(page, 'Доставка в субботу').getByText('Отправляется…').waitFor();
      await screenshot(page, 'webchat-offline-queued');
    } finally {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    }
    // The outage cut the agent's socket too: it comes back and catches up on what it missed.
    const cut = agentSocket;
    agentSocket = await connectAgent(baseUrl, agent.token, { lastEventId: cut.lastEventId() });
    cut.close();
    await bubble(page, 'Доставка в субботу').getByText('Отправляется…').waitFor({ state: 'detached', timeout: 30_000 });
    await agentSocket.waitFor('message.created', (e) => e.payload.content === 'Доставка в субботу возможна?');
    await widget(page).locator('[data-state=online]').waitFor();
    const thread = await t.http().get(`/api/conversations/${conversationId}/messages`).set(auth()).expect(200);
    expect(thread.body.items.filter((m: { content: string }) => m.content === 'Доставка в субботу возможна?')).toHaveLength(1);
  }, 60_000);

  it('fills the whole screen on a phone', async () => {
    const phone = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
    try {
      const mobile = await phone.newPage();
      await mobile.goto(`${baseUrl}/demo`);
      await widget(mobile).locator('.launcher').click();
      const box = await widget(mobile).locator('.window').boundingBox();
      expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 780 });
      expect(await widget(mobile).locator('textarea').getAttribute('placeholder')).toBe('Write a message…');
      await screenshot(mobile, 'webchat-phone');
    } finally {
      await phone.close();
    }
  });

  it('refuses the widget on a page of an origin the inbox does not allow', async () => {
    const foreign = await visitorContext.newPage();
    const warnings: string[] = [];
    foreign.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
    await foreign.goto(`${otherSiteUrl}/?token=${inbox.widgetToken}`);
    await widget(foreign).locator('[data-state=refused]').waitFor({ state: 'attached' });
    await widget(foreign).locator('.launcher').click();
    await widget(foreign).getByText('Этот чат не подключён к этому сайту.').waitFor();
    expect(await widget(foreign).locator('textarea').isVisible()).toBe(false);
    expect(warnings.join('\n')).toContain(otherSiteUrl);
    await screenshot(foreign, 'webchat-refused-origin');
  });

  it('asks for the name and e-mail before the first message when the inbox requires them', async () => {
    const strict = await t
      .http()
      .post('/api/inboxes')
      .set(auth())
      .send({ type: 'webchat', name: 'Support', settings: { allowedOrigins: [otherSiteUrl], askContact: 'before', requireContactInfo: true, locale: 'en', color: '#f5c518' } })
      .expect(201);
    const supervisor = await connectAgent(baseUrl, admin);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${otherSiteUrl}/?token=${strict.body.settings.widgetToken}`);
    await widget(visitor).locator('.launcher').click();
    const form = widget(visitor).locator('form.contact');
    await form.getByText('Introduce yourself to start the chat').waitFor();
    expect(await widget(visitor).locator('textarea').isVisible()).toBe(false);
    expect(await form.getByText('Not now').isVisible()).toBe(false);
    await screenshot(visitor, 'webchat-contact-before');

    await form.locator('input[name=name]').fill('John Carter');
    await form.locator('button[type=submit]').click();
    await form.getByText('name@example.com').waitFor();
    await form.locator('input[name=email]').fill('john.carter@example.com');
    await form.locator('button[type=submit]').click();
    await widget(visitor).locator('textarea').fill('Hi! Do you deliver to Kazan?');
    await widget(visitor).locator('textarea').press('Enter');
    const live = await supervisor.waitFor('conversation.created', (e) => e.payload.inboxId === strict.body.id);
    supervisor.close();
    expect(live.payload.contact?.name).toBe('John Carter');
    const contact = await t.http().get(`/api/contacts/${live.payload.contactId}`).set(auth()).expect(200);
    expect(contact.body.emails).toEqual(['john.carter@example.com']);
    await bubble(visitor, 'Do you deliver to Kazan?').getByText('Sending…').waitFor({ state: 'detached' });
    await screenshot(visitor, 'webchat-contact-before-sent');
  });

  it('shows a bot\'s buttons as quick answers and answers with the tapped one', async () => {
    const document = {
      start: 'size',
      nodes: [
        { id: 'size', type: 'ask', kind: 'choice', variable: 'size', text: 'Какой размер дивана?', buttons: [[{ id: 's', text: 'Двухместный' }, { id: 'l', text: 'Угловой' }]] },
        { id: 'done', type: 'end', text: 'Отлично, подберём угловой!' },
      ],
      edges: [{ from: 'size', to: 'done', on: 'l' }],
    };
    const flow = (await t.http().post('/api/bot-flows').set(auth()).send({ name: 'Размер', document, triggers: [{ type: 'keyword', inboxId: inbox.id, keywords: ['диван'] }] }).expect(201)).body;
    await t.http().post(`/api/bot-flows/${flow.id}/publish`).set(auth()).expect(200);
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1100, height: 760 } });
    const visitor = await context.newPage();
    await visitor.goto(`${baseUrl}/demo`);
    await widget(visitor).locator('.launcher').click();
    await widget(visitor).locator('textarea').fill('Хочу диван');
    await widget(visitor).locator('textarea').press('Enter');
    await bubble(visitor, 'Какой размер дивана?').waitFor();
    const answers = widget(visitor).locator('.quick-answer');
    expect(await answers.allTextContents()).toEqual(['Двухместный', 'Угловой']);
    await screenshot(visitor, 'webchat-quick-answers');
    await answers.filter({ hasText: 'Угловой' }).click();
    await bubble(visitor, 'Отлично, подберём угловой!').waitFor();
    await context.close();
  });
});
