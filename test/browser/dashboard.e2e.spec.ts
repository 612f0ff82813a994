import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { t as translate } from '@app/i18n';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { chromiumMissingReason, launchBrowser, screenshot } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebAppBuilt, signIn } from './web-app.js';

const ru = (key: Parameters<typeof translate>[0], params: Parameters<typeof translate>[1] = {}) => translate(key, params, 'ru');

/**
 * The supervisor's screens in headless Chromium against the real server: the live dashboard follows
 * the live channel without a reload, and the report pages draw charts and export CSV.
 */
describe.skipIf(!process.env.CI && chromiumMissingReason())('supervisor dashboard and reports in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let inbox: ApiInbox;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebAppBuilt();
    t = await startTestApp();
    baseUrl = await t.listen();
    const admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, undefined, 'Сайт');
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const tileValue = (testId: string) => page.getByTestId(testId).locator('.dash-tile__value').textContent();

  it('counts a new unassigned conversation on the live dashboard without a reload', async () => {
    await signIn(page, baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('tab', { name: ru('ui.inbox.tab.mine') }).waitFor();
    await page.getByRole('link', { name: ru('ui.nav.reports') }).click();
    await page.getByTestId('dash-unassigned').waitFor();
    await expect.poll(() => tileValue('dash-unassigned')).toBe('0');
    await expect.poll(() => page.getByTestId('connection-state').count()).toBe(0);
    // A reload would wipe this mark: it proves the figure changed in the open page.
    await page.evaluate(() => ((globalThis as unknown as { sameLoad: boolean }).sameLoad = true));

    await postWebhook(t, inbox, { externalId: 'dash-1', contact: { externalId: 'anna', name: 'Анна Ждущая' }, text: 'Добрый день, ответьте, пожалуйста' }).expect(200);

    await expect.poll(() => tileValue('dash-unassigned'), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => tileValue('dash-open')).toBe('1');
    await expect.poll(() => tileValue('dash-waiting')).toBe('1');
    expect(await page.evaluate(() => (globalThis as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true);
    const longest = page.getByTestId('dash-longest-wait').getByRole('link', { name: ru('ui.dashboard.open_conversation') });
    expect(await longest.getAttribute('href')).toMatch(/^\/inbox\/[0-9a-f-]{36}$/);
    await screenshot(page, 'dashboard-01-live');
  });

  it('draws the overview chart from the data and exports the report as CSV', async () => {
    await page.getByRole('link', { name: ru('ui.reports.section.overview') }).click();
    await page.getByRole('button', { name: ru('ui.reports.range.today') }).click();
    await expect.poll(() => page.getByTestId('kpi-opened').locator('.reports-kpi__value').textContent()).toBe('1');

    const chart = page.getByTestId('chart-volume');
    await chart.locator('svg.recharts-surface').first().waitFor();
    // One bar per bucket with data: today's conversation draws a bar with a height.
    await expect.poll(() => chart.locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    const height = await chart.locator('.recharts-bar-rectangle path').first().evaluate((bar) => (bar as unknown as { getBBox(): { height: number } }).getBBox().height);
    expect(height).toBeGreaterThan(0);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-02-overview');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.reports-actions').getByRole('button', { name: ru('ui.reports.export_csv') }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.length).toBeGreaterThan(10);
    expect(text.split(/\r?\n/).filter(Boolean).length).toBeGreaterThan(1);
  });

  it('sorts the inboxes table and saves the month spend on the sales page', async () => {
    await page.getByRole('link', { name: ru('ui.reports.section.inboxes') }).click();
    const table = page.getByTestId('breakdown-table');
    await table.locator('tbody tr', { hasText: 'Сайт' }).waitFor();
    await table.getByRole('button', { name: ru('ui.reports.col.name') }).click();
    await expect.poll(() => table.locator('thead th').first().getAttribute('aria-sort')).toBe('ascending');

    await page.getByRole('link', { name: ru('ui.reports.section.sales') }).click();
    await page.getByTestId('chart-funnel').waitFor();
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    await page.getByRole('textbox', { name: ru('ui.reports.inputs.marketingSpend') }).fill('150 000,50');
    await page.getByRole('button', { name: ru('ui.action.save') }).click();
    const admin = await t.adminToken();
    const savedSpend = async () => (await t.http().get(`/api/reports/inputs?month=${month}`).set('Authorization', `Bearer ${admin}`).expect(200)).body.marketingSpend;
    await expect.poll(savedSpend).toBe(150000.5);
    await screenshot(page, 'dashboard-03-sales');
  });

  it('shows an agent a clear message instead of reports and still the dashboard of their inboxes', async () => {
    const agent = await t.createUser('agent', { name: 'Пётр Агентов', inboxIds: [inbox.id] });
    const me = (await t.http().get('/api/auth/me').set('Authorization', `Bearer ${agent.token}`).expect(200)).body;
    const agentContext = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
    try {
      await agentContext.addInitScript(
        (session) => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('omnibox.session', session),
        JSON.stringify({ token: agent.token, user: me, expiresAt: Date.now() + 3_600_000 }),
      );
      const agentPage = await agentContext.newPage();
      await agentPage.goto(`${baseUrl}/reports/overview`);
      await agentPage.getByRole('heading', { name: ru('ui.reports.denied_title') }).waitFor();
      expect(await agentPage.getByRole('link', { name: ru('ui.reports.section.sales') }).count()).toBe(0);

      await agentPage.getByRole('link', { name: ru('ui.dashboard.title') }).click();
      await expect.poll(() => agentPage.getByTestId('dash-unassigned').locator('.dash-tile__value').textContent()).toBe('1');
    } finally {
      await agentContext.close();
    }
  });
  it('creates an SLA policy in settings and counts down its due time in the inbox', async () => {
    await page.goto(`${baseUrl}/settings/sla`);
    await page.getByRole('button', { name: ru('ui.sla.new') }).click();
    await page.getByRole('textbox', { name: ru('ui.sla.name') }).fill('Сайт: 15 минут');
    await page.getByRole('textbox', { name: ru('ui.sla.minutes_of', { name: ru('ui.sla.kind.first_response') }) }).fill('15');
    await page.getByRole('textbox', { name: ru('ui.sla.hours_of', { name: ru('ui.sla.kind.resolution') }) }).fill('8');
    await page.getByRole('checkbox', { name: 'Сайт' }).check();
    await screenshot(page, 'dashboard-04-sla-form');
    await page.getByRole('button', { name: ru('ui.action.create') }).click();
    const policyRow = page.locator('.reports-sla-list__item', { hasText: 'Сайт: 15 минут' });
    await policyRow.waitFor();
    expect(await policyRow.textContent()).toContain(`${ru('ui.sla.kind.first_response')}: 15 мин`);
    await screenshot(page, 'dashboard-05-sla-settings');

    await postWebhook(t, inbox, { externalId: 'sla-1', contact: { externalId: 'boris', name: 'Борис Срочный' }, text: 'Нужен ответ' }).expect(200);
    await page.getByRole('link', { name: ru('ui.nav.inbox') }).click();
    await page.getByRole('tab', { name: ru('ui.inbox.tab.unassigned') }).click();
    const row = page.locator('.conversation', { hasText: 'Борис Срочный' });
    const badge = row.getByTestId('sla-badge');
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toMatch(/1[45] мин/);
    expect(await badge.getAttribute('class')).not.toContain('is-missed');

    await row.click();
    await expect.poll(() => page.locator('.thread__head').getByTestId('sla-badge').textContent(), { timeout: 10_000 }).toMatch(/1[45] мин \d+ с/);
    await screenshot(page, 'dashboard-06-sla-badge');
  });
});
