// Real Chromium for the portal's tests (Debian's /usr/bin/chromium or CHROMIUM_PATH), with the
// flags a closed network needs. Without a browser the tests say so and are skipped, except under
// CI, where a missing browser must fail the run.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { startServer } from './server.js';

export const screenshots = fileURLToPath(new URL('../.artifacts/screenshots/', import.meta.url));

export const executablePath = inject('chromiumPath');
if (!executablePath) {
  const message = 'Chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH): browser tests cannot run.';
  if (process.env.CI && process.env.CI !== 'false') throw new Error(message);
  console.warn(`${message} Skipping them.`);
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({
    executablePath: executablePath!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * For a file of browser tests: the application (with the portal unless `withWeb` is false) and
 * a browser, started before the file's tests and closed after them. Without a browser nothing
 * starts and the file's tests skip (`describe.skipIf(!executablePath)`), a failure under CI.
 */
export function serverAndBrowser({ withWeb = true }: { withWeb?: boolean } = {}) {
  const running = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    if (!executablePath) return;
    running.server = await startServer({ databaseUrl: inject('databaseUrl'), withWeb });
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.close();
  });
  return running;
}

/** Console messages about the Content Security Policy: each one is a page that breaks. */
export function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return violations;
}

/** Without hydration a click would post a form natively and test nothing of the enhancement. */
export async function hydrated(page: Page, javaScript: boolean) {
  if (javaScript) await page.locator('body[data-hydrated]').waitFor();
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}

/** Signs in through the login page, as a person would, and waits for the page it leads to. */
export async function logIn(
  page: Page,
  { baseUrl, username, password, javaScript, landing = '/' }: { baseUrl: string; username: string; password: string; javaScript: boolean; landing?: string },
) {
  await page.goto(`${baseUrl}/login`);
  await hydrated(page, javaScript);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL(`${baseUrl}${landing}`);
}
