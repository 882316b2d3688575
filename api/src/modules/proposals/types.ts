import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder } from '../../builder.js';
import { findProposalPage } from './service.js';
import { isCurrentMember } from '../council/policy.js';
import { isTallyVisible, isVotingOpen, visibleProposalsWhere } from './policy.js';

export const ProposalStateEnum = builder.enumType('ProposalState', {
  values: ['DRAFT', 'IN_REVIEW', 'WITHDRAWN', 'OPEN', 'ADOPTED', 'NOT_ADOPTED', 'REFERRED', 'ANSWERED'] as const,
});
export const VoteChoiceEnum = builder.enumType('VoteChoice', { values: ['SUPPORT', 'OPPOSE', 'ABSTAIN'] as const });

interface Tally { support: number; oppose: number; abstain: number; total: number }

const VoteTally = builder.objectRef<Tally>('VoteTally').implement({
  description: 'Counts only; who voted what is never exposed.',
  fields: (t) => ({
    support: t.exposeInt('support'),
    oppose: t.exposeInt('oppose'),
    abstain: t.exposeInt('abstain'),
    total: t.exposeInt('total'),
  }),
});

export const ProposalRef = builder.prismaNode('Proposal', {
  id: { field: 'id' },
  // Loading through `node(id)` applies the same visibility rule as every list; a proposal the
  // viewer may not see is simply not found.
  findUnique: (id, ctx) => ({ id, AND: [visibleProposalsWhere(ctx.viewer)] }),
  nullable: true,
  fields: (t) => ({
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    state: t.expose('state', { type: ProposalStateEnum }),
    council: t.relation('council'),
    authorName: t.string({
      description: "The author's pseudonym.",
      select: { author: { select: { displayName: true } } },
      resolve: (proposal) => proposal.author.displayName,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    votingOpensAt: t.expose('votingOpensAt', { type: 'DateTime', nullable: true }),
    votingClosesAt: t.expose('votingClosesAt', { type: 'DateTime', nullable: true }),
    tally: t.field({
      type: VoteTally,
      nullable: true,
      description: 'Null while counts are hidden (an open vote in a council without live counts).',
      // Counted by PostgreSQL (the ProposalTally view), joined into the statement that loads
      // the proposal or the page: no ballot is ever loaded to be counted.
      select: { tally: { select: { support: true, oppose: true, abstain: true, total: true } }, council: { select: { liveCounts: true } } },
      resolve: (proposal) => {
        if (!isTallyVisible(proposal, proposal.council)) return null;
        return proposal.tally ?? { support: 0, oppose: 0, abstain: 0, total: 0 };
      },
    }),
    myVote: t.field({
      type: VoteChoiceEnum,
      nullable: true,
      description: "The viewer's own ballot; nobody else's is ever readable.",
      // Only the viewer's own ballot is read, in the same statement as the proposal. Anonymous
      // readers have none: an id no row has matches nothing.
      select: (_args, ctx) => ({ votes: { where: { voterId: ctx.viewer?.id ?? '' }, select: { choice: true }, take: 1 } }),
      resolve: (proposal) => proposal.votes[0]?.choice ?? null,
    }),
    viewerCanVote: t.boolean({
      resolve: (proposal, _args, ctx) => isVotingOpen(proposal) && isCurrentMember(ctx.viewer, proposal.councilId),
    }),
  }),
});

builder.prismaObjectField('Council', 'proposals', (t) =>
  t.connection(
    {
      type: ProposalRef,
      description: 'Proposals the viewer may see, newest first.',
      args: { state: t.arg({ type: ProposalStateEnum }) },
      resolve: (council, args, ctx, info) =>
        findProposalPage({
          prisma: ctx.prisma,
          viewer: ctx.viewer,
          where: { councilId: council.id, ...(args.state ? { state: args.state } : {}) },
          args,
          query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }),
        }),
    },
    // Counted in PostgreSQL, and only when asked for.
    { fields: (t) => ({ totalCount: t.int({ resolve: (connection) => connection.totalCount() }) }) },
  ),
);
