import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder } from '../../builder.js';
import { ProposalRef } from '../proposals/types.js';
import { commentQueue, reportQueue, type ReportedItem } from './service.js';
import { CommentRef } from './types.js';

const ReportedContent = builder.objectRef<ReportedItem>('ReportedContent').implement({
  description: 'Something people reported, waiting for a moderator. Who reported is not shown.',
  fields: (t) => ({
    reports: t.exposeInt('reports'),
    firstReportedAt: t.expose('firstReportedAt', { type: 'DateTime' }),
    // Read for the whole list by reportQueue, with the selections asked for here.
    proposal: t.field({ type: ProposalRef, nullable: true, resolve: (item) => item.proposal }),
    comment: t.field({ type: CommentRef, nullable: true, resolve: (item) => item.comment }),
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
    resolve: (_root, _args, ctx, info) =>
      reportQueue({
        prisma: ctx.prisma,
        viewer: ctx.viewer,
        query: { proposal: queryFromInfo({ context: ctx, info, path: ['proposal'] }), comment: queryFromInfo({ context: ctx, info, path: ['comment'] }) },
      }),
  }),
}));
