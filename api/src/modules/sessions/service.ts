import type { Db } from '@treem/db/client';
import { AppError } from '../../errors.js';
import type { Viewer } from '../accounts/service.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { currentMembershipIn, isCurrentMember, moderates } from '../council/policy.js';
import { notify } from '../notifications/service.js';
import { PUBLISHED_STATES } from '../proposals/policy.js';

declare module '../audit/service.js' {
  interface AuditActions {
    'session.schedule': { startsAt: string; agenda: string[] };
    'session.setAgenda': { agenda: string[] };
    'session.recordAttendance': { present: number };
    'session.recordMinutes': { length: number };
  }
}

type Query = { include?: object; select?: object } & Record<string, unknown>;

/** Sessions are the council's own business: its current members and its moderators. */
export function maySeeSessions(viewer: Viewer | null, councilId: string): boolean {
  return isCurrentMember(viewer, councilId) || moderates(viewer, councilId);
}

export async function councilSessions({ prisma, viewer, councilId, upcoming, query, now = new Date() }: { prisma: Db; viewer: Viewer | null; councilId: string; upcoming: boolean | null; query: Query; now?: Date }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (!maySeeSessions(viewer, councilId)) throw new AppError('FORBIDDEN', 'NOT_A_COUNCIL_MEMBER');
  return prisma.councilSession.findMany({
    ...query,
    where: { councilId, ...(upcoming === null ? {} : { startsAt: upcoming ? { gte: now } : { lt: now } }) },
    // Upcoming: the next one first; past: the latest first.
    orderBy: [{ startsAt: upcoming === false ? 'desc' : 'asc' }, { id: 'asc' }],
    take: 100,
  });
}

async function sessionFor({ prisma, viewer, sessionId }: { prisma: Db; viewer: Viewer | null; sessionId: string }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const session = await prisma.councilSession.findUnique({ where: { id: sessionId }, select: { id: true, councilId: true } });
  if (!session || !maySeeSessions(viewer, session.councilId)) throw new AppError('NOT_FOUND');
  if (!moderates(viewer, session.councilId)) throw new AppError('FORBIDDEN', 'NOT_COUNCIL_MODERATOR');
  return session;
}

/** The agenda lists published proposals of the same council, in the order given. */
async function checkAgenda(prisma: Db, councilId: string, proposalIds: string[]) {
  const unique = [...new Set(proposalIds)];
  const found = await prisma.proposal.count({ where: { id: { in: unique }, councilId, state: { in: PUBLISHED_STATES }, hiddenAt: null } });
  if (found !== unique.length) throw new AppError('BAD_USER_INPUT', 'AGENDA');
  return unique;
}

export async function scheduleSession({ prisma, viewer, actor, councilId, startsAt, place, onlineUrl, agenda }: { prisma: Db; viewer: Viewer | null; actor: Actor; councilId: string; startsAt: Date; place: string | null; onlineUrl: string | null; agenda: string[] }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (!moderates(viewer, councilId)) throw new AppError('FORBIDDEN', 'NOT_COUNCIL_MODERATOR');
  const where = place?.trim() || null;
  const url = onlineUrl?.trim() || null;
  if (!where && !url) throw new AppError('BAD_USER_INPUT', 'SESSION_PLACE');
  if (url && !/^https:\/\/[^\s]+$/.test(url)) throw new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field: 'onlineUrl' }, ['field']);
  const items = await checkAgenda(prisma, councilId, agenda);
  return prisma.$transaction(async (tx) => {
    const session = await tx.councilSession.create({
      data: { councilId, startsAt, place: where, onlineUrl: url, scheduledById: viewer.id, agenda: { create: items.map((proposalId, position) => ({ proposalId, position })) } },
      select: { id: true },
    });
    const members = await tx.membership.findMany({ where: currentMembershipIn([councilId]), select: { userId: true } });
    await notify(tx, { userIds: members.map((m) => m.userId), kind: 'SESSION_SCHEDULED' });
    await recordAudit(tx, { actor, action: 'session.schedule', subject: { type: 'CouncilSession', id: session.id }, data: { startsAt: startsAt.toISOString(), agenda: items } });
    return session;
  });
}

export async function setAgenda({ prisma, viewer, actor, sessionId, agenda }: { prisma: Db; viewer: Viewer | null; actor: Actor; sessionId: string; agenda: string[] }) {
  const session = await sessionFor({ prisma, viewer, sessionId });
  const items = await checkAgenda(prisma, session.councilId, agenda);
  await prisma.$transaction(async (tx) => {
    await tx.sessionAgendaItem.deleteMany({ where: { sessionId } });
    await tx.sessionAgendaItem.createMany({ data: items.map((proposalId, position) => ({ sessionId, proposalId, position })) });
    await recordAudit(tx, { actor, action: 'session.setAgenda', subject: { type: 'CouncilSession', id: sessionId }, data: { agenda: items } });
  });
}

/** Who was there: current members of the council only; the list replaces the previous one. */
export async function recordAttendance({ prisma, viewer, actor, sessionId, present }: { prisma: Db; viewer: Viewer | null; actor: Actor; sessionId: string; present: string[] }) {
  const session = await sessionFor({ prisma, viewer, sessionId });
  const unique = [...new Set(present)];
  const members = await prisma.membership.count({ where: { ...currentMembershipIn([session.councilId]), userId: { in: unique } } });
  if (members !== unique.length) throw new AppError('BAD_USER_INPUT', 'ATTENDEE');
  await prisma.$transaction(async (tx) => {
    await tx.sessionAttendance.deleteMany({ where: { sessionId } });
    await tx.sessionAttendance.createMany({ data: unique.map((userId) => ({ sessionId, userId })) });
    await recordAudit(tx, { actor, action: 'session.recordAttendance', subject: { type: 'CouncilSession', id: sessionId }, data: { present: unique.length } });
  });
}

export async function recordMinutes({ prisma, viewer, actor, sessionId, minutes }: { prisma: Db; viewer: Viewer | null; actor: Actor; sessionId: string; minutes: string }) {
  await sessionFor({ prisma, viewer, sessionId });
  const text = minutes.trim();
  if (!text) throw new AppError('BAD_USER_INPUT', 'EMPTY_TEXT');
  await prisma.$transaction(async (tx) => {
    await tx.councilSession.update({ where: { id: sessionId }, data: { minutes: text } });
    await recordAudit(tx, { actor, action: 'session.recordMinutes', subject: { type: 'CouncilSession', id: sessionId }, data: { length: text.length } });
  });
}

export type RosterEntry = { userId: string; displayName: string; present: boolean };

/**
 * For each session, its council's current members with whether each was present, or null where
 * the viewer does not moderate the council. Any number of sessions (a moderator's list of them)
 * takes two statements: the members of their councils, and who came to which.
 */
export async function sessionRosters({ prisma, viewer, sessions }: { prisma: Db; viewer: Viewer | null; sessions: readonly { id: string; councilId: string }[] }): Promise<(RosterEntry[] | null)[]> {
  const allowed = sessions.filter((s) => moderates(viewer, s.councilId) && maySeeSessions(viewer, s.councilId));
  if (allowed.length === 0) return sessions.map(() => null);
  const [memberships, attendance] = await Promise.all([
    prisma.membership.findMany({
      where: currentMembershipIn([...new Set(allowed.map((s) => s.councilId))]),
      select: { userId: true, user: { select: { displayName: true } }, term: { select: { councilId: true } } },
      orderBy: [{ user: { displayName: 'asc' } }, { userId: 'asc' }],
    }),
    prisma.sessionAttendance.findMany({ where: { sessionId: { in: allowed.map((s) => s.id) } }, select: { sessionId: true, userId: true } }),
  ]);
  const came = new Set(attendance.map((a) => `${a.sessionId} ${a.userId}`));
  return sessions.map((session) => {
    if (!allowed.includes(session)) return null;
    const listed = new Set<string>();
    return memberships.flatMap(({ userId, user, term }) => {
      if (term.councilId !== session.councilId || listed.has(userId)) return [];
      listed.add(userId);
      return [{ userId, displayName: user.displayName, present: came.has(`${session.id} ${userId}`) }];
    });
  });
}
