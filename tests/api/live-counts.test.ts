import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';
import { TALLY_CHANNEL, TallyHub } from '../../api/src/modules/live/service.js';

// Two replicas of the API on one database, as behind a load balancer.
let replicaA: Awaited<ReturnType<typeof startServer>>;
let replicaB: Awaited<ReturnType<typeof startServer>>;
let live: Awaited<ReturnType<typeof councilWithMembers>>;
let hidden: Awaited<ReturnType<typeof councilWithMembers>>;

beforeAll(async () => {
  const databaseUrl = inject('databaseUrl');
  [replicaA, replicaB] = await Promise.all([startServer({ databaseUrl }), startServer({ databaseUrl })]);
  live = await councilWithMembers(replicaA.prisma, { members: 3, liveCounts: true });
  hidden = await councilWithMembers(replicaA.prisma, { members: 1, liveCounts: false });
});
afterAll(async () => {
  await replicaA.close();
  await replicaB.close();
});

/** Reads server-sent events from a stream; `next()` waits for the next `tally` event. */
async function subscribe(url: string, cookie?: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, signal: controller.signal });
  const events: unknown[] = [];
  const waiters: ((value: unknown) => void)[] = [];
  if (response.ok) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^event: tally\ndata: (.*)$/m.exec(block)?.[1];
            if (!data) continue;
            const event = JSON.parse(data);
            const waiter = waiters.shift();
            if (waiter) waiter(event);
            else events.push(event);
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next: () => (events.length > 0 ? Promise.resolve(events.shift()) : new Promise((resolve, reject) => {
      waiters.push(resolve);
      setTimeout(() => reject(new Error('no tally event within 10 s')), 10_000);
    })),
    close: () => controller.abort(),
  };
}

const signIn = async (url: string, username: string) => {
  const client = new Client(url);
  await client.login(username, PASSWORD);
  return client;
};

const VOTE = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id } }`;

describe('live counts', () => {
  it('push a vote taken on one replica to a browser connected to the other', async () => {
    const [a, b] = live.children;
    const proposal = await proposalIn(replicaA.prisma, { councilId: live.council.id, authorId: a!.id, state: 'OPEN' });
    const id = globalId('Proposal', proposal.id);
    const stream = await subscribe(`${replicaA.url}/live/proposals/${encodeURIComponent(id)}/tally`);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(await stream.next()).toEqual({ support: 0, oppose: 0, abstain: 0, total: 0 });

    const voterA = await signIn(replicaB.url, a!.username);
    expect((await voterA.request(VOTE, { input: { proposalId: id, choice: 'SUPPORT' } })).errors).toBeUndefined();
    expect(await stream.next()).toEqual({ support: 1, oppose: 0, abstain: 0, total: 1 });

    const voterB = await signIn(replicaB.url, b!.username);
    await voterB.request(VOTE, { input: { proposalId: id, choice: 'OPPOSE' } });
    expect(await stream.next()).toEqual({ support: 1, oppose: 1, abstain: 0, total: 2 });
    // A changed ballot moves the counts, not the total.
    await voterA.request(VOTE, { input: { proposalId: id, choice: 'ABSTAIN' } });
    expect(await stream.next()).toEqual({ support: 0, oppose: 1, abstain: 1, total: 2 });
    stream.close();
  });

  it('recount once for the browsers signed out, and forget one that leaves before its first count', async () => {
    const [a, b] = live.children;
    const proposal = await proposalIn(replicaA.prisma, { councilId: live.council.id, authorId: a!.id, state: 'OPEN' });
    const id = globalId('Proposal', proposal.id);
    const path = `/live/proposals/${encodeURIComponent(id)}/tally`;
    const watching = await subscribe(`${replicaA.url}${path}`);
    onTestFinished(() => watching.close());
    await watching.next();
    // The vote reaches replica A only as a notification: what A runs then is the re-reading of
    // the count for each browser it streams to.
    const rereadsAfter = async (username: string, total: number) => {
      replicaA.queries.length = 0;
      await (await signIn(replicaB.url, username)).request(VOTE, { input: { proposalId: id, choice: 'SUPPORT' } });
      expect(await watching.next()).toMatchObject({ total });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return replicaA.queries.length;
    };
    const forOne = await rereadsAfter(a!.username, 1);
    expect(forOne).toBeGreaterThan(0);

    // Twenty browsers ask and hang up at once, while the server still reads their first count.
    const { port } = new URL(replicaA.url);
    await Promise.all(Array.from({ length: 20 }, () => new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
        setImmediate(() => socket.destroy());
      });
      socket.on('close', () => resolve());
    })));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Four more browsers, signed out like the first, watch the same proposal: one recount serves
    // all five, and those who left cost nothing (twenty-one times as much when they were kept).
    const others = await Promise.all(Array.from({ length: 4 }, () => subscribe(`${replicaA.url}${path}`)));
    onTestFinished(() => others.forEach((other) => other.close()));
    await Promise.all(others.map((other) => other.next()));
    expect(await rereadsAfter(b!.username, 2)).toBe(forOne);
    for (const other of others) expect(await other.next()).toMatchObject({ total: 2 });
  });

  it('keep the ballot-secrecy rules: nothing for councils without live counts or unpublished proposals', async () => {
    const author = hidden.children[0]!;
    const open = await proposalIn(replicaA.prisma, { councilId: hidden.council.id, authorId: author.id, state: 'OPEN' });
    const review = await proposalIn(replicaA.prisma, { councilId: live.council.id, authorId: live.children[0]!.id, state: 'IN_REVIEW' });
    for (const target of [globalId('Proposal', open.id), globalId('Proposal', review.id), globalId('Council', live.council.id), 'not-an-id!']) {
      const stream = await subscribe(`${replicaA.url}/live/proposals/${encodeURIComponent(target)}/tally`);
      expect(stream.status).toBe(404);
      stream.close();
    }
    // Even the author, signed in, gets no live counts where the council did not choose them.
    const asAuthor = await signIn(replicaA.url, author.username);
    const stream = await subscribe(`${replicaA.url}/live/proposals/${encodeURIComponent(globalId('Proposal', open.id))}/tally`, asAuthor.cookie);
    expect(stream.status).toBe(404);
  });
});

describe('the hub of a replica', () => {
  it('tells its watchers when its connection is lost, and listens again for the next one', async () => {
    // A hub of its own, on connections this test can find and cut without touching the servers'.
    const pool = new pg.Pool({ connectionString: inject('databaseUrl'), application_name: 'tally-hub-test' });
    const hub = new TallyHub(pool, 10);
    onTestFinished(async () => {
      hub.stop();
      await pool.end();
    });
    const heard: string[] = [];
    const notify = () => pool.query('SELECT pg_notify($1, $2)', [TALLY_CHANNEL, 'some-proposal']);
    await hub.subscribe('some-proposal', (wake) => heard.push(wake ? 'woken' : 'lost'));
    await notify();
    await expect.poll(() => heard).toEqual(['woken']);

    await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tally-hub-test' AND query LIKE 'LISTEN%'`);
    await expect.poll(() => heard).toEqual(['woken', 'lost']);
    // The cut connection left the pool; the next subscriber listens on a new one.
    await hub.subscribe('some-proposal', (wake) => heard.push(wake ? 'woken again' : 'lost again'));
    await notify();
    await expect.poll(() => heard).toEqual(['woken', 'lost', 'woken again']);
  });
});
