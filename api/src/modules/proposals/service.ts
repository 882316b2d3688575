import { randomUUID } from 'node:crypto';
import type { Db, Prisma, ProposalState, ReturnReason, VoteChoice } from '@treem/db/client';

type ProposalWhereInput = Prisma.ProposalWhereInput;
type Tx = Prisma.TransactionClient;
import { today } from '../../calendar.js';
import { AppError } from '../../errors.js';
import type { Viewer } from '../accounts/service.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/service.js';
import { notifyAboutProposal } from '../notifications/service.js';
import { currentMembershipWhere, isCurrentMember, moderates } from '../council/policy.js';
import { validOn } from '../geo/policy.js';
import { pageQuery, toConnection, type ConnectionArgs } from '../../pagination.js';
import { decide, isVotingOpen, LIMITS, TRANSITIONS, UNPUBLISHED_STATES, visibleProposalsWhere } from './policy.js';
import { closeVoteTask } from './jobs.js';
import { referralReceived } from './referrals.js';

export type ProposalQuery = { include?: object; select?: object } & Record<string, unknown>;

/**
 * One page of the proposals the viewer may see, newest first, and (when asked) how many there
 * are in all. The page, its cursors and the count all apply the same visibility rule.
 */
export async function findProposalPage({ prisma, viewer, where, args, query }: { prisma: Db; viewer: Viewer | null; where: ProposalWhereInput; args: ConnectionArgs; query: ProposalQuery }) {
  const page = pageQuery(args);
  const visible = { AND: [where, visibleProposalsWhere(viewer)] };
  const rows = await prisma.proposal.findMany({ ...query, where: { AND: [visible, page.where] }, orderBy: page.orderBy, take: page.take });
  return { ...toConnection(rows, page), totalCount: () => prisma.proposal.count({ where: visible }) };
}

export function findProposal({ prisma, viewer, id, query }: { prisma: Db; viewer: Viewer | null; id: string; query: ProposalQuery }) {
  return prisma.proposal.findFirst({ ...query, where: { AND: [{ id }, visibleProposalsWhere(viewer)] } });
}

/**
 * Records or changes the viewer's ballot. The write comes first and checks state, window and
 * membership itself, in one statement that locks the proposal row (FOR SHARE), so a vote can
 * never land after the window closes or the proposal moves on, and ON CONFLICT on the
 * (proposal, voter) key makes duplicates impossible. Only a refused write pays for a second
 * read, which says precisely why (not found, not a member, not open).
 */
export async function castVote({ prisma, viewer, proposalId, choice }: { prisma: Db; viewer: Viewer | null; proposalId: string; choice: VoteChoice }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const written = await prisma.$executeRaw`
    INSERT INTO "Vote" ("id", "proposalId", "voterId", "choice", "castAt", "updatedAt")
    SELECT ${randomUUID()}, p."id", ${viewer.id}, ${choice}::"VoteChoice", now(), now()
    FROM "Proposal" p
    WHERE p."id" = ${proposalId}
      AND p."state" = 'OPEN' AND p."votingOpensAt" <= now() AND now() < p."votingClosesAt"
      AND EXISTS (
        SELECT 1 FROM "Membership" m JOIN "Term" t ON t."id" = m."termId"
        WHERE m."userId" = ${viewer.id} AND m."leftAt" IS NULL AND t."councilId" = p."councilId"
          AND t."startsOn" <= ${today()}::date AND ${today()}::date <= t."endsOn")
    FOR SHARE OF p
    ON CONFLICT ("proposalId", "voterId") DO UPDATE SET "choice" = EXCLUDED."choice", "updatedAt" = now()`;
  if (written > 0) return;

  const proposal = await prisma.proposal.findFirst({
    where: { AND: [{ id: proposalId }, visibleProposalsWhere(viewer)] },
    select: { councilId: true, state: true, votingOpensAt: true, votingClosesAt: true },
  });
  if (!proposal) throw new AppError('NOT_FOUND');
  if (!isCurrentMember(viewer, proposal.councilId)) throw new AppError('FORBIDDEN', 'NOT_A_MEMBER');
  throw new AppError('NOT_OPEN');
}

// ─── the lifecycle (DESIGN.md): every transition is one transaction that moves the row only
// from the state and version the caller saw (PATTERNS §7), so a double click, two tabs or two
// moderators move a proposal once and the loser gets CONFLICT.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Moves a proposal if, and only if, it is still in one of `from` at `version`. */
async function transition(tx: Pick<Tx, 'proposal'>, { id, version, from, data }: { id: string; version: number; from: readonly ProposalState[]; data: Prisma.ProposalUpdateManyMutationInput }) {
  const { count } = await tx.proposal.updateMany({ where: { id, version, state: { in: [...from] } }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw new AppError('CONFLICT');
}

function checkText({ title, body }: { title: string; body: string }) {
  const field = (name: string, value: string, { min, max }: { min: number; max: number }) => {
    if (value.length < min) throw new AppError('BAD_USER_INPUT', 'TOO_SHORT_FIELD', { field: name, min }, ['field', 'min']);
    if (value.length > max) throw new AppError('BAD_USER_INPUT', 'TOO_LONG_FIELD', { field: name, max }, ['field', 'max']);
  };
  field('title', title, LIMITS.title);
  field('body', body, LIMITS.body);
}

function checkObjectiveGroup(objectiveGroup: number) {
  if (!Number.isInteger(objectiveGroup) || objectiveGroup < 1 || objectiveGroup > 4) {
    throw new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field: 'objectiveGroup' }, ['field']);
  }
}

export interface ProposalText { title: string; body: string; objectiveGroup: number }

/**
 * A member starts a draft in its own council. Open drafts (not yet approved) are limited per
 * child and council; the count and the insert run under a per-child lock so two tabs cannot
 * both slip past the limit.
 */
export async function createProposal({ prisma, viewer, councilId, text }: { prisma: Db; viewer: Viewer | null; councilId: string; text: ProposalText }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (!isCurrentMember(viewer, councilId)) throw new AppError('FORBIDDEN', 'NOT_A_MEMBER_WRITE');
  const title = text.title.trim();
  const body = text.body.trim();
  checkText({ title, body });
  checkObjectiveGroup(text.objectiveGroup);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`proposal-drafts:${viewer.id}`}))`;
    const open = await tx.proposal.count({ where: { authorId: viewer.id, councilId, state: { in: UNPUBLISHED_STATES } } });
    if (open >= LIMITS.openDrafts) throw new AppError('BAD_USER_INPUT', 'TOO_MANY_DRAFTS', { max: LIMITS.openDrafts }, ['max']);
    return tx.proposal.create({ data: { councilId, authorId: viewer.id, title, body, objectiveGroup: text.objectiveGroup, state: 'DRAFT' }, select: { id: true } });
  });
}

/** The proposal as the viewer may see it, or NOT_FOUND: hidden ones read like missing ones. */
async function visibleProposal(prisma: Db | Tx, viewer: Viewer | null, id: string) {
  const proposal = await prisma.proposal.findFirst({
    where: { AND: [{ id }, visibleProposalsWhere(viewer)] },
    select: { id: true, councilId: true, authorId: true, state: true, version: true, votingClosesAt: true },
  });
  if (!proposal) throw new AppError('NOT_FOUND');
  return proposal;
}

async function authorsProposal(prisma: Db, viewer: Viewer | null, id: string) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const proposal = await visibleProposal(prisma, viewer, id);
  if (proposal.authorId !== viewer.id) throw new AppError('FORBIDDEN', 'NOT_AUTHOR');
  return proposal;
}

async function moderatedProposal(prisma: Db, viewer: Viewer | null, id: string) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const proposal = await visibleProposal(prisma, viewer, id);
  if (!moderates(viewer, proposal.councilId)) throw new AppError('FORBIDDEN', 'NOT_MODERATOR_COUNCIL');
  return proposal;
}

/** The author edits its draft (also a returned one). */
export async function updateProposal({ prisma, viewer, id, version, text }: { prisma: Db; viewer: Viewer | null; id: string; version: number; text: ProposalText }) {
  const proposal = await authorsProposal(prisma, viewer, id);
  const title = text.title.trim();
  const body = text.body.trim();
  checkText({ title, body });
  checkObjectiveGroup(text.objectiveGroup);
  await transition(prisma, { id: proposal.id, version, from: TRANSITIONS.edit.from, data: { title, body, objectiveGroup: text.objectiveGroup } });
}

/** The author sends its draft to the council's moderators; only current members may. */
export async function submitProposal({ prisma, viewer, id, version }: { prisma: Db; viewer: Viewer | null; id: string; version: number }) {
  const proposal = await authorsProposal(prisma, viewer, id);
  if (!isCurrentMember(viewer, proposal.councilId)) throw new AppError('FORBIDDEN', 'NOT_A_MEMBER_WRITE');
  await transition(prisma, {
    id, version, from: TRANSITIONS.submit.from,
    data: { state: TRANSITIONS.submit.to, submittedAt: new Date(), returnReason: null, returnMessage: null },
  });
}

/** The author takes its proposal back, at any time before voting starts. */
export async function withdrawProposal({ prisma, viewer, id, version }: { prisma: Db; viewer: Viewer | null; id: string; version: number }) {
  await authorsProposal(prisma, viewer, id);
  await transition(prisma, { id, version, from: TRANSITIONS.withdraw.from, data: { state: TRANSITIONS.withdraw.to } });
}

/** Proposals waiting for review in the viewer's councils, oldest first (by when they were sent). */
export async function moderationQueue({ prisma, viewer, args, query }: { prisma: Db; viewer: Viewer | null; args: ConnectionArgs; query: ProposalQuery }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const where = { councilId: { in: viewer.moderatedCouncilIds }, state: 'IN_REVIEW' as const };
  // Oldest written first: a proposal sent back and resubmitted keeps its place in the queue.
  const page = pageQuery(args, { oldestFirst: true });
  const rows = await prisma.proposal.findMany({ ...query, where: { AND: [where, page.where] }, orderBy: page.orderBy, take: page.take });
  return { ...toConnection(rows, page), totalCount: () => prisma.proposal.count({ where }) };
}

/**
 * Publishes a proposal and opens its vote for the council's default length or a chosen one.
 * The job that closes the vote is enqueued in the same transaction, keyed by the proposal, so
 * it exists exactly when the approval does.
 */
export async function approveProposal({ prisma, viewer, actor, id, version, votingDays }: { prisma: Db; viewer: Viewer | null; actor: Actor; id: string; version: number; votingDays?: number | null }) {
  const proposal = await moderatedProposal(prisma, viewer, id);
  if (votingDays != null && (!Number.isInteger(votingDays) || votingDays < LIMITS.votingDays.min || votingDays > LIMITS.votingDays.max)) {
    throw new AppError('BAD_USER_INPUT', 'VOTING_DAYS', { min: LIMITS.votingDays.min, max: LIMITS.votingDays.max }, ['min', 'max']);
  }
  const council = await prisma.council.findUniqueOrThrow({ where: { id: proposal.councilId }, select: { votingDays: true } });
  const days = votingDays ?? council.votingDays;
  const opensAt = new Date();
  const closesAt = new Date(opensAt.getTime() + days * DAY_MS);
  await prisma.$transaction(async (tx) => {
    await transition(tx, { id, version, from: TRANSITIONS.approve.from, data: { state: TRANSITIONS.approve.to, votingOpensAt: opensAt, votingClosesAt: closesAt } });
    await closeVoteTask.enqueue(tx, { proposalId: id }, { runAt: closesAt, jobKey: `close-vote:${id}` });
    await recordAudit(tx, { actor, action: 'proposal.approve', subject: { type: 'Proposal', id }, data: { version, votingDays: days, closesAt: closesAt.toISOString() } });
    await notifyAboutProposal(tx, { proposalId: id, kind: 'PROPOSAL_APPROVED', audience: 'author' });
    await notifyAboutProposal(tx, { proposalId: id, kind: 'VOTING_OPEN', audience: 'council' });
  });
}

/** Sends a proposal back to its author as a draft, with a reason and a kind message it reads there. */
export async function returnProposal({ prisma, viewer, actor, id, version, reason, message }: { prisma: Db; viewer: Viewer | null; actor: Actor; id: string; version: number; reason: ReturnReason; message: string }) {
  await moderatedProposal(prisma, viewer, id);
  const text = message.trim();
  if (text.length < LIMITS.returnMessage.min) throw new AppError('BAD_USER_INPUT', 'TOO_SHORT_FIELD', { field: 'message', min: LIMITS.returnMessage.min }, ['field', 'min']);
  if (text.length > LIMITS.returnMessage.max) throw new AppError('BAD_USER_INPUT', 'TOO_LONG_FIELD', { field: 'message', max: LIMITS.returnMessage.max }, ['field', 'max']);
  await prisma.$transaction(async (tx) => {
    await transition(tx, { id, version, from: TRANSITIONS.return.from, data: { state: TRANSITIONS.return.to, returnReason: reason, returnMessage: text } });
    await recordAudit(tx, { actor, action: 'proposal.return', subject: { type: 'Proposal', id }, data: { version, reason } });
    await notifyAboutProposal(tx, { proposalId: id, kind: 'PROPOSAL_RETURNED', audience: 'author' });
  });
}

/** Ballots by choice and the council's current members, counted in PostgreSQL. */
async function countVotes(tx: Tx, { proposalId, councilId, day }: { proposalId: string; councilId: string; day: Date }) {
  const [rows, members, membersVoted] = await Promise.all([
    tx.vote.groupBy({ by: ['choice'], where: { proposalId }, _count: { _all: true } }),
    tx.membership.count({ where: { ...currentMembershipWhere(day), term: { ...currentMembershipWhere(day).term, councilId } } }),
    tx.vote.count({ where: { proposalId, voter: { memberships: { some: { ...currentMembershipWhere(day), term: { ...currentMembershipWhere(day).term, councilId } } } } } }),
  ]);
  const of = (choice: VoteChoice) => rows.find((row) => row.choice === choice)?._count._all ?? 0;
  return { support: of('SUPPORT'), oppose: of('OPPOSE'), abstain: of('ABSTAIN'), members, membersVoted };
}

/**
 * Closes an open vote and keeps its result. Locks the row first (FOR UPDATE), so the closing
 * job and a moderator's early close never both decide; returns false when there was nothing
 * to close (already closed, or the window not over and `early` not allowed).
 */
async function closeVote(tx: Tx, { proposalId, now, actor, early }: { proposalId: string; now: Date; actor: Actor; early: { version: number } | null }) {
  const [locked] = await tx.$queryRaw<{ state: ProposalState; version: number; votingClosesAt: Date | null; councilId: string }[]>`
    SELECT "state", "version", "votingClosesAt", "councilId" FROM "Proposal" WHERE "id" = ${proposalId} FOR UPDATE`;
  if (!locked || locked.state !== 'OPEN') {
    if (early) throw new AppError('CONFLICT');
    return false;
  }
  if (early && early.version !== locked.version) throw new AppError('CONFLICT');
  if (!early && (!locked.votingClosesAt || locked.votingClosesAt > now)) return false;
  const council = await tx.council.findUniqueOrThrow({ where: { id: locked.councilId }, select: { quorumPercent: true, majorityPercent: true } });
  const counts = await countVotes(tx, { proposalId, councilId: locked.councilId, day: today(now) });
  if (early && counts.membersVoted < counts.members) throw new AppError('NOT_OPEN', 'NOT_EVERYONE_VOTED', { voted: counts.membersVoted, members: counts.members }, ['voted', 'members']);
  const result = decide(counts, council);
  const state = result.adopted ? 'ADOPTED' : 'NOT_ADOPTED';
  await transition(tx, {
    id: proposalId, version: locked.version, from: ['OPEN'],
    data: {
      state, closedAt: now, ...(early ? { votingClosesAt: now } : {}),
      resultVoters: result.voters, resultMembers: result.members, resultQuorumMet: result.quorumMet, resultSupportShare: result.supportShare,
    },
  });
  await recordAudit(tx, { actor, action: 'proposal.close', subject: { type: 'Proposal', id: proposalId }, data: { early: Boolean(early), state, ...result } });
  await notifyAboutProposal(tx, { proposalId, kind: 'VOTING_RESULT', audience: 'council' });
  return true;
}

/** The closing job: runs at the window's end (at least once; a second run finds nothing to do). */
export function closeDueVote({ prisma, proposalId, now }: { prisma: Db; proposalId: string; now: Date }) {
  return prisma.$transaction((tx) => closeVote(tx, { proposalId, now, actor: SYSTEM_ACTOR, early: null }));
}

/** A moderator closes a vote before its end, which is fair only once every member has voted. */
export async function closeProposal({ prisma, viewer, actor, id, version }: { prisma: Db; viewer: Viewer | null; actor: Actor; id: string; version: number }) {
  await moderatedProposal(prisma, viewer, id);
  await prisma.$transaction((tx) => closeVote(tx, { proposalId: id, now: new Date(), actor, early: { version } }));
}

/**
 * The council an adopted proposal is carried to: its parent on the tree valid today. A parent
 * that no longer exists hands over to its successor, or else to its own parent (a district
 * council ended in 2025 with no successor: its wards' proposals go to the city).
 */
async function parentCouncilToday(prisma: Db, councilId: string) {
  const day = today();
  const select = { id: true, votingDays: true, validFrom: true, validTo: true, parentId: true, successorId: true } as const;
  const start = await prisma.council.findUniqueOrThrow({ where: { id: councilId }, select: { parentId: true } });
  let nextId = start.parentId;
  for (let hops = 0; nextId && hops < 10; hops++) {
    const candidate = await prisma.council.findUniqueOrThrow({ where: { id: nextId }, select });
    const valid = await prisma.council.count({ where: { id: candidate.id, ...validOn(day) } });
    if (valid === 1) return candidate;
    nextId = candidate.successorId ?? candidate.parentId;
  }
  return null;
}

/**
 * Carries an adopted proposal to the parent council: a linked proposal opens for vote there
 * (showing the history and votes below through `escalatedFrom`). Once per proposal.
 */
export async function escalateProposal({ prisma, viewer, actor, id }: { prisma: Db; viewer: Viewer | null; actor: Actor; id: string }) {
  const proposal = await moderatedProposal(prisma, viewer, id);
  const parent = await parentCouncilToday(prisma, proposal.councilId);
  if (!parent) throw new AppError('BAD_USER_INPUT', 'NO_PARENT_COUNCIL');
  const original = await prisma.proposal.findUniqueOrThrow({ where: { id }, select: { title: true, body: true, objectiveGroup: true, authorId: true } });
  const opensAt = new Date();
  const closesAt = new Date(opensAt.getTime() + parent.votingDays * DAY_MS);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.proposal.updateMany({ where: { id, state: 'ADOPTED', escalatedAt: null }, data: { escalatedAt: opensAt, version: { increment: 1 } } });
    if (count !== 1) throw new AppError('CONFLICT');
    const linked = await tx.proposal.create({
      data: { ...original, councilId: parent.id, state: 'OPEN', escalatedFromId: id, votingOpensAt: opensAt, votingClosesAt: closesAt, submittedAt: opensAt },
      select: { id: true },
    });
    await closeVoteTask.enqueue(tx, { proposalId: linked.id }, { runAt: closesAt, jobKey: `close-vote:${linked.id}` });
    await recordAudit(tx, { actor, action: 'proposal.escalate', subject: { type: 'Proposal', id }, data: { toCouncilId: parent.id, linkedProposalId: linked.id } });
    await notifyAboutProposal(tx, { proposalId: id, kind: 'PROPOSAL_ESCALATED', audience: 'council' });
    await notifyAboutProposal(tx, { proposalId: linked.id, kind: 'VOTING_OPEN', audience: 'council' });
    return linked;
  });
}

/** Refers an adopted proposal to an agency, which must answer by `dueOn`. */
export async function referProposal({ prisma, viewer, actor, id, version, agencyCode, dueOn }: { prisma: Db; viewer: Viewer | null; actor: Actor; id: string; version?: number | null; agencyCode: string; dueOn: Date }) {
  const proposal = await moderatedProposal(prisma, viewer, id);
  const day = today();
  if (dueOn <= day || dueOn.getTime() > day.getTime() + LIMITS.dueDays * DAY_MS) {
    throw new AppError('BAD_USER_INPUT', 'DUE_ON', { max: LIMITS.dueDays }, ['max']);
  }
  const agency = await prisma.agency.findUnique({ where: { code: agencyCode }, select: { id: true, code: true } });
  if (!agency) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_AGENCY', { code: agencyCode.slice(0, 40) });
  return prisma.$transaction(async (tx) => {
    await transition(tx, { id, version: version ?? proposal.version, from: TRANSITIONS.refer.from, data: { state: TRANSITIONS.refer.to } });
    const referral = await tx.referral.create({ data: { proposalId: id, agencyId: agency.id, dueOn }, select: { id: true } });
    await referralReceived(tx, { referralId: referral.id, proposalId: id, agencyId: agency.id, dueOn });
    await recordAudit(tx, { actor, action: 'proposal.refer', subject: { type: 'Proposal', id }, data: { referralId: referral.id, agencyCode: agency.code, dueOn: dueOn.toISOString().slice(0, 10) } });
    return referral;
  });
}

declare module '../audit/service.js' {
  interface AuditActions {
    'proposal.approve': { version: number; votingDays: number; closesAt: string };
    'proposal.return': { version: number; reason: ReturnReason };
    'proposal.close': { early: boolean; state: string; voters: number; members: number; quorumMet: boolean; supportShare: number; adopted: boolean };
    'proposal.escalate': { toCouncilId: string; linkedProposalId: string };
    'proposal.refer': { referralId: string; agencyCode: string; dueOn: string };
  }
}
