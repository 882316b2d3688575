import type { ProposalState } from '@treem/db/client';
import { builder } from '../../builder.js';
import { countProposals, findProposal, findProposals } from './service.js';
import { ProposalRef, ProposalStateEnum } from './types.js';
import { CouncilRef } from '../council/types.js';

type ProposalFilter = { councilId?: { id: string } | null; state?: ProposalState | null };

const filterFrom = ({ councilId, state }: ProposalFilter) => ({
  ...(councilId ? { councilId: councilId.id } : {}),
  ...(state ? { state } : {}),
});

builder.queryFields((t) => ({
  proposals: t.prismaConnection(
    {
      type: 'Proposal',
      cursor: 'id',
      description: 'Proposals the viewer may see, newest first.',
      args: {
        councilId: t.arg.globalID({ for: [CouncilRef] }),
        state: t.arg({ type: ProposalStateEnum }),
      },
      resolve: (query, _root, args, ctx) => findProposals({ prisma: ctx.prisma, viewer: ctx.viewer, query, where: filterFrom(args) }),
      totalCount: (_root, args, ctx) => countProposals({ prisma: ctx.prisma, viewer: ctx.viewer, where: filterFrom(args) }),
    },
  ),
  proposal: t.prismaField({
    type: 'Proposal',
    nullable: true,
    description: 'Null when the proposal does not exist or is not visible to the viewer.',
    args: { id: t.arg.globalID({ required: true, for: [ProposalRef] }) },
    resolve: (query, _root, { id }, ctx) => findProposal({ prisma: ctx.prisma, viewer: ctx.viewer, id: id.id, query }),
  }),
}));
