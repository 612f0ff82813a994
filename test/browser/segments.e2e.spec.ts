import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { t as translate } from '@app/i18n';
import { chromiumMissingReason, launchBrowser, screenshot } from '../support/browser.js';
import { auth } from '../support/routing.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebAppBuilt, signIn } from './web-app.js';

const ru = (key: Parameters<typeof translate>[0], params: Parameters<typeof translate>[1] = {}) => translate(key, params, 'ru');

/** A supervisor builds a segment in the Russian interface, watches its count and opens a contact of it. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('segments in the web app (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebAppBuilt();
    t = await startTestApp();
    baseUrl = await t.listen();
    admin = await t.adminToken();
    for (const [name, tags] of [
      ['Ёлкина Мария', ['ВИП']],
      ['Петров Пётр', ['вип', 'опт']],
      ['Сидоров Иван', ['розница']],
    ] as const) {
      await t.http().post('/api/contacts').set(auth(admin)).send({ name, tags }).expect(201);
    }
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await signIn(page, baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: ru('ui.nav.marketing') }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('counts the contacts of the conditions while they are edited and saves the segment', async () => {
    await page.goto(`${baseUrl}/marketing/segments`);
    await page.getByText(ru('ui.segments.empty')).waitFor();
    await page.getByRole('button', { name: `+ ${ru('ui.segments.new')}` }).click();
    await page.getByTestId('segment-count').filter({ hasText: ru('ui.segments.count', { count: 3 }) }).waitFor();

    await page.getByLabel(ru('ui.segments.add_condition')).selectOption('tag');
    await page.getByLabel(ru('ui.segments.input.values')).fill('ВИП');
    await page.getByTestId('segment-count').filter({ hasText: ru('ui.segments.count', { count: 2 }) }).waitFor();
    expect(await page.locator('.segments-preview__sample a').allTextContents()).toEqual(expect.arrayContaining(['Ёлкина Мария', 'Петров Пётр']));
    await screenshot(page, 'segments-01-editor-count');

    await page.getByRole('button', { name: ru('ui.action.create') }).click();
    // No name: refused next to the field, nothing saved.
    await page.locator('.field-error').first().waitFor();
    expect((await t.http().get('/api/segments').set(auth(admin)).expect(200)).body.items).toHaveLength(0);

    await page.getByLabel(ru('ui.segments.name')).fill('ВИП-клиенты');
    await page.getByRole('button', { name: ru('ui.action.create') }).click();
    await page.getByTestId('segment-report-count').filter({ hasText: '2' }).waitFor();
    expect(page.url()).toMatch(/\/marketing\/segments\/[0-9a-f-]{36}$/);
    await screenshot(page, 'segments-02-saved');
  });

  it('shows the saved segment in the list and opens a sample contact', async () => {
    await page.getByRole('button', { name: ru('ui.segments.back') }).click();
    await page.getByRole('link', { name: 'ВИП-клиенты' }).click();
    await page.getByTestId('segment-count').filter({ hasText: ru('ui.segments.count', { count: 2 }) }).waitFor();
    await page.locator('.segments-preview__sample').getByRole('link', { name: 'Петров Пётр' }).click();
    await expect.poll(() => page.url()).toMatch(/\/contacts\/[0-9a-f-]{36}$/);
  });

  it('opts the contact out from the contact card and shows the badge', async () => {
    const consent = page.getByTestId('contact-consent');
    await consent.filter({ hasText: ru('ui.contact.consent.subscribed') }).waitFor();
    await page.getByRole('button', { name: ru('ui.contact.consent.opt_out') }).click();
    await page.locator('.contact-card__consent-badge').filter({ hasText: ru('ui.contact.consent.badge') }).waitFor();
    expect(await consent.textContent()).toContain(ru('ui.contact.consent.source.agent'));
    const contactId = page.url().split('/').pop()!;
    expect((await t.http().get(`/api/contacts/${contactId}`).set(auth(admin)).expect(200)).body.optOutSource).toBe('agent');
    await screenshot(page, 'segments-03-contact-consent');
  });
});
