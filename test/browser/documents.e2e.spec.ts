import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissingReason, openSignedInBrowser, ru, screenshot, type SignedInBrowser } from '../support/browser.js';
import { pdfText } from '../support/pdf-text.js';
import type { TestApp } from '../support/test-app.js';

/** An administrator fills in the seller's requisites, then makes an invoice on a deal and downloads it. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('documents in the web app (Chromium)', () => {
  let session: SignedInBrowser;
  let t: TestApp;
  let baseUrl: string;
  let page: Page;
  let dealId: string;

  beforeAll(async () => {
    session = await openSignedInBrowser({
      readyLink: 'ui.nav.settings',
      context: { acceptDownloads: true },
      seed: async ({ t, admin }) => {
        const deal = await t
          .http()
          .post('/api/deals')
          .set({ Authorization: `Bearer ${admin}` })
          .send({ title: 'Стулья для кафе «Ёж»', lineItems: [{ name: 'Стул венский', quantity: 12, unitPrice: '4500.00' }] })
          .expect(201);
        dealId = deal.body.id;
      },
    });
    ({ t, baseUrl, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it("lists the default templates and saves the seller's requisites", async () => {
    await page.goto(`${baseUrl}/settings/documents`);
    await page.getByRole('link', { name: /Счёт на оплату/ }).waitFor();
    const seller = page.getByRole('form', { name: ru('ui.settings.doc.seller') });
    await seller.getByLabel(ru('ui.settings.doc.seller.companyName')).fill('ООО «Ромашка»');
    await seller.getByLabel(ru('ui.settings.doc.seller.taxId')).fill('7701234567');
    await seller.getByRole('button', { name: ru('ui.action.save') }).click();
    await expect.poll(async () => (await t.http().get('/api/document-settings').set({ Authorization: `Bearer ${await t.adminToken()}` })).body.companyName).toBe('ООО «Ромашка»');
    await screenshot(page, 'documents-01-settings');
  });

  it('previews a template as a PDF and shows the unknown variables next to the HTML when it is saved with a typo', async () => {
    await page.getByRole('link', { name: /Счёт на оплату/ }).click();
    await page.getByRole('button', { name: ru('ui.settings.doc.preview') }).click();
    await page.getByTitle(ru('ui.settings.doc.preview_title')).waitFor();
    const html = page.getByLabel(ru('ui.settings.doc.html'));
    await html.fill(`${await html.inputValue()}<p>{{deal.titel}}</p>`);
    await page.getByRole('button', { name: ru('ui.action.save') }).click();
    await page.getByText(/\{\{deal\.titel\}\}/).first().waitFor();
    await screenshot(page, 'documents-02-unknown-variable');
  });

  it('makes an invoice on the deal and downloads it as a PDF with the deal in it', async () => {
    await page.goto(`${baseUrl}/deals/${dealId}`);
    const card = page.getByRole('region', { name: ru('ui.deal.documents') });
    await card.getByRole('button', { name: ru('ui.deal.documents.generate') }).click();
    const item = card.getByTestId('deal-document').first();
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Счёт № СЧ-\d{4}-0001/);
    await screenshot(page, 'documents-03-deal-card');

    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: ru('ui.deal.documents.download') }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Счёт № СЧ-\d{4}-0001 от .+\.pdf$/);
    const { text } = await pdfText(readFileSync((await download.path())!));
    expect(text.replace(/\s+/g, ' ')).toContain('Стулья для кафе «Ёж»');
    expect(text.replace(/\s+/g, ' ')).toContain('Пятьдесят четыре тысячи рублей 00 копеек');
  });
});
