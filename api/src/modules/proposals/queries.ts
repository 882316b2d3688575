import type { ProposalState } from '@treem/db/client';
import { builder } from '../../builder.js';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { findProposal, findProposalPage } from './service.js';
import { ProposalRef, ProposalStateEnum } from './types.js';
import { CouncilRef } from '../council/types.js';

type ProposalFilter = { councilId?: { id: string } | null; state?: ProposalState | null };

const filterFrom = ({ councilId, state }: ProposalFilter) => ({
  ...(councilId ? { councilId: councilId.id } : {}),
  ...(state ? { state } : {}),
});

builder.queryFields((t) => ({
  proposals: t.connection(
    {
      type: ProposalRef,
      description: 'Proposals the viewer may see, newest first.',
      args: {
        councilId: t.arg.globalID({ for: [CouncilRef] }),
        state: t.arg({ type: ProposalStateEnum }),
      },
      resolve: (_root, args, ctx, info) =>
        findProposalPage({ prisma: ctx.prisma, viewer: ctx.viewer, where: filterFrom(args), args, query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }) }),
    },
    { fields: (t) => ({ totalCount: t.int({ resolve: (connection) => connection.totalCount() }) }) },
  ),
  proposal: t.prismaField({
    type: 'Proposal',
    nullable: true,
    description: 'Null when the proposal does not exist or is not visible to the viewer.',
    args: { id: t.arg.globalID({ required: true, for: [ProposalRef] }) },
    resolve: (query, _root, { id }, ctx) => findProposal({ prisma: ctx.prisma, viewer: ctx.viewer, id: id.id, query }),
  }),
}));
