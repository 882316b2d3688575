import type { Prisma, ProposalState } from '@treem/db/client';

type ProposalWhereInput = Prisma.ProposalWhereInput;
import type { Viewer } from '../accounts/service.js';

/** States a moderator has let out: anyone may read these. */
export const PUBLISHED_STATES: ProposalState[] = ['OPEN', 'ADOPTED', 'NOT_ADOPTED', 'REFERRED', 'ANSWERED'];

/**
 * States a council's moderators may read besides the published ones: what waits for their
 * review. A DRAFT is the child's own notebook until submitted, and a WITHDRAWN proposal has
 * been taken back by its author, so both stay the author's alone.
 */
export const MODERATED_STATES: ProposalState[] = ['IN_REVIEW'];

/**
 * Nothing a child writes is public before a moderator approves it: unpublished proposals are
 * visible only to their author and, once submitted, to the council's moderators. Applied in
 * every `where` that reads proposals.
 */
export function visibleProposalsWhere(viewer: Viewer | null): ProposalWhereInput {
  // A published proposal hidden after reports (discussion module) is back to its author and
  // the council's moderators until they decide.
  const published: ProposalWhereInput = { state: { in: PUBLISHED_STATES }, hiddenAt: null };
  if (!viewer) return published;
  return {
    OR: [
      published,
      { authorId: viewer.id },
      ...(viewer.moderatedCouncilIds.length > 0
        ? [{ councilId: { in: viewer.moderatedCouncilIds }, OR: [{ state: { in: MODERATED_STATES } }, { state: { in: PUBLISHED_STATES } }] }]
        : []),
    ],
  };
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
