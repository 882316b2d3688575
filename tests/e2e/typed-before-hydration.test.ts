// On a slow phone or a busy school network a page shows its forms well before its scripts run.
// What a person types or ticks in that time must still be there once the page comes alive, and
// must be what the form sends: hydration once wiped it (a username, a whole proposal), and the
// form then went off empty.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { globalId } from '../support/graphql.js';
import { executablePath, hydrated, logIn, serverAndBrowser } from '../support/browser.js';

const e2e = serverAndBrowser();
const PASSWORD = 'treem-demo-2030';

/** A page of `context` whose scripts wait until `release` is called. */
async function pageWithScriptsHeld(context: BrowserContext): Promise<{ page: Page; release: () => void }> {
  const page = await context.newPage();
  let release!: () => void;
  const scripts = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_app/immutable/**', async (route) => {
    await scripts;
    await route.continue();
  });
  return { page, release };
}

/**
 * Opens `path` with its scripts held back, changes every field a person could change (text,
 * dates, numbers, ticks, choices), lets the scripts run, and names the fields whose change did
 * not survive hydration.
 */
async function changesLostToHydration(context: BrowserContext, path: string): Promise<{ changed: number; lost: string[] }> {
  const { page, release } = await pageWithScriptsHeld(context);
  try {
    await page.goto(`${e2e.server.url}${path}`, { waitUntil: 'commit' });
    await page.locator('form').first().waitFor();
    // The fields and what each should hold stay in the page, across the two evaluations.
    type Probe = { fields: HTMLInputElement[]; wanted: string[]; state: (field: HTMLInputElement) => string };
    const changed = await page.evaluate(() => {
      // Selects and text areas are typed as inputs: only `type`, `value` and `checked` are read.
      const state = (field: HTMLInputElement) => (field.type === 'checkbox' || field.type === 'radio' ? String(field.checked) : field.value);
      const fields = [...document.querySelectorAll<HTMLInputElement>('form input, form textarea, form select')].filter(
        (field) => !field.disabled && !['hidden', 'submit', 'file'].includes(field.type) && !field.hasAttribute('readonly'),
      );
      fields.forEach((field, i) => {
        if (field instanceof HTMLSelectElement) {
          const other = [...field.options].find((option) => !option.selected && option.value);
          if (other) field.value = other.value;
        } else if (field.type === 'radio') field.checked = true; // the last of each group stays ticked
        else if (field.type === 'checkbox') field.checked = !field.checked;
        else if (field.type === 'date') field.value = '2024-02-29';
        else if (field.type === 'email') field.value = `typed${i}@example.org`;
        else if (field.inputMode === 'numeric' || field.type === 'number') field.value = String(1000 + i);
        else field.value = `Đã gõ ${i}`;
      });
      (window as unknown as { probe: Probe }).probe = { fields, wanted: fields.map(state), state };
      return fields.length;
    });
    release();
    await hydrated(page, true);
    const lost = await page.evaluate(() => {
      const { fields, wanted, state } = (window as unknown as { probe: Probe }).probe;
      return fields.flatMap((field, i) =>
        state(field) === wanted[i] ? [] : [`${field.name || field.id} (${field.type}): wanted ${wanted[i]}, found ${state(field)}`],
      );
    });
    return { changed, lost };
  } finally {
    await page.close();
  }
}

async function signedIn(username: string | undefined, run: (context: BrowserContext) => Promise<void>) {
  const context = await e2e.browser.newContext();
  try {
    if (username) await logIn(await context.newPage(), { baseUrl: e2e.server.url, username, password: PASSWORD, javaScript: true });
    await run(context);
  } finally {
    await context.close();
  }
}

describe.skipIf(!executablePath)('what a person types while the page is still loading', () => {
  it('signs in with what was typed before the scripts ran', async () => {
    await signedIn(undefined, async (context) => {
      const { page, release } = await pageWithScriptsHeld(context);
      await page.goto(`${e2e.server.url}/login`, { waitUntil: 'commit' });
      await page.getByLabel('Tên đăng nhập').fill('child.demo');
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      release();
      await hydrated(page, true);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL(`${e2e.server.url}/`);
      await page.getByText('Xin chào, Sơn Ca').waitFor();
    });
  });

  it.each([
    ['someone signed out', undefined, ['/login', '/services', '/statistics']],
    ['a child', 'child.demo', ['/councils/:mine/write', `/proposals/${encodeURIComponent(globalId('Proposal', 'demo-92.102-crossing'))}`]],
    ['a moderator', 'moderator.demo', ['/notifications', '/councils/:mine/members']],
    ['an agency officer', 'officer.demo', ['/agency']],
  ])('keeps it on every form %s fills in', async (_who, username, paths) => {
    await signedIn(username, async (context) => {
      // The council the person belongs to or looks after, found as they would find it.
      const home = await context.newPage();
      await home.goto(`${e2e.server.url}/`);
      const mine = paths.some((path) => path.includes(':mine'))
        ? await home.getByRole('region', { name: /^Hội đồng (của em|bạn phụ trách)$/ }).getByRole('link').first().getAttribute('href')
        : null;
      for (const path of paths) {
        const { changed, lost } = await changesLostToHydration(context, path.replace('/councils/:mine', mine!));
        expect(changed, path).toBeGreaterThan(0);
        expect(lost, path).toEqual([]);
      }
    });
  }, 60_000);
});
