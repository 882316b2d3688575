import { builder } from '../../builder.js';
import { castVote, findProposal } from './service.js';
import { ProposalRef, VoteChoiceEnum } from './types.js';

const CastVoteInput = builder.inputType('CastVoteInput', {
  fields: (t) => ({
    proposalId: t.globalID({ required: true, for: [ProposalRef] }),
    choice: t.field({ type: VoteChoiceEnum, required: true }),
  }),
});

builder.mutationField('castVote', (t) =>
  t.prismaField({
    type: 'Proposal',
    description: 'Records or changes the viewer’s ballot while the proposal is open. Members of its council only.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: CastVoteInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await castVote({ prisma: ctx.prisma, viewer: ctx.viewer, proposalId: input.proposalId.id, choice: input.choice });
      return (await findProposal({ prisma: ctx.prisma, viewer: ctx.viewer, id: input.proposalId.id, query }))!;
    },
  }),
);
