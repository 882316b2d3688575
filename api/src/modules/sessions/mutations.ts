import { z } from 'zod';
import { builder } from '../../builder.js';
import { CouncilRef } from '../council/types.js';
import { ProposalRef } from '../proposals/types.js';
import { recordAttendance, recordMinutes, scheduleSession, setAgenda } from './service.js';
import { CouncilSessionRef } from './types.js';


const ScheduleCouncilSessionInput = builder.inputType('ScheduleCouncilSessionInput', {
  fields: (t) => ({
    councilId: t.globalID({ required: true, for: [CouncilRef] }),
    startsAt: t.field({ type: 'DateTime', required: true }),
    place: t.string({ validate: z.string().max(300) }),
    onlineUrl: t.string({ description: 'An https link for an online meeting.', validate: z.string().max(500) }),
    agenda: t.globalIDList({ for: [ProposalRef], validate: z.array(z.any()).max(30) }),
  }),
});

builder.mutationField('scheduleCouncilSession', (t) =>
  t.prismaField({
    type: 'CouncilSession',
    description: 'A moderator of the council schedules a meeting, in a place or online, with an agenda from its published proposals.',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: ScheduleCouncilSessionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await scheduleSession({
        prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, councilId: input.councilId.id, startsAt: input.startsAt,
        place: input.place ?? null, onlineUrl: input.onlineUrl ?? null, agenda: input.agenda?.map((p) => p.id) ?? [],
      });
      return ctx.prisma.councilSession.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const SetSessionAgendaInput = builder.inputType('SetSessionAgendaInput', {
  fields: (t) => ({
    sessionId: t.globalID({ required: true, for: [CouncilSessionRef] }),
    agenda: t.globalIDList({ required: true, for: [ProposalRef], validate: z.array(z.any()).max(30) }),
  }),
});

const RecordSessionAttendanceInput = builder.inputType('RecordSessionAttendanceInput', {
  fields: (t) => ({
    sessionId: t.globalID({ required: true, for: [CouncilSessionRef] }),
    present: t.idList({ required: true, description: 'The `userId`s (from `roster`) of the members who came.', validate: z.array(z.string().max(40)).max(200) }),
  }),
});

const RecordSessionMinutesInput = builder.inputType('RecordSessionMinutesInput', {
  fields: (t) => ({
    sessionId: t.globalID({ required: true, for: [CouncilSessionRef] }),
    minutes: t.string({ required: true, validate: z.string().max(10_000) }),
  }),
});

builder.mutationFields((t) => ({
  setSessionAgenda: t.prismaField({
    type: 'CouncilSession',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: SetSessionAgendaInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await setAgenda({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, sessionId: input.sessionId.id, agenda: input.agenda.map((p) => p.id) });
      return ctx.prisma.councilSession.findUniqueOrThrow({ ...query, where: { id: input.sessionId.id } });
    },
  }),
  recordSessionAttendance: t.prismaField({
    type: 'CouncilSession',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: RecordSessionAttendanceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await recordAttendance({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, sessionId: input.sessionId.id, present: input.present.map(String) });
      return ctx.prisma.councilSession.findUniqueOrThrow({ ...query, where: { id: input.sessionId.id } });
    },
  }),
  recordSessionMinutes: t.prismaField({
    type: 'CouncilSession',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: RecordSessionMinutesInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await recordMinutes({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, sessionId: input.sessionId.id, minutes: input.minutes });
      return ctx.prisma.councilSession.findUniqueOrThrow({ ...query, where: { id: input.sessionId.id } });
    },
  }),
}));
