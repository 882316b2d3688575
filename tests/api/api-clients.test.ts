// Agency systems: programme admins create API clients with scopes; a token is shown once,
// works as `Authorization: Bearer`, and stops working when revoked or expired.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode } from '../support/graphql.js';
import { councilWithMembers, PASSWORD } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
});
afterAll(() => server.close());

const DEMO_PASSWORD = 'treem-demo-2030';
const signIn = async (username: string, password = DEMO_PASSWORD) => {
  const client = new Client(server.url, 'en');
  await client.login(username, password);
  return client;
};
const withToken = (token: string) => Object.assign(new Client(server.url, 'en'), { bearer: token });

const CREATE = `mutation ($input: CreateApiClientInput!) {
  createApiClient(input: $input) { token apiClient { id name scopes tokenPrefix expiresAt revokedAt agency { code } } }
}`;
const WHO = '{ currentApiClient { name scopes agency { code } } viewer { id } }';

async function create(admin: Client, input: Record<string, unknown>) {
  const result = await admin.request(CREATE, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.createApiClient as { token: string; apiClient: { id: string; name: string; scopes: string[]; tokenPrefix: string; expiresAt: string } };
}

describe('API clients', () => {
  it('are created by a programme admin; the token authenticates the agency system and is stored only as a hash', async () => {
    const admin = await signIn('admin.demo');
    const { token, apiClient } = await create(admin, { agencyCode: 'SYT', name: 'Health data warehouse', scopes: ['indicators:read', 'indicators:write'] });
    expect(token).toMatch(/^treem_[\w-]{43}$/);
    expect(token.startsWith(apiClient.tokenPrefix)).toBe(true);
    expect(new Date(apiClient.expiresAt).getTime()).toBeGreaterThan(Date.now() + 360 * 86_400_000);
    expect(await server.prisma.apiClient.count({ where: { tokenHash: token } })).toBe(0);

    const system = withToken(token);
    const { data, errors } = await system.request(WHO);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ currentApiClient: { name: 'Health data warehouse', scopes: ['indicators:read', 'indicators:write'], agency: { code: 'SYT' } }, viewer: null });
  });

  it('are refused to everyone but programme admins, and nothing is created', async () => {
    const { children, moderator } = await councilWithMembers(server.prisma, { members: 1 });
    const admin = await signIn('admin.demo');
    const { token } = await create(admin, { agencyCode: 'SGDDT', name: 'School statistics', scopes: ['indicators:write'] });
    const before = await server.prisma.apiClient.count();
    const actors: [string, Client, string][] = [
      ['anonymous', new Client(server.url, 'en'), 'UNAUTHENTICATED'],
      ['child', await signIn(children[0]!.username, PASSWORD), 'FORBIDDEN'],
      ['moderator', await signIn(moderator.username, PASSWORD), 'FORBIDDEN'],
      ['agency officer', await signIn('officer.demo'), 'FORBIDDEN'],
      ['API client', withToken(token), 'FORBIDDEN'],
    ];
    for (const [who, client, code] of actors) {
      const result = await client.request(CREATE, { input: { agencyCode: 'SGDDT', name: 'x', scopes: ['indicators:write'] } });
      expect(errorCode(result), who).toBe(code);
      const list = await client.request('{ apiClients { edges { node { id } } } }');
      expect(errorCode(list), who).toBe(code);
      expect(list.data ?? null).toBeNull();
    }
    expect(await server.prisma.apiClient.count()).toBe(before);
  });

  it('refuses unknown scopes and agencies with a message that says what exists', async () => {
    const admin = await signIn('admin.demo');
    const scope = await admin.request(CREATE, { input: { agencyCode: 'SYT', name: 'x', scopes: ['everything'] } });
    expect(errorCode(scope)).toBe('BAD_USER_INPUT');
    expect(scope.errors![0]!.message).toContain('indicators:write');
    const agency = await admin.request(CREATE, { input: { agencyCode: 'NOPE', name: 'x', scopes: ['indicators:read'] } });
    expect(errorCode(agency)).toBe('BAD_USER_INPUT');
    expect(agency.errors![0]!.message).toBe('There is no agency with the code "NOPE".');
    const days = await admin.request(CREATE, { input: { agencyCode: 'SYT', name: 'x', scopes: ['indicators:read'], expiresInDays: 100000 } });
    expect(errorCode(days)).toBe('BAD_USER_INPUT');
  });

  it('stop working when revoked; an unknown, revoked or expired token is refused with 401, in JSON', async () => {
    const admin = await signIn('admin.demo');
    const { token, apiClient } = await create(admin, { agencyCode: 'SYT', name: 'Short-lived', scopes: ['indicators:read'] });
    const revoked = await admin.request('mutation ($id: ID!) { revokeApiClient(input: { id: $id }) { revokedAt name agency { code } } }', { id: apiClient.id });
    expect(revoked.data!.revokeApiClient).toEqual({ revokedAt: expect.any(String), name: 'Short-lived', agency: { code: 'SYT' } });

    const { token: expiring, apiClient: expired } = await create(admin, { agencyCode: 'SYT', name: 'Expired', scopes: ['indicators:read'] });
    await server.prisma.apiClient.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    for (const bad of [token, expiring, 'treem_not-a-real-token', 'garbage']) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bad}`, 'accept-language': 'en' },
        body: JSON.stringify({ query: '{ programme { code } }' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await response.json()).toEqual({
        errors: [{ message: 'The API token is not valid, has expired or has been revoked.', extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' } }],
      });
    }
  });

  it('ignores a session cookie sent beside a token: the token alone decides who is asking', async () => {
    const admin = await signIn('admin.demo');
    const { token } = await create(admin, { agencyCode: 'SYT', name: 'With cookie', scopes: ['indicators:read'] });
    const mixed = Object.assign(await signIn('admin.demo'), { bearer: token });
    const { data } = await mixed.request(WHO);
    expect(data!.viewer).toBeNull();
    expect(errorCode(await mixed.request('{ apiClients { edges { node { id } } } }'))).toBe('FORBIDDEN');
  });

  it('leave an audit trail that only programme admins can read', async () => {
    const admin = await signIn('admin.demo');
    const { apiClient } = await create(admin, { agencyCode: 'STP', name: 'Audited', scopes: ['programme:read'] });
    await admin.request('mutation ($id: ID!) { revokeApiClient(input: { id: $id }) { id } }', { id: apiClient.id });
    await admin.request('mutation ($id: ID!) { revokeApiClient(input: { id: $id }) { id } }', { id: apiClient.id });
    const query = `query ($id: String) { auditLog(subjectType: "ApiClient", subjectId: $id) { edges { node { action actorName data } } } }`;
    const { data } = await admin.request(query, { id: apiClient.id });
    expect(data!.auditLog.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { action: 'apiClient.revoke', actorName: 'Chị Hoa (Sở Lao động – Thương binh và Xã hội)', data: { name: 'Audited' } },
      { action: 'apiClient.create', actorName: 'Chị Hoa (Sở Lao động – Thương binh và Xã hội)', data: { name: 'Audited', agencyCode: 'STP', scopes: ['programme:read'], expiresAt: expect.any(String) } },
    ]);
    expect(errorCode(await (await signIn('officer.demo')).request(query, { id: apiClient.id }))).toBe('FORBIDDEN');
    expect(errorCode(await new Client(server.url).request(query, { id: apiClient.id }))).toBe('UNAUTHENTICATED');
  });
});

// Each run starts a process that applies migrations first: slow on a busy machine.
describe('pnpm api-client', { timeout: 120_000 }, () => {
  const cli = fileURLToPath(new URL('../../api/src/cli/api-client.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../api/node_modules/.bin/tsx', import.meta.url));
  const run = (...args: string[]) => promisify(execFile)(tsx, [cli, ...args], { env: { ...process.env, DATABASE_URL: inject('databaseUrl') } });

  it('creates a client and prints its token once, which then works; revoke ends it', async () => {
    const { stdout } = await run('create', '--agency', 'SLDTBXH', '--scopes', 'indicators:read,programme:read', '--name', 'CLI client');
    const token = stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^treem_/);
    const { data } = await withToken(token).request(WHO);
    expect(data!.currentApiClient).toEqual({ name: 'CLI client', scopes: ['indicators:read', 'programme:read'], agency: { code: 'SLDTBXH' } });

    const id = stdout.match(/API client (\S+) for/)![1]!;
    expect((await run('list', '--agency', 'SLDTBXH')).stdout).toContain(`${id}\tSLDTBXH`);
    await run('revoke', id);
    expect((await withToken(token).request(WHO)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Three CLI processes, each compiling with tsx and running `prisma migrate deploy`: minutes
    // on a busy two-core machine.
  }, 180_000);

  it('refuses an unknown scope with a non-zero exit and creates nothing', async () => {
    const before = await server.prisma.apiClient.count();
    await expect(run('create', '--agency', 'SYT', '--scopes', 'root')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('There is no API scope "root"') });
    expect(await server.prisma.apiClient.count()).toBe(before);
  }, 180_000);
});
