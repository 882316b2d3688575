// The GraphQL explorer (Altair from npm, no CDN) in a real Chromium under its strict Content
// Security Policy: a signed-in adult runs a query and reads the docs; anyone else, and a
// browser that opens /graphql, gets a short page about it in their language.
import { describe, expect, it } from 'vitest';
import { executablePath, screenshots, watchCsp, serverAndBrowser } from '../support/browser.js';
import { Client } from '../support/graphql.js';

const e2e = serverAndBrowser({ withWeb: false });

describe.skipIf(!executablePath)('the explorer', () => {
  it('lets a signed-in adult run a query and read the schema, with no CSP violation', async () => {
    const client = new Client(e2e.server.url).from('192.0.2.230');
    await client.login('officer.demo', 'treem-demo-2030');
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.addCookies([{ name: 'treem_session', value: client.cookie!.split('=')[1]!, url: e2e.server.url }]);
      const page = await context.newPage();
      const violations = watchCsp(page);
      const response = await page.goto(`${e2e.server.url}/graphql`); // a browser opening the API address
      expect(response!.url()).toBe(`${e2e.server.url}/explorer/`);
      expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
      await page.getByText('Send Request').click();
      await page.getByText('Chương trình hành động vì trẻ em').first().waitFor();
      await page.getByText('Docs', { exact: true }).click();
      await page.getByText('Mutation', { exact: true }).waitFor();
      await page.screenshot({ path: `${screenshots}/explorer-adult.png` });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells a signed-out visitor what it is and how to sign in, in Vietnamese or English', async () => {
    for (const locale of ['vi-VN', 'en-GB']) {
      const context = await e2e.browser.newContext({ locale, viewport: { width: 800, height: 600 } });
      try {
        const page = await context.newPage();
        const violations = watchCsp(page);
        const response = await page.goto(`${e2e.server.url}/explorer`);
        expect(response!.status()).toBe(401);
        await page.getByRole('link', { name: locale === 'vi-VN' ? 'Đăng nhập' : 'Sign in' }).waitFor();
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(locale === 'vi-VN' ? 'Trình khám phá API GraphQL' : 'GraphQL API explorer');
        await page.screenshot({ path: `${screenshots}/explorer-signed-out-${locale}.png` });
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('is not for children', async () => {
    const client = new Client(e2e.server.url).from('192.0.2.231');
    await client.login('child.demo', 'treem-demo-2030');
    const response = await fetch(`${e2e.server.url}/explorer/`, { headers: { cookie: client.cookie! } });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Hội đồng trẻ em');
  });
});
