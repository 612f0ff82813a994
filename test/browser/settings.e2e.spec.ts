import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { t as translate } from '@app/i18n';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { chromiumMissingReason, launchBrowser, screenshot } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebAppBuilt, signIn } from './web-app.js';

type Key = Parameters<typeof translate>[0];
const ru = (key: Key, params: Parameters<typeof translate>[1] = {}) => translate(key, params, 'ru');
const en = (key: Key) => translate(key, {}, 'en');

/**
 * The settings screens in headless Chromium, as an administrator sets up a workspace: a template,
 * a blacklist entry, a new inbox and an automation rule, each checked through the API; then the
 * template typed as /code in a conversation's reply box.
 */
describe.skipIf(!process.env.CI && chromiumMissingReason())('settings screens in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let inbox: ApiInbox;
  let conversationId: string;
  let browser: Browser;
  let page: Page;

  const api = (method: 'get' | 'post', path: string) => t.http()[method](path).set('Authorization', `Bearer ${admin}`);
  const noToasts = () => expect.poll(() => page.locator('.toast').count(), { timeout: 10_000 }).toBe(0);
  const menuLink = (label: string) => page.getByRole('navigation', { name: ru('ui.nav.settings') }).getByRole('link', { name: label, exact: true });

  beforeAll(async () => {
    ensureWebAppBuilt();
    t = await startTestApp();
    baseUrl = await t.listen();
    admin = await t.adminToken();
    inbox = await createApiInbox(t, admin, undefined, 'Сайт');
    await postWebhook(t, inbox, { externalId: 'm-1', contact: { externalId: 'petr', name: 'Пётр Ёлкин' }, text: 'Когда доставка?' }).expect(200);
    conversationId = (await api('get', '/api/conversations').expect(200)).body.items[0].id;

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // A step that cannot happen fails on its own locator, well before the test's timeout.
    page.setDefaultTimeout(10_000);
    await signIn(page, baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('tab', { name: ru('ui.inbox.tab.mine') }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a template with a short code and a live preview', async () => {
    await page.getByRole('link', { name: ru('ui.nav.settings') }).click();
    await menuLink(ru('ui.settings.section.templates')).click();
    await page.getByRole('button', { name: `+ ${ru('ui.settings.template.new')}` }).click();

    // The variable picker says what each variable holds, the cart of an abandoned bot session among them.
    expect(await page.getByRole('button', { name: '{{cart.total}}', exact: true }).getAttribute('title')).toBe(ru('templates.variable.cart.total'));
    await page.getByLabel(ru('ui.settings.template.short_code')).fill('dostavka');
    await page.getByLabel(ru('ui.settings.name'), { exact: true }).fill('Срок доставки');
    await page.getByLabel(ru('ui.settings.template.body'), { exact: true }).fill('Здравствуйте, {{contact.name}}! Привезём завтра до 12:00.');
    await expect.poll(() => page.getByTestId('template-preview').textContent()).toContain(`Здравствуйте, ${ru('ui.settings.template.sample_name')}!`);
    await screenshot(page, 'settings-01-template-editor');

    await page.getByRole('button', { name: ru('ui.action.create'), exact: true }).click();
    await page.locator('.settings__row', { hasText: '/dostavka' }).waitFor();
    const saved = (await api('get', '/api/templates?q=dostavka').expect(200)).body.items;
    expect(saved).toMatchObject([{ shortCode: 'dostavka', name: 'Срок доставки', inboxId: null, usageCount: 0 }]);
  });

  it('adds a blacklist entry and finds it by search', async () => {
    await menuLink(ru('ui.settings.section.blacklist')).click();
    await page.getByRole('button', { name: `+ ${ru('ui.settings.blacklist.new')}` }).click();
    await page.getByLabel(ru('ui.settings.blacklist.value')).fill('+7 900 000-00-01');
    await page.getByLabel(ru('ui.settings.blacklist.reason')).fill('Спам');
    await page.getByRole('button', { name: ru('ui.action.add'), exact: true }).click();

    await page.getByTestId('blacklist-entry').filter({ hasText: '+79000000001' }).waitFor();
    await page.getByLabel(ru('ui.settings.blacklist.search')).fill('спам');
    await expect.poll(() => page.getByTestId('blacklist-entry').count()).toBe(1);
    const entries = (await api('get', '/api/blacklist').expect(200)).body.items;
    expect(entries).toMatchObject([{ kind: 'phone', value: '+79000000001', inboxId: null, reason: 'Спам' }]);
  });

  it('refuses a flood limit out of range next to its field, saves flood protection, and filters the blacklist', async () => {
    await api('post', '/api/blacklist').send({ kind: 'email', value: 'spam@shop.example', inboxId: inbox.id, reason: 'Рассылка' }).expect(201);
    await menuLink(ru('ui.settings.section.inboxes')).click();
    await menuLink(ru('ui.settings.section.blacklist')).click();

    const flood = page.getByRole('form', { name: ru('ui.settings.flood.title') });
    const limit = flood.locator('label.field', { hasText: ru('ui.settings.flood.limit') });
    await limit.locator('input').fill('0');
    await flood.getByRole('button', { name: ru('ui.action.save'), exact: true }).click();
    await limit.locator('.field-error').waitFor();
    expect(await limit.locator('input').getAttribute('aria-invalid')).toBe('true');
    expect((await api('get', '/api/blacklist/settings').expect(200)).body).toEqual({ enabled: true, maxMessagesPerMinute: 30 });

    await noToasts();
    await flood.getByLabel(ru('ui.settings.flood.enabled')).uncheck();
    await limit.locator('input').fill('12');
    await flood.getByRole('button', { name: ru('ui.action.save'), exact: true }).click();
    await page.getByRole('status').filter({ hasText: ru('ui.settings.saved') }).waitFor();
    expect(await limit.locator('.field-error').count()).toBe(0);
    expect((await api('get', '/api/blacklist/settings').expect(200)).body).toEqual({ enabled: false, maxMessagesPerMinute: 12 });

    // A select's name is its label followed by the chosen option.
    const blacklistFilter = (name: 'kind' | 'scope' | 'state') => page.getByLabel(new RegExp(`^${ru(`ui.settings.blacklist.filter.${name}`)}`));
    const entries = page.getByTestId('blacklist-entry');
    const values = () => entries.locator('.row__title').allTextContents();
    await expect.poll(values).toEqual(['spam@shop.example', '+79000000001']);
    await blacklistFilter('kind').selectOption('email');
    await expect.poll(values).toEqual(['spam@shop.example']);
    await blacklistFilter('kind').selectOption('');
    await blacklistFilter('scope').selectOption('global');
    await expect.poll(values).toEqual(['+79000000001']);
    await blacklistFilter('scope').selectOption(inbox.id);
    await expect.poll(values).toEqual(['spam@shop.example']);
    await blacklistFilter('state').selectOption('expired');
    await page.getByText(ru('ui.settings.blacklist.empty')).waitFor();
    expect(await entries.count()).toBe(0);
    await screenshot(page, 'settings-02a-blacklist-filters');
    await blacklistFilter('state').selectOption('active');
    await expect.poll(values).toEqual(['spam@shop.example']);
  });

  it('shows the field error of a refused inbox, then connects a web chat and shows its embed code', async () => {
    await menuLink(ru('ui.settings.section.inboxes')).click();
    await page.getByRole('button', { name: `+ ${ru('ui.settings.inbox.connect')}` }).click();
    await page.getByLabel(ru('ui.settings.inbox.type')).selectOption('webchat');
    await page.getByLabel(ru('ui.settings.field.allowed_origins')).fill('https://shop.example');
    await page.getByRole('button', { name: ru('ui.settings.inbox.connect'), exact: true }).click();
    const nameField = page.locator('label.field', { hasText: ru('ui.settings.name') });
    await nameField.locator('.field-error').waitFor();
    expect(await nameField.locator('input').getAttribute('aria-invalid')).toBe('true');

    await nameField.locator('input').fill('Чат магазина');
    await page.getByRole('button', { name: ru('ui.settings.inbox.connect'), exact: true }).click();
    await page.getByRole('heading', { name: ru('ui.settings.inbox.connected', { name: 'Чат магазина' }) }).waitFor();
    const created = (await api('get', '/api/inboxes').expect(200)).body.items.find((i: { name: string }) => i.name === 'Чат магазина');
    expect(created).toMatchObject({ type: 'webchat', enabled: true, settings: { allowedOrigins: ['https://shop.example'] } });
    expect(await page.getByTestId('embed-snippet').textContent()).toBe(`<script src="${baseUrl}/widget.js" data-token="${created.settings.widgetToken}" async></script>`);
    await screenshot(page, 'settings-02-webchat-connected');
  });

  it('offers the newly connected inbox elsewhere in settings without a page reload', async () => {
    await menuLink(ru('ui.sla.title')).click();
    await page.getByRole('button', { name: `+ ${ru('ui.sla.new')}` }).click();
    const inboxChoices = page.locator('fieldset', { has: page.locator('legend', { hasText: ru('ui.sla.inboxes') }) });
    await inboxChoices.getByLabel('Чат магазина', { exact: true }).waitFor();
    expect(await inboxChoices.getByLabel('Сайт', { exact: true }).count()).toBe(1);
  });

  it('saves an inbox\'s business hours and its assignment policy from its tabs', async () => {
    await menuLink(ru('ui.settings.section.inboxes')).click();
    await page.locator('.settings__row', { has: page.locator('.row__title', { hasText: /^Сайт$/ }) }).click();
    await page.getByRole('tab', { name: ru('ui.settings.inbox.tab.hours') }).click();
    await page.getByLabel(ru('ui.settings.hours.enabled')).check();
    await page.getByLabel(ru('ui.settings.hours.time_zone')).fill('Europe/Samara');
    await page.getByLabel(ru('ui.settings.day.mon')).fill('9:00-13:00, 14:00-18:00');
    await page.getByLabel(ru('ui.settings.hours.holidays')).fill('2027-01-01 Новый год *');
    await page.getByRole('button', { name: ru('ui.action.save'), exact: true }).click();
    await expect.poll(async () => (await api('get', `/api/inboxes/${inbox.id}/business-hours`)).body).toMatchObject({
      enabled: true,
      timeZone: 'Europe/Samara',
      weekly: { mon: [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }] },
      holidays: [{ date: '2027-01-01', name: 'Новый год', annual: true }],
    });

    await page.getByRole('tab', { name: ru('ui.settings.inbox.tab.policy') }).click();
    await page.getByLabel(ru('ui.settings.policy.kind'), { exact: false }).selectOption('least_busy');
    await page.getByLabel(ru('ui.settings.policy.capacity'), { exact: false }).first().fill('3');
    await page.getByRole('button', { name: ru('ui.action.create'), exact: true }).click();
    await page.getByRole('heading', { name: ru('ui.settings.policy.title') }).waitFor();
    const policies = (await api('get', `/api/assignment-policies?inboxId=${inbox.id}`).expect(200)).body.items;
    expect(policies).toMatchObject([{ inboxId: inbox.id, kind: 'least_busy', capacity: 3, enabled: true }]);
    await screenshot(page, 'settings-03a-inbox-policy');
  });

  it('gives agents of a policy their own capacity, showing a refused one next to its row', async () => {
    const agent = await t.createUser('agent', { name: 'Ольга Агеева', inboxIds: [inbox.id] });
    await menuLink(ru('ui.settings.section.inboxes')).click();
    await page.locator('.settings__row', { has: page.locator('.row__title', { hasText: /^Сайт$/ }) }).click();
    await page.getByRole('tab', { name: ru('ui.settings.inbox.tab.policy') }).click();
    await page.getByLabel(ru('ui.settings.policy.add_agent')).selectOption({ label: 'Ольга Агеева' });
    await page.getByLabel(ru('ui.settings.policy.add_agent')).selectOption({ index: 1 });
    const rows = page.getByTestId('policy-agent');
    await expect.poll(() => rows.count()).toBe(2);
    const capacity = page.getByLabel(ru('ui.settings.policy.agent_capacity', { name: 'Ольга Агеева' }));
    await capacity.fill('1001');
    await page.getByRole('button', { name: ru('ui.action.save'), exact: true }).click();
    await rows.first().locator('.field-error').waitFor();
    expect(await capacity.getAttribute('aria-invalid')).toBe('true');

    await capacity.fill('2');
    await page.getByRole('button', { name: ru('ui.action.save'), exact: true }).click();
    await expect.poll(async () => (await api('get', `/api/assignment-policies?inboxId=${inbox.id}`).expect(200)).body.items[0].agents).toHaveLength(2);
    const [policy] = (await api('get', `/api/assignment-policies?inboxId=${inbox.id}`).expect(200)).body.items;
    expect(policy.agents[0]).toEqual({ userId: agent.id, capacity: 2 });
    expect(policy.agents[1].capacity ?? null).toBeNull();
    expect(policy).toMatchObject({ kind: 'least_busy', capacity: 3 });
    expect(await rows.first().locator('.field-error').count()).toBe(0);
    await screenshot(page, 'settings-03b-agent-capacity');
  });

  it('adds a file to a template by link and shows it in the preview', async () => {
    await menuLink(ru('ui.settings.section.templates')).click();
    await page.getByRole('button', { name: `+ ${ru('ui.settings.template.new')}` }).click();
    await page.getByLabel(ru('ui.settings.template.short_code')).fill('prais');
    await page.getByLabel(ru('ui.settings.name'), { exact: true }).fill('Прайс-лист');
    await page.getByLabel(ru('ui.settings.template.body'), { exact: true }).fill('Прайс во вложении.');
    await page.getByRole('button', { name: `+ ${ru('ui.settings.template.add_attachment')}` }).click();
    await page.getByLabel(ru('ui.settings.template.attachment_url')).fill('https://cdn.example/files/price-2027.pdf');
    await expect.poll(() => page.getByTestId('template-preview-files').textContent()).toContain('price-2027.pdf');
    await page.getByLabel(ru('ui.settings.template.attachment_name')).fill('Прайс.pdf');
    await expect.poll(() => page.getByTestId('template-preview-files').textContent()).toContain('Прайс.pdf');
    await page.getByRole('button', { name: ru('ui.action.create'), exact: true }).click();
    await page.locator('.settings__row', { hasText: '/prais' }).waitFor();
    const [saved] = (await api('get', '/api/templates?q=prais').expect(200)).body.items;
    expect(saved).toMatchObject({ shortCode: 'prais', attachments: [{ url: 'https://cdn.example/files/price-2027.pdf', fileName: 'Прайс.pdf' }] });
  });

  it('creates an automation rule through the form', async () => {
    await menuLink(ru('ui.settings.section.automation')).click();
    await page.getByRole('button', { name: `+ ${ru('ui.settings.rule.new')}` }).click();
    await page.getByLabel(ru('ui.settings.name'), { exact: true }).fill('Метка VIP');
    await page.getByLabel(ru('ui.settings.rule.event')).selectOption('message.created');
    await page.getByLabel(ru('ui.settings.rule.add_condition')).selectOption('text');
    const condition = page.getByTestId('condition-row');
    await condition.getByLabel(ru('ui.settings.rule.field.value')).fill('VIP');
    const action = page.getByTestId('action-row');
    await action.getByLabel(ru('ui.settings.rule.action_type')).selectOption('add_label');
    await action.getByLabel(ru('ui.settings.rule.field.label')).fill('vip');
    await screenshot(page, 'settings-03-rule-editor');
    await page.getByRole('button', { name: ru('ui.action.create'), exact: true }).click();

    await page.getByRole('heading', { name: ru('ui.settings.rule.log') }).waitFor();
    const rules = (await api('get', '/api/automation-rules').expect(200)).body.items;
    expect(rules).toMatchObject([
      { name: 'Метка VIP', enabled: true, event: 'message.created', match: 'all', conditions: [{ type: 'text', op: 'contains', value: 'VIP' }], actions: [{ type: 'add_label', label: 'vip' }] },
    ]);
  });

  it('shows the webhook signing secret of a new rule once, right after creating it', async () => {
    await menuLink(ru('ui.settings.section.automation')).click();
    await page.getByRole('button', { name: `+ ${ru('ui.settings.rule.new')}` }).click();
    await page.getByLabel(ru('ui.settings.name'), { exact: true }).fill('Вебхук в CRM');
    const action = page.getByTestId('action-row');
    await action.getByLabel(ru('ui.settings.rule.action_type')).selectOption('webhook');
    await action.getByLabel(ru('ui.settings.rule.field.url')).fill('https://hooks.example/omnibox');
    await page.getByRole('button', { name: ru('ui.action.create'), exact: true }).click();

    const secret = page.getByTestId('rule-webhook-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'settings-03c-rule-webhook-secret');
    await page.getByRole('button', { name: `← ${ru('ui.settings.section.automation')}` }).click();
    await page.getByTestId('rule-row').filter({ hasText: 'Вебхук в CRM' }).getByRole('link').click();
    await page.getByRole('button', { name: ru('ui.settings.secret.rotate') }).waitFor();
    expect(await secret.count()).toBe(0);
  });

  it('inserts the template rendered for the conversation when /code is typed and Enter pressed', async () => {
    await page.goto(`${baseUrl}/inbox/${conversationId}`);
    const composer = page.getByRole('textbox', { name: ru('ui.composer.reply') });
    await composer.pressSequentially('/dost');
    const option = page.getByRole('option', { name: /\/dostavka/ });
    await option.waitFor();
    await expect.poll(() => option.textContent()).toContain('Здравствуйте, Пётр Ёлкин! Привезём завтра до 12:00.');
    await screenshot(page, 'settings-04-template-picker');

    await composer.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe('Здравствуйте, Пётр Ёлкин! Привезём завтра до 12:00.');
    expect(await page.getByRole('listbox').count()).toBe(0);
    const used = (await api('get', '/api/templates?q=dostavka').expect(200)).body.items[0];
    expect(used.usageCount).toBe(1);
  });

  it('closes the picker with Esc and opens it from the toolbar button', async () => {
    const composer = page.getByRole('textbox', { name: ru('ui.composer.reply') });
    await composer.fill('');
    await composer.pressSequentially('/');
    await page.getByRole('listbox').waitFor();
    await composer.press('Escape');
    await expect.poll(() => page.getByRole('listbox').count()).toBe(0);

    await composer.fill('Спасибо!');
    await page.getByRole('button', { name: ru('ui.picker.open') }).click();
    const search = page.getByRole('textbox', { name: ru('ui.picker.search') });
    await search.fill('срок');
    await search.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe('Спасибо! Здравствуйте, Пётр Ёлкин! Привезём завтра до 12:00.');
  });

  it('shows the settings in English and back in Russian when the language is switched', async () => {
    await page.getByRole('link', { name: ru('ui.nav.settings') }).click();
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    const menu = page.getByRole('navigation', { name: en('ui.nav.settings') });
    await menu.getByRole('link', { name: en('ui.settings.section.templates'), exact: true }).waitFor();
    await menu.getByRole('link', { name: en('ui.settings.section.blacklist'), exact: true }).click();
    await page.getByRole('heading', { name: en('ui.settings.section.blacklist') }).waitFor();

    await page.getByRole('button', { name: 'RU', exact: true }).click();
    await menuLink(ru('ui.settings.section.templates')).waitFor();
    await page.getByRole('heading', { name: ru('ui.settings.section.blacklist') }).waitFor();
    expect(await page.getByRole('button', { name: `+ ${ru('ui.settings.blacklist.new')}` }).count()).toBe(1);
    await screenshot(page, 'settings-05-russian');
  });

  it('shows the menu and a section one at a time on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/settings`);
    const menu = page.getByRole('navigation', { name: ru('ui.nav.settings') });
    await menuLink(ru('ui.settings.section.templates')).click();
    await page.getByRole('button', { name: `+ ${ru('ui.settings.template.new')}` }).waitFor();
    expect(await menu.isVisible()).toBe(false);
    await screenshot(page, 'settings-06-phone-section');

    await page.getByRole('button', { name: `← ${ru('ui.nav.settings')}` }).click();
    await menuLink(ru('ui.settings.section.blacklist')).waitFor();
    expect(await page.getByRole('button', { name: `+ ${ru('ui.settings.template.new')}` }).isVisible()).toBe(false);
  });
});
