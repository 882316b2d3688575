// The council tree in the portal follows the map: today's councils first, the structure before
// the 2025 reform one link away, and an ended council pointing to the one that carries on.
import { describe, expect, it } from 'vitest';
import { executablePath, expectNoSeriousA11yViolations, screenshots, serverAndBrowser } from '../support/browser.js';

const e2e = serverAndBrowser();

describe.skipIf(!executablePath)('councils on the map of each day', () => {
  it('shows today’s councils, the earlier ones as history, and where an ended council’s members went', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 375, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/`);
      const all = page.getByRole('region', { name: 'Tất cả các hội đồng' });
      expect(await all.getByRole('heading', { name: 'Cấp quận, huyện' }).count()).toBe(0);
      expect(await all.getByRole('link', { name: 'Phường Cái Khế', exact: true }).count()).toBe(1);
      expect(await all.getByRole('link', { name: 'Phường An Hòa', exact: true }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('link', { name: 'Xem các hội đồng trước ngày 1/7/2025' }).click();
      await page.waitForURL(/\?at=2025-06-30/);
      const before = page.getByRole('region', { name: 'Các hội đồng ngày 30/6/2025' });
      expect(await before.getByRole('heading', { name: 'Cấp quận, huyện' }).count()).toBe(1);
      await page.screenshot({ path: `${screenshots}/councils-before-reform.png`, fullPage: true });

      await before.getByRole('link', { name: 'Phường An Hòa', exact: true }).click();
      await page.waitForURL(/\/councils\//);
      await page.getByText('Hội đồng này đã kết thúc ngày 30/6/2025').waitFor();
      await page.screenshot({ path: `${screenshots}/council-ended.png`, fullPage: true });
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('link', { name: 'Đến hội đồng mới' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hội đồng trẻ em phường Cái Khế' }).waitFor();
      expect(await page.getByRole('link', { name: 'Hội đồng trẻ em phường An Hòa' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('answers a malformed date with a kind error page, not a crash', async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${e2e.server.url}/?at=2025-02-30`);
      expect(response!.status()).toBe(400);
      await page.getByText('Ngày "2025-02-30" không đúng').waitFor();
    } finally {
      await context.close();
    }
  });
});
