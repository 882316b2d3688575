import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let other: Awaited<ReturnType<typeof councilWithMembers>>;

beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  world = await councilWithMembers(server.prisma, { members: 4 });
  other = await councilWithMembers(server.prisma, { members: 1 });
});
afterAll(() => server.close());

const signIn = async (username: string, locale: 'vi' | 'en' = 'vi') => {
  const client = new Client(server.url, locale);
  await client.login(username, PASSWORD);
  return client;
};

const CAST = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id state myVote tally { support oppose abstain total } } }`;
const vote = (client: Client, proposalId: string, choice: string) =>
  client.request(CAST, { input: { proposalId: globalId('Proposal', proposalId), choice } });

describe('proposal visibility', () => {
  it('shows published proposals to everyone and unpublished ones only to author and moderators', async () => {
    const [author, member] = world.children;
    const draft = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'IN_REVIEW' });
    const open = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'OPEN' });
    const query = `query ($id: ID!) { proposals(councilId: $id) { totalCount edges { node { id title state } } } }`;
    const titles = async (client: Client) => {
      const { data } = await client.request(query, { id: globalId('Council', world.council.id) });
      return data!.proposals.edges.map((e: { node: { state: string } }) => e.node.state).sort();
    };

    expect(await titles(new Client(server.url))).toEqual(['OPEN']);
    expect(await titles(await signIn(member!.username))).toEqual(['OPEN']);
    expect(await titles(await signIn(author!.username))).toEqual(['IN_REVIEW', 'OPEN']);
    expect(await titles(await signIn(world.moderator.username))).toEqual(['IN_REVIEW', 'OPEN']);
    expect(await titles(await signIn(other.moderator.username))).toEqual(['OPEN']);

    // The same rule holds for direct reads, by `proposal` and by `node`.
    const anonymous = new Client(server.url);
    const direct = await anonymous.request(`query ($id: ID!) { proposal(id: $id) { id } node(id: $id) { id } }`, { id: globalId('Proposal', draft.id) });
    expect(direct).toEqual({ data: { proposal: null, node: null } });
    const published = await anonymous.request(`query ($id: ID!) { proposal(id: $id) { title authorName } }`, { id: globalId('Proposal', open.id) });
    expect(published.data!.proposal).toEqual({ title: 'Đề xuất OPEN', authorName: 'Bạn 0' });
  });

  it('pages through a council’s proposals with cursors', async () => {
    const { council, children } = await councilWithMembers(server.prisma, { members: 1 });
    for (let i = 0; i < 5; i++) await proposalIn(server.prisma, { councilId: council.id, authorId: children[0]!.id, state: 'ADOPTED' });
    const query = `query ($id: ID!, $after: String) { council(id: $id) { proposals(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
    const client = new Client(server.url);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const { data } = await client.request(query, { id: globalId('Council', council.id), after });
      const connection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } = data!.council.proposals;
      expect(connection.totalCount).toBe(5);
      seen.push(...connection.edges.map((e) => e.node.id));
      after = connection.pageInfo.endCursor;
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(new Set(seen).size).toBe(5);
  });

  it('lists a council’s proposals with tallies and ballots in a fixed number of queries', async () => {
    const { council, children } = await councilWithMembers(server.prisma, { members: 3 });
    const query = `query ($id: ID!) { council(id: $id) { memberCount proposals(first: 50) { edges { node { title authorName tally { total } myVote viewerCanVote council { nameVi } } } } } }`;
    const count = async () => {
      server.queries.length = 0;
      await new Client(server.url).request(query, { id: globalId('Council', council.id) });
      return server.queries.length;
    };
    await proposalIn(server.prisma, { councilId: council.id, authorId: children[0]!.id, state: 'ADOPTED' });
    const withOne = await count();
    for (let i = 0; i < 10; i++) await proposalIn(server.prisma, { councilId: council.id, authorId: children[i % 3]!.id, state: 'ADOPTED' });
    expect(await count()).toBe(withOne);
  });

  it('reads a council and its page in one statement, and aliased pages each with their own arguments', async () => {
    const { council, children } = await councilWithMembers(server.prisma, { members: 1 });
    for (const state of ['ADOPTED', 'OPEN', 'ADOPTED', 'OPEN', 'ADOPTED'] as const) await proposalIn(server.prisma, { councilId: council.id, authorId: children[0]!.id, state });
    const rows = await server.prisma.proposal.findMany({ where: { councilId: council.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true, state: true } });
    const newest = rows.map((row) => globalId('Proposal', row.id));
    const open = rows.filter((row) => row.state === 'OPEN').map((row) => globalId('Proposal', row.id));
    const id = globalId('Council', council.id);
    const client = new Client(server.url);

    server.queries.length = 0;
    await client.request('query ($id: ID!) { council(id: $id) { nameVi proposals(first: 3) { totalCount edges { node { title tally { total } } } } } }', { id });
    expect(server.queries.length).toBe(1);

    const { data } = await client.request(
      `query ($id: ID!) { council(id: $id) {
        a: proposals(first: 2) { edges { node { id } } pageInfo { hasNextPage } }
        b: proposals(first: 5, state: OPEN) { totalCount edges { node { id state } } }
        c: proposals(last: 2) { edges { node { id } } pageInfo { hasPreviousPage } }
        d: proposals { totalCount }
      } }`,
      { id },
    );
    const nodes = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((e) => e.node.id);
    expect(nodes(data!.council.a)).toEqual(newest.slice(0, 2));
    expect(data!.council.a.pageInfo.hasNextPage).toBe(true);
    expect(nodes(data!.council.b)).toEqual(open);
    expect(data!.council.b.totalCount).toBe(2);
    expect(nodes(data!.council.c)).toEqual(newest.slice(3));
    expect(data!.council.c.pageInfo.hasPreviousPage).toBe(true);
    expect(data!.council.d.totalCount).toBe(5);
  });
});

describe('malformed ids and cursors', () => {
  it('are bad input, answered in the reader’s language, never an internal error', async () => {
    const client = new Client(server.url, 'vi');
    for (const [query, variables] of [
      ['query ($id: ID!) { council(id: $id) { id } }', { id: 'not-an-id' }],
      ['query ($id: ID!) { proposal(id: $id) { id } }', { id: globalId('Council', world.council.id) }],
    ] as const) {
      const result = await client.request(query, variables);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toBe('Đường dẫn hoặc mã này không đúng.');
    }
    const cursor = await client.request('query ($after: String) { proposals(first: 2, after: $after) { totalCount } }', { after: 'garbage' });
    expect(cursor.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_CURSOR' });
    expect(cursor.errors![0]!.message).toBe('Vị trí trang này không đúng. Hãy tải lại danh sách từ đầu.');
  });
});

describe('castVote', () => {
  it('lets a member vote while open, change the vote, and read only its own ballot', async () => {
    const [first, second] = world.children;
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: first!.id, state: 'OPEN' });
    const child = await signIn(first!.username);

    const cast = await vote(child, proposal.id, 'SUPPORT');
    expect(cast.errors).toBeUndefined();
    // Counts are hidden while the vote runs in a council without live counts.
    expect(cast.data!.castVote).toMatchObject({ state: 'OPEN', myVote: 'SUPPORT', tally: null });

    const changed = await vote(child, proposal.id, 'OPPOSE');
    expect(changed.data!.castVote.myVote).toBe('OPPOSE');
    expect(await server.prisma.vote.findMany({ where: { proposalId: proposal.id }, select: { choice: true } })).toEqual([{ choice: 'OPPOSE' }]);

    const secondChild = await signIn(second!.username);
    const read = await secondChild.request(`query ($id: ID!) { proposal(id: $id) { myVote viewerCanVote } }`, { id: globalId('Proposal', proposal.id) });
    expect(read.data!.proposal).toEqual({ myVote: null, viewerCanVote: true });
  });

  it('shows live counts when the council allows them', async () => {
    const live = await councilWithMembers(server.prisma, { members: 2, liveCounts: true });
    const proposal = await proposalIn(server.prisma, { councilId: live.council.id, authorId: live.children[0]!.id, state: 'OPEN' });
    await vote(await signIn(live.children[0]!.username), proposal.id, 'SUPPORT');
    const result = await vote(await signIn(live.children[1]!.username), proposal.id, 'ABSTAIN');
    expect(result.data!.castVote.tally).toEqual({ support: 1, oppose: 0, abstain: 1, total: 2 });
  });

  it('refuses anonymous voters', async () => {
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'OPEN' });
    const result = await vote(new Client(server.url, 'en'), proposal.id, 'SUPPORT');
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(result.errors![0]!.message).toBe('Please sign in to do this.');
    expect(await server.prisma.vote.count({ where: { proposalId: proposal.id } })).toBe(0);
  });

  it('refuses a child who is not a member of the council', async () => {
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'OPEN' });
    const outsider = await signIn(other.children[0]!.username);
    const result = await vote(outsider, proposal.id, 'SUPPORT');
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.errors![0]!.message).toBe('Chỉ thành viên của hội đồng này mới được bỏ phiếu.');
    expect(await server.prisma.vote.count({ where: { proposalId: proposal.id } })).toBe(0);
  });

  it('refuses votes outside the voting window and on closed proposals', async () => {
    const child = await signIn(world.children[0]!.username, 'en');
    const expired = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'OPEN', closesInDays: -1 });
    const adopted = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'ADOPTED' });
    for (const proposal of [expired, adopted]) {
      const result = await vote(child, proposal.id, 'SUPPORT');
      expect(errorCode(result)).toBe('NOT_OPEN');
      expect(result.errors![0]!.message).toBe('This proposal is not open for voting right now.');
      expect(await server.prisma.vote.count({ where: { proposalId: proposal.id } })).toBe(0);
    }
  });

  it('does not reveal unpublished proposals to voters', async () => {
    const hidden = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'IN_REVIEW' });
    const result = await vote(await signIn(world.children[1]!.username), hidden.id, 'SUPPORT');
    expect(errorCode(result)).toBe('NOT_FOUND');
  });

  it('refuses a choice that does not exist and records nothing', async () => {
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'OPEN' });
    const result = await vote(await signIn(world.children[0]!.username, 'en'), proposal.id, 'MAYBE');
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toBe('A choice or value is not right. Please try again.');
    expect(await server.prisma.vote.count({ where: { proposalId: proposal.id } })).toBe(0);
  });
});
