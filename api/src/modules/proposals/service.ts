import { randomUUID } from 'node:crypto';
import type { Db, Prisma, VoteChoice } from '@treem/db/client';

type ProposalWhereInput = Prisma.ProposalWhereInput;
import { today } from '../../calendar.js';
import { AppError } from '../../errors.js';
import type { Viewer } from '../accounts/service.js';
import { isCurrentMember } from '../council/policy.js';
import { pageQuery, toConnection, type ConnectionArgs } from '../../pagination.js';
import { visibleProposalsWhere } from './policy.js';

type ProposalQuery = { include?: object; select?: object } & Record<string, unknown>;

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
