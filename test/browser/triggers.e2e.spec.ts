import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createApiInbox } from '../support/api-channel.js';
import { chromiumMissingReason, openSignedInBrowser, ru, screenshot, type SignedInBrowser } from '../support/browser.js';
import { auth, routingHelpers } from '../support/routing.js';
import type { TestApp } from '../support/test-app.js';

/** A supervisor sets up a "no reply" reminder, switches it off and on in the list, sends a test and reads the log. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('triggered messages in the web app (Chromium)', () => {
  let session: SignedInBrowser;
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let page: Page;

  beforeAll(async () => {
    session = await openSignedInBrowser({
      readyLink: 'ui.nav.marketing',
      defaultTimeout: 10_000,
      seed: async ({ t, admin }) => {
        const inbox = await createApiInbox(t, admin, undefined, 'Сайт');
        await routingHelpers(t, () => admin).customerWrites(inbox, { externalId: `c-${randomUUID()}`, name: 'Ёлкина Мария' }, 'Хочу заказать');
        await t.http().post('/api/templates').set(auth(admin)).send({ shortCode: 'remind', name: 'Напоминание', body: '{{contact.name}}, вы ещё с нами?' }).expect(201);
      },
    });
    ({ t, baseUrl, admin, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('creates an event trigger with kind-specific fields and shows the server\'s field errors', async () => {
    await page.goto(`${baseUrl}/marketing/triggers`);
    await page.getByText(ru('ui.triggers.empty')).waitFor();
    await page.getByRole('button', { name: `+ ${ru('ui.triggers.new')}` }).click();
    await page.getByTestId('trigger-date-fields').waitFor();
    await page.getByLabel(ru('ui.triggers.name')).fill('Клиент молчит');
    await page.getByLabel(ru('ui.triggers.kind')).selectOption('event');
    await page.getByLabel(ru('ui.triggers.event')).selectOption('no_reply');
    await page.getByLabel(ru('ui.triggers.no_reply_days')).fill('0');
    await page.getByRole('button', { name: ru('ui.triggers.create') }).click();
    // No template and zero days: both refused next to their fields.
    await expect.poll(() => page.locator('.field-error').count()).toBe(2);
    await screenshot(page, 'triggers-01-editor-errors');

    await page.getByLabel(ru('ui.triggers.no_reply_days')).fill('3');
    await page.getByLabel(ru('ui.triggers.template')).selectOption({ label: '/remind · Напоминание' });
    await page.getByRole('button', { name: ru('ui.triggers.create') }).click();
    await page.getByRole('heading', { name: 'Клиент молчит' }).waitFor();
    expect(page.url()).toMatch(/\/marketing\/triggers\/[0-9a-f-]{36}$/);
  });

  it('switches the trigger off in the list', async () => {
    await page.getByRole('button', { name: `← ${ru('ui.marketing.triggers')}` }).click();
    const row = page.getByTestId('trigger-row').filter({ hasText: 'Клиент молчит' });
    await row.waitFor();
    expect(await row.textContent()).toContain(ru('ui.triggers.summary.no_reply', { n: 3 }));
    await row.getByRole('checkbox').uncheck();
    await expect.poll(async () => (await t.http().get('/api/triggers').set(auth(admin)).expect(200)).body.items[0].active).toBe(false);
    await screenshot(page, 'triggers-02-list');
  });

  it('sends a test message to a contact and shows it in the log', async () => {
    await page.getByTestId('trigger-row').getByRole('link', { name: 'Клиент молчит' }).click();
    await page.getByLabel(ru('ui.triggers.test_search')).fill('ёлкина');
    const contact = page.getByLabel(ru('ui.triggers.test_contact'));
    await expect.poll(async () => contact.locator('option').count()).toBe(2);
    await contact.selectOption({ label: 'Ёлкина Мария' });
    await page.getByRole('button', { name: ru('ui.triggers.test_send') }).click();
    const row = page.getByTestId('occurrence-row');
    await row.waitFor();
    expect(await row.textContent()).toContain('Ёлкина Мария');
    expect(await row.textContent()).toContain(ru('ui.triggers.status.sent'));
    expect(await row.textContent()).toContain(ru('ui.triggers.test_mark'));
    await screenshot(page, 'triggers-03-log');
  });
});
