import { perOperationBatch } from '../../batch.js';
import { builder } from '../../builder.js';
import { moderates } from '../council/policy.js';
import { mayReadProposal } from '../proposals/policy.js';
import { PROPOSAL_TO_CHECK, ProposalRef } from '../proposals/types.js';
import { sessionRosters, type RosterEntry } from './service.js';

// The rosters of the sessions listed together (a moderator's sessions page) read together.
const roster = perOperationBatch((ctx, sessions: readonly { id: string; councilId: string }[]) => sessionRosters({ prisma: ctx.prisma, viewer: ctx.viewer, sessions }));

const SessionMember = builder.objectRef<RosterEntry>('SessionMember').implement({
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
    agenda: t.field({
      type: [ProposalRef],
      description: 'The proposals to discuss, in order (those the viewer may see).',
      // Read with the session, in its statement (a list of sessions is not one statement more
      // per session), with what decides whether each is shown.
      select: (_args, _ctx, nestedSelection) => ({ agenda: { select: { proposal: nestedSelection(PROPOSAL_TO_CHECK) }, orderBy: { position: 'asc' } } }),
      resolve: (session, _args, ctx) => session.agenda.flatMap(({ proposal }) => (mayReadProposal(ctx.viewer, proposal) ? [proposal] : [])),
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
      resolve: (s, _args, ctx) => roster(ctx, s),
    }),
  }),
});
