import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { chromiumMissingReason, openSignedInBrowser, ru, screenshot, type SignedInBrowser } from '../support/browser.js';
import { auth, routingHelpers } from '../support/routing.js';
import type { TestApp } from '../support/test-app.js';

/** A supervisor writes an article in the knowledge base; an agent's composer suggests it for the customer's question. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('knowledge base in the web app (Chromium)', () => {
  let session: SignedInBrowser;
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let page: Page;
  let inbox: ApiInbox;
  const customer = { externalId: `c-${randomUUID()}`, name: 'Ирина Ёжикова' };

  beforeAll(async () => {
    session = await openSignedInBrowser({
      readyLink: 'ui.nav.knowledge',
      seed: async ({ t, admin }) => {
        inbox = await createApiInbox(t, admin, undefined, 'Поддержка');
        await t.http().post('/api/knowledge/articles').set(auth(admin)).send({ title: 'Доставка', summary: 'Курьером за 1–2 дня', body: 'Бесплатно от 5000 ₽.', status: 'published' }).expect(201);
      },
    });
    ({ t, baseUrl, admin, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('creates a section and publishes an article with a Markdown preview', async () => {
    await page.getByRole('link', { name: ru('ui.nav.knowledge') }).click();
    await page.getByRole('button', { name: `+ ${ru('ui.kb.category_new')}` }).click();
    await page.getByLabel(ru('ui.kb.category_name')).fill('Возврат и обмен');
    await page.getByRole('button', { name: ru('ui.action.create') }).click();
    await page.getByRole('button', { name: /Возврат и обмен/ }).waitFor();

    await page.getByRole('button', { name: `+ ${ru('ui.kb.article_new')}` }).click();
    await page.getByLabel(ru('ui.kb.title')).fill('Возврат товара');
    await page.getByLabel(ru('ui.kb.summary')).fill('Вернуть товар можно в течение 14 дней.');
    await page.getByRole('textbox', { name: ru('ui.kb.body') }).fill('1. Напишите номер заказа.\n2. Передайте товар **курьеру**.');
    await page.getByLabel(ru('ui.kb.status')).selectOption('published');
    await page.getByRole('tab', { name: ru('ui.kb.preview') }).click();
    await page.locator('.knowledge__preview strong', { hasText: 'курьеру' }).waitFor();
    await page.getByRole('button', { name: ru('ui.action.save') }).click();
    await page.getByRole('link', { name: ru('ui.kb.open_public') }).waitFor();
    await page.locator('.knowledge__articles .row', { hasText: 'Возврат товара' }).waitFor();
    expect(page.url()).toMatch(/\/knowledge\/[0-9a-f-]{36}$/);
    await screenshot(page, 'knowledge-01-editor');

    await page.getByLabel(ru('ui.kb.search')).fill('возврата');
    await page.locator('.knowledge__articles .row', { hasText: 'Возврат товара' }).waitFor();
    await expect.poll(() => page.locator('.knowledge__articles .row').count()).toBe(1);
  });

  it('suggests articles in the composer for the customer\'s last message and inserts the link', async () => {
    const conversation = await routingHelpers(t, () => admin).customerWrites(inbox, customer, 'Как вернуть товар, если не подошёл?');
    await page.goto(`${baseUrl}/inbox/${conversation.id}`);
    const suggestions = page.getByRole('group', { name: ru('ui.kb.suggestions') });
    await suggestions.getByRole('button', { name: 'Возврат товара' }).click();
    const composer = page.getByRole('textbox', { name: ru('ui.composer.reply') });
    await expect.poll(() => composer.inputValue()).toMatch(/^Возврат товара\nhttp:\/\/127\.0\.0\.1:\d+\/help\/vozvrat-tovara$/);

    await postWebhook(t, inbox, { externalId: `m-${randomUUID()}`, contact: customer, text: 'А доставка сколько стоит?' }).expect(200);
    await suggestions.getByRole('button', { name: 'Доставка' }).waitFor();
    await screenshot(page, 'knowledge-02-composer');
  });

  it('shows the published article on the public help center', async () => {
    await page.goto(`${baseUrl}/help/vozvrat-tovara`);
    await page.getByRole('heading', { name: 'Возврат товара' }).waitFor();
    expect(await page.locator('article strong').textContent()).toBe('курьеру');
    await page.goto(`${baseUrl}/help?q=${encodeURIComponent('возвраты')}`);
    await page.getByRole('link', { name: 'Возврат товара' }).waitFor();
    await screenshot(page, 'knowledge-03-help-center');
  });
});
