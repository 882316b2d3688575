import type { Prisma, ProposalState } from '@treem/db/client';

type ProposalWhereInput = Prisma.ProposalWhereInput;
import type { Viewer } from '../accounts/service.js';

/** States a moderator has let out: anyone may read these. */
export const PUBLISHED_STATES: ProposalState[] = ['OPEN', 'ADOPTED', 'NOT_ADOPTED', 'REFERRED', 'ANSWERED'];

/**
 * Nothing a child writes is public before a moderator approves it: unpublished proposals are
 * visible only to their author and to the council's moderators. Applied in every `where`.
 */
export function visibleProposalsWhere(viewer: Viewer | null): ProposalWhereInput {
  const published: ProposalWhereInput = { state: { in: PUBLISHED_STATES } };
  if (!viewer) return published;
  return { OR: [published, { authorId: viewer.id }, { councilId: { in: viewer.moderatedCouncilIds } }] };
}

export function isVotingOpen(
  proposal: { state: ProposalState; votingOpensAt: Date | null; votingClosesAt: Date | null },
  now = new Date(),
): boolean {
  return (
    proposal.state === 'OPEN' &&
    proposal.votingOpensAt !== null && proposal.votingOpensAt <= now &&
    proposal.votingClosesAt !== null && now < proposal.votingClosesAt
  );
}

/**
 * Counts stay hidden while a vote runs, so early results do not sway later voters, unless the
 * council chose live counts. Drafts and proposals in review have no counts at all.
 */
export function isTallyVisible(proposal: { state: ProposalState }, council: { liveCounts: boolean }): boolean {
  if (proposal.state === 'OPEN') return council.liveCounts;
  return PUBLISHED_STATES.includes(proposal.state);
}
