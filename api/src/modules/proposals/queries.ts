import type { ProposalState } from '@treem/db/client';
import { builder } from '../../builder.js';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { findProposal, findProposalPage, moderationQueue } from './service.js';
import { findReferralPage } from './referrals.js';
import { ProposalRef, ProposalStateEnum, ReferralRef, ReferralStateEnum } from './types.js';
import { z } from 'zod';
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
  moderationQueue: t.connection(
    {
      type: ProposalRef,
      description: "Proposals waiting for review in the viewer's councils, oldest first (see waitingHours). Moderators only.",
      authScopes: { moderator: true },
      resolve: (_root, args, ctx, info) =>
        moderationQueue({ prisma: ctx.prisma, viewer: ctx.viewer, args, query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }) }),
    },
    { fields: (t) => ({ totalCount: t.int({ resolve: (connection) => connection.totalCount() }) }) },
  ),
  referrals: t.connection(
    {
      type: ReferralRef,
      description: "Referrals to an agency (default: the viewer's), newest first. Its officers, programme admins, its systems with referrals:read.",
      authScopes: { agencyOfficer: true, programmeAdmin: true, apiScope: 'referrals:read' },
      args: { agencyCode: t.arg.string({ validate: z.string().max(64) }), state: t.arg({ type: ReferralStateEnum }) },
      resolve: (_root, args, ctx, info) =>
        findReferralPage({
          prisma: ctx.prisma, viewer: ctx.viewer, apiClient: ctx.apiClient, agencyCode: args.agencyCode, state: args.state, args,
          query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }),
        }),
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
