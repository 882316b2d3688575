import { z } from 'zod';
import { builder } from '../../builder.js';
import { ProposalRef } from '../proposals/types.js';
import { addComment, decideComment, PENDING_COMMENTS, reportContent, resolveReports, type ReportTarget } from './service.js';
import { CommentRef } from './types.js';

const text = (max: number) => z.string().max(max);

const AddCommentInput = builder.inputType('AddCommentInput', {
  fields: (t) => ({
    proposalId: t.globalID({ required: true, for: [ProposalRef] }),
    body: t.string({ required: true, validate: text(2000) }),
    replyTo: t.globalID({ for: [CommentRef], description: 'A top-level comment on the same proposal (replies go one level deep).' }),
  }),
});

builder.mutationField('addComment', (t) =>
  t.prismaField({
    type: 'Comment',
    description: `A member comments on a published proposal of its council. It waits for a moderator before others see it; at most ${PENDING_COMMENTS} of a child's comments wait at once in a council.`,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: AddCommentInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await addComment({ prisma: ctx.prisma, viewer: ctx.viewer, proposalId: input.proposalId.id, body: input.body, replyTo: input.replyTo?.id ?? null });
      return ctx.prisma.comment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const DecideCommentInput = builder.inputType('DecideCommentInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [CommentRef] }),
    version: t.int({ required: true }),
  }),
});

for (const [name, approve, description] of [
  ['approveComment', true, 'A moderator of the council publishes a pending comment.'],
  ['rejectComment', false, 'A moderator of the council keeps a pending comment from being published.'],
] as const) {
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: 'Comment',
      description,
      authScopes: { moderator: true },
      args: { input: t.arg({ type: DecideCommentInput, required: true }) },
      resolve: async (query, _root, { input }, ctx) => {
        await decideComment({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, id: input.id.id, version: input.version, approve });
        return ctx.prisma.comment.findUniqueOrThrow({ ...query, where: { id: input.id.id } });
      },
    }),
  );
}

const ReportContentInput = builder.inputType('ReportContentInput', {
  fields: (t) => ({
    targetId: t.globalID({ required: true, for: [ProposalRef, CommentRef], description: 'A proposal or a comment.' }),
    reason: t.string({ required: true, validate: text(500) }),
  }),
});

const ReportContentPayload = builder.objectRef<{ reported: boolean }>('ReportContentPayload').implement({
  fields: (t) => ({ reported: t.exposeBoolean('reported', { description: 'Whether reports on it are waiting for a moderator.' }) }),
});

builder.mutationField('reportContent', (t) =>
  t.field({
    type: ReportContentPayload,
    description: 'Anyone signed in reports a proposal or comment they can see. A second person’s report hides it until a moderator decides.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ReportContentInput, required: true }) },
    resolve: (_root, { input }, ctx) => reportContent({ prisma: ctx.prisma, viewer: ctx.viewer, target: input.targetId as ReportTarget, reason: input.reason }),
  }),
);

const ResolveReportsInput = builder.inputType('ResolveReportsInput', {
  fields: (t) => ({
    targetId: t.globalID({ required: true, for: [ProposalRef, CommentRef] }),
    hide: t.boolean({ required: true, description: 'True hides it; false shows it again.' }),
  }),
});

builder.mutationField('resolveReports', (t) =>
  t.field({
    type: ReportContentPayload,
    description: 'A moderator of the council decides on reported content: hide it or keep it.',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: ResolveReportsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await resolveReports({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, target: input.targetId as ReportTarget, hide: input.hide });
      return { reported: false };
    },
  }),
);
