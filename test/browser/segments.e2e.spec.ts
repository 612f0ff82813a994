import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissingReason, openSignedInBrowser, ru, screenshot, type SignedInBrowser } from '../support/browser.js';
import { auth } from '../support/routing.js';
import type { TestApp } from '../support/test-app.js';

/** A supervisor builds a segment in the Russian interface, watches its count and opens a contact of it. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('segments in the web app (Chromium)', () => {
  let session: SignedInBrowser;
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let page: Page;

  beforeAll(async () => {
    session = await openSignedInBrowser({
      readyLink: 'ui.nav.marketing',
      seed: async ({ t, admin }) => {
        for (const [name, tags] of [
          ['Ёлкина Мария', ['ВИП']],
          ['Петров Пётр', ['вип', 'опт']],
          ['Сидоров Иван', ['розница']],
        ] as const) {
          await t.http().post('/api/contacts').set(auth(admin)).send({ name, tags }).expect(201);
        }
      },
    });
    ({ t, baseUrl, admin, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

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
