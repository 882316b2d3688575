// Every page fetches its reader's messages as one file (routes/i18n) before it comes alive,
// including the one page a child with a one-time password may see: that file must never be
// sent through the password gate, or the page would never hydrate.
import { describe, expect, it } from 'vitest';
import { councilWithMembers, PASSWORD } from '../support/fixtures.js';
import { Client } from '../support/graphql.js';
import { executablePath, hydrated, serverAndBrowser } from '../support/browser.js';

const e2e = serverAndBrowser();

describe.skipIf(!executablePath)('the messages file', () => {
  it('reaches a child who must first choose a password, whose page then comes alive', async () => {
    const world = await councilWithMembers(e2e.server.prisma, { members: 1 });
    const child = world.children[0]!;
    await e2e.server.prisma.credential.update({ where: { userId: child.id }, data: { mustChange: true } });
    // Signed in elsewhere, on a browser that has not kept the file yet (a new phone, or a new
    // version of the messages since the child's last visit).
    const api = new Client(e2e.server.url);
    await api.login(child.username, PASSWORD);
    const [name, value] = api.cookie!.split('=') as [string, string];
    const context = await e2e.browser.newContext();
    await context.addCookies([{ name, value, url: e2e.server.url }]);
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(String(error)));
    const messages: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/i18n/')) messages.push(response.status());
    });
    try {
      await page.goto(`${e2e.server.url}/`);
      await page.waitForURL(`${e2e.server.url}/password`);
      await hydrated(page, true);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.every((status) => status === 200 || status === 304)).toBe(true);
      expect(failures).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
