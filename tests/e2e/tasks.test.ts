// The eight tasks in a real Chromium: every public task page with its budget chart and table,
// the service directory's search by unit and sector, and an agency officer entering an activity
// and a budget line and updating them — with JavaScript on and off, axe-clean. Texts are the
// Vietnamese defaults.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { executablePath, expectNoSeriousA11yViolations, hydrated, screenshots, serverAndBrowser } from '../support/browser.js';
import { globalId } from '../support/graphql.js';

const PASSWORD = 'treem-demo-2030';

const e2e = serverAndBrowser();

async function withPage(javaScript: boolean, run: (page: Page) => Promise<void>) {
  const context = await e2e.browser.newContext({ javaScriptEnabled: javaScript, viewport: javaScript ? { width: 1280, height: 900 } : { width: 375, height: 800 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await run(page);
  } finally {
    await context.close();
  }
}

async function logIn(page: Page, username: string, javaScript: boolean) {
  await page.goto(`${e2e.server.url}/login`);
  await hydrated(page, javaScript);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL(`${e2e.server.url}/`);
}

/** axe runs as a script in the page: only where JavaScript runs (as the other browser tests do). */
const accessible = (page: Page, javaScript: boolean) => (javaScript ? expectNoSeriousA11yViolations(page) : Promise.resolve());

const vnd = (n: bigint) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(n);

describe.skipIf(!executablePath)('task pages and the service directory', { timeout: 120_000 }, () => {
  for (const javaScript of [true, false]) {
    it(`show each task's agencies, activities and budget by source as a chart and a table (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      await withPage(javaScript, async (page) => {
        await page.goto(`${e2e.server.url}/tasks`);
        await hydrated(page, javaScript);
        expect(await page.locator('ol.tasks > li').count()).toBe(8);
        await accessible(page, javaScript);
        await page.getByRole('link', { name: /Nhiệm vụ 5/ }).click();
        await page.waitForURL(`${e2e.server.url}/tasks/5`);
        await hydrated(page, javaScript);
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Nhiệm vụ 5');
        expect(await page.locator('dl.agencies dd').first().textContent()).toBe('Sở Tài chính');
        expect(await page.locator('svg[role="img"] rect').count()).toBe(6);

        // The table shows what the lines add up to, source by source.
        const lines = await e2e.server.prisma.budgetLine.findMany({ where: { activity: { task: { number: 5 }, year: 2024 } } });
        await page.getByLabel('Năm').selectOption('2024');
        await page.getByRole('button', { name: 'Xem' }).click();
        await page.waitForURL(/year=2024/);
        await hydrated(page, javaScript);
        const planned = lines.filter((l) => l.source === 'STATE_BUDGET').reduce((s, l) => s + l.plannedVnd, 0n);
        const row = page.getByRole('row', { name: /Ngân sách nhà nước/ });
        await expect.poll(() => row.locator('td').first().textContent()).toBe(vnd(planned));
        await accessible(page, javaScript);
        await page.screenshot({ path: `${screenshots}tasks-5-js-${javaScript}.png`, fullPage: true });

        for (const n of [2, 4, 6, 8]) {
          await page.goto(`${e2e.server.url}/tasks/${n}`);
          await hydrated(page, javaScript);
          expect(await page.locator('ul.list > li').count()).toBeGreaterThan(0);
          await accessible(page, javaScript);
        }
        // The public page of task 8 counts inspections but names no inspected body.
        expect(await page.textContent('main')).not.toContain('Trường Tiểu học Cái Khế');
        const missing = await page.goto(`${e2e.server.url}/tasks/9`);
        expect(missing?.status()).toBe(404);
      });
    });

    it(`find services by ward and sector, with the 111 helpline always there (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      await withPage(javaScript, async (page) => {
        await page.goto(`${e2e.server.url}/`);
        await hydrated(page, javaScript);
        await page.getByRole('link', { name: 'Tìm dịch vụ' }).click();
        await page.waitForURL(`${e2e.server.url}/services`);
        await hydrated(page, javaScript);
        await page.getByLabel('Phường, xã').selectOption({ label: 'Phường Cái Khế' });
        await page.getByLabel('Lĩnh vực').selectOption('EDUCATION');
        await page.getByRole('button', { name: 'Tìm', exact: true }).click();
        await page.waitForURL(/sector=EDUCATION/);
        await hydrated(page, javaScript);
        const expected = await e2e.server.prisma.servicePoint.count({ where: { unit: { code: '92.102' }, sector: 'EDUCATION' } });
        expect(expected).toBeGreaterThan(0);
        await expect.poll(() => page.locator('ul.points > li').count()).toBe(expected);
        for (const text of await page.locator('ul.points > li .meta').allTextContents()) expect(text).toContain('Giáo dục');
        await accessible(page, javaScript);
        await page.screenshot({ path: `${screenshots}services-js-${javaScript}.png`, fullPage: true });

        await page.goto(`${e2e.server.url}/services?unit=92.102`);
        await hydrated(page, javaScript);
        expect(await page.locator('ul.points > li.hotline').count()).toBe(1);
      });
    });
  }
});

describe.skipIf(!executablePath)('agency pages', { timeout: 180_000 }, () => {
  for (const javaScript of [true, false]) {
    it(`let an officer add an activity and a budget line, then update them (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      await withPage(javaScript, async (page) => {
        await logIn(page, 'officer.demo', javaScript);
        await page.getByRole('link', { name: 'Hồ sơ cơ quan' }).click();
        await page.waitForURL(`${e2e.server.url}/agency`);
        await hydrated(page, javaScript);
        await accessible(page, javaScript);
        const title = `Ngày hội đọc sách ${javaScript ? 'có' : 'không'} JavaScript`;
        await page.getByLabel('Nhiệm vụ', { exact: true }).selectOption('4');
        await page.getByLabel('Tên hoạt động (tiếng Việt)').fill(title);
        await page.getByRole('button', { name: 'Thêm', exact: true }).click();
        await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã thêm.');
        const activity = await e2e.server.prisma.activity.findFirstOrThrow({ where: { titleVi: title }, include: { agency: true, task: true } });
        expect([activity.agency.code, activity.task.number, activity.version]).toEqual(['SGDDT', 4, 1]);

        await page.goto(`${e2e.server.url}/agency`);
        await hydrated(page, javaScript);
        // The page names cards by the API's global ids (base64: quoted, not a CSS #id).
        const card = page.locator(`[id="activity-${globalId('Activity', activity.id)}"]`);
        await card.getByLabel('Kế hoạch (đồng)').fill('150000000');
        await card.getByRole('button', { name: 'Thêm dòng kinh phí' }).click();
        await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu.');
        await page.goto(`${e2e.server.url}/agency`);
        await hydrated(page, javaScript);
        await card.getByLabel('Tình trạng').selectOption('DONE');
        await card.getByLabel('Kết quả').fill('120 học sinh tham gia');
        await card.locator('form[action="?/updateActivity"] button').click();
        await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu.');
        await page.goto(`${e2e.server.url}/agency`);
        await hydrated(page, javaScript);
        await card.getByLabel('Đã giải ngân (đồng)').fill('-3');
        await card.locator('form[action="?/updateBudgetLine"] button').click();
        // The browser's own check (pattern) stops it, or the API explains; nothing changes.
        await card.getByLabel('Đã giải ngân (đồng)').fill('90000000');
        await card.locator('form[action="?/updateBudgetLine"] button').click();
        await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu.');
        await page.screenshot({ path: `${screenshots}agency-js-${javaScript}.png`, fullPage: true });

        const saved = await e2e.server.prisma.activity.findUniqueOrThrow({ where: { id: activity.id }, include: { budgetLines: true } });
        expect([saved.status, saved.outputs, saved.version]).toEqual(['DONE', '120 học sinh tham gia', 2]);
        expect(saved.budgetLines.map((l) => [l.source, l.plannedVnd, l.disbursedVnd])).toEqual([['STATE_BUDGET', 150000000n, 90000000n]]);
        expect(await e2e.server.prisma.auditLog.count({ where: { subjectId: { in: [activity.id, saved.budgetLines[0]!.id] } } })).toBe(4);

        // The agency's entries in the service directory are kept on the same page.
        const point = await e2e.server.prisma.servicePoint.findFirstOrThrow({ where: { agency: { code: 'SGDDT' } }, orderBy: { id: 'asc' } });
        const hours = `Thứ Hai–Thứ Sáu 7:00–${javaScript ? '17:00' : '16:30'}`;
        const entry = page.locator(`[id="service-${globalId('ServicePoint', point.id)}"]`);
        await entry.getByLabel('Giờ làm việc').fill(hours);
        await entry.getByRole('button', { name: 'Lưu' }).click();
        await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu.');
        const kept = await e2e.server.prisma.servicePoint.findUniqueOrThrow({ where: { id: point.id } });
        expect([kept.hours, kept.version]).toEqual([hours, point.version + 1]);
      });
    });
  }

  it('is not there for the public or a child: 404, and no link', async () => {
    await withPage(false, async (page) => {
      const response = await page.goto(`${e2e.server.url}/agency`);
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('link', { name: 'Hồ sơ cơ quan' }).count()).toBe(0);
    });
  });
});
