// Drafts are the child's own notebook; moderators read from IN_REVIEW on; the public reads
// what was published. The rule holds on every read path (proposal, node, both lists, their
// counts and cursors, castVote), and a hidden id behaves exactly like an id that does not exist.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ProposalState } from '@treem/db/client';
import { mayReadProposal, visibleProposalsWhere } from '@treem/api/proposals/policy';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let other: Awaited<ReturnType<typeof councilWithMembers>>;
const byState: Partial<Record<ProposalState, { id: string; createdAt: Date }>> = {};
const viewers: Record<string, Client> = {};

const STATES: ProposalState[] = ['DRAFT', 'WITHDRAWN', 'IN_REVIEW', 'OPEN', 'ADOPTED'];
const cursorOf = (createdAt: Date, id: string) => Buffer.from(`v1:${createdAt.getTime()}:${id}`).toString('base64url');

beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  world = await councilWithMembers(server.prisma, { members: 2 });
  other = await councilWithMembers(server.prisma, { members: 1 });
  for (const state of STATES) {
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state });
    byState[state] = { id: proposal.id, createdAt: proposal.createdAt };
  }
  const signIn = async (username: string) => {
    const client = new Client(server.url, 'en').from('192.0.2.200');
    await client.login(username, PASSWORD);
    return client;
  };
  viewers.anonymous = new Client(server.url, 'en');
  viewers.author = await signIn(world.children[0]!.username);
  viewers.member = await signIn(world.children[1]!.username);
  viewers.moderator = await signIn(world.moderator.username);
  viewers.otherModerator = await signIn(other.moderator.username);
});
afterAll(() => server.close());

const expected: Record<string, ProposalState[]> = {
  anonymous: ['OPEN', 'ADOPTED'],
  author: ['DRAFT', 'WITHDRAWN', 'IN_REVIEW', 'OPEN', 'ADOPTED'],
  member: ['OPEN', 'ADOPTED'],
  moderator: ['IN_REVIEW', 'OPEN', 'ADOPTED'],
  otherModerator: ['OPEN', 'ADOPTED'],
};

const sorted = (states: string[]) => [...states].sort();

describe.each(Object.keys(expected))('what %s sees', (who) => {
  const visible = () => sorted(expected[who]!);

  it('through proposal(id) and node(id)', async () => {
    const seen: string[] = [];
    for (const state of STATES) {
      const id = globalId('Proposal', byState[state]!.id);
      const { data, errors } = await viewers[who]!.request('query ($id: ID!) { proposal(id: $id) { state } node(id: $id) { ... on Proposal { state } } }', { id });
      expect(errors).toBeUndefined();
      expect(data!.node).toEqual(data!.proposal);
      if (data!.proposal) seen.push(data!.proposal.state);
    }
    expect(sorted(seen)).toEqual(visible());
  });

  it('through proposals(councilId), council.proposals, state filters and every totalCount', async () => {
    const council = globalId('Council', world.council.id);
    const { data, errors } = await viewers[who]!.request(
      `query ($c: ID!) {
        proposals(councilId: $c, first: 50) { totalCount edges { node { state } } }
        council(id: $c) { proposals(first: 50) { totalCount edges { node { state } } } drafts: proposals(state: DRAFT) { totalCount } }
        drafts: proposals(councilId: $c, state: DRAFT) { totalCount edges { node { id } } }
      }`,
      { c: council },
    );
    expect(errors).toBeUndefined();
    for (const connection of [data!.proposals, data!.council.proposals]) {
      expect(sorted(connection.edges.map((e: { node: { state: string } }) => e.node.state))).toEqual(visible());
      expect(connection.totalCount).toBe(visible().length);
    }
    const drafts = visible().includes('DRAFT') ? 1 : 0;
    expect(data!.drafts.totalCount).toBe(drafts);
    expect(data!.council.drafts.totalCount).toBe(drafts);
  });

  it('through castVote: a hidden proposal is not found, like one that does not exist', async () => {
    for (const state of STATES.filter((s) => !expected[who]!.includes(s))) {
      const result = await viewers[who]!.request('mutation ($id: ID!) { castVote(input: { proposalId: $id, choice: SUPPORT }) { id } }', { id: globalId('Proposal', byState[state]!.id) });
      expect(errorCode(result)).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND');
    }
    expect(await server.prisma.vote.count({ where: { proposalId: { in: STATES.map((s) => byState[s]!.id) } } })).toBe(0);
  });
});

describe('no existence oracle', () => {
  const unknownId = () => `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;

  it.each(['anonymous', 'member', 'otherModerator'])('a hidden draft and an unknown id answer alike for %s', async (who) => {
    const client = viewers[who]!;
    const hidden = byState.DRAFT!;
    const same = async (query: string, variables: (id: string, createdAt: Date) => Record<string, unknown>) => {
      const a = await client.request(query, variables(hidden.id, hidden.createdAt));
      const b = await client.request(query, variables(unknownId(), hidden.createdAt));
      expect(a).toEqual(b);
      return a;
    };
    await same('query ($id: ID!) { proposal(id: $id) { id } node(id: $id) { id } }', (id) => ({ id: globalId('Proposal', id) }));
    await same('mutation ($id: ID!) { castVote(input: { proposalId: $id, choice: OPPOSE }) { id } }', (id) => ({ id: globalId('Proposal', id) }));
    // A cursor carries ordering values only: the page after a hidden row's position is the
    // page after that position, whatever id it names.
    const page = await same(
      'query ($c: ID!, $after: String) { proposals(councilId: $c, first: 10, after: $after) { totalCount edges { node { state } } pageInfo { hasNextPage hasPreviousPage } } council(id: $c) { proposals(first: 10, after: $after) { totalCount edges { node { state } } } } }',
      (id, createdAt) => ({ c: globalId('Council', world.council.id), after: cursorOf(createdAt, id) }),
    );
    expect(page.errors).toBeUndefined();
    await same('query ($before: String) { proposals(last: 5, before: $before) { edges { cursor } } }', (id, createdAt) => ({ before: cursorOf(createdAt, id) }));
    // Cursors of the old row-lookup kind (or anything else) are refused the same way.
    await same('query ($after: String) { proposals(after: $after) { totalCount } }', (id) => ({ after: Buffer.from(`GPC:S:${id}`).toString('base64') }));
  });
});

describe('pages', () => {
  it('refuses page sizes beyond the maximum or below zero, naming the bound', async () => {
    const client = new Client(server.url, 'en');
    const big = await client.request('{ proposals(first: 1000000) { totalCount } }');
    expect(big.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_BIG', field: 'first', max: 100 });
    expect(big.errors![0]!.message).toBe('first can be at most 100.');
    const council = globalId('Council', world.council.id);
    const last = await client.request('query ($c: ID!) { council(id: $c) { proposals(last: 101) { totalCount } } }', { c: council });
    expect(last.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last', max: 100 });
    const negative = await client.request('{ proposals(first: -1) { totalCount } }');
    expect(negative.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_SMALL', field: 'first', min: 0 });
    const mixed = await client.request('{ proposals(first: 1, last: 1) { totalCount } }');
    expect(mixed.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'PAGE_ARGS' });
  });

  it('pages forwards and back with the same cursors', async () => {
    const client = viewers.author!;
    const query = 'query ($c: ID!, $first: Int, $after: String, $last: Int, $before: String) { council(id: $c) { proposals(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { state } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }';
    const c = globalId('Council', world.council.id);
    const first = (await client.request(query, { c, first: 2 })).data!.council.proposals;
    const second = (await client.request(query, { c, first: 2, after: first.pageInfo.endCursor })).data!.council.proposals;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const back = (await client.request(query, { c, last: 2, before: second.pageInfo.startCursor })).data!.council.proposals;
    expect(back.edges).toEqual(first.edges);
    expect(back.pageInfo.hasPreviousPage).toBe(false);
    const all = [...first.edges, ...second.edges, ...(await client.request(query, { c, first: 10, after: second.pageInfo.endCursor })).data!.council.proposals.edges];
    expect(sorted(all.map((e: { node: { state: string } }) => e.node.state))).toEqual(sorted(expected.author!));
  });
});

describe('ids of every kind', () => {
  it('node(id) of a missing row of any type, or of a type that is not a node, is null', async () => {
    const client = new Client(server.url);
    for (const type of ['Council', 'AdminUnit', 'Agency', 'Task', 'Programme', 'ObjectiveGroup', 'Proposal', 'Viewer', 'Query', 'Node', 'Nope']) {
      const result = await client.request('query ($id: ID!) { node(id: $id) { id } }', { id: globalId(type, 'cmissing0000000000000000') });
      expect(result, type).toEqual({ data: { node: null } });
    }
  });

  it('a malformed id is bad input wherever it goes', async () => {
    const client = new Client(server.url, 'en');
    for (const id of ['', 'x', Buffer.from('Council:a\u0000b').toString('base64'), Buffer.from('Council:').toString('base64'), Buffer.from('council:x').toString('base64'), '%%%', 'Q291bmNpbDp4'.repeat(50)]) {
      for (const query of ['query ($id: ID!) { node(id: $id) { id } }', 'query ($id: ID!) { council(id: $id) { id } }', 'query ($id: ID!) { proposal(id: $id) { id } }', 'query ($id: ID) { proposals(councilId: $id) { totalCount } }']) {
        const result = await client.request(query, { id });
        expect(result.errors?.[0]?.extensions, `${query} ${id}`).toMatchObject({ code: 'BAD_USER_INPUT' });
      }
    }
  });
});

// A comment's proposal is read with the comment and shown when mayReadProposal says so; every
// other read filters with visibleProposalsWhere in PostgreSQL. Both say the same of every state,
// hidden or not, in the viewer's council or another, by the viewer or someone else.
describe('the rule in memory and the rule in PostgreSQL', () => {
  it('agree on every proposal for every kind of viewer', async () => {
    const ids: string[] = [];
    for (const state of Object.values(ProposalState)) {
      for (const hidden of [false, true]) {
        for (const council of [world, other]) {
          for (const author of [world.children[0]!, other.children[0]!]) {
            const proposal = await proposalIn(server.prisma, { councilId: council.council.id, authorId: author.id, state });
            if (hidden) await server.prisma.proposal.update({ where: { id: proposal.id }, data: { hiddenAt: new Date() } });
            ids.push(proposal.id);
          }
        }
      }
    }
    const rows = await server.prisma.proposal.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, hiddenAt: true, authorId: true, councilId: true } });
    expect(rows).toHaveLength(8 * 2 * 2 * 2);
    // Only these two are read by either rule.
    const viewer = (id: string, moderatedCouncilIds: string[]) => ({ id, moderatedCouncilIds }) as unknown as Parameters<typeof mayReadProposal>[0];
    const kinds = {
      anonymous: null,
      author: viewer(world.children[0]!.id, []),
      member: viewer(world.children[1]!.id, []),
      moderator: viewer(world.moderator.id, [world.council.id]),
      otherModerator: viewer(other.moderator.id, [other.council.id]),
      bothModerator: viewer(randomUUID(), [world.council.id, other.council.id]),
    };
    for (const [kind, who] of Object.entries(kinds)) {
      const inPostgres = await server.prisma.proposal.findMany({ where: { AND: [{ id: { in: ids } }, visibleProposalsWhere(who)] }, select: { id: true } });
      const inMemory = rows.filter((row) => mayReadProposal(who, row));
      expect(sorted(inMemory.map((row) => row.id)), kind).toEqual(sorted(inPostgres.map((row) => row.id)));
      expect(inMemory.length, kind).toBeGreaterThan(0);
    }
  });
});
