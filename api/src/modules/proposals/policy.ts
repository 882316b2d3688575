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

/**
 * visibleProposalsWhere's rule for a proposal already in memory: a comment's or an agenda's
 * proposals are read with it, in its statement, and shown only when this says so. The two must agree;
 * tests/api/visibility.test.ts checks them against each other on every state and viewer.
 */
export function mayReadProposal(
  viewer: Viewer | null,
  proposal: { state: ProposalState; hiddenAt: Date | null; authorId: string; councilId: string },
): boolean {
  if (PUBLISHED_STATES.includes(proposal.state) && proposal.hiddenAt === null) return true;
  if (!viewer) return false;
  if (proposal.authorId === viewer.id) return true;
  return viewer.moderatedCouncilIds.includes(proposal.councilId) && (MODERATED_STATES.includes(proposal.state) || PUBLISHED_STATES.includes(proposal.state));
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

/** How much a child may write: enough for an idea and its reasons, short enough to read aloud. */
export const LIMITS = {
  title: { min: 5, max: 120 },
  body: { min: 20, max: 2000 },
  /** Drafts and proposals waiting for review, per child and council, so a moderator's queue stays humane. */
  openDrafts: 5,
  votingDays: { min: 1, max: 30 },
  returnMessage: { min: 10, max: 500 },
  explanation: { min: 20, max: 4000 },
  commitments: 10,
  commitmentText: { min: 5, max: 500 },
  /** How far ahead an agency's due date may be set. */
  dueDays: 365,
} as const;

/** Proposal states a child's own work can be in before a moderator lets it out. */
export const UNPUBLISHED_STATES: ProposalState[] = ['DRAFT', 'IN_REVIEW'];

type Transition = { from: ProposalState[]; to: ProposalState };

/**
 * The lifecycle (DESIGN.md) as data: the states each transition leaves from and the one it
 * reaches. Closing reaches ADOPTED or NOT_ADOPTED, decided by `decide`.
 */
export const TRANSITIONS = {
  edit: { from: ['DRAFT'], to: 'DRAFT' },
  submit: { from: ['DRAFT'], to: 'IN_REVIEW' },
  withdraw: { from: ['DRAFT', 'IN_REVIEW'], to: 'WITHDRAWN' },
  approve: { from: ['IN_REVIEW'], to: 'OPEN' },
  return: { from: ['IN_REVIEW'], to: 'DRAFT' },
  refer: { from: ['ADOPTED'], to: 'REFERRED' },
  answer: { from: ['REFERRED'], to: 'ANSWERED' },
} as const satisfies Record<string, Transition>;

export interface Decision {
  voters: number;
  members: number;
  quorumMet: boolean;
  supportShare: number;
  adopted: boolean;
}

/**
 * The council's rule: enough members voted (quorum, a share of the members at closing) and
 * enough of those who took a side supported (abstentions count for quorum, not for the share).
 * A tie never adopts, whatever the majority setting.
 */
export function decide(
  { support, oppose, abstain, members }: { support: number; oppose: number; abstain: number; members: number },
  council: { quorumPercent: number; majorityPercent: number },
): Decision {
  const voters = support + oppose + abstain;
  const quorumMet = members > 0 && voters * 100 >= council.quorumPercent * members;
  const sides = support + oppose;
  const supportShare = sides === 0 ? 0 : support / sides;
  const adopted = quorumMet && sides > 0 && support > oppose && support * 100 >= council.majorityPercent * sides;
  return { voters, members, quorumMet, supportShare, adopted };
}

/** Agencies the viewer answers for: its officer grants, or the API client's own agency. */
export function agencyIdsOf(viewer: Viewer | null, apiClient: { agencyId: string } | null): string[] {
  if (apiClient) return [apiClient.agencyId];
  return (viewer?.roles ?? []).filter((grant) => grant.role === 'AGENCY_OFFICER' && grant.agencyId).map((grant) => grant.agencyId!);
}
