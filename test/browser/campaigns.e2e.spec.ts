import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contactIdentities, contacts } from '@app/db';
import { chromiumMissingReason, openSignedInBrowser, ru, screenshot, type SignedInBrowser } from '../support/browser.js';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import { auth } from '../support/routing.js';
import { createTelegramInbox } from '../support/telegram-channel.js';
import type { TestApp } from '../support/test-app.js';

/** A supervisor prepares a campaign in the Russian interface, launches it and watches it finish live. */
describe.skipIf(!process.env.CI && chromiumMissingReason())('campaigns in the web app (Chromium)', () => {
  let fake: FakeTelegramBotApi;
  let session: SignedInBrowser;
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi();
    session = await openSignedInBrowser({
      app: { env: { PUBLIC_URL: 'https://inbox.example.com' } },
      readyLink: 'ui.nav.marketing',
      seed: async ({ t, admin }) => {
        const inbox = await createTelegramInbox(t, admin, fake, {}, 'Бот магазина');
        const rows = await t.db
          .insert(contacts)
          .values(['Ёлкина Мария', 'Петров Пётр', 'Сидоров Иван', 'Отписавшийся Олег'].map((name, i) => ({ name, tags: ['весна'], optedOutAt: i === 3 ? new Date() : null })))
          .returning({ id: contacts.id });
        await t.db.insert(contactIdentities).values(rows.map((row, i) => ({ contactId: row.id, inboxId: inbox.id, externalId: String(7_500_000_000 + i) })));
        await t.http().post('/api/segments').set(auth(admin)).send({ name: 'Весенние покупатели', filter: { match: 'all', conditions: [{ field: 'tag', op: 'any', values: ['весна'] }] } }).expect(201);
        await t.http().post('/api/templates').set(auth(admin)).send({ shortCode: 'spring', name: 'Весенняя скидка', body: '{{contact.name}}, весной скидка 20%!' }).expect(201);
      },
    });
    ({ t, baseUrl, admin, page } = session);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await fake?.close();
  });

  it('creates a campaign with the segment\'s live size and refuses a bad cost next to the field', async () => {
    await page.goto(`${baseUrl}/marketing/campaigns`);
    await page.getByText(ru('ui.campaigns.empty')).waitFor();
    await page.getByRole('button', { name: `+ ${ru('ui.campaigns.new')}` }).click();
    await page.getByLabel(ru('ui.campaigns.name')).fill('Весенняя распродажа');
    await page.getByLabel(ru('ui.campaigns.inbox')).selectOption({ label: 'Бот магазина' });
    await page.getByLabel(ru('ui.campaigns.segment')).selectOption({ label: 'Весенние покупатели' });
    await page.getByText(ru('ui.campaigns.segment_size', { count: 4, optedOut: 1 })).waitFor();
    await page.locator('select[name="templateId"]').selectOption({ label: 'Весенняя скидка (/spring)' });
    await page.getByLabel(ru('ui.campaigns.cost')).fill('-5');
    await page.getByRole('button', { name: ru('ui.action.create') }).click();
    await page.locator('.field-error').first().waitFor();
    expect((await t.http().get('/api/campaigns').set(auth(admin)).expect(200)).body.items).toHaveLength(0);
    await screenshot(page, 'campaigns-01-editor');

    await page.getByLabel(ru('ui.campaigns.cost')).fill('1200');
    await page.getByRole('button', { name: ru('ui.action.create') }).click();
    await page.getByRole('heading', { name: 'Весенняя распродажа' }).waitFor();
    expect(page.url()).toMatch(/\/marketing\/campaigns\/[0-9a-f-]{36}$/);
  });

  it('launches the campaign and shows its counters, status and recipients live', async () => {
    await page.getByRole('button', { name: ru('ui.campaigns.action.launch') }).click();
    await page.locator('.campaigns-detail__head [data-status="completed"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-counter="sent"] dd').textContent()).toBe('3');
    expect(await page.locator('[data-counter="skipped"] dd').textContent()).toBe('1');
    expect(fake.callsOf('sendMessage').map((call) => call.params.text).sort()).toEqual(['Ёлкина Мария, весной скидка 20%!', 'Петров Пётр, весной скидка 20%!', 'Сидоров Иван, весной скидка 20%!']);

    await page.getByLabel(ru('ui.campaigns.filter_status')).selectOption('skipped');
    await page.locator('[data-recipient-status="skipped"]').filter({ hasText: ru('ui.campaigns.skip.opted_out') }).waitFor();
    expect(await page.locator('.campaigns-recipients tbody tr').count()).toBe(1);
    await page.getByText(ru('ui.campaigns.result.cost_per_lead')).waitFor();
    await screenshot(page, 'campaigns-02-completed');

    await page.getByRole('button', { name: `← ${ru('ui.marketing.campaigns')}` }).click();
    await page.locator('tr[data-campaign-id]').filter({ hasText: ru('ui.campaigns.progress_of', { done: 4, total: 4 }) }).waitFor();
  }, 60_000);
});
