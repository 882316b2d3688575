// The proposal page is where children spend their time, often on cheap phones and slow
// networks: it ships at most 50 KB of gzipped JavaScript, whatever the reader's language and
// role, and no page carries messages in its code: the reader's language comes as one cached file.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, globalId } from '../support/graphql.js';
import { pageJavaScript } from '../support/page-weight.js';

const BUDGET = 50 * 1024;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl'), withWeb: true });
});
afterAll(() => server?.close());

describe('the proposal page’s JavaScript', () => {
  const path = `/proposals/${encodeURIComponent(globalId('Proposal', 'demo-92.102-lights'))}`;

  it.each([['vi'], ['en']])('stays within 50 KB gzipped in %s, signed out and as a moderator', async (lang) => {
    const anonymous = await pageJavaScript(`${server.url}${path}`, { headers: { cookie: `lang=${lang}` } });
    const moderator = new Client(server.url);
    await moderator.login('moderator.demo', 'treem-demo-2030');
    const moderating = await pageJavaScript(`${server.url}${path}`, { headers: { cookie: `lang=${lang}; ${moderator.cookie}` } });
    console.log(`proposal page JS (${lang}): ${anonymous.gzipped} B gzipped in ${anonymous.files.size} files (${[...anonymous.files].map(([href, size]) => `${href.split("/").pop()} ${size}`).join(", ")}); as moderator ${moderating.gzipped} B`);
    expect(anonymous.files.size).toBeGreaterThan(3);
    expect(anonymous.gzipped).toBeLessThanOrEqual(BUDGET);
    expect(moderating.gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it('carries no messages in code: the browser fetches its own language as a file it keeps, and not the other', async () => {
    const { files } = await pageJavaScript(`${server.url}${path}`);
    const code = (await Promise.all([...files.keys()].map(async (href) => (await fetch(href)).text()))).join('\n');
    // A Vietnamese-only and an English-only message from the catalogues.
    expect(code).not.toContain('Bỏ qua, đến nội dung chính');
    expect(code).not.toContain('Skip to main content');
    const vi = await (await fetch(`${server.url}${path}`, { headers: { cookie: 'lang=vi' } })).text();
    expect(vi).toContain('Bỏ qua, đến nội dung chính');
    expect(vi).not.toContain('Skip to main content');
    // The page names its messages' file (and starts fetching it early); that file holds the
    // reader's language only, and is kept for good because its address changes with it.
    const file = /<link rel="preload" href="([^"]+)" as="fetch"/.exec(vi)?.[1];
    expect(file).toMatch(/^\/i18n\/vi\?v=[\w-]+$/);
    const messages = await fetch(`${server.url}${file}`);
    expect(messages.headers.get('cache-control')).toContain('immutable');
    const text = await messages.text();
    expect(text).toContain('Bỏ qua, đến nội dung chính');
    expect(text).not.toContain('Skip to main content');
    // Unlike the page itself: it no longer carries the whole catalogue in its HTML.
    expect(vi.length).toBeLessThan(text.length);
  });
});
