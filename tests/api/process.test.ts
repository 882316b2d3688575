// The server as a process, started the way `pnpm start` starts it (api/src/main.ts, production
// mode): a busy port, SIGTERM in the middle of requests, SIGKILL in the middle of a burst of
// votes, and a portal rebuilt under a running server.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrisma, type Db } from '@treem/db/client';
import { spawnHub } from '../support/process.js';
import { Client, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let prisma: Db;
beforeAll(() => {
  prisma = createPrisma({ url: inject('databaseUrl') });
});
afterAll(() => prisma.$disconnect());

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('start and stop', () => {
  it('a taken port is a clear error and a non-zero exit, and no database is left running', async () => {
    const busy = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => busy.once('listening', resolve));
    const port = (busy.address() as AddressInfo).port;
    const pgPort = await freePort();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'treem-busy-'));
    try {
      // Embedded mode (no DATABASE_URL), as on a fresh machine.
      const hub = await spawnHub({ PORT: String(port), HOST: '127.0.0.1', TREEM_PG_PORT: String(pgPort), TREEM_PG_DIR: dataDir }, { waitForServing: false });
      const { code } = await hub.exited;
      expect(code).toBe(1);
      expect(hub.output()).toContain(`Port ${port} is already in use`);
      expect(hub.output()).not.toContain('"msg":"serving"');
      expect(await accepts(pgPort)).toBe(false);
    } finally {
      busy.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('SIGTERM lets the requests in flight finish, then stops cleanly', async () => {
    const hub = await spawnHub({ DATABASE_URL: inject('databaseUrl') });
    const signIns = await halfSentSignIns(hub.url);
    hub.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await accepts(Number(new URL(hub.url).port))).toBe(false); // no new connections once stopping
    await signIns.finish();
    const { code } = await hub.exited;
    expect(code).toBe(0);
    expect(hub.output()).toContain('"msg":"stopped"');
  }, 60_000);

  it('Ctrl-C in a terminal reaches the whole process group, and still the embedded database stops last', async () => {
    // A terminal sends SIGINT to every process of its foreground job, so the embedded
    // PostgreSQL would get it too and shut down under the requests the server is draining.
    const pgPort = await freePort();
    const dir = await mkdtemp(path.join(tmpdir(), 'treem-ctrl-c-'));
    try {
      // Embedded, migrated and seeded on start, as `pnpm start` on a fresh machine.
      const hub = await spawnHub({ HOST: '127.0.0.1', TREEM_PG_PORT: String(pgPort), TREEM_PG_DIR: path.join(dir, 'postgres'), TREEM_MIGRATE_ON_START: '1' }, { processGroup: true });
      const signIns = await halfSentSignIns(hub.url);
      process.kill(-hub.child.pid!, 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await signIns.finish();
      const { code } = await hub.exited;
      expect(code, hub.output()).toBe(0);
      expect(hub.output()).toContain('"msg":"stopped"');
      expect(hub.output()).not.toContain('"level":"fatal"');
      expect(await accepts(pgPort)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

/**
 * Three sign-ins as child.demo on three connections the server has surely accepted (each
 * answered a first request, once the server was ready), each body only half sent: in flight for
 * sure when a signal comes. `finish()` sends the rest and checks that each was answered in full.
 */
async function halfSentSignIns(url: string) {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 3 });
  const health = () => new Promise<number>((resolve) => http.get({ hostname, port, path: '/healthz', agent }, (res) => res.resume().on('end', () => resolve(res.statusCode!))));
  // The port answers 503 while the database starts and migrates.
  for (let started = Date.now(); (await health()) !== 200; ) {
    if (Date.now() - started > 120_000) throw new Error('the hub was not ready in two minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await Promise.all([1, 2, 3].map(health));
  const body = (i: number) => JSON.stringify({ query: 'mutation { login(input: { username: "child.demo", password: "treem-demo-2030" }) { viewer { displayName } } }', i });
  const inFlight = [1, 2, 3].map((i) => {
    const payload = body(i);
    const req = http.request({ hostname, port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-forwarded-for': `192.0.2.${160 + i}` } });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
    });
    req.write(payload.slice(0, 20));
    return { req, rest: payload.slice(20), answer };
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    async finish() {
      for (const { req, rest } of inFlight) req.end(rest);
      const answers = await Promise.allSettled(inFlight.map(({ answer }) => answer));
      for (const answer of answers) {
        if (answer.status === 'rejected') throw new Error(`a sign-in in flight was cut off: ${answer.reason}`);
        const { status, text } = answer.value;
        expect(status, text).toBe(200);
        expect(JSON.parse(text).data.login.viewer.displayName).toBe('Sơn Ca');
      }
      agent.destroy();
    },
  };
}

describe('a database that cuts its connections', () => {
  it('keeps serving after a restart or failover cut every connection, and says so in JSON lines', async () => {
    // The hub's connections carry a name of their own, so only they are cut, not other tests'.
    const name = `treem-cut-${process.pid}`;
    const hub = await spawnHub({ DATABASE_URL: inject('databaseUrl'), PGAPPNAME: name });
    const client = new Client(hub.url);
    const tasks = '{ programme { tasks { number } } }';
    expect((await client.request(tasks)).data?.programme?.tasks).toHaveLength(8);
    const logged = hub.output().length;
    const [cut] = await prisma.$queryRaw<{ count: number }[]>`
      SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE application_name = ${name}`;
    expect(cut?.count).toBeGreaterThan(1); // the API's pool and the job queue's
    await expect.poll(() => hub.output().slice(logged), { timeout: 10_000 }).toContain('"component":"jobs"');
    expect((await client.request(tasks)).data?.programme?.tasks).toHaveLength(8);
    const lines = hub.output().slice(logged).split('\n').filter(Boolean);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const jobs = lines.map((line) => JSON.parse(line)).filter((entry) => entry.component === 'jobs');
    expect(jobs.some((entry) => entry.error?.code === '57P01')).toBe(true); // "terminating connection due to administrator command"
    expect(hub.child.exitCode).toBeNull();
    expect((await hub.stop()).code).toBe(0);
  }, 60_000);
});

describe('a database out of reach', () => {
  it('answers UNAVAILABLE, translated and retryable, and recovers when it is back', async () => {
    const relay = await databaseRelay(inject('databaseUrl'));
    const hub = await spawnHub({ DATABASE_URL: relay.url });
    try {
      const anonymous = new Client(hub.url, 'en');
      const child = new Client(hub.url).from('198.18.2.1');
      await child.login('child.demo', 'treem-demo-2030');
      const tasks = '{ programme { tasks { number } } }';
      const logged = hub.output().length;
      relay.cut();

      // Inside an operation: the field fails as UNAVAILABLE, in the asker's language.
      const read = await anonymous.request(tasks);
      expect(read.errors?.[0]).toMatchObject({ message: 'The service is interrupted for a moment. Please try again shortly.', extensions: { code: 'UNAVAILABLE', reason: 'DATABASE' } });
      // Before it (the session lookup of a signed-in request): the whole request, 503 with Retry-After.
      const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: child.cookie! }, body: JSON.stringify({ query: '{ viewer { displayName } }' }) });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = await response.text();
      expect(JSON.parse(body).errors[0]).toEqual({ message: 'Hệ thống đang tạm gián đoạn. Hãy thử lại sau một lát.', extensions: { code: 'UNAVAILABLE', reason: 'DATABASE' } });
      for (const answer of [body, JSON.stringify(read)]) expect(answer).not.toMatch(/ECONN|prisma|stack|Connection terminated|postgres|\/work\//i);
      // A mutation's resolver (a sign-in checks its waits in the database first).
      const signIn = await new Client(hub.url, 'en').from('198.18.2.2').request('mutation { login(input: { username: "child.demo", password: "treem-demo-2030" }) { viewer { id } } }');
      expect(signIn.errors?.[0]?.extensions).toEqual({ code: 'UNAVAILABLE', reason: 'DATABASE' });
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(503);
      // Beside GraphQL: the open-data endpoint, and /metrics looking up the session it was sent.
      for (const path of ['/api/sdmx/data/U5_MORTALITY', '/metrics']) {
        const beside = await fetch(`${hub.url}${path}`, { headers: { cookie: child.cookie!, 'accept-language': 'en' } });
        expect(beside.status, path).toBe(503);
        expect(beside.headers.get('retry-after')).toBe('5');
        expect((await beside.json()).errors[0]).toEqual({ message: 'The service is interrupted for a moment. Please try again shortly.', extensions: { code: 'UNAVAILABLE', reason: 'DATABASE' } });
      }
      // Logged as errors with the request id, one JSON line each.
      const lines = hub.output().slice(logged).split('\n').filter(Boolean).map((line) => JSON.parse(line));
      expect(lines.some((line) => line.level === 'error' && line.requestId && /database unavailable|unexpected failure/.test(line.msg))).toBe(true);

      relay.mend();
      await expect.poll(async () => (await anonymous.request(tasks)).data?.programme?.tasks?.length, { timeout: 15_000 }).toBe(8);
      expect((await child.request('{ viewer { displayName } }')).data?.viewer?.displayName).toBe('Sơn Ca');
      expect(hub.child.exitCode).toBeNull();
    } finally {
      await hub.stop();
      await relay.close();
    }
  }, 60_000);
});

/**
 * A TCP relay to the test database that a test can cut (every connection through it dropped,
 * new ones refused at once) and mend: the database out of reach, as a network fault or a
 * server down would make it, without stopping the database other tests use.
 */
async function databaseRelay(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  const held: Socket[] = [];
  let open = true;
  let frozen = false;
  const join = (incoming: Socket, outgoing: Socket) => {
    incoming.pipe(outgoing);
    outgoing.pipe(incoming);
    incoming.resume();
    outgoing.resume();
  };
  const relay = (incoming: Socket) => {
    const outgoing = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket)).on('error', () => {});
    }
    const pair: [Socket, Socket] = [incoming, outgoing];
    pairs.add(pair);
    join(incoming, outgoing);
    outgoing.on('close', () => {
      pairs.delete(pair);
      incoming.destroy();
    });
    incoming.on('close', () => outgoing.destroy());
  };
  const server = createServer((incoming) => {
    if (!open) return void incoming.destroy();
    // A frozen server still accepts connections (the kernel does), and answers nothing.
    if (frozen) {
      incoming.on('error', () => {}).pause();
      sockets.add(incoming);
      return void held.push(incoming);
    }
    relay(incoming);
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: url.toString(),
    cut() {
      open = false;
      dropAll();
    },
    mend() {
      open = true;
    },
    /** The database stops answering without closing anything, as a frozen server or a firewall dropping packets. */
    freeze() {
      frozen = true;
      for (const [incoming, outgoing] of pairs) {
        incoming.unpipe(outgoing).pause();
        outgoing.unpipe(incoming).pause();
      }
    },
    thaw() {
      frozen = false;
      for (const [incoming, outgoing] of pairs) join(incoming, outgoing);
      for (const incoming of held.splice(0)) relay(incoming);
    },
    close() {
      dropAll();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('a database that stops answering', () => {
  it('answers UNAVAILABLE once DATABASE_TIMEOUT_MS has passed, not never, and recovers when it answers again', async () => {
    const relay = await databaseRelay(inject('databaseUrl'));
    const hub = await spawnHub({ DATABASE_URL: relay.url, DATABASE_TIMEOUT_MS: '1500' });
    try {
      const anonymous = new Client(hub.url, 'en');
      const child = new Client(hub.url).from('198.18.3.1');
      await child.login('child.demo', 'treem-demo-2030');
      const tasks = '{ programme { tasks { number } } }';
      expect((await anonymous.request(tasks)).data?.programme?.tasks).toHaveLength(8);
      relay.freeze();

      const started = Date.now();
      const read = await anonymous.request(tasks);
      expect(read.errors?.[0]).toMatchObject({ message: 'The service is interrupted for a moment. Please try again shortly.', extensions: { code: 'UNAVAILABLE', reason: 'DATABASE' } });
      // The session lookup, before GraphQL runs: the whole request refused, 503.
      const signedIn = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: child.cookie! }, body: JSON.stringify({ query: '{ viewer { displayName } }' }) });
      expect(signedIn.status).toBe(503);
      // A few seconds each (the time allowed, and a little more for the client to give up).
      expect(Date.now() - started).toBeLessThan(15_000);

      relay.thaw();
      await expect.poll(async () => (await anonymous.request(tasks)).data?.programme?.tasks?.length, { timeout: 15_000 }).toBe(8);
      expect((await child.request('{ viewer { displayName } }')).data?.viewer?.displayName).toBe('Sơn Ca');
      expect(hub.child.exitCode).toBeNull();
    } finally {
      relay.thaw();
      await hub.stop();
      await relay.close();
    }
  }, 60_000);
});

describe('votes and a killed server', () => {
  it('loses no acknowledged vote when the server is killed in the middle of a burst', async () => {
    const { council, children } = await councilWithMembers(prisma, { members: 24 });
    const proposal = await proposalIn(prisma, { councilId: council.id, authorId: children[0]!.id, state: 'OPEN' });
    const hub = await spawnHub({ DATABASE_URL: inject('databaseUrl') });
    const clients = await Promise.all(children.map(async (child, i) => {
      const client = new Client(hub.url).from(`198.18.0.${i + 1}`);
      await client.login(child.username, PASSWORD);
      return client;
    }));
    const acknowledged = new Map<string, string>();
    let answered = 0;
    const choices = ['SUPPORT', 'OPPOSE', 'ABSTAIN'];
    const votes = clients.map((client, i) =>
      client
        .request('mutation ($input: CastVoteInput!) { castVote(input: $input) { myVote } }', { input: { proposalId: globalId('Proposal', proposal.id), choice: choices[i % 3] } })
        .then((result) => {
          answered++;
          if (result.data?.castVote?.myVote) acknowledged.set(children[i]!.id, result.data.castVote.myVote);
          // Kill without warning once some answers are out and others are still coming.
          if (answered === 8) hub.child.kill('SIGKILL');
        })
        .catch(() => {}), // connections cut by the kill: not acknowledged
    );
    await Promise.all(votes);
    expect((await hub.exited).signal).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(8);
    const stored = new Map((await prisma.vote.findMany({ where: { proposalId: proposal.id }, select: { voterId: true, choice: true } })).map((v) => [v.voterId, v.choice]));
    for (const [voter, choice] of acknowledged) expect(stored.get(voter)).toBe(choice);
    expect(stored.size).toBeLessThanOrEqual(children.length);
  }, 90_000);
});

const testBuild = fileURLToPath(new URL('../../web/build-test', import.meta.url));
const hasBuild = existsSync(path.join(testBuild, 'handler.js'));
if (!hasBuild) {
  const message = 'web/build-test is missing (pnpm test builds it): the rebuild test cannot run.';
  if (process.env.CI && process.env.CI !== 'false') throw new Error(message);
  console.warn(`${message} Skipping it.`);
}

describe.runIf(hasBuild)('the portal with its database out of reach', () => {
  it('answers its pages translated, and logs what failed as JSON lines with the page request\'s id', async () => {
    const relay = await databaseRelay(inject('databaseUrl'));
    const hub = await spawnHub({ DATABASE_URL: relay.url, TREEM_WEB_BUILD: testBuild });
    try {
      const child = new Client(hub.url).from('198.18.2.3');
      await child.login('child.demo', 'treem-demo-2030');
      const logged = hub.output().length;
      relay.cut();
      const home = await fetch(`${hub.url}/`, { headers: { cookie: child.cookie! } });
      const homeInEnglish = await fetch(`${hub.url}/`, { headers: { cookie: 'lang=en' } });
      const logout = await fetch(`${hub.url}/logout`, { method: 'POST', headers: { cookie: child.cookie!, origin: hub.url }, redirect: 'manual' });
      const [signedIn, anonymous] = await Promise.all([home.text(), homeInEnglish.text()]);
      expect(signedIn).toContain('Hệ thống đang tạm gián đoạn');
      expect(anonymous).toContain('The service is interrupted for a moment');
      for (const html of [signedIn, anonymous]) expect(html).not.toMatch(/ECONN|prisma|Connection terminated|\/work\/|\bat .+\.js:\d+/);
      // The sign-out still forgets the browser's session.
      expect(logout.status).toBe(303);
      expect(logout.headers.getSetCookie().join()).toMatch(/treem_session=;/);

      // Every line is JSON (no stack on stderr), and what went wrong is told under the id the page
      // answered with. A line may reach the pipe just after its answer: wait for the last access line.
      const lines = () => hub.output().slice(logged).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      const about = (page: Response) => lines().filter((line) => line.requestId === page.headers.get('x-request-id')).map((line) => line.msg);
      await expect.poll(() => about(logout)).toContain('request completed');
      expect(about(home)).toContain('viewer query failed: the page is served as to a reader signed out');
      expect(about(home)).toContain("unexpected failure in a page's GraphQL operation");
      expect(about(logout)).toContain('logout failed: the session is left to expire');
      expect(JSON.stringify(lines())).not.toContain(child.cookie!.split('=')[1]);
      expect(hub.child.exitCode).toBeNull();
    } finally {
      await hub.stop();
      await relay.close();
    }
  }, 60_000);
});

describe.runIf(hasBuild)('a portal rebuilt under a running server', () => {
  it('keeps serving what it started with, and a missing file is a 404, not a crash', async () => {
    const build = await mkdtemp(path.join(tmpdir(), 'treem-build-'));
    await cp(testBuild, build, { recursive: true });
    const hub = await spawnHub({ DATABASE_URL: inject('databaseUrl'), TREEM_WEB_BUILD: build });
    try {
      const home = await (await fetch(`${hub.url}/`)).text();
      const asset = /\/_app\/immutable\/[^"']+\.js/.exec(home)![0];
      // What a rebuild does: the old files go, new ones with other names arrive.
      await rm(build, { recursive: true, force: true });
      expect((await fetch(`${hub.url}${asset}`)).status).toBe(200);
      const missing = await fetch(`${hub.url}/_app/immutable/chunks/gone-after-rebuild.js`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).not.toMatch(/\/work\/|node_modules|\bat .+\.js:\d+/);
      expect((await fetch(`${hub.url}/`)).status).toBe(200);
      expect(hub.child.exitCode).toBeNull();
    } finally {
      expect((await hub.stop()).code).toBe(0);
    }
    // The private copy goes with the server.
    const serving = fileURLToPath(new URL('../../web/.serving', import.meta.url));
    expect(existsSync(serving) ? await readdir(serving) : []).not.toContain(String(hub.child.pid));
  }, 90_000);
});
