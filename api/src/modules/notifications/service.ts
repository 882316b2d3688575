import type { Db, NotificationKind, Prisma } from '@treem/db/client';
import { z } from 'zod';
import { today } from '../../calendar.js';
import { AppError } from '../../errors.js';
import { pageQuery, toConnection, type ConnectionArgs } from '../../pagination.js';
import type { Viewer } from '../accounts/service.js';

type Tx = Pick<Prisma.TransactionClient, 'notification'>;

/**
 * Tells people that something happened, inside the transaction of the change itself, so a
 * notice exists exactly when the change commits. Other modules call this (part 1's
 * transitions: approved, returned, voting open, result, escalated, answer arrived).
 */
export async function notify(tx: Tx, { userIds, kind, proposalId, commentId }: { userIds: string[]; kind: NotificationKind; proposalId?: string; commentId?: string }) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.notification.createMany({ data: unique.map((userId) => ({ userId, kind, proposalId, commentId })) });
}

/**
 * A notice about a proposal to its author, or to its author and every current member of its
 * council (the children who can vote there): chosen and written in one PostgreSQL statement.
 * Called by the proposal transitions in their own transaction.
 */
export async function notifyAboutProposal(tx: Pick<Prisma.TransactionClient, '$executeRaw'>, { proposalId, kind, audience }: { proposalId: string; kind: NotificationKind; audience: 'author' | 'council' }) {
  const day = today();
  await tx.$executeRaw`
    INSERT INTO "Notification" ("id", "userId", "kind", "proposalId", "createdAt")
    SELECT gen_random_uuid()::text, who."userId", ${kind}::"NotificationKind", ${proposalId}, now()
    FROM (
      SELECT p."authorId" AS "userId" FROM "Proposal" p WHERE p."id" = ${proposalId}
      UNION
      SELECT m."userId" FROM "Proposal" p
        JOIN "Term" t ON t."councilId" = p."councilId" AND t."startsOn" <= ${day}::date AND ${day}::date <= t."endsOn"
        JOIN "Membership" m ON m."termId" = t."id" AND m."leftAt" IS NULL
      WHERE p."id" = ${proposalId} AND ${audience} = 'council'
    ) who`;
}

type NotificationQuery = { include?: object; select?: object } & Record<string, unknown>;

/** The viewer's own notices, newest first; nobody reads anyone else's. */
export async function findNotificationPage({ prisma, viewer, unreadOnly, args, query }: { prisma: Db; viewer: Viewer | null; unreadOnly: boolean; args: ConnectionArgs; query: NotificationQuery }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const page = pageQuery(args);
  const where = { userId: viewer.id, ...(unreadOnly ? { readAt: null } : {}) };
  const rows = await prisma.notification.findMany({ ...query, where: { AND: [where, page.where] }, orderBy: page.orderBy, take: page.take });
  return { ...toConnection(rows, page), totalCount: () => prisma.notification.count({ where }) };
}

/** What the header counts: the viewer's unread notifications and agency notices (viewer.notices). */
export async function unreadCount({ prisma, viewer }: { prisma: Db; viewer: Viewer }) {
  const unread = { userId: viewer.id, readAt: null };
  const [notifications, notices] = await Promise.all([prisma.notification.count({ where: unread }), prisma.notice.count({ where: unread })]);
  return notifications + notices;
}

/**
 * Marks the viewer's notices read: the notifications and agency notices named, or, with
 * neither named, all of both. Others' ids change nothing.
 */
export async function markRead({ prisma, viewer, ids, noticeIds }: { prisma: Db; viewer: Viewer | null; ids: string[] | null; noticeIds: string[] | null }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const all = !ids && !noticeIds;
  // null: nothing of that kind to mark (no statement for it).
  const which = (named: string[] | null) => (all ? {} : named?.length ? { id: { in: named } } : null);
  const unread = { userId: viewer.id, readAt: null };
  const data = { readAt: new Date() };
  const onNotifications = which(ids);
  const onNotices = which(noticeIds);
  const updates = [
    ...(onNotifications ? [prisma.notification.updateMany({ where: { ...unread, ...onNotifications }, data })] : []),
    ...(onNotices ? [prisma.notice.updateMany({ where: { ...unread, ...onNotices }, data })] : []),
  ];
  if (updates.length === 0) return 0;
  // One transaction: "mark everything" never leaves one kind marked and the other not.
  const marked = await prisma.$transaction(updates);
  return marked.reduce((sum, { count }) => sum + count, 0);
}

export const emailSchema = z.email().max(254);

export async function notificationSettings({ prisma, viewer }: { prisma: Db; viewer: Viewer | null }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const row = await prisma.notificationSetting.findUnique({ where: { userId: viewer.id } });
  return { email: row?.email ?? null, emailDigest: row?.emailDigest ?? true, mayReceiveEmail: viewer.kind === 'ADULT' };
}

/** Settings per person. Children never get e-mail: only the in-app notices. */
export async function updateNotificationSettings({ prisma, viewer, email, emailDigest }: { prisma: Db; viewer: Viewer | null; email?: string | null; emailDigest?: boolean | null }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (viewer.kind !== 'ADULT' && (email || emailDigest)) throw new AppError('FORBIDDEN', 'CHILD_EMAIL');
  if (email && !emailSchema.safeParse(email).success) throw new AppError('BAD_USER_INPUT', 'EMAIL');
  const data = { ...(email !== undefined ? { email: email || null } : {}), ...(emailDigest != null ? { emailDigest } : {}) };
  await prisma.notificationSetting.upsert({ where: { userId: viewer.id }, create: { userId: viewer.id, ...data }, update: data });
  return notificationSettings({ prisma, viewer });
}
