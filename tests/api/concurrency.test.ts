import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
});
afterAll(() => server.close());

it('counts exactly one ballot per member when 50 members vote at once, each submitting twice', async () => {
  const { council, children } = await councilWithMembers(server.prisma, { members: 50, liveCounts: true });
  const proposal = await proposalIn(server.prisma, { councilId: council.id, authorId: children[0]!.id, state: 'OPEN' });
  const clients = await Promise.all(
    children.map(async (child) => {
      const client = new Client(server.url);
      await client.login(child.username, PASSWORD);
      return client;
    }),
  );
  // 30 support, 15 oppose, 5 abstain; every member's request is sent twice, all at once.
  const choiceOf = (i: number) => (i < 30 ? 'SUPPORT' : i < 45 ? 'OPPOSE' : 'ABSTAIN');
  const mutation = `mutation ($input: CastVoteInput!) { castVote(input: $input) { myVote } }`;
  const requests = clients.flatMap((client, i) => {
    const input = { proposalId: globalId('Proposal', proposal.id), choice: choiceOf(i) };
    return [client.request(mutation, { input }), client.request(mutation, { input })];
  });
  const results = await Promise.all(requests);

  expect(results.filter((r) => r.errors)).toEqual([]);
  expect(await server.prisma.vote.count({ where: { proposalId: proposal.id } })).toBe(50);
  const { data } = await new Client(server.url).request(`query ($id: ID!) { proposal(id: $id) { tally { support oppose abstain total } } }`, { id: globalId('Proposal', proposal.id) });
  expect(data!.proposal.tally).toEqual({ support: 30, oppose: 15, abstain: 5, total: 50 });
});
