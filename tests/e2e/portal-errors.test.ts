// The portal never answers 500 to a made-up address: unknown or malformed ids and cursors in
// /proposals/… and /councils/… are 404 or 400 pages in the reader's language. And it passes
// the browser's own address on to the API, so sign-in limits count each browser, not the portal.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let draftId: string;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl'), withWeb: true });
  world = await councilWithMembers(server.prisma, { members: 1 });
  draftId = (await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'DRAFT' })).id;
});
afterAll(() => server.close());

const b64 = (text: string) => Buffer.from(text).toString('base64');
const leaks = /\bat .+\.(ts|js):\d+|\/work\/|node_modules|Internal Error/;

describe('made-up addresses', () => {
  const ids = () => [
    'x', '%00', 'a%00b', '%E0%A4%A', '..%2F..%2Fetc', 'x'.repeat(3000), encodeURIComponent(b64('Council:x')), encodeURIComponent(b64('Proposal:a\u0000b')),
    encodeURIComponent(b64('Foo:1')), encodeURIComponent(b64(`Proposal:c${randomUUID().slice(0, 20)}`)), encodeURIComponent(globalId('Proposal', draftId)),
    encodeURIComponent(b64('GPC:N:1e999')), '%ud800',
  ];

  it.each(['proposals', 'councils'])('/%s/<anything> is a 404 or 400 page', async (section) => {
    for (const id of ids()) {
      const response = await fetch(`${server.url}/${section}/${id}`, { headers: { accept: 'text/html' } });
      const html = await response.text();
      expect([400, 404], `${section}/${id.slice(0, 40)} → ${response.status}`).toContain(response.status);
      expect(html).not.toMatch(leaks);
    }
  });

  it('a council page with a crafted cursor is a 400 page, in English when asked', async () => {
    const council = encodeURIComponent(globalId('Council', world.council.id));
    for (const after of ['garbage', '%00', encodeURIComponent(b64('GPC:N:1e999')), 'x'.repeat(500)]) {
      const response = await fetch(`${server.url}/councils/${council}?after=${after}`, { headers: { cookie: 'lang=en' } });
      expect(response.status, after).toBe(400);
      expect(await response.text()).not.toMatch(leaks);
    }
    const english = await (await fetch(`${server.url}/councils/${council}?after=garbage`, { headers: { cookie: 'lang=en' } })).text();
    expect(english).toContain('This page position is not right.');
  });

  it('a vote posted to a made-up proposal is refused, not a crash', async () => {
    const response = await fetch(`${server.url}/proposals/${encodeURIComponent(b64('Proposal:a\u0000b'))}?/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: 'choice=SUPPORT',
    });
    expect(response.status).toBeLessThan(500);
  });
});

describe('methods a route does not take', () => {
  // Sent from this site (a script's fetch, say): refused as SvelteKit refuses, with its Allow
  // header, but in the reader's language; and JSON for use:enhance on a page with no actions.
  const sameSite = (extra: Record<string, string>) => ({ origin: server.url, 'content-type': 'application/x-www-form-urlencoded', ...extra });
  const english = 'This page does not take this kind of request.';

  it('are refused in the reader’s language, as text or as JSON', async () => {
    const cases: [string, string, string][] = [['PUT', '/logout', 'POST'], ['DELETE', '/login', 'GET, POST, OPTIONS, HEAD'], ['PATCH', '/lang', 'POST'], ['POST', '/i18n/vi', 'GET, HEAD']];
    for (const [method, path, allow] of cases) {
      for (const [lang, sentence] of [['vi', 'Trang này không nhận cách gửi này.'], ['en', english]]) {
        const response = await fetch(`${server.url}${path}`, { method, redirect: 'manual', headers: sameSite({ cookie: `lang=${lang}` }), body: 'a=b' });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get('allow'), `${method} ${path}`).toBe(allow);
        expect(await response.text(), `${method} ${path}`).toBe(sentence + (lang === 'vi' ? ' Em quay lại trang rồi thử lại nhé.' : ' Please go back to the page and try again.'));
      }
    }
    const enhanced = await fetch(`${server.url}/programme`, { method: 'POST', headers: sameSite({ accept: 'application/json', cookie: 'lang=en' }), body: 'a=b' });
    expect(enhanced.status).toBe(405);
    expect(await enhanced.json()).toEqual({ type: 'error', error: { message: expect.stringContaining(english) } });
  });

  it('and a language the portal does not speak is not found, in words', async () => {
    const response = await fetch(`${server.url}/i18n/xx`, { headers: { cookie: 'lang=en' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'The link may be wrong, or the page has moved.' });
  });
});

describe('forms that cannot be read', () => {
  // What a broken client or an attacker might post to a form: never a 500, never a stack.
  const unreadable = ['Không đọc được nội dung em vừa gửi.', 'What was sent could not be read.'] as const;
  const tooLong = ['Nội dung em gửi dài quá.', 'What was sent is too long.'] as const;
  const bodies: Array<[string, Record<string, string>, string, number, readonly [string, string]]> = [
    ['plain text', { 'content-type': 'text/plain' }, 'username=child.demo', 415, unreadable],
    ['JSON', { 'content-type': 'application/json' }, '{"username":"child.demo"}', 415, unreadable],
    ['no content type', {}, 'username=child.demo', 415, unreadable],
    ['a multipart body cut short', { 'content-type': 'multipart/form-data; boundary=zz' }, '--zz\r\nContent-Disposition: form-data; name="username"\r\n\r\nabc\r\n--zz', 400, unreadable],
    ['a multipart body without its boundary', { 'content-type': 'multipart/form-data' }, 'username=child.demo', 400, unreadable],
    ['a form over the size limit (BODY_SIZE_LIMIT, 512 KB)', { 'content-type': 'application/x-www-form-urlencoded' }, `username=${'a'.repeat(600_000)}`, 413, tooLong],
  ];
  const actions = () => [
    '/login',
    '/lang',
    `/proposals/${encodeURIComponent(globalId('Proposal', draftId))}?/vote`,
    `/councils/${encodeURIComponent(globalId('Council', world.council.id))}/write`,
  ];

  it.each(bodies)('%s is refused in the reader’s language, as a page or as JSON', async (_what, headers, body, status, [vi, en]) => {
    for (const action of actions()) {
      const page = await fetch(`${server.url}${action}`, { method: 'POST', headers: { ...headers, origin: server.url, accept: 'text/html' }, body });
      const html = await page.text();
      expect(page.status, action).toBe(status);
      expect(html, action).toContain(vi);
      expect(html).not.toMatch(leaks);
      // As use:enhance asks, in English.
      const json = await fetch(`${server.url}${action}`, { method: 'POST', headers: { ...headers, origin: server.url, accept: 'application/json', cookie: 'lang=en' }, body });
      expect(json.status, action).toBe(status);
      expect(JSON.stringify(await json.json()), action).toContain(en);
    }
  });

  it('changes nothing: a sign-in posted as JSON opens no session', async () => {
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: world.children[0]!.username, password: PASSWORD }),
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('posts from another site', () => {
  // A page elsewhere may post a form here (a forged vote, a forced sign-out): refused before
  // anything runs, whatever the body, in the reader's language, and nothing changes.
  const refused = ['Trang này chỉ nhận những gì em gửi từ chính TreEm Hub.', 'This page only takes what is sent from TreEm Hub itself.'] as const;
  const origins: Array<[string, Record<string, string>]> = [
    ['another site', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['no Origin header', {}],
    ['the same host on another scheme', { origin: '' }], // filled in with the server's https:// twin
  ];
  const bodies: Array<[string, Record<string, string>, string]> = [
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'choice=SUPPORT&lang=en&username=x&password=y'],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=zz' }, '--zz\r\nContent-Disposition: form-data; name="choice"\r\n\r\nSUPPORT\r\n--zz--\r\n'],
    ['plain text', { 'content-type': 'text/plain' }, 'choice=SUPPORT'],
    ['JSON', { 'content-type': 'application/json' }, '{"choice":"SUPPORT"}'],
    ['no content type', {}, 'choice=SUPPORT'],
  ];
  let cookie: string;
  let openId: string;
  beforeAll(async () => {
    openId = (await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'OPEN' })).id;
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'x-forwarded-for': '203.0.113.40' },
      body: new URLSearchParams({ username: world.children[0]!.username, password: PASSWORD }),
    });
    cookie = login.headers.getSetCookie().find((c) => c.startsWith('treem_session='))!.split(';')[0]!;
  });
  const targets = () => [
    '/login',
    '/lang',
    '/logout',
    `/proposals/${encodeURIComponent(globalId('Proposal', openId))}?/vote`,
    `/councils/${encodeURIComponent(globalId('Council', world.council.id))}/write`,
  ];

  it.each(origins)('from %s, are refused in the reader’s language, as a page or as JSON', async (_from, origin) => {
    const from = 'origin' in origin && origin.origin === '' ? { origin: server.url.replace('http:', 'https:') } : origin;
    for (const target of targets()) for (const [what, type, body] of bodies) for (const method of ['POST', 'PUT', 'DELETE']) {
      const label = `${method} ${target} (${what})`;
      const page = await fetch(`${server.url}${target}`, { method, redirect: 'manual', headers: { ...type, ...from, accept: 'text/html', cookie }, body });
      expect(page.status, label).toBe(403);
      expect(await page.text(), label).toContain(refused[0]);
      expect(page.headers.get('set-cookie'), label).toBeNull();
      expect(page.headers.get('x-frame-options'), label).toBe('DENY');
      // As use:enhance asks, in English.
      const json = await fetch(`${server.url}${target}`, { method, redirect: 'manual', headers: { ...type, ...from, accept: 'application/json', cookie: `${cookie}; lang=en` }, body });
      expect(json.status, label).toBe(403);
      expect(await json.json(), label).toEqual({ message: expect.stringContaining(refused[1]) });
    }
  });

  it('change nothing: the vote is not counted, the session stays open, and the same posts from this site work', async () => {
    const proposal = `/proposals/${encodeURIComponent(globalId('Proposal', openId))}`;
    const forged = { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie };
    expect((await fetch(`${server.url}${proposal}?/vote`, { method: 'POST', redirect: 'manual', headers: forged, body: 'choice=SUPPORT' })).status).toBe(403);
    expect((await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: forged })).status).toBe(403);
    expect(await server.prisma.vote.count({ where: { proposalId: openId } })).toBe(0);
    expect(await (await fetch(`${server.url}/`, { headers: { cookie } })).text()).toContain(world.children[0]!.displayName);

    const own = { ...forged, origin: server.url };
    expect((await fetch(`${server.url}${proposal}?/vote`, { method: 'POST', redirect: 'manual', headers: own, body: 'choice=SUPPORT' })).status).toBe(200);
    expect(await server.prisma.vote.count({ where: { proposalId: openId } })).toBe(1);
    const logout = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: own });
    expect(logout.status).toBe(303);
    expect(logout.headers.getSetCookie().join()).toMatch(/treem_session=;/);
  });
});

describe('where a sign-in or a change of language leads', () => {
  // `redirectTo` comes from the address or the form: a link crafted elsewhere must not send a
  // child who signs in, or switches language, to another site.
  const elsewhere = [
    '//evil.example', '/\\evil.example', '/.//evil.example', '/..//evil.example', '/a/..//evil.example', '/%2e//evil.example',
    '/%2e%2e//evil.example', '/./\\evil.example', '/\t/evil.example', '/\n/evil.example', 'https://evil.example', ' //evil.example', 'javascript:alert(1)',
  ];
  const staysHere = (location: string | null) => {
    expect(location).toMatch(/^\/(?![/\\])/);
    expect(new URL(location!, server.url).origin).toBe(new URL(server.url).origin);
  };
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin: '', accept: 'text/html' };

  it('stays on this site, whatever the target', async () => {
    const headers = { ...form, origin: server.url };
    for (const [i, target] of elsewhere.entries()) {
      const lang = await fetch(`${server.url}/lang`, { method: 'POST', redirect: 'manual', headers, body: new URLSearchParams({ lang: 'en', redirectTo: target }) });
      expect(lang.status, target).toBe(303);
      staysHere(lang.headers.get('location'));
      const login = await fetch(`${server.url}/login?redirectTo=${encodeURIComponent(target)}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers, 'x-forwarded-for': `203.0.113.${60 + i}` },
        body: new URLSearchParams({ username: world.children[0]!.username, password: PASSWORD }),
      });
      expect(login.status, target).toBe(303);
      staysHere(login.headers.get('location'));
      // Already signed in, the sign-in page sends the reader on at once.
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('treem_session='))!.split(';')[0]!;
      const again = await fetch(`${server.url}/login?redirectTo=${encodeURIComponent(target)}`, { redirect: 'manual', headers: { cookie } });
      expect(again.status, target).toBe(303);
      staysHere(again.headers.get('location'));
    }
  });

  it('keeps a path of this site, with its query and fragment', async () => {
    const target = '/councils/abc?after=x#top';
    const lang = await fetch(`${server.url}/lang`, { method: 'POST', redirect: 'manual', headers: { ...form, origin: server.url }, body: new URLSearchParams({ lang: 'vi', redirectTo: target }) });
    expect(lang.headers.get('location')).toBe(target);
  });
});

describe('who answers', () => {
  // Pages reach the portal without passing through Express (api/src/app.ts); Express keeps its
  // own routes, in any case, and hands on what only begins like one of them.
  it('Express its own routes, the portal every other address, each with a request id', async () => {
    const answers = await Promise.all(['/HEALTHZ', '/healthz/', '/healthzz', '/api/nope', '/live/nope', '/nope', '/'].map(async (path) => {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      await response.body?.cancel();
      expect(response.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/);
      return `${path} ${response.status} ${response.headers.get('content-type')?.split(';')[0]}`;
    }));
    expect(answers).toEqual([
      '/HEALTHZ 200 application/json', '/healthz/ 200 application/json', '/healthzz 404 text/html',
      '/api/nope 404 text/html', '/live/nope 404 text/html', '/nope 404 text/html', '/ 200 text/html',
    ]);
  });
});

describe('the browser’s address', () => {
  it('reaches the API through the portal, so one browser’s wrong passwords do not slow another’s', async () => {
    const child = world.children[0]!;
    const viaPortal = (address: string, password: string) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url, 'x-forwarded-for': address },
        body: new URLSearchParams({ username: child.username, password }),
      });
    for (let i = 0; i < 6; i++) expect((await viaPortal('203.0.113.7', 'wrong-guess')).status).toBe(400);
    expect((await viaPortal('203.0.113.7', PASSWORD)).status).toBe(429);
    // Straight to the API from that address: the same wait. From another address: signed in.
    expect(errorCode(await new Client(server.url).from('203.0.113.7').request('mutation ($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { viewer { id } } }', { u: child.username, p: PASSWORD }))).toBe('RATE_LIMITED');
    expect((await viaPortal('203.0.113.8', PASSWORD)).status).toBe(303);
  });
});
