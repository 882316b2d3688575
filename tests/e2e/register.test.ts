// The protection officers' pages in a real Chromium: state a purpose, search, open a record,
// see its population-database link, update it — with JavaScript on and off — while nobody
// else sees a link to the register or reaches its pages (404). Texts are the Vietnamese defaults.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { executablePath, expectNoSeriousA11yViolations, hydrated, logIn as signIn, screenshots, serverAndBrowser } from '../support/browser.js';

const PASSWORD = 'treem-demo-2030';

const e2e = serverAndBrowser();

const logIn = (page: Page, username: string, javaScript: boolean) => signIn(page, { baseUrl: e2e.server.url, username, password: PASSWORD, javaScript });

/** A child of the officer's area, with a name to search for and a linked status to show. */
async function demoChild() {
  const child = await e2e.server.prisma.childRecord.findFirstOrThrow({
    where: { personalNumber: { not: null }, unit: { code: '92.101' } },
    orderBy: { id: 'desc' },
  });
  await e2e.server.prisma.registryLink.update({ where: { childId: child.id }, data: { status: 'MATCHED', lastVerifiedAt: new Date(), attempts: 1 } });
  return child;
}

// Several logins (argon2) and page loads each: more than the default time on a busy machine.
describe.skipIf(!executablePath)('the children register pages', { timeout: 120_000 }, () => {
  for (const javaScript of [true, false]) {
    it(`let a protection officer state a purpose, find a child, see the link status and update the case (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await e2e.browser.newContext({ javaScriptEnabled: javaScript, viewport: javaScript ? { width: 1280, height: 900 } : { width: 375, height: 800 } });
      try {
        const page = await context.newPage();
        // A step that cannot happen fails with its own message, not the test's timeout.
        page.setDefaultTimeout(20_000);
        const child = await demoChild();
        await logIn(page, 'protection.demo', javaScript);
        await page.getByRole('link', { name: 'Sổ theo dõi trẻ em' }).click();
        await page.waitForURL(`${e2e.server.url}/register`);
        await hydrated(page, javaScript);
        // The header's links are one navigation list, this page's section marked as the current one.
        const nav = page.getByRole('navigation', { name: 'Các trang của chương trình' });
        expect(await nav.getByRole('link', { name: 'Sổ theo dõi trẻ em' }).getAttribute('aria-current')).toBe('page');
        expect(await nav.getByRole('link', { name: 'Tám nhiệm vụ' }).getAttribute('aria-current')).toBeNull();
        expect(await nav.getByRole('link', { name: /^Thông báo/ }).count()).toBe(1);
        // No record before a purpose is stated.
        expect(await page.locator('.records').count()).toBe(0);
        await page.getByLabel('Lý do').selectOption('FOLLOW_UP_VISIT');
        await page.getByLabel('Ghi rõ (không ghi tên hay số định danh)').fill('Thăm hộ gia đình tháng này');
        await page.getByRole('button', { name: 'Bắt đầu làm việc' }).click();
        await page.getByText('Mục đích: Thăm, theo dõi: Thăm hộ gia đình tháng này').waitFor();
        // axe runs in the page, so only where scripts may run.
        if (javaScript) await expectNoSeriousA11yViolations(page);

        await page.getByLabel('Họ tên hoặc số định danh (12 chữ số)').fill(child.givenName);
        await page.getByRole('button', { name: 'Tìm', exact: true }).click();
        await page.waitForURL(/\/register\?q=/);
        const fullName = `${child.familyName} ${child.middleName} ${child.givenName}`;
        await page.getByRole('link', { name: fullName }).click();
        await page.waitForURL(`${e2e.server.url}/register/children/${child.id}`);
        await hydrated(page, javaScript);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(fullName);
        expect(await page.getByTestId('link-status').textContent()).toBe('Khớp');
        await page.screenshot({ path: `${screenshots}/register-record-js-${javaScript ? 'on' : 'off'}.png`, fullPage: true });
        if (javaScript) await expectNoSeriousA11yViolations(page);

        const next = javaScript ? 'MONITORING' : 'OPEN';
        await page.getByLabel('Tình trạng hồ sơ').selectOption(next);
        await page.getByRole('button', { name: 'Lưu' }).click();
        await page.getByText('Đã lưu.').waitFor();
        expect((await e2e.server.prisma.childRecord.findUniqueOrThrow({ where: { id: child.id } })).caseStatus).toBe(next);
        const logged = await e2e.server.prisma.registerAccessLog.findMany({ where: { recordIds: { has: child.id }, purposeCode: 'FOLLOW_UP_VISIT' } });
        expect(logged.map((row) => row.action)).toEqual(expect.arrayContaining(['SEARCH', 'READ', 'UPDATE']));
      } finally {
        await context.close();
      }
    });
  }

  it('shows an officer without the identity right no names, and everyone else neither a link nor the pages (404)', async () => {
    const child = await demoChild();
    const noIdentity = await e2e.browser.newContext();
    try {
      const page = await noIdentity.newPage();
      await logIn(page, 'protection.noid.demo', true);
      await page.goto(`${e2e.server.url}/register`);
      await page.getByLabel('Lý do').selectOption('CASE_MANAGEMENT');
      await page.getByRole('button', { name: 'Bắt đầu làm việc' }).click();
      await page.locator('.records').waitFor();
      expect(await page.locator('.records').textContent()).not.toContain(child.givenName);
      await page.screenshot({ path: `${screenshots}/register-list-without-identity.png`, fullPage: true });
      await page.locator('.records a').first().click();
      await page.waitForURL(/\/register\/children\//);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ẩn danh (bạn không có quyền xem định danh)');
      expect(await page.content()).not.toContain(child.givenName);
    } finally {
      await noIdentity.close();
    }

    for (const username of [null, 'child.demo', 'moderator.demo', 'officer.demo', 'admin.demo']) {
      const context = await e2e.browser.newContext();
      try {
        const page = await context.newPage();
        if (username) await logIn(page, username, true);
        await page.goto(`${e2e.server.url}/`);
        expect(await page.getByRole('link', { name: 'Sổ theo dõi trẻ em' }).count(), `${username}`).toBe(0);
        for (const path of ['/register', `/register/children/${child.id}`]) {
          const response = await page.goto(`${e2e.server.url}${path}`);
          expect(response!.status(), `${username} ${path}`).toBe(404);
          expect(await page.content()).not.toContain(child.givenName);
        }
      } finally {
        await context.close();
      }
    }
  });
});
