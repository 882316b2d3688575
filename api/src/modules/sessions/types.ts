import { builder } from '../../builder.js';
import { moderates } from '../council/policy.js';
import { visibleProposalsWhere } from '../proposals/policy.js';
import { maySeeSessions, sessionRoster } from './service.js';

const SessionMember = builder.objectRef<{ userId: string; displayName: string; present: boolean }>('SessionMember').implement({
  description: 'A current member and whether it came. Pseudonyms only.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    displayName: t.exposeString('displayName'),
    present: t.exposeBoolean('present'),
  }),
});

export const CouncilSessionRef = builder.prismaNode('CouncilSession', {
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, councilId: { in: [...(ctx.viewer?.memberCouncilIds ?? []), ...(ctx.viewer?.moderatedCouncilIds ?? [])] } }),
  nullable: true,
  description: "A council meeting. Seen by the council's members and moderators.",
  fields: (t) => ({
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    place: t.exposeString('place', { nullable: true }),
    onlineUrl: t.exposeString('onlineUrl', { nullable: true }),
    minutes: t.exposeString('minutes', { nullable: true }),
    council: t.relation('council'),
    agenda: t.prismaField({
      type: ['Proposal'],
      description: 'The proposals to discuss, in order (those the viewer may see).',
      select: { agenda: { select: { proposalId: true }, orderBy: { position: 'asc' } } },
      resolve: async (query, session, _args, ctx) => {
        const ids = session.agenda.map((a) => a.proposalId);
        const rows = await ctx.prisma.proposal.findMany({ ...query, where: { AND: [{ id: { in: ids } }, visibleProposalsWhere(ctx.viewer)] } });
        return ids.flatMap((id) => rows.filter((row) => row.id === id));
      },
    }),
    attendanceCount: t.int({ select: { _count: { select: { attendance: true } } }, resolve: (s) => s._count.attendance }),
    viewerAttended: t.boolean({
      select: (_args, ctx) => ({ attendance: { where: { userId: ctx.viewer?.id ?? '' }, select: { userId: true } } }),
      resolve: (s) => s.attendance.length > 0,
    }),
    viewerModerates: t.boolean({ resolve: (s, _args, ctx) => moderates(ctx.viewer, s.councilId) }),
    roster: t.field({
      type: [SessionMember],
      nullable: true,
      description: "Members and who came: the council's moderators only (null for others).",
      resolve: (s, _args, ctx) => (moderates(ctx.viewer, s.councilId) && maySeeSessions(ctx.viewer, s.councilId) ? sessionRoster({ prisma: ctx.prisma, viewer: ctx.viewer, sessionId: s.id }) : null),
    }),
  }),
});
