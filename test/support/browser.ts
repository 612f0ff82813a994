import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { t as translate, type MessageKey, type MessageParams } from '@app/i18n';
import { ensureWebAppBuilt, signIn } from '../browser/web-app.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from './test-app.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

/** Why browser suites cannot run here, or null when they can. */
export function chromiumMissingReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`;
}

/** Headless Debian Chromium driven by playwright-core; no browser is downloaded. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The machine has no network beyond loopback: keep Chromium from trying to reach its services.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Saves a screenshot in test-output/screenshots for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A text of the Russian interface, as the signed-in page shows it. */
export const ru = (key: MessageKey, params: MessageParams = {}) => translate(key, params, 'ru');

/** The running app and a Chromium page signed in to its web app as the administrator. */
export interface SignedInBrowser {
  t: TestApp;
  baseUrl: string;
  /** The administrator's API token, for seeding and checking through the API. */
  admin: string;
  browser: Browser;
  page: Page;
  /** Closes the browser, then the app. */
  close(): Promise<void>;
}

export interface SignedInBrowserOptions {
  app?: Parameters<typeof startTestApp>[0];
  /** Writes what the suite starts from, after the app starts and before the browser opens. */
  seed?(started: { t: TestApp; baseUrl: string; admin: string }): Promise<void>;
  /** Added to the Russian-language 1440×900 context, e.g. `acceptDownloads`. */
  context?: BrowserContextOptions;
  /** The page's default timeout for waits and actions, when not Playwright's own. */
  defaultTimeout?: number;
  /** The navigation link whose appearance shows that the sign-in went through. */
  readyLink: MessageKey;
}

/**
 * The start of a web-app suite: the built web app served by a test app on a loopback port, the suite's data,
 * headless Chromium with a Russian page, and the administrator signed in through the login form.
 * When a step fails, what was started is closed before the error is passed on.
 */
export async function openSignedInBrowser(options: SignedInBrowserOptions): Promise<SignedInBrowser> {
  ensureWebAppBuilt();
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await t?.close();
  };
  try {
    t = await startTestApp(options.app);
    const baseUrl = await t.listen();
    const admin = await t.adminToken();
    await options.seed?.({ t, baseUrl, admin });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 900 }, ...options.context });
    const page = await context.newPage();
    if (options.defaultTimeout !== undefined) page.setDefaultTimeout(options.defaultTimeout);
    await signIn(page, baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: ru(options.readyLink) }).waitFor();
    return { t, baseUrl, admin, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
