// The children's portal in a real Chromium against the real server (portal + /graphql on one
// port, demo data seeded by the global setup): a member votes with JavaScript on, changes the vote with JavaScript
// off, and a signed-out visitor is invited to log in. Texts are the Vietnamese defaults.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { executablePath, expectNoSeriousA11yViolations, hydrated, screenshots, watchCsp, serverAndBrowser } from '../support/browser.js';

const CHILD = { username: 'child.demo', password: 'treem-demo-2030' };
const THANKS = 'Cảm ơn em! Phiếu của em đã được ghi lại.';
const VOTING_NOW = 'Đang bỏ phiếu'; // the OPEN badge

const e2e = serverAndBrowser();

async function logIn(page: Page, javaScript: boolean) {
  await page.goto(`${e2e.server.url}/login`);
  await hydrated(page, javaScript);
  await page.getByLabel('Tên đăng nhập').fill(CHILD.username);
  await page.getByLabel('Mật khẩu').fill(CHILD.password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL(`${e2e.server.url}/`);
  await page.getByText('Xin chào, Sơn Ca').waitFor();
}

/** Home → the child's own council → its first proposal open for voting, all through links. */
async function openProposalOfMyCouncil(page: Page, javaScript: boolean) {
  await page.goto(`${e2e.server.url}/`);
  await hydrated(page, javaScript);
  await page.getByRole('region', { name: 'Hội đồng của em' }).getByRole('link').first().click();
  await page.waitForURL(/\/councils\//);
  const open = page.getByRole('article').filter({ hasText: VOTING_NOW }).first();
  await open.getByRole('link').click();
  await page.waitForURL(/\/proposals\//);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

async function vote(page: Page, choice: string) {
  await page.getByRole('radio', { name: choice, exact: true }).check();
  await page.getByRole('button', { name: 'Gửi phiếu' }).click();
  const status = page.getByRole('status');
  await status.getByText(THANKS).waitFor();
  return status;
}

describe.skipIf(!executablePath)('voting in the Children’s Council portal', () => {
  it('a member votes with JavaScript on, enhanced in place', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const cspViolations = watchCsp(page);

      await logIn(page, true);
      await openProposalOfMyCouncil(page, true);
      const proposalUrl = page.url();

      const status = await vote(page, 'Em đồng ý');
      expect(await status.textContent()).toContain('Em đã chọn: Em đồng ý.');
      expect(await page.getByRole('radio', { name: 'Em đồng ý', exact: true }).isChecked()).toBe(true);
      // use:enhance posted in the background: the address is still the proposal's, not "?/vote".
      expect(page.url()).toBe(proposalUrl);
      await page.screenshot({ path: `${screenshots}/vote-js-on.png`, fullPage: true });

      await expectNoSeriousA11yViolations(page);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a member changes the vote with JavaScript off', async () => {
    const noScript = await e2e.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
    try {
      const page = await noScript.newPage();
      await logIn(page, false);
      await openProposalOfMyCouncil(page, false);
      const proposalUrl = page.url();

      const status = await vote(page, 'Em không đồng ý');
      expect(page.url()).toContain('?/vote'); // a native form post, answered by the action
      expect(await status.textContent()).toContain('Em đã chọn: Em không đồng ý.');
      await page.screenshot({ path: `${screenshots}/vote-js-off.png`, fullPage: true });

      // The change is stored, not only shown: a fresh visit says and marks the new choice.
      await page.goto(proposalUrl);
      expect(await page.getByRole('status').textContent()).toContain('Em đã chọn: Em không đồng ý.');
      expect(await page.getByRole('radio', { name: 'Em không đồng ý', exact: true }).isChecked()).toBe(true);
    } finally {
      await noScript.close();
    }
  });

  it('a signed-out visitor sees no ballot, only a way to log in and come back', async () => {
    const visitor = await e2e.browser.newContext({ viewport: { width: 375, height: 800 } });
    try {
      const page = await visitor.newPage();
      const cspViolations = watchCsp(page);
      await page.goto(`${e2e.server.url}/`);
      await hydrated(page, true);
      // The demo child's ward, found the way a visitor would: by its name on the home page.
      await page.getByRole('link', { name: 'Phường Cái Khế', exact: true }).click();
      await page.waitForURL(/\/councils\//);
      await page.getByRole('article').filter({ hasText: VOTING_NOW }).first().getByRole('link').click();
      await page.waitForURL(/\/proposals\//);
      const proposalPath = new URL(page.url()).pathname;

      expect(await page.getByRole('radio').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Gửi phiếu' }).count()).toBe(0);
      const login = page.getByRole('link', { name: 'Đăng nhập để bỏ phiếu' });
      expect(await login.getAttribute('href')).toBe(`/login?redirectTo=${encodeURIComponent(proposalPath)}`);
      await page.screenshot({ path: `${screenshots}/proposal-signed-out.png`, fullPage: true });
      await expectNoSeriousA11yViolations(page);

      // Logging in from there leads straight back to the proposal, now with the ballot.
      await login.click();
      await page.waitForURL(/\/login\?redirectTo=/);
      await hydrated(page, true);
      await page.getByLabel('Tên đăng nhập').fill(CHILD.username);
      await page.getByLabel('Mật khẩu').fill(CHILD.password);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL(`${e2e.server.url}${proposalPath}`);
      await page.getByRole('radio', { name: 'Em chưa quyết định', exact: true }).waitFor();
      expect(cspViolations).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});
