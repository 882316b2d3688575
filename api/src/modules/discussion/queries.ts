import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder } from '../../builder.js';
import { visibleProposalsWhere } from '../proposals/policy.js';
import { visibleCommentsWhere } from './policy.js';
import { commentQueue, reportQueue } from './service.js';
import { CommentRef } from './types.js';

const ReportedContent = builder.objectRef<{ proposalId: string | null; commentId: string | null; reports: number; firstReportedAt: Date }>('ReportedContent').implement({
  description: 'Something people reported, waiting for a moderator. Who reported is not shown.',
  fields: (t) => ({
    reports: t.exposeInt('reports'),
    firstReportedAt: t.expose('firstReportedAt', { type: 'DateTime' }),
    proposal: t.prismaField({
      type: 'Proposal',
      nullable: true,
      resolve: (query, item, _args, ctx) => (item.proposalId ? ctx.prisma.proposal.findFirst({ ...query, where: { AND: [{ id: item.proposalId }, visibleProposalsWhere(ctx.viewer)] } }) : null),
    }),
    comment: t.prismaField({
      type: 'Comment',
      nullable: true,
      resolve: (query, item, _args, ctx) => (item.commentId ? ctx.prisma.comment.findFirst({ ...query, where: { AND: [{ id: item.commentId }, visibleCommentsWhere(ctx.viewer)] } }) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  commentModerationQueue: t.connection(
    {
      type: CommentRef,
      description: "Comments waiting for a decision in the viewer's councils, oldest first.",
      authScopes: { moderator: true },
      resolve: (_root, args, ctx, info) => commentQueue({ prisma: ctx.prisma, viewer: ctx.viewer, args, query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }) }),
    },
    { fields: (t) => ({ totalCount: t.int({ resolve: (connection) => connection.totalCount() }) }) },
  ),
  reportedContent: t.field({
    type: [ReportedContent],
    description: "Reported proposals and comments in the viewer's councils, oldest report first (at most 100).",
    authScopes: { moderator: true },
    resolve: (_root, _args, ctx) => reportQueue({ prisma: ctx.prisma, viewer: ctx.viewer }),
  }),
}));
