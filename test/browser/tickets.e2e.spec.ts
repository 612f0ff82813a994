import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { t as translate } from '@app/i18n';
import { createApiInbox, type ApiInbox } from '../support/api-channel.js';
import { chromiumMissingReason, launchBrowser, screenshot } from '../support/browser.js';
import { auth, routingHelpers } from '../support/routing.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebAppBuilt, signIn } from './web-app.js';

const ru = (key: Parameters<typeof translate>[0], params: Parameters<typeof translate>[1] = {}) => translate(key, params, 'ru');

/** An agent turns a conversation into a ticket from the side panel, works its checklist, finds it on the tickets page and reads the report. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('tickets in the web app (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let browser: Browser;
  let page: Page;
  let inbox: ApiInbox;
  let conversationId: string;
  let number: number;

  const card = () => page.getByTestId('ticket-card');

  beforeAll(async () => {
    ensureWebAppBuilt();
    t = await startTestApp();
    baseUrl = await t.listen();
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, undefined, 'Сервис');
    conversationId = (await routingHelpers(t, () => admin).customerWrites(inbox, { externalId: `c-${randomUUID()}`, name: 'Ёлкин Пётр' }, 'Сломался чайник')).id;
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await signIn(page, baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: ru('ui.nav.tickets') }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('marks the conversation as a complaint from the side panel and keeps its checklist', async () => {
    await page.goto(`${baseUrl}/inbox/${conversationId}?panel=1`);
    await card().getByText(ru('ui.tickets.not_ticket')).waitFor();
    await card().getByRole('combobox').first().selectOption('complaint');
    await card().getByRole('button', { name: ru('ui.tickets.mark') }).click();
    const heading = card().locator('.tickets-card__number');
    await heading.waitFor();
    number = Number((await heading.textContent())!.replace(/\D/g, ''));
    expect(number).toBeGreaterThanOrEqual(1001);
    // The system line in the thread, in the reader's language.
    await page.getByText(new RegExp(`диалог как обращение #${number} \\(${ru('ticket.type.complaint')}\\)`)).first().waitFor({ timeout: 5000 });

    await card().getByLabel(ru('ui.tickets.new_item')).fill('Запросить фото чека');
    await card().getByRole('button', { name: ru('ui.tickets.add_item') }).click();
    const item = card().getByRole('checkbox', { name: 'Запросить фото чека' });
    await item.waitFor({ timeout: 5000 });
    await item.check();
    await expect.poll(async () => (await t.http().get('/api/tickets').set(auth(admin)).expect(200)).body.items[0].checklist[0].done).toBe(true);
    await page.getByRole('tab', { name: ru('ui.inbox.tab.all') }).click();
    await page.locator(`[data-conversation-id="${conversationId}"] [data-testid="ticket-badge"]`, { hasText: `#${number}` }).waitFor({ timeout: 5000 });
    await screenshot(page, 'tickets-01-side-panel');
  });

  it('lists the ticket on the tickets page, filters it by type and opens its conversation from the row', async () => {
    await page.getByRole('link', { name: ru('ui.nav.tickets') }).click();
    const row = page.locator('.tickets-table__row', { hasText: `#${number}` });
    await row.waitFor();
    await page.getByLabel(ru('ui.tickets.type')).selectOption('return');
    await page.getByText(ru('ui.tickets.empty')).waitFor();
    await page.getByLabel(ru('ui.tickets.type')).selectOption('complaint');
    await row.waitFor();
    expect(await row.textContent()).toContain('Ёлкин Пётр');
    await screenshot(page, 'tickets-02-list');

    await page.getByRole('tab', { name: ru('ui.tickets.tab.report') }).click();
    const report = page.getByTestId('ticket-report');
    await report.waitFor();
    const complaintRow = report.locator('tr', { hasText: ru('ticket.type.complaint') });
    expect((await complaintRow.locator('td').allTextContents()).slice(1, 4)).toEqual(['1', '0', '1']);
    await screenshot(page, 'tickets-03-report');

    await page.getByRole('tab', { name: ru('ui.tickets.tab.list') }).click();
    await page.locator('.tickets-table__row', { hasText: `#${number}` }).click();
    await page.waitForURL((url) => url.pathname === `/inbox/${conversationId}`);
    expect(new URL(page.url()).searchParams.get('panel')).toBe('1');
    await card().locator('.tickets-card__number', { hasText: `#${number}` }).waitFor();
  });

  it('removes the ticket mark after confirming and offers to mark the conversation again', async () => {
    await card().getByRole('button', { name: ru('ui.tickets.unmark') }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: ru('ui.tickets.unmark') }).click();
    await card().getByText(ru('ui.tickets.not_ticket')).waitFor();
    expect((await t.http().get('/api/tickets').set(auth(admin)).expect(200)).body.items).toEqual([]);
  });
});
