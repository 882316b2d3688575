// The portal served beside the API runs its GraphQL operations in the same process: no
// request to /graphql goes over the network for a page, and a signed-in page looks its session
// up once for both the header and the page.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

const paths: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { msg?: string; req?: { path?: string } };
      if (entry.msg === 'request completed' && entry.req?.path) paths.push(entry.req.path);
    }
    done();
  },
});

let server: Awaited<ReturnType<typeof startServer>>;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let proposal: { id: string; title: string };
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl'), withWeb: true, logger: pino({ level: 'info' }, sink) });
  world = await councilWithMembers(server.prisma, { members: 1, liveCounts: true });
  proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'OPEN' });
});
afterAll(() => server.close());

const page = (cookie?: string) =>
  fetch(`${server.url}/proposals/${encodeURIComponent(globalId('Proposal', proposal.id))}`, { headers: cookie ? { cookie } : {} });

describe('portal beside the API', () => {
  it('renders a proposal page without calling /graphql over HTTP', async () => {
    paths.length = 0;
    const response = await page();
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(proposal.title);
    await expect.poll(() => paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => path.startsWith('/graphql'))).toEqual([]);
  });

  it('signed in, looks the session up once for the header and the page, and shows the reader’s own vote', async () => {
    const child = new Client(server.url);
    await child.login(world.children[0]!.username, PASSWORD);
    await child.request('mutation ($id: ID!) { castVote(input: { proposalId: $id, choice: OPPOSE }) { id } }', { id: globalId('Proposal', proposal.id) });
    server.queries.length = 0;
    paths.length = 0;
    const response = await page(child.cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(world.children[0]!.displayName);
    expect(html).toContain('"OPPOSE"');
    expect(server.queries.filter((sql) => /FROM ("public"\.)?"Session"/.test(sql))).toHaveLength(1);
    await expect.poll(() => paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => path.startsWith('/graphql'))).toEqual([]);
  });
});
