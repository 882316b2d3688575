import { builder } from '../../builder.js';
import { visibleProposalsWhere } from '../proposals/policy.js';

export const NotificationKindEnum = builder.enumType('NotificationKind', {
  values: ['PROPOSAL_APPROVED', 'PROPOSAL_RETURNED', 'VOTING_OPEN', 'VOTING_RESULT', 'PROPOSAL_ESCALATED', 'ANSWER_ARRIVED', 'COMMENT_APPROVED', 'CONTENT_TO_REVIEW', 'SESSION_SCHEDULED'] as const,
});

export const NotificationRef = builder.prismaNode('Notification', {
  id: { field: 'id' },
  // A notice is its owner's alone.
  findUnique: (id, ctx) => ({ id, userId: ctx.viewer?.id ?? '' }),
  nullable: true,
  fields: (t) => ({
    kind: t.expose('kind', { type: NotificationKindEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    read: t.boolean({ resolve: (n) => n.readAt !== null }),
    message: t.string({
      description: "The notice in the reader's language.",
      select: { proposal: { select: { title: true } } },
      resolve: (n, _args, ctx) => ctx.t(`notifications.${n.kind}`, { title: n.proposal?.title ?? '' }),
    }),
    proposal: t.relation('proposal', {
      nullable: true,
      description: 'What it is about, when the reader may still see it.',
      query: (_args, ctx) => ({ where: visibleProposalsWhere(ctx.viewer) }),
    }),
  }),
});

export const NotificationSettingsRef = builder.objectRef<{ email: string | null; emailDigest: boolean; mayReceiveEmail: boolean }>('NotificationSettings').implement({
  fields: (t) => ({
    email: t.exposeString('email', { nullable: true }),
    emailDigest: t.exposeBoolean('emailDigest', { description: 'Adults: one e-mail a day at most, with what is new.' }),
    mayReceiveEmail: t.exposeBoolean('mayReceiveEmail', { description: 'Children get notices in the portal only.' }),
  }),
});
