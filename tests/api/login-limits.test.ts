// Sign-in limits: they slow down guessing per account *and* address with growing waits, so a
// stranger elsewhere cannot lock a child out; they pause an address that sprays many
// accounts; a moderator can see and clear a child's waits; and they hold across replicas,
// because they live in the shared store (PostgreSQL by default, Redis when configured).
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { spawnHub, type Hub } from '../support/process.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let other: Awaited<ReturnType<typeof councilWithMembers>>;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  world = await councilWithMembers(server.prisma, { members: 3 });
  other = await councilWithMembers(server.prisma, { members: 1 });
});
afterAll(() => server.close());

const LOGIN = 'mutation ($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { viewer { id } } }';
// Each test acts from its own documentation addresses (RFC 5737), as a trusted proxy reports them.
const attempt = (client: Client, username: string, password: string) => client.request(LOGIN, { u: username, p: password });
const from = (address: string, locale: 'vi' | 'en' = 'en') => new Client(server.url, locale).from(address);

async function failTimes(client: Client, username: string, times: number) {
  for (let i = 0; i < times; i++) expect(errorCode(await attempt(client, username, 'wrong-guess'))).toBe('INVALID_CREDENTIALS');
}

describe('per account and address', () => {
  it('lets five wrong passwords pass, then makes each try wait, worded kindly for a child', async () => {
    const child = world.children[0]!;
    const school = from('192.0.2.10');
    await failTimes(school, child.username, 6);
    const waiting = await attempt(school, child.username, 'wrong-guess');
    expect(waiting.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'CHILD' });
    const retryAfter = waiting.errors![0]!.extensions!.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15);
    expect(waiting.errors![0]!.message).toMatch(/^To keep your account safe, please wait \d+ seconds? and try again\. If you forgot your password, ask the adult who runs your council\.$/);
    const vi = await attempt(from('192.0.2.10', 'vi'), child.username, PASSWORD);
    expect(errorCode(vi)).toBe('RATE_LIMITED'); // the right password waits too at this address
    expect(vi.errors![0]!.message).toMatch(/^Để giữ an toàn cho tài khoản của em, hãy đợi \d+ giây rồi thử lại nhé\./);

    // The same child from home is not slowed by what happened at school.
    const home = await attempt(from('192.0.2.11'), child.username, PASSWORD);
    expect(home.errors).toBeUndefined();
  });

  it('words the wait for an adult, and answers an unknown name exactly like a child’s account', async () => {
    const office = from('192.0.2.20');
    await failTimes(office, world.moderator.username, 6);
    const adult = await attempt(office, world.moderator.username, 'wrong-guess');
    expect(adult.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'ADULT' });
    expect(adult.errors![0]!.message).toMatch(/^Sign-in to this account from your address is paused/);

    const nobody = `nobody-${randomUUID()}`;
    await failTimes(office, nobody, 6);
    const unknown = await attempt(office, nobody, 'wrong-guess');
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'CHILD' });
  });

  it('resets the count when the right password comes before the waits start', async () => {
    const child = world.children[1]!;
    const desk = from('192.0.2.30');
    await failTimes(desk, child.username, 5);
    expect((await attempt(desk, child.username, PASSWORD)).errors).toBeUndefined();
    await failTimes(desk, child.username, 5); // five free again
    expect(errorCode(await attempt(desk, child.username, PASSWORD))).toBeUndefined();
  });
});

describe('the current password, asked to change it', () => {
  it('is slowed down like a sign-in, under the same counts, and changes nothing while slowed', async () => {
    const child = (await councilWithMembers(server.prisma, { members: 1 })).children[0]!;
    // A session left open on a shared computer: whoever sits there may try passwords.
    const shared = from('192.0.2.50');
    expect((await attempt(shared, child.username, PASSWORD)).errors).toBeUndefined();
    const CHANGE = 'mutation ($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) }';
    for (let i = 0; i < 6; i++) expect(errorCode(await shared.request(CHANGE, { c: `wrong-guess-${i}`, n: 'a-new-password-1' }))).toBe('INVALID_CREDENTIALS');
    const slowed = await shared.request(CHANGE, { c: PASSWORD, n: 'a-new-password-1' });
    expect(slowed.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'CHILD' });
    // The same counts as a sign-in: one from that address waits too. The password is unchanged.
    expect(errorCode(await attempt(from('192.0.2.50'), child.username, PASSWORD))).toBe('RATE_LIMITED');
    expect((await attempt(from('192.0.2.51'), child.username, PASSWORD)).errors).toBeUndefined();
  });
});

describe('per address', () => {
  it('pauses an address that sprays wrong passwords over many accounts', async () => {
    const sprayer = from('192.0.2.40');
    const names = Array.from({ length: 100 }, (_, i) => `spray-${i}-${randomUUID().slice(0, 6)}`);
    for (let i = 0; i < names.length; i += 10) {
      const batch = await Promise.all(names.slice(i, i + 10).map((name) => attempt(sprayer, name, 'Password1')));
      expect(batch.map(errorCode)).toEqual(Array(10).fill('INVALID_CREDENTIALS'));
    }
    const paused = await attempt(sprayer, world.children[2]!.username, PASSWORD);
    expect(paused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'ADDRESS' });
    expect(paused.errors![0]!.message).toMatch(/^Too many unsuccessful sign-ins from this network\. Please wait \d+ minutes? and try again\.$/);
    // Other addresses are not affected.
    expect((await attempt(from('192.0.2.41'), world.children[2]!.username, PASSWORD)).errors).toBeUndefined();
  }, 60_000);
});

describe('a moderator sees and clears a child’s waits', () => {
  const THROTTLES = 'query ($id: ID!) { council(id: $id) { loginThrottles { userId displayName failures waitUntil } } }';
  const CLEAR = 'mutation ($id: ID!) { clearLoginThrottle(input: { userId: $id }) }';
  const signIn = async (username: string) => {
    const client = new Client(server.url, 'en').from('192.0.2.99');
    await client.login(username, PASSWORD);
    return client;
  };

  it('shows the slowed child (never an address) to its council’s moderator only', async () => {
    const child = other.children[0]!;
    const somewhere = from('192.0.2.50');
    await failTimes(somewhere, child.username, 6);
    const councilId = globalId('Council', other.council.id);

    const mine = await (await signIn(other.moderator.username)).request(THROTTLES, { id: councilId });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.council.loginThrottles).toEqual([{ userId: child.id, displayName: child.displayName, failures: 6, waitUntil: expect.any(String) }]);
    expect(JSON.stringify(mine)).not.toContain('192.0.2');

    const stranger = await (await signIn(world.moderator.username)).request(THROTTLES, { id: councilId });
    expect(stranger.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_MODERATOR' });
    const aChild = await (await signIn(world.children[2]!.username)).request(THROTTLES, { id: councilId });
    expect(errorCode(aChild)).toBe('FORBIDDEN');
    expect(errorCode(await new Client(server.url).request(THROTTLES, { id: councilId }))).toBe('UNAUTHENTICATED');
  });

  it('lets only that moderator clear the waits, from every address at once', async () => {
    const child = other.children[0]!;
    const a = from('192.0.2.60');
    const b = from('192.0.2.61');
    await failTimes(a, child.username, 6);
    await failTimes(b, child.username, 6);
    expect(errorCode(await attempt(a, child.username, PASSWORD))).toBe('RATE_LIMITED');

    const refused = await (await signIn(world.moderator.username)).request(CLEAR, { id: child.id });
    expect(errorCode(refused)).toBe('NOT_FOUND');
    const childSelf = await (await signIn(world.children[0]!.username)).request(CLEAR, { id: child.id });
    expect(errorCode(childSelf)).toBe('FORBIDDEN');
    expect(errorCode(await attempt(a, child.username, PASSWORD))).toBe('RATE_LIMITED');

    const cleared = await (await signIn(other.moderator.username)).request(CLEAR, { id: child.id });
    expect(cleared).toEqual({ data: { clearLoginThrottle: true } });
    expect((await attempt(a, child.username, PASSWORD)).errors).toBeUndefined();
    expect((await attempt(b, child.username, PASSWORD)).errors).toBeUndefined();
    const after = await (await signIn(other.moderator.username)).request(THROTTLES, { id: globalId('Council', other.council.id) });
    expect(after.data!.council.loginThrottles).toEqual([]);
  });

  it('refuses a malformed user id as bad input', async () => {
    const result = await (await signIn(other.moderator.username)).request(CLEAR, { id: 'a b' });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', field: 'input.userId' });
  });
});

async function redisReachable(url: string) {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/5';
const redisUp = await redisReachable(redisUrl);
if (!redisUp) {
  const message = `Redis not reachable at ${redisUrl}: the Redis store cannot be tested.`;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(message);
  console.warn(`${message} Skipping that case.`);
}

describe('two API instances on one database share the limits', () => {
  const stores = [
    { name: 'PostgreSQL (default)', redis: false, run: true },
    { name: 'Redis (REDIS_URL)', redis: true, run: redisUp },
  ];
  for (const store of stores) {
    it.runIf(store.run)(`in ${store.name}: a separate process and this one`, async () => {
      // One replica is a separate process started as `pnpm start` starts it; the other runs here.
      const hub: Hub = await spawnHub({ DATABASE_URL: inject('databaseUrl'), ...(store.redis ? { REDIS_URL: redisUrl } : {}) });
      const here = await startServer({ databaseUrl: inject('databaseUrl'), throttleStore: store.redis ? { kind: 'redis', client: new Redis(redisUrl) } : undefined });
      try {
        const child = world.children[2]!;
        const address = store.redis ? '192.0.2.71' : '192.0.2.70';
        const [one, two] = [hub, here].map((replica) => new Client(replica.url, 'en').from(address));
        // Alternate between the replicas: each sees only half the failures, the store sees all.
        for (let i = 0; i < 6; i++) expect(errorCode(await attempt(i % 2 ? two! : one!, child.username, 'wrong-guess'))).toBe('INVALID_CREDENTIALS');
        for (const client of [one!, two!]) expect(errorCode(await attempt(client, child.username, PASSWORD))).toBe('RATE_LIMITED');
        if (!store.redis) expect(await server.prisma.rateLimit.count({ where: { key: { startsWith: 'login-pair:' } } })).toBeGreaterThan(0);
      } finally {
        await Promise.all([hub.stop(), here.close()]);
      }
    }, 90_000);
  }
});
