import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';
import { t as translate } from '@app/i18n';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { chromiumMissingReason, launchBrowser, screenshot } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebAppBuilt, signIn } from './web-app.js';

const ru = (key: Parameters<typeof translate>[0], params: Parameters<typeof translate>[1] = {}) => translate(key, params, 'ru');

const sizeFlow = {
  start: 'ask_size',
  nodes: [
    { id: 'ask_size', type: 'message', text: 'Какой размер?', buttons: [[{ id: 'small', text: 'Маленький' }, { id: 'big', text: 'Большой' }]] },
    { id: 'done_small', type: 'end', text: 'Маленький — отличный выбор!' },
    { id: 'done_big', type: 'end', text: 'Большой — отличный выбор!' },
  ],
  edges: [
    { from: 'ask_size', to: 'done_small', on: 'small' },
    { from: 'ask_size', to: 'done_big', on: 'big' },
  ],
};

/** A manager builds a bot flow in the web app: pastes it, sees its graph and its errors, publishes it and chats with it. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('bot flows in the web app (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let browser: Browser;
  let page: Page;
  let flowId: string;
  let receiver: FakeHttpServer;
  let inbox: ApiInbox;

  const editor = () => page.getByRole('textbox', { name: ru('ui.bots.json') });
  const api = (method: 'get' | 'post' | 'patch', path: string) => t.http()[method](path).set('Authorization', `Bearer ${admin}`);

  beforeAll(async () => {
    ensureWebAppBuilt();
    receiver = await startFakeHttpServer((request) => ({ status: 200, body: { id: `cb-${request.headers['x-omnibox-delivery']}` } }));
    t = await startTestApp();
    baseUrl = await t.listen();
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, `${receiver.url}/callback`, 'Сайт');
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await signIn(page, baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: ru('ui.nav.bots') }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await receiver?.close();
  });

  it('creates a flow from pasted JSON and draws its nodes and branches', async () => {
    await page.getByRole('link', { name: ru('ui.nav.bots') }).click();
    await page.getByText(ru('ui.bots.empty')).waitFor();
    await page.getByRole('button', { name: `+ ${ru('ui.bots.new')}` }).click();
    const form = page.getByRole('form', { name: ru('ui.bots.new') });
    await form.getByLabel(ru('ui.bots.name')).fill('Выбор размера');
    await form.getByLabel(ru('ui.bots.source.json')).check();
    await form.getByLabel(ru('ui.bots.json')).fill(JSON.stringify(sizeFlow, null, 2));
    await form.getByRole('button', { name: ru('ui.action.create') }).click();

    await page.getByRole('heading', { name: 'Выбор размера' }).waitFor();
    flowId = new URL(page.url()).pathname.split('/')[2]!;
    const graph = page.getByRole('figure', { name: ru('ui.bots.graph') });
    await expect.poll(() => graph.locator('.react-flow__node').count()).toBe(3);
    expect(await graph.locator('.react-flow__node', { hasText: 'message · Какой размер?' }).count()).toBe(1);
    await expect.poll(() => graph.locator('.react-flow__edge-text').allTextContents()).toEqual(expect.arrayContaining(['small', 'big']));
    await page.getByText(ru('ui.bots.valid')).waitFor();
    await screenshot(page, 'bots-01-flow-graph');

    const stored = await api('get', `/api/bot-flows/${flowId}`).expect(200);
    expect(stored.body.draft.nodes.map((n: { id: string }) => n.id)).toEqual(['ask_size', 'done_small', 'done_big']);
    expect(stored.body.publishedVersion).toBeNull();
  });

  it('selects a node in the JSON when it is clicked on the graph', async () => {
    await page.locator('.react-flow__node', { hasText: 'Большой — отличный' }).click();
    const selected = await editor().evaluate((area) => {
      const text = area as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return text.value.slice(text.selectionStart, text.selectionEnd);
    });
    expect(JSON.parse(selected)).toEqual(sizeFlow.nodes[2]);
  });

  it('shows a JSON syntax error at once and the server validation error with its field path', async () => {
    await editor().fill('{ "start": "ask_size", ');
    await page.getByText(/^Ошибка в JSON/).waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(3);

    const broken = { ...sizeFlow, edges: [...sizeFlow.edges, { from: 'ask_size', to: 'nowhere', on: 'small' }] };
    await editor().fill(JSON.stringify(broken, null, 2));
    const errors = page.getByRole('alert', { name: ru('ui.bots.errors') });
    await errors.waitFor();
    await expect.poll(() => errors.textContent()).toContain('edges.2.to');
    await screenshot(page, 'bots-02-validation-error');

    await editor().fill(JSON.stringify(sizeFlow, null, 2));
    await page.getByText(ru('ui.bots.valid')).waitFor();
  });

  it('publishes the draft as version 1', async () => {
    await page.getByRole('button', { name: ru('ui.bots.publish') }).click();
    await page.getByText(ru('ui.bots.published', { version: 1 })).waitFor();
    await page.getByText(ru('ui.bots.live_version', { version: 1 })).waitFor();
    const stored = await api('get', `/api/bot-flows/${flowId}`).expect(200);
    expect(stored.body.publishedVersion).toBe(1);

    await page.getByRole('tab', { name: ru('ui.bots.flow_tab.versions') }).click();
    await page.locator('.bots-versions__list li', { hasText: 'v1' }).waitFor();
  });

  it('chats with the flow in the simulator and follows the pressed button', async () => {
    await page.getByRole('tab', { name: ru('ui.bots.flow_tab.simulator') }).click();
    const chat = page.getByRole('list', { name: ru('ui.bots.sim.chat') });
    await chat.getByText('Какой размер?').waitFor();
    await chat.getByRole('button', { name: 'Большой' }).click();

    await chat.locator('.bots-sim__msg--user', { hasText: 'Большой' }).waitFor();
    await chat.getByText('Большой — отличный выбор!').waitFor();
    expect(await chat.getByText('Маленький — отличный выбор!').count()).toBe(0);
    await page.getByRole('complementary', { name: ru('ui.bots.sim.state') }).getByText(ru('ui.bots.status.ended'), { exact: true }).waitFor();
    await screenshot(page, 'bots-03-simulator');

    await page.getByRole('button', { name: ru('ui.bots.sim.restart') }).click();
    await expect.poll(() => chat.locator('.bots-sim__msg').count()).toBe(1);
    await chat.getByRole('button', { name: 'Маленький' }).click();
    await chat.getByText('Маленький — отличный выбор!').waitFor();
  });

  it('lists the flow with its published version', async () => {
    await page.getByRole('button', { name: `← ${ru('ui.bots.title')}` }).click();
    const row = page.locator(`tr[data-flow-id="${flowId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('v1');
    await screenshot(page, 'bots-04-flow-list');
  });

  it('shows the running bot in the inbox, marks its messages and lets an agent take over and hand back', async () => {
    await api('patch', `/api/bot-flows/${flowId}`).send({ triggers: [{ type: 'new_conversation', inboxId: inbox.id }] }).expect(200);
    await postWebhook(t, inbox, { externalId: 'bot-1', contact: { externalId: 'olga', name: 'Ольга Ботова' }, text: 'Здравствуйте' }).expect(200);
    let conversationId = '';
    await expect
      .poll(async () => {
        const list = await api('get', '/api/conversations?status=all').expect(200);
        conversationId = list.body.items.find((c: { contact?: { name: string } }) => c.contact?.name === 'Ольга Ботова')?.id ?? '';
        return conversationId && (await api('get', `/api/conversations/${conversationId}/bot-session`).expect(200)).body.session?.flowId;
      })
      .toBe(flowId);

    await page.goto(`${baseUrl}/inbox/${conversationId}?panel=1`);
    const card = page.getByTestId('bot-session');
    await card.getByText('Выбор размера · v1').waitFor();
    await page.locator('.bubble--bot', { hasText: 'Какой размер?' }).waitFor();
    expect(await page.locator('.bubble--bot .bots-mark').count()).toBeGreaterThan(0);
    await screenshot(page, 'bots-05-inbox-session');

    await card.getByRole('button', { name: ru('ui.bots.session.take_over') }).click();
    await card.getByText(ru('ui.bots.session.none')).waitFor();
    expect((await api('get', `/api/conversations/${conversationId}/bot-session`).expect(200)).body.session).toBeNull();

    // Handed back elsewhere: the panel follows the live event without a reload.
    await api('post', `/api/conversations/${conversationId}/bot-session`).send({ flowId }).expect((res) => expect(res.status).toBeLessThan(300));
    await card.getByText('Выбор размера · v1').waitFor();

    await card.getByRole('button', { name: ru('ui.bots.session.take_over') }).click();
    await card.getByRole('combobox', { name: ru('ui.bots.session.pick_flow') }).selectOption({ label: 'Выбор размера' });
    await card.getByRole('button', { name: ru('ui.bots.session.hand_back') }).click();
    await card.getByText('Выбор размера · v1').waitFor();
    expect((await api('get', `/api/conversations/${conversationId}/bot-session`).expect(200)).body.session.flowId).toBe(flowId);
  });
});
