import type { Comment, CommentState, Db, Proposal } from '@treem/db/client';
import { AppError } from '../../errors.js';
import type { Viewer } from '../accounts/service.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { isCurrentMember, moderates } from '../council/policy.js';
import { notify } from '../notifications/service.js';
import { PUBLISHED_STATES, visibleProposalsWhere } from '../proposals/policy.js';
import { pageQuery, toConnection, type ConnectionArgs } from '../../pagination.js';
import { pendingCommentsWhere, visibleCommentsWhere } from './policy.js';

declare module '../audit/service.js' {
  interface AuditActions {
    'comment.approve': { version: number };
    'comment.reject': { version: number };
    'content.hide': { reports: number };
    'content.keep': { reports: number };
  }
}

/** Reports from this many different people hide content until a moderator decides. */
export const REPORTS_TO_HIDE = 2;

/** A child's comments waiting for a moderator in one council, so a moderator's queue stays humane (as drafts are limited). */
export const PENDING_COMMENTS = 10;

type Query = { include?: object; select?: object } & Record<string, unknown>;

const moderatorsOf = async (prisma: Pick<Db, 'facilitator'>, councilId: string) =>
  (await prisma.facilitator.findMany({ where: { councilId }, select: { userId: true } })).map((f) => f.userId);

/**
 * A member's comment on a published proposal of its council, or a reply to a top-level
 * comment there (one level deep). It waits for a moderator before anyone else sees it. The
 * waiting ones are counted and the new one inserted under a per-child lock, so two tabs
 * cannot both slip past the limit.
 */
export async function addComment({ prisma, viewer, proposalId, body, replyTo }: { prisma: Db; viewer: Viewer | null; proposalId: string; body: string; replyTo: string | null }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const text = body.trim();
  if (!text) throw new AppError('BAD_USER_INPUT', 'EMPTY_TEXT');
  const proposal = await prisma.proposal.findFirst({ where: { AND: [{ id: proposalId }, visibleProposalsWhere(viewer)] }, select: { councilId: true, state: true, hiddenAt: true } });
  if (!proposal) throw new AppError('NOT_FOUND');
  if (!isCurrentMember(viewer, proposal.councilId)) throw new AppError('FORBIDDEN', 'NOT_A_COUNCIL_MEMBER');
  if (!PUBLISHED_STATES.includes(proposal.state) || proposal.hiddenAt) throw new AppError('NOT_OPEN', 'NOT_PUBLISHED');
  if (replyTo) {
    const parent = await prisma.comment.findFirst({ where: { AND: [{ id: replyTo, proposalId }, visibleCommentsWhere(viewer)] }, select: { parentId: true } });
    if (!parent) throw new AppError('NOT_FOUND');
    if (parent.parentId) throw new AppError('BAD_USER_INPUT', 'REPLY_DEPTH');
  }
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`pending-comments:${viewer.id}`}))`;
    const pending = await tx.comment.count({ where: { authorId: viewer.id, state: 'PENDING', proposal: { councilId: proposal.councilId } } });
    if (pending >= PENDING_COMMENTS) throw new AppError('BAD_USER_INPUT', 'TOO_MANY_PENDING_COMMENTS', { max: PENDING_COMMENTS }, ['max']);
    const comment = await tx.comment.create({ data: { proposalId, authorId: viewer.id, parentId: replyTo, body: text }, select: { id: true } });
    await notify(tx, { userIds: await moderatorsOf(tx, proposal.councilId), kind: 'CONTENT_TO_REVIEW', proposalId, commentId: comment.id });
    return comment;
  });
}

/**
 * A moderator approves or rejects a pending comment. The update re-checks state and version
 * in one statement, so two moderators or a double click decide once.
 */
export async function decideComment({ prisma, viewer, actor, id, version, approve }: { prisma: Db; viewer: Viewer | null; actor: Actor; id: string; version: number; approve: boolean }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const comment = await prisma.comment.findFirst({ where: { AND: [{ id }, visibleCommentsWhere(viewer)] }, select: { state: true, authorId: true, proposalId: true, proposal: { select: { councilId: true } } } });
  if (!comment) throw new AppError('NOT_FOUND');
  if (!moderates(viewer, comment.proposal.councilId)) throw new AppError('FORBIDDEN', 'NOT_COUNCIL_MODERATOR');
  if (comment.state !== 'PENDING') throw new AppError('BAD_USER_INPUT', 'NOT_PENDING');
  const state: CommentState = approve ? 'APPROVED' : 'REJECTED';
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.comment.updateMany({ where: { id, version, state: 'PENDING' }, data: { state, version: { increment: 1 }, decidedAt: new Date() } });
    if (count === 0) throw new AppError('CONFLICT');
    await recordAudit(tx, { actor, action: approve ? 'comment.approve' : 'comment.reject', subject: { type: 'Comment', id }, data: { version } });
    if (approve) await notify(tx, { userIds: [comment.authorId], kind: 'COMMENT_APPROVED', proposalId: comment.proposalId, commentId: id });
  });
}

export type ReportTarget = { typename: 'Proposal' | 'Comment'; id: string };

/** Where a reported thing lives: its proposal's council, and whether the reporter may see it. */
async function locate(prisma: Db, viewer: Viewer, target: ReportTarget) {
  if (target.typename === 'Proposal') {
    const p = await prisma.proposal.findFirst({ where: { AND: [{ id: target.id }, visibleProposalsWhere(viewer)] }, select: { id: true, councilId: true } });
    return p && { councilId: p.councilId, proposalId: p.id };
  }
  const c = await prisma.comment.findFirst({ where: { AND: [{ id: target.id }, visibleCommentsWhere(viewer)] }, select: { proposalId: true, proposal: { select: { councilId: true } } } });
  return c && { councilId: c.proposal.councilId, proposalId: c.proposalId };
}

const targetKey = (target: ReportTarget) => (target.typename === 'Proposal' ? { proposalId: target.id } : { commentId: target.id });

/**
 * Anyone signed in reports what they can see. The report puts it back before the council's
 * moderators; once reports from REPORTS_TO_HIDE different people are waiting, it is hidden
 * until a moderator decides. One report per person and thing (a database key): reporting again
 * changes nothing.
 */
export async function reportContent({ prisma, viewer, target, reason }: { prisma: Db; viewer: Viewer | null; target: ReportTarget; reason: string }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const text = reason.trim();
  if (!text) throw new AppError('BAD_USER_INPUT', 'EMPTY_TEXT');
  const where = await locate(prisma, viewer, target);
  if (!where) throw new AppError('NOT_FOUND');
  const key = targetKey(target);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.contentReport.findFirst({ where: { ...key, reporterId: viewer.id }, select: { id: true } });
    if (!existing) {
      await tx.contentReport.create({ data: { ...key, reporterId: viewer.id, reason: text } });
      await notify(tx, { userIds: await moderatorsOf(tx, where.councilId), kind: 'CONTENT_TO_REVIEW', proposalId: where.proposalId, ...(target.typename === 'Comment' ? { commentId: target.id } : {}) });
    }
    // Counted in PostgreSQL, after this report, under the row lock the update below takes.
    const open = await tx.contentReport.count({ where: { ...key, resolvedAt: null } });
    if (open >= REPORTS_TO_HIDE) {
      if (target.typename === 'Proposal') await tx.proposal.updateMany({ where: { id: target.id, hiddenAt: null }, data: { hiddenAt: new Date() } });
      else await tx.comment.updateMany({ where: { id: target.id, hiddenAt: null }, data: { hiddenAt: new Date() } });
    }
    return { reported: true };
  });
}

/** A moderator's word on reported content: hide it, or keep it (shown again). Resolves its reports. */
export async function resolveReports({ prisma, viewer, actor, target, hide }: { prisma: Db; viewer: Viewer | null; actor: Actor; target: ReportTarget; hide: boolean }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const where = await locate(prisma, viewer, target);
  if (!where) throw new AppError('NOT_FOUND');
  if (!moderates(viewer, where.councilId)) throw new AppError('FORBIDDEN', 'NOT_COUNCIL_MODERATOR');
  const key = targetKey(target);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.contentReport.updateMany({ where: { ...key, resolvedAt: null }, data: { resolvedAt: new Date() } });
    if (count === 0) throw new AppError('BAD_USER_INPUT', 'NOT_REPORTED');
    const hiddenAt = hide ? new Date() : null;
    if (target.typename === 'Proposal') await tx.proposal.update({ where: { id: target.id }, data: { hiddenAt } });
    else await tx.comment.update({ where: { id: target.id }, data: { hiddenAt } });
    await recordAudit(tx, { actor, action: hide ? 'content.hide' : 'content.keep', subject: { type: target.typename, id: target.id }, data: { reports: count } });
  });
}

/** Pending comments in the viewer's councils, oldest first (the longest wait first). */
export async function commentQueue({ prisma, viewer, args, query }: { prisma: Db; viewer: Viewer | null; args: ConnectionArgs; query: Query }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const page = pageQuery(args, { oldestFirst: true });
  const where = pendingCommentsWhere(viewer.moderatedCouncilIds);
  const rows = await prisma.comment.findMany({ ...query, where: { AND: [where, page.where] }, orderBy: page.orderBy, take: page.take });
  return { ...toConnection(rows, page), totalCount: () => prisma.comment.count({ where }) };
}

export interface ReportedItem {
  reports: number;
  firstReportedAt: Date;
  /** What was reported, as the viewer may see it (null: a comment was reported, or it is gone from view). */
  proposal: Proposal | null;
  comment: Comment | null;
}

/**
 * Reported content in the viewer's councils with reports still open, oldest report first: the
 * reports counted by PostgreSQL, then the proposals and the comments they name, each in one
 * statement with the selection asked for (`query`), never one statement per report.
 */
export async function reportQueue({ prisma, viewer, query }: { prisma: Db; viewer: Viewer | null; query: { proposal: Query; comment: Query } }): Promise<ReportedItem[]> {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const councils = viewer.moderatedCouncilIds;
  const groups = await prisma.contentReport.groupBy({
    by: ['proposalId', 'commentId'],
    where: { resolvedAt: null, OR: [{ proposal: { councilId: { in: councils } } }, { comment: { proposal: { councilId: { in: councils } } } }] },
    _count: { _all: true },
    _min: { createdAt: true },
    orderBy: { _min: { createdAt: 'asc' } },
    take: 100,
  });
  const proposalIds = groups.flatMap((g) => g.proposalId ?? []);
  const commentIds = groups.flatMap((g) => g.commentId ?? []);
  const [proposals, comments] = await Promise.all([
    proposalIds.length > 0 ? prisma.proposal.findMany({ ...query.proposal, where: { AND: [{ id: { in: proposalIds } }, visibleProposalsWhere(viewer)] } }) : [],
    commentIds.length > 0 ? prisma.comment.findMany({ ...query.comment, where: { AND: [{ id: { in: commentIds } }, visibleCommentsWhere(viewer)] } }) : [],
  ]);
  const proposalById = new Map(proposals.map((p) => [p.id, p]));
  const commentById = new Map(comments.map((c) => [c.id, c]));
  return groups.map((g) => ({
    reports: g._count._all,
    firstReportedAt: g._min.createdAt!,
    proposal: g.proposalId ? proposalById.get(g.proposalId) ?? null : null,
    comment: g.commentId ? commentById.get(g.commentId) ?? null : null,
  }));
}
