// Logs a person can follow (one request id from the response header to every line) that
// never hold a password, a token, a cookie, a session or a child's username; a health check
// that really asks the database; metrics for the people allowed to read them.
import http from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '@treem/api/app';
import { createPrisma } from '@treem/db/client';
import { startServer } from '../support/server.js';
import { Client } from '../support/graphql.js';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  process.env.METRICS_TOKEN = 'scrape-token-for-tests-0123456789';
  server = await startServer({ databaseUrl: inject('databaseUrl'), logger: pino({ level: 'info' }, sink) });
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  await server.close();
});

describe('logs', () => {
  it('carry the request id returned in X-Request-Id, and the operation name', async () => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query ProgrammeTitle { programme { titleVi } }' }) });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await response.text();
    await expect.poll(() => lines.find((line) => line.requestId === id && line.msg === 'request completed')).toMatchObject({ operation: 'ProgrammeTitle', res: { status: 200 } });
    // A proxy's id is kept when it is a plain id, replaced when it is not.
    const kept = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'edge-1234abcd' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-1234abcd');
    const replaced = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'evil\tline' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('evil');
  });

  it('never hold passwords, tokens, cookies, sessions or usernames, even when something fails', async () => {
    lines.length = 0;
    const client = new Client(server.url).from('192.0.2.220');
    await client.login('child.demo', 'treem-demo-2030');
    const session = client.cookie!.split('=')[1]!;
    await client.request('{ viewer { username } }');
    await new Client(server.url).from('192.0.2.220').request('mutation { login(input: { username: "child.demo", password: "a-wrong-secret" }) { viewer { id } } }');
    await fetch(`${server.url}/graphql?query=%7Bviewer%7Bid%7D%7D&variables=%7B%22password%22%3A%22in-url-secret%22%7D`, { headers: { 'apollo-require-preflight': '1', cookie: `treem_session=${session}`, authorization: 'Bearer api-token-secret' } });
    await expect.poll(() => lines.length).toBeGreaterThanOrEqual(4);
    const logged = JSON.stringify(lines);
    for (const secret of ['treem-demo-2030', 'a-wrong-secret', 'in-url-secret', 'api-token-secret', session, 'child.demo', 'treem_session']) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe('an agency system’s request', () => {
  it('is served, and the failure logged as one line, when its last use cannot be recorded', async () => {
    const admin = new Client(server.url);
    await admin.login('admin.demo', 'treem-demo-2030');
    const name = `last use refused ${Date.now()}`;
    const created = await admin.request('mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }', { input: { agencyCode: 'SYT', name, scopes: ['indicators:read'] } });
    const token = created.data!.createApiClient.token as string;
    const { id } = await server.prisma.apiClient.findFirstOrThrow({ where: { name }, select: { id: true } });
    // The database refuses to touch this one client, as a full disk or a lost primary would.
    await server.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_last_use() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'last use refused'; END $$`);
    await server.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_last_use BEFORE UPDATE ON "ApiClient" FOR EACH ROW WHEN (NEW.id = '${id}') EXECUTE FUNCTION refuse_last_use()`);
    try {
      lines.length = 0;
      const system = Object.assign(new Client(server.url, 'en'), { bearer: token });
      expect(await system.request('{ programme { code } }')).toMatchObject({ data: { programme: { code: expect.any(String) } } });
      await expect.poll(() => lines.find((line) => line.msg === 'could not record an API client’s last use')).toMatchObject({
        level: 40,
        apiClientId: id,
        requestId: expect.any(String),
        err: { message: expect.stringContaining('last use refused') },
      });
      expect(JSON.stringify(lines)).not.toContain(token);
    } finally {
      await server.prisma.$executeRawUnsafe('DROP TRIGGER refuse_last_use ON "ApiClient"');
      await server.prisma.$executeRawUnsafe('DROP FUNCTION refuse_last_use()');
    }
  });
});

describe('/healthz', () => {
  it('is 200 when the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('is 503 when it does not', async () => {
    const prisma = createPrisma({ url: 'postgresql://nobody:none@127.0.0.1:1/none' });
    const { handler, stop } = await createApp({ prisma, logger: pino({ level: 'silent' }) });
    const listener = http.createServer(handler).listen(0, '127.0.0.1');
    await new Promise((resolve) => listener.once('listening', resolve));
    try {
      const port = (listener.address() as { port: number }).port;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    } finally {
      listener.close();
      await stop();
      await prisma.$disconnect();
    }
  });
});

describe('/metrics', () => {
  const metrics = (headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers });
  const sessionOf = async (username: string) => {
    const client = new Client(server.url).from('192.0.2.221');
    await client.login(username, 'treem-demo-2030');
    return client.cookie!;
  };

  it('are refused without credentials, with a wrong token, and to anyone but programme admins', async () => {
    const refusals: [Record<string, string>, number, string][] = [
      [{}, 401, 'UNAUTHENTICATED'],
      [{ authorization: 'Bearer wrong' }, 403, 'FORBIDDEN'],
      [{ cookie: await sessionOf('officer.demo') }, 403, 'FORBIDDEN'],
      [{ cookie: await sessionOf('child.demo') }, 403, 'FORBIDDEN'],
    ];
    for (const [headers, status, code] of refusals) {
      const response = await metrics({ ...headers, 'accept-language': 'en' });
      expect(response.status).toBe(status);
      // Refused as /graphql refuses: a code and a sentence in the caller's language.
      const [error] = (await response.json()).errors;
      expect(error.extensions.code).toBe(code);
      expect(error.message).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('count requests, errors and latency per operation, and show the database pool', async () => {
    const client = new Client(server.url);
    await client.request('query MetricsProbe { programme { code } }');
    await client.request('query MetricsProbe { proposals(first: 1000) { totalCount } }');
    const credentials: Record<string, string>[] = [{ authorization: 'Bearer scrape-token-for-tests-0123456789' }, { cookie: await sessionOf('admin.demo') }];
    for (const headers of credentials) {
      const response = await metrics(headers);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toMatch(/treem_graphql_requests_total\{operation="MetricsProbe"\} 2/);
      expect(text).toMatch(/treem_graphql_errors_total\{operation="MetricsProbe",code="BAD_USER_INPUT"\} 1/);
      expect(text).toMatch(/treem_graphql_duration_seconds_count\{operation="MetricsProbe"\} 2/);
      expect(text).toMatch(/treem_db_pool_connections \d+/);
      expect(text).toMatch(/treem_db_pool_waiting \d+/);
    }
  });
});
