// The programme dashboard: server-drawn SVG charts against the path to target, with and without
// JavaScript, a table for each chart, drill-down on the map of the chosen year; and the agencies'
// reporting page, where an admin approves what an agency sent.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Client } from '../support/graphql.js';
import { executablePath, expectNoSeriousA11yViolations, hydrated, logIn, screenshots, serverAndBrowser } from '../support/browser.js';

const e2e = serverAndBrowser();

/** The codes of the indicators the seed made, marked as demo figures. */
async function demoIndicatorCodes(): Promise<string[]> {
  const result = await new Client(e2e.server.url).request<{ indicators: { edges: { node: { code: string; demo: boolean } }[] } }>(
    '{ indicators(first: 100) { edges { node { code demo } } } }',
  );
  expect(result.errors).toBeUndefined();
  return result.data!.indicators.edges.map(({ node }) => node).filter(({ demo }) => demo).map(({ code }) => code);
}

/** The one-value form, filled in for a swimming-lessons figure of a ward. */
async function fillOneValue(page: Page, period: string) {
  const one = page.getByRole('region', { name: 'Nhập một số liệu' });
  await one.getByLabel('Chỉ tiêu').selectOption('SWIMMING_SAFETY');
  await one.getByLabel('Phường, xã').selectOption('92.103');
  await one.getByLabel(/^Kỳ/).fill(period);
  await one.getByLabel('Tử số').fill('120');
  await one.getByLabel('Mẫu số').fill('300');
  return one;
}

describe.skipIf(!executablePath)('the programme dashboard', { timeout: 120_000 }, () => {
  for (const javaScript of [true, false]) {
    it(`draws every indicator's progress on the server and drills down on the year's map (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await e2e.browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 1000, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${e2e.server.url}/programme`);
        await hydrated(page, javaScript);
        await page.getByRole('heading', { level: 1, name: 'Tiến độ Chương trình vì trẻ em' }).waitFor();
        await page.getByTestId('demo-notice').waitFor();
        for (const number of [1, 2, 3, 4]) expect(await page.getByRole('heading', { level: 2, name: new RegExp(`^Nhóm mục tiêu ${number}:`) }).count()).toBe(1);

        // Every demo indicator's chart is an SVG with its actual line and its path to target, and a
        // table beside it (other test files add indicators of their own, without the city's data).
        const demoCodes = await demoIndicatorCodes();
        expect(demoCodes.length).toBeGreaterThanOrEqual(15);
        for (const code of demoCodes) {
          const chart = page.locator(`article[aria-labelledby="ind-${code}"]`).getByTestId('progress-chart');
          expect(await chart.locator('path.actual').getAttribute('d'), code).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4,}/);
          expect(await chart.locator('path.plan').getAttribute('d'), code).toMatch(/^M/);
        }
        const stunting = page.getByRole('article', { name: 'Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi' });
        expect(await stunting.getByRole('img', { name: /Biểu đồ tiến độ/ }).count()).toBe(1);
        await stunting.getByText('Xem bảng số liệu').click();
        expect(await stunting.getByRole('row').count()).toBeGreaterThanOrEqual(8);
        if (javaScript) await expectNoSeriousA11yViolations(page);
        await page.screenshot({ path: `${screenshots}/programme-${javaScript ? 'js' : 'nojs'}.png`, fullPage: true });

        // 2023 on the map of 2023: the city → its districts → a district's wards.
        await page.getByLabel('Năm', { exact: true }).selectOption('2023');
        await page.getByRole('button', { name: 'Xem', exact: true }).click();
        await page.waitForURL(/year=2023/);
        const units = page.getByTestId('unit-summary');
        await units.getByRole('link', { name: 'Quận Ninh Kiều' }).click();
        await page.waitForURL(/unit=916/);
        expect(await page.getByTestId('unit-summary').getByRole('link', { name: 'Phường An Hòa' }).count()).toBe(1);
        // 2026 on today's map: wards straight under the city, the merged Cái Khế among them.
        await page.goto(`${e2e.server.url}/programme?year=2026`);
        expect(await page.getByTestId('unit-summary').getByRole('link', { name: 'Phường Cái Khế' }).count()).toBe(1);
        expect(await page.getByTestId('unit-summary').getByRole('link', { name: 'Quận Ninh Kiều' }).count()).toBe(0);
        // A ward formed in 2025 still has a series back to 2021 (from the wards it was formed from).
        await page.getByTestId('unit-summary').getByRole('link', { name: 'Phường Cái Khế' }).click();
        await page.waitForURL(/unit=92\.102/);
        const first = page.getByTestId('progress-chart').first();
        expect((await first.locator('circle').count())).toBeGreaterThanOrEqual(5);
        if (javaScript) await expectNoSeriousA11yViolations(page);
      } finally {
        await context.close();
      }
    });
  }

  it('speaks English too', async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'accept-language': 'en' } });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/programme`);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Progress of the Programme for Children' }).waitFor();
      await page.getByText('Demo figures: made up to try the system, not official statistics.').waitFor();
      expect(await page.getByRole('heading', { level: 2, name: /^Objective group 2: Child protection/ }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(!executablePath)('reporting and approval', { timeout: 120_000 }, () => {
  for (const javaScript of [true, false]) {
    it(`an admin checks a value, saves it, sends it and approves it (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const period = javaScript ? '2026Q1' : '2026Q2';
      const context = await e2e.browser.newContext({ javaScriptEnabled: javaScript });
      try {
        const page = await context.newPage();
        await page.goto(`${e2e.server.url}/programme/report`);
        await page.waitForURL(/\/login\?redirectTo=%2Fprogramme%2Freport/);
        await logIn(page, { baseUrl: e2e.server.url, username: 'admin.demo', password: 'treem-demo-2030', javaScript });
        await page.goto(`${e2e.server.url}/programme/report`);
        await hydrated(page, javaScript);
        if (javaScript) await expectNoSeriousA11yViolations(page);

        await (await fillOneValue(page, period)).getByRole('button', { name: 'Kiểm tra (không lưu)' }).click();
        const report = page.getByTestId('import-report');
        await report.getByText('Kiểm tra thử: chưa lưu gì.').waitFor();
        expect(await report.textContent()).toContain('Mới: 1');
        expect(await e2e.server.prisma.dataValue.count({ where: { period, indicator: { code: 'SWIMMING_SAFETY' } } })).toBe(0);

        await (await fillOneValue(page, period)).getByRole('button', { name: 'Lưu', exact: true }).click();
        await page.getByTestId('import-report').getByText('Mới: 1').waitFor();
        expect(await e2e.server.prisma.dataValue.count({ where: { period, indicator: { code: 'SWIMMING_SAFETY' } } })).toBe(1);

        await page.goto(`${e2e.server.url}/programme/report?state=DRAFT`);
        const mine = page.getByTestId('submission').filter({ hasText: `· ${period}` });
        // Each of these forms posts natively: the next page is opened only once its answer is in.
        await mine.getByRole('button', { name: 'Gửi duyệt' }).click();
        await page.waitForURL(/\?\/submit$/);
        await page.goto(`${e2e.server.url}/programme/report?state=SUBMITTED`);
        await page.getByTestId('submission').filter({ hasText: `· ${period}` }).getByRole('button', { name: 'Duyệt', exact: true }).click();
        await page.waitForURL(/\?\/approve$/);
        await page.goto(`${e2e.server.url}/programme/report?state=APPROVED`);
        await page.getByTestId('submission').filter({ hasText: `· ${period}` }).waitFor();
        const submission = await e2e.server.prisma.submission.findFirstOrThrow({ where: { period, indicator: { code: 'SWIMMING_SAFETY' } } });
        expect(submission.state).toBe('APPROVED');
        await page.screenshot({ path: `${screenshots}/programme-report-${javaScript ? 'js' : 'nojs'}.png`, fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
});
