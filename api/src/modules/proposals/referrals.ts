// Influence: agencies answer the proposals referred to them, by a due date the job queue
// watches; children rate the answers. Services for the proposals module's referrals.
import type { CommitmentStatus, Db, NoticeKind, Prisma, ReferralState, Stance } from '@treem/db/client';
import { today } from '../../calendar.js';
import { AppError } from '../../errors.js';
import { pageQuery, toConnection, type ConnectionArgs } from '../../pagination.js';
import type { Viewer } from '../accounts/service.js';
import { hasRole, hasScope, type ApiClientPrincipal } from '../accounts/policy.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/service.js';
import { notifyAboutProposal } from '../notifications/service.js';
import { isCurrentMember } from '../council/policy.js';
import { flagOverdueTask, remindOverdueTask } from './jobs.js';
import { agencyIdsOf, LIMITS, TRANSITIONS } from './policy.js';

type Tx = Prisma.TransactionClient;
const DAY_MS = 24 * 60 * 60 * 1000;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
/** Overdue agencies hear from us again this often until they answer. */
const REMINDER_DAYS = 7;

/** One in-app notice to each officer of the agency, or to each programme admin. */
async function notify(tx: Tx, { kind, to, proposalId, referralId }: { kind: NoticeKind; to: { agencyId: string } | 'programmeAdmins'; proposalId: string; referralId: string }) {
  const grants = to === 'programmeAdmins'
    ? tx.$executeRaw`INSERT INTO "Notice" ("id", "userId", "kind", "proposalId", "referralId")
        SELECT DISTINCT ON (g."userId") gen_random_uuid()::text, g."userId", ${kind}::"NoticeKind", ${proposalId}, ${referralId}
        FROM "RoleGrant" g WHERE g."role" = 'PROGRAMME_ADMIN'`
    : tx.$executeRaw`INSERT INTO "Notice" ("id", "userId", "kind", "proposalId", "referralId")
        SELECT DISTINCT ON (g."userId") gen_random_uuid()::text, g."userId", ${kind}::"NoticeKind", ${proposalId}, ${referralId}
        FROM "RoleGrant" g WHERE g."role" = 'AGENCY_OFFICER' AND g."agencyId" = ${to.agencyId}`;
  await grants;
}

/** The first moment after the due date in Vietnam: the referral is late from then on. */
export function lateFrom(dueOn: Date): Date {
  return new Date(dueOn.getTime() + DAY_MS - VIETNAM_OFFSET_MS);
}

/** In the referring transaction: tell the agency, and set the watch on the due date. */
export async function referralReceived(tx: Tx, { referralId, proposalId, agencyId, dueOn }: { referralId: string; proposalId: string; agencyId: string; dueOn: Date }) {
  await notify(tx, { kind: 'REFERRAL_RECEIVED', to: { agencyId }, proposalId, referralId });
  await flagOverdueTask.enqueue(tx, { referralId }, { runAt: lateFrom(dueOn), jobKey: `referral-overdue:${referralId}` });
}

/** The due-date job: flags an unanswered referral OVERDUE, tells the agency and the programme admins. */
export function flagOverdueReferral({ prisma, referralId, now }: { prisma: Db; referralId: string; now: Date }) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.referral.updateMany({ where: { id: referralId, state: 'PENDING', dueOn: { lt: today(now) } }, data: { state: 'OVERDUE', overdueAt: now } });
    if (count !== 1) return;
    const referral = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { proposalId: true, agencyId: true, dueOn: true } });
    await notify(tx, { kind: 'REFERRAL_OVERDUE', to: { agencyId: referral.agencyId }, proposalId: referral.proposalId, referralId });
    await notify(tx, { kind: 'REFERRAL_OVERDUE', to: 'programmeAdmins', proposalId: referral.proposalId, referralId });
    await remindOverdueTask.enqueue(tx, { referralId }, { runAt: new Date(now.getTime() + REMINDER_DAYS * DAY_MS), jobKey: `referral-reminder:${referralId}` });
    await recordAudit(tx, { actor: SYSTEM_ACTOR, action: 'referral.overdue', subject: { type: 'Referral', id: referralId }, data: { dueOn: referral.dueOn.toISOString().slice(0, 10) } });
  });
}

/**
 * Every unanswered referral past its due date: the safety net behind the per-referral jobs
 * (a referral recorded without one, such as imported or demo data). Ids only; each is flagged
 * in its own transaction, as its own job would.
 */
export async function flagOverdueReferrals({ prisma, now }: { prisma: Db; now: Date }) {
  const late = await prisma.referral.findMany({ where: { state: 'PENDING', dueOn: { lt: today(now) } }, select: { id: true }, orderBy: { dueOn: 'asc' }, take: 1000 });
  for (const { id } of late) await flagOverdueReferral({ prisma, referralId: id, now });
}

/** The weekly reminder while a referral stays overdue; it stops once the agency answers. */
export function remindOverdueReferral({ prisma, referralId, now }: { prisma: Db; referralId: string; now: Date }) {
  return prisma.$transaction(async (tx) => {
    const referral = await tx.referral.findUnique({ where: { id: referralId }, select: { state: true, proposalId: true, agencyId: true } });
    if (referral?.state !== 'OVERDUE') return;
    await notify(tx, { kind: 'REFERRAL_REMINDER', to: { agencyId: referral.agencyId }, proposalId: referral.proposalId, referralId });
    await remindOverdueTask.enqueue(tx, { referralId }, { runAt: new Date(now.getTime() + REMINDER_DAYS * DAY_MS), jobKey: `referral-reminder:${referralId}` });
  });
}

type Query = { include?: object; select?: object } & Record<string, unknown>;

/**
 * Referrals to one agency (or every agency the reader answers for), newest first. Officers of
 * the agency, programme admins, and the agency's systems with `referrals:read`.
 */
export async function findReferralPage({ prisma, viewer, apiClient, agencyCode, state, args, query }: {
  prisma: Db; viewer: Viewer | null; apiClient: ApiClientPrincipal | null; agencyCode?: string | null; state?: ReferralState | null; args: ConnectionArgs; query: Query;
}) {
  if (!viewer && !apiClient) throw new AppError('UNAUTHENTICATED');
  if (apiClient && !hasScope(apiClient, 'referrals:read')) throw new AppError('FORBIDDEN');
  const admin = hasRole(viewer, 'PROGRAMME_ADMIN');
  const own = agencyIdsOf(viewer, apiClient);
  let agencyIds: string[] | null = admin ? null : own;
  if (agencyCode) {
    const agency = await prisma.agency.findUnique({ where: { code: agencyCode }, select: { id: true } });
    if (!agency) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_AGENCY', { code: agencyCode.slice(0, 40) });
    if (!admin && !own.includes(agency.id)) throw new AppError('FORBIDDEN', 'NOT_AGENCY');
    agencyIds = [agency.id];
  }
  if (agencyIds?.length === 0) throw new AppError('FORBIDDEN', 'NOT_AGENCY');
  const where: Prisma.ReferralWhereInput = { ...(agencyIds ? { agencyId: { in: agencyIds } } : {}), ...(state ? { state } : {}) };
  const page = pageQuery(args);
  const rows = await prisma.referral.findMany({ ...query, where: { AND: [where, page.where] }, orderBy: page.orderBy, take: page.take });
  return { ...toConnection(rows, page), totalCount: () => prisma.referral.count({ where }) };
}

/** An officer (or the agency's system with `referrals:write`) of the referral's agency, or FORBIDDEN. */
async function answerableReferral(prisma: Db | Tx, { viewer, apiClient, referralId }: { viewer: Viewer | null; apiClient: ApiClientPrincipal | null; referralId: string }) {
  if (!viewer && !apiClient) throw new AppError('UNAUTHENTICATED');
  if (apiClient && !hasScope(apiClient, 'referrals:write')) throw new AppError('FORBIDDEN');
  const referral = await prisma.referral.findUnique({ where: { id: referralId }, select: { id: true, agencyId: true, proposalId: true, state: true } });
  if (!referral) throw new AppError('NOT_FOUND');
  if (!agencyIdsOf(viewer, apiClient).includes(referral.agencyId)) throw new AppError('FORBIDDEN', 'NOT_AGENCY');
  return referral;
}

export interface CommitmentInput { text: string; dueOn: Date }

/**
 * The agency's answer: a stance, an explanation in plain words, and what it commits to do by
 * when. Once per referral (a second answer, or two at once, is a CONFLICT); on time or late.
 */
export async function answerReferral({ prisma, viewer, apiClient, actor, referralId, stance, explanation, commitments }: {
  prisma: Db; viewer: Viewer | null; apiClient: ApiClientPrincipal | null; actor: Actor; referralId: string; stance: Stance; explanation: string; commitments: CommitmentInput[];
}) {
  const referral = await answerableReferral(prisma, { viewer, apiClient, referralId });
  const text = explanation.trim();
  if (text.length < LIMITS.explanation.min) throw new AppError('BAD_USER_INPUT', 'TOO_SHORT_FIELD', { field: 'explanation', min: LIMITS.explanation.min }, ['field', 'min']);
  if (text.length > LIMITS.explanation.max) throw new AppError('BAD_USER_INPUT', 'TOO_LONG_FIELD', { field: 'explanation', max: LIMITS.explanation.max }, ['field', 'max']);
  if (commitments.length > LIMITS.commitments) throw new AppError('BAD_USER_INPUT', 'TOO_MANY_VALUES', { max: LIMITS.commitments }, ['max']);
  if (stance !== 'DECLINED' && commitments.length === 0) throw new AppError('BAD_USER_INPUT', 'NEEDS_COMMITMENT');
  const day = today();
  const items = commitments.map((commitment, position) => {
    const words = commitment.text.trim();
    if (words.length < LIMITS.commitmentText.min || words.length > LIMITS.commitmentText.max) {
      throw new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field: `commitments.${position}.text` }, ['field']);
    }
    if (commitment.dueOn < day) throw new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field: `commitments.${position}.dueOn` }, ['field']);
    return { position, text: words, dueOn: commitment.dueOn };
  });
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.referral.updateMany({ where: { id: referralId, state: { in: ['PENDING', 'OVERDUE'] } }, data: { state: 'ANSWERED' } });
    if (count !== 1) throw new AppError('CONFLICT');
    const moved = await tx.proposal.updateMany({ where: { id: referral.proposalId, state: { in: [...TRANSITIONS.answer.from] } }, data: { state: TRANSITIONS.answer.to, version: { increment: 1 } } });
    if (moved.count !== 1) throw new AppError('CONFLICT');
    const response = await tx.response.create({ data: { referralId, stance, explanation: text, commitments: { create: items } }, select: { id: true } });
    // An answer stops the reminders (they would find it answered anyway).
    await tx.$executeRaw`SELECT graphile_worker.remove_job(${`referral-reminder:${referralId}`})`;
    await notifyAboutProposal(tx, { proposalId: referral.proposalId, kind: 'ANSWER_ARRIVED', audience: 'council' });
    await recordAudit(tx, { actor, action: 'referral.answer', subject: { type: 'Referral', id: referralId }, data: { responseId: response.id, stance, late: referral.state === 'OVERDUE', commitments: items.length } });
    return response;
  });
}

/** The agency reports how a commitment is going, as often as it has news. */
export async function updateCommitment({ prisma, viewer, apiClient, actor, commitmentId, status, progress }: {
  prisma: Db; viewer: Viewer | null; apiClient: ApiClientPrincipal | null; actor: Actor; commitmentId: string; status: CommitmentStatus; progress: string;
}) {
  const commitment = await prisma.commitment.findUnique({ where: { id: commitmentId }, select: { response: { select: { referralId: true } } } });
  if (!commitment) throw new AppError('NOT_FOUND');
  await answerableReferral(prisma, { viewer, apiClient, referralId: commitment.response.referralId });
  const words = progress.trim();
  if (words.length < LIMITS.commitmentText.min || words.length > LIMITS.commitmentText.max) {
    throw new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field: 'progress' }, ['field']);
  }
  return prisma.$transaction(async (tx) => {
    const updated = await tx.commitment.update({ where: { id: commitmentId }, data: { status, progress: words }, select: { id: true } });
    await recordAudit(tx, { actor, action: 'commitment.update', subject: { type: 'Commitment', id: commitmentId }, data: { status } });
    return updated;
  });
}

/** A current member of the council the proposal came from rates the answer; rating again replaces it. */
export async function rateResponse({ prisma, viewer, responseId, clear, helpful }: { prisma: Db; viewer: Viewer | null; responseId: string; clear: boolean; helpful: boolean }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const response = await prisma.response.findUnique({ where: { id: responseId }, select: { referral: { select: { proposal: { select: { councilId: true } } } } } });
  if (!response) throw new AppError('NOT_FOUND');
  if (viewer.kind !== 'CHILD' || !isCurrentMember(viewer, response.referral.proposal.councilId)) throw new AppError('FORBIDDEN', 'NOT_A_MEMBER_RATE');
  await prisma.responseRating.upsert({
    where: { responseId_raterId: { responseId, raterId: viewer.id } },
    create: { responseId, raterId: viewer.id, clear, helpful },
    update: { clear, helpful, ratedAt: new Date() },
  });
}

/**
 * How the council's children rated answers: counted in PostgreSQL, any number of answers (a
 * council's outcomes page) in one statement.
 */
export async function ratingSummaries({ prisma, responseIds }: { prisma: Db; responseIds: readonly string[] }) {
  const rows = await prisma.$queryRaw<{ responseId: string; count: number; clear: number; helpful: number }[]>`
    SELECT "responseId", count(*)::int AS "count", count(*) FILTER (WHERE "clear")::int AS "clear", count(*) FILTER (WHERE "helpful")::int AS "helpful"
    FROM "ResponseRating" WHERE "responseId" = ANY(${[...responseIds]}) GROUP BY "responseId"`;
  const byResponse = new Map(rows.map(({ responseId, ...counts }) => [responseId, counts]));
  return responseIds.map((id) => byResponse.get(id) ?? { count: 0, clear: 0, helpful: 0 });
}

declare module '../audit/service.js' {
  interface AuditActions {
    'referral.overdue': { dueOn: string };
    'referral.answer': { responseId: string; stance: Stance; late: boolean; commitments: number };
    'commitment.update': { status: CommitmentStatus };
  }
}
