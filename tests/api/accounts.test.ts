import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode } from '../support/graphql.js';
import { councilWithMembers, PASSWORD } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
});
afterAll(() => server.close());

const VIEWER = '{ viewer { username displayName kind roles councils { nameVi } moderatedCouncils { nameVi } } }';

describe('login / viewer / logout', () => {
  it('is anonymous without a session', async () => {
    const { data } = await new Client(server.url).request(VIEWER);
    expect(data!.viewer).toBeNull();
  });

  it('signs the demo child in with an httpOnly cookie, by pseudonym, in its council', async () => {
    const client = new Client(server.url);
    await client.login('child.demo', 'treem-demo-2030');
    expect(client.lastSetCookie).toMatch(/treem_session=[\w-]{40,};/);
    expect(client.lastSetCookie).toMatch(/HttpOnly/);
    expect(client.lastSetCookie).toMatch(/SameSite=Lax/);
    const { data } = await client.request(VIEWER);
    expect(data!.viewer).toMatchObject({ username: 'child.demo', displayName: 'Sơn Ca', kind: 'CHILD', roles: [] });
    expect(data!.viewer.councils).toEqual([{ nameVi: 'Hội đồng trẻ em phường Cái Khế' }]);
  });

  it('stores only a hash of the session token', async () => {
    const client = new Client(server.url);
    await client.login('officer.demo', 'treem-demo-2030');
    const token = client.cookie!.split('=')[1]!;
    expect(await server.prisma.session.count({ where: { tokenHash: token } })).toBe(0);
    const { data } = await client.request(VIEWER);
    expect(data!.viewer.roles).toEqual(['AGENCY_OFFICER']);
  });

  it('refuses a wrong password with a translated message and no cookie', async () => {
    const vi = new Client(server.url, 'vi');
    const refused = await vi.request('mutation { login(input: { username: "child.demo", password: "wrong" }) { viewer { id } } }');
    expect(errorCode(refused)).toBe('INVALID_CREDENTIALS');
    expect(refused.errors![0]!.message).toBe('Tên đăng nhập hoặc mật khẩu chưa đúng. Em thử lại nhé.');
    expect(vi.cookie).toBeUndefined();

    const en = new Client(server.url, 'en');
    const refusedEn = await en.request('mutation { login(input: { username: "nobody", password: "x" }) { viewer { id } } }');
    expect(errorCode(refusedEn)).toBe('INVALID_CREDENTIALS');
    expect(refusedEn.errors![0]!.message).toBe('The username or password is not right. Please try again.');
  });

  it('logs out: the session no longer works and the cookie is cleared', async () => {
    const client = new Client(server.url);
    await client.login('moderator.demo', 'treem-demo-2030');
    const before = client.cookie;
    const { data } = await client.request('mutation { logout }');
    expect(data!.logout).toBe(true);
    expect(client.lastSetCookie).toMatch(/treem_session=;/);
    client.cookie = before;
    expect((await client.request(VIEWER)).data!.viewer).toBeNull();
  });

  it('logout without a session is harmless', async () => {
    const { data, errors } = await new Client(server.url).request('mutation { logout }');
    expect(errors).toBeUndefined();
    expect(data!.logout).toBe(true);
  });
});
