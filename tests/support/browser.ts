// Shared by the browser tests: a real Chromium, hydration, and the accessibility check.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/**
 * Chromium's path, or null: without it the browser tests say so and are skipped on a
 * developer's machine, and fail under CI, where a missing browser must never pass silently.
 */
export function chromiumPath(): string | null {
  const executablePath = inject('chromiumPath');
  if (!executablePath) {
    const message = 'Chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH): browser tests cannot run.';
    if (process.env.CI && process.env.CI !== 'false') throw new Error(message);
    console.warn(`${message} Skipping them.`);
  }
  return executablePath;
}

export function launchChromium(executablePath: string) {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function hydrated(page: Page, javaScript: boolean) {
  // Without hydration a click would post the form natively and test nothing of the enhancement.
  if (javaScript) await page.locator('body[data-hydrated]').waitFor();
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}
