import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createApiInbox } from '../support/api-channel.js';
import { chromiumMissingReason, openSignedInBrowser, ru, screenshot, type SignedInBrowser } from '../support/browser.js';
import { auth, routingHelpers } from '../support/routing.js';
import type { TestApp } from '../support/test-app.js';

/** An agent turns a conversation into a ticket from the side panel, works its checklist, finds it on the tickets page and reads the report. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('tickets in the web app (Chromium)', () => {
  let session: SignedInBrowser;
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let page: Page;
  let conversationId: string;
  /** A conversation that stays a conversation, never a ticket. */
  let plainId: string;
  let number: number;

  const card = () => page.getByTestId('ticket-card');

  beforeAll(async () => {
    session = await openSignedInBrowser({
      readyLink: 'ui.nav.tickets',
      seed: async ({ t, admin }) => {
        const inbox = await createApiInbox(t, admin, undefined, 'Сервис');
        conversationId = (await routingHelpers(t, () => admin).customerWrites(inbox, { externalId: `c-${randomUUID()}`, name: 'Ёлкин Пётр' }, 'Сломался чайник')).id;
        plainId = (await routingHelpers(t, () => admin).customerWrites(inbox, { externalId: `c-${randomUUID()}`, name: 'Просто вопрос' }, 'Когда откроетесь?')).id;
      },
    });
    ({ t, baseUrl, admin, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

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

  it('narrows the inbox list to tickets, to one ticket type and to the overdue ones from the list filters', async () => {
    const row = (id: string) => page.locator(`[data-conversation-id="${id}"]`);
    const ticketFilter = page.getByRole('combobox', { name: ru('ui.inbox.filter.ticket'), exact: true });
    const typeFilter = page.getByRole('combobox', { name: ru('ui.inbox.filter.ticket_type'), exact: true });
    await page.getByRole('tab', { name: ru('ui.inbox.tab.all') }).click();
    await row(plainId).waitFor({ timeout: 5000 });
    await page.getByTitle(ru('ui.inbox.filters')).click();
    await ticketFilter.selectOption({ label: ru('ui.inbox.filter.tickets_only') });
    await row(plainId).waitFor({ state: 'detached', timeout: 5000 });
    await row(conversationId).waitFor();
    await typeFilter.selectOption({ label: ru('ticket.type.warranty') });
    await row(conversationId).waitFor({ state: 'detached', timeout: 5000 });
    await typeFilter.selectOption({ label: ru('ticket.type.complaint') });
    await row(conversationId).waitFor({ timeout: 5000 });
    await screenshot(page, 'tickets-01-inbox-filter');
    // The complaint has no due date, so it is never overdue.
    await ticketFilter.selectOption({ label: ru('ui.inbox.filter.tickets_overdue') });
    await row(conversationId).waitFor({ state: 'detached', timeout: 5000 });
    await ticketFilter.selectOption({ label: ru('ui.inbox.filter.any_conversation') });
    await typeFilter.selectOption({ label: ru('ui.inbox.filter.any_ticket_type') });
    await row(plainId).waitFor({ timeout: 5000 });
    await row(conversationId).waitFor();
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
