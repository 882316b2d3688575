import { builder } from '../../builder.js';
import { moderates } from '../council/policy.js';
import { mayReadProposal } from '../proposals/policy.js';
import { PROPOSAL_TO_CHECK, ProposalRef } from '../proposals/types.js';
import { visibleCommentsWhere } from './policy.js';

export const CommentStateEnum = builder.enumType('CommentState', { values: ['PENDING', 'APPROVED', 'REJECTED'] as const });

export const CommentRef = builder.prismaNode('Comment', {
  id: { field: 'id' },
  // Through `node(id)` too, a comment nobody may see yet is simply not found.
  findUnique: (id, ctx) => ({ id, AND: [visibleCommentsWhere(ctx.viewer)] }),
  nullable: true,
  description: 'A comment on a proposal. Others see it only after a moderator approved it.',
  fields: (t) => ({
    body: t.exposeString('body'),
    state: t.expose('state', { type: CommentStateEnum }),
    version: t.exposeInt('version'),
    hidden: t.boolean({ description: 'Hidden after reports or by a moderator (seen only by its author and moderators).', select: { hiddenAt: true }, resolve: (c) => c.hiddenAt !== null }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    authorName: t.string({ description: "The author's pseudonym.", select: { author: { select: { displayName: true } } }, resolve: (c) => c.author.displayName }),
    viewerIsAuthor: t.boolean({ resolve: (c, _args, ctx) => c.authorId === ctx.viewer?.id }),
    viewerModerates: t.boolean({
      select: { proposal: { select: { councilId: true } } },
      resolve: (c, _args, ctx) => moderates(ctx.viewer, c.proposal.councilId),
    }),
    isReply: t.boolean({ resolve: (c) => c.parentId !== null }),
    proposal: t.field({
      type: ProposalRef,
      nullable: true,
      description: 'Its proposal, while the viewer may see it.',
      // Read with the comment, in its statement (a list of comments is not one statement more
      // per comment); what decides whether it is shown is read along with it.
      select: (_args, _ctx, nestedSelection) => ({ proposal: nestedSelection(PROPOSAL_TO_CHECK) }),
      resolve: (c, _args, ctx) => (mayReadProposal(ctx.viewer, c.proposal) ? c.proposal : null),
    }),
    replies: t.relation('replies', {
      description: 'Replies the viewer may see, oldest first.',
      query: (_args, ctx) => ({ where: visibleCommentsWhere(ctx.viewer), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    }),
  }),
});

builder.prismaObjectFields('Proposal', (t) => ({
  comments: t.relation('comments', {
    description: 'Top-level comments the viewer may see, oldest first; replies hang below each.',
    query: (_args, ctx) => ({ where: { AND: [{ parentId: null }, visibleCommentsWhere(ctx.viewer)] }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 200 }),
  }),
  hidden: t.boolean({ description: 'Hidden after reports or by a moderator (seen only by its author and moderators).', select: { hiddenAt: true }, resolve: (p) => p.hiddenAt !== null }),
}));
