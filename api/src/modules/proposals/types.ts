import { queryFromInfo } from '@pothos/plugin-prisma';
import { perOperationBatch } from '../../batch.js';
import { builder } from '../../builder.js';
import { findProposalPage } from './service.js';
import { isCurrentMember, moderates } from '../council/policy.js';
import { agencyIdsOf, isTallyVisible, isVotingOpen, visibleProposalsWhere } from './policy.js';
import { lateFrom, ratingSummaries } from './referrals.js';
import { ViewerRef } from '../accounts/types.js';
import { acceptedPage, pageQuery, toConnection } from '../../pagination.js';
import type { Proposal } from '@treem/db/client';

export const ProposalStateEnum = builder.enumType('ProposalState', {
  values: ['DRAFT', 'IN_REVIEW', 'WITHDRAWN', 'OPEN', 'ADOPTED', 'NOT_ADOPTED', 'REFERRED', 'ANSWERED'] as const,
});
export const VoteChoiceEnum = builder.enumType('VoteChoice', { values: ['SUPPORT', 'OPPOSE', 'ABSTAIN'] as const });
export const ReturnReasonEnum = builder.enumType('ReturnReason', {
  description: 'Why a moderator sent a proposal back; the portal shows the child a kind sentence for each.',
  values: ['NEEDS_DETAIL', 'PERSONAL_INFORMATION', 'UNKIND_WORDS', 'OFF_TOPIC', 'DUPLICATE', 'OTHER'] as const,
});
export const ReferralStateEnum = builder.enumType('ReferralState', { values: ['PENDING', 'OVERDUE', 'ANSWERED'] as const });
export const StanceEnum = builder.enumType('Stance', { values: ['ACCEPTED', 'PARTIAL', 'DECLINED'] as const });
export const CommitmentStatusEnum = builder.enumType('CommitmentStatus', { values: ['IN_PROGRESS', 'DONE'] as const });

interface Result { voters: number; members: number; quorumMet: boolean; supportShare: number }

const ProposalResult = builder.objectRef<Result>('ProposalResult').implement({
  description: 'The result kept when the vote closed.',
  fields: (t) => ({
    voters: t.exposeInt('voters', { description: 'Members who voted (any choice).' }),
    members: t.exposeInt('members', { description: 'Members of the council when the vote closed.' }),
    quorumMet: t.exposeBoolean('quorumMet'),
    supportShare: t.exposeFloat('supportShare', { description: 'SUPPORT / (SUPPORT + OPPOSE), 0 to 1.' }),
  }),
});

interface Tally { support: number; oppose: number; abstain: number; total: number }

const VoteTally = builder.objectRef<Tally>('VoteTally').implement({
  description: 'Counts only; who voted what is never exposed.',
  fields: (t) => ({
    support: t.exposeInt('support'),
    oppose: t.exposeInt('oppose'),
    abstain: t.exposeInt('abstain'),
    total: t.exposeInt('total'),
  }),
});

/** The columns every read of a Proposal takes (see ProposalRef). */
const PROPOSAL_COLUMNS = { id: true, createdAt: true, title: true, state: true, submittedAt: true } as const;
/**
 * A proposal read along with another row (a comment's, an agenda's) instead of through its own
 * filtered statement: with the columns mayReadProposal decides on, which the caller applies.
 */
export const PROPOSAL_TO_CHECK = { select: { ...PROPOSAL_COLUMNS, hiddenAt: true, authorId: true, councilId: true } } as const;

export const ProposalRef = builder.prismaNode('Proposal', {
  id: { field: 'id' },
  // Only the columns a query asks for (lists of twenty proposals read far fewer than all
  // twenty-three). A few small ones nearly every list shows are always read, and their fields
  // resolve straight from the row: a field that selects its own column (t.expose) goes through
  // Pothos' per-row selection bookkeeping, which cost a page of twenty more than reading the
  // columns (`pnpm bench`: +6-8 % on a council's page and the moderation queue). createdAt is
  // also what cursors are made of.
  select: PROPOSAL_COLUMNS,
  // Loading through `node(id)` applies the same visibility rule as every list; a proposal the
  // viewer may not see is simply not found.
  findUnique: (id, ctx) => ({ id, AND: [visibleProposalsWhere(ctx.viewer)] }),
  nullable: true,
  fields: (t) => ({
    title: t.string({ resolve: (p) => p.title }),
    body: t.exposeString('body'),
    state: t.field({ type: ProposalStateEnum, resolve: (p) => p.state }),
    version: t.exposeInt('version', { description: 'Send it back with a transition: a stale one is refused with CONFLICT.' }),
    objectiveGroup: t.exposeInt('objectiveGroup', { nullable: true, description: "The programme's objective group (1–4) it concerns." }),
    submittedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was last sent for review.', resolve: (p) => p.submittedAt }),
    waitingHours: t.int({
      nullable: true,
      description: 'How long it has waited for review, in whole hours (null unless in review).',
      resolve: (proposal) => (proposal.state === 'IN_REVIEW' && proposal.submittedAt ? Math.floor((Date.now() - proposal.submittedAt.getTime()) / 3_600_000) : null),
    }),
    returnReason: t.expose('returnReason', { type: ReturnReasonEnum, nullable: true, description: 'Why it came back to its author (drafts only: visible to the author alone).' }),
    returnMessage: t.exposeString('returnMessage', { nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    result: t.field({
      type: ProposalResult,
      nullable: true,
      select: { resultVoters: true, resultMembers: true, resultQuorumMet: true, resultSupportShare: true },
      resolve: (p) =>
        p.resultVoters === null || p.resultMembers === null || p.resultQuorumMet === null || p.resultSupportShare === null
          ? null
          : { voters: p.resultVoters, members: p.resultMembers, quorumMet: p.resultQuorumMet, supportShare: p.resultSupportShare },
    }),
    escalatedFrom: t.relation('escalatedFrom', { nullable: true, description: 'The proposal below that this one carries up, with its votes and result.' }),
    escalatedTo: t.relation('escalatedTo', { nullable: true, description: 'The linked proposal in the parent council, once escalated.' }),
    referral: t.relation('referral', { nullable: true }),
    viewerIsAuthor: t.boolean({ select: { authorId: true }, resolve: (proposal, _args, ctx) => proposal.authorId === ctx.viewer?.id }),
    viewerModerates: t.boolean({ select: { councilId: true }, resolve: (proposal, _args, ctx) => moderates(ctx.viewer, proposal.councilId) }),
    council: t.relation('council'),
    authorName: t.string({
      description: "The author's pseudonym.",
      select: { author: { select: { displayName: true } } },
      resolve: (proposal) => proposal.author.displayName,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    votingOpensAt: t.expose('votingOpensAt', { type: 'DateTime', nullable: true }),
    votingClosesAt: t.expose('votingClosesAt', { type: 'DateTime', nullable: true }),
    tally: t.field({
      type: VoteTally,
      nullable: true,
      description: 'Null while counts are hidden (an open vote in a council without live counts).',
      // Counted by PostgreSQL (the ProposalTally view), joined into the statement that loads
      // the proposal or the page: no ballot is ever loaded to be counted.
      select: { tally: { select: { support: true, oppose: true, abstain: true, total: true } }, council: { select: { liveCounts: true } } },
      resolve: (proposal) => {
        if (!isTallyVisible(proposal, proposal.council)) return null;
        return proposal.tally ?? { support: 0, oppose: 0, abstain: 0, total: 0 };
      },
    }),
    myVote: t.field({
      type: VoteChoiceEnum,
      nullable: true,
      description: "The viewer's own ballot; nobody else's is ever readable.",
      // Only the viewer's own ballot is read, in the same statement as the proposal. Anonymous
      // readers have none: an id no row has matches nothing.
      select: (_args, ctx) => ({ votes: { where: { voterId: ctx.viewer?.id ?? '' }, select: { choice: true }, take: 1 } }),
      resolve: (proposal) => proposal.votes[0]?.choice ?? null,
    }),
    viewerCanVote: t.boolean({
      select: { votingOpensAt: true, votingClosesAt: true, councilId: true },
      resolve: (proposal, _args, ctx) => isVotingOpen(proposal) && isCurrentMember(ctx.viewer, proposal.councilId),
    }),
  }),
});

builder.prismaObjectField('Council', 'proposals', (t) =>
  t.connection(
    {
      type: ProposalRef,
      description: 'Proposals the viewer may see, newest first.',
      args: { state: t.arg({ type: ProposalStateEnum }) },
      // The page is read in the statement that loads the council (one statement, not two: a
      // statement costs the server more than the nested rows do), and so is totalCount (a select
      // cannot tell whether it is asked for; counting an indexed council's proposals costs
      // PostgreSQL less than a statement costs the server). Arguments that make no page (a bad
      // cursor, first with last) load nothing here: the resolver reports them on this field.
      select: (args, ctx, nestedSelection) => {
        const visible = { AND: [visibleProposalsWhere(ctx.viewer), args.state ? { state: args.state } : {}] };
        const counted = { _count: { select: { proposals: { where: visible } } } };
        const page = acceptedPage(args);
        if (!page) return counted;
        const rows = nestedSelection({ where: { AND: [visible, page.where] }, orderBy: page.orderBy, take: page.take }, ['edges', 'node'], 'Proposal');
        // The page's position columns, which its cursors and pageInfo need whatever the nodes ask.
        return { ...counted, proposals: { ...rows, select: { id: true, createdAt: true, ...rows.select } } };
      },
      resolve: async (council, args, ctx, info) => {
        const { proposals: loaded, _count } = council as { proposals?: Proposal[]; _count?: { proposals?: number } };
        const counted = _count?.proposals;
        if (loaded && counted !== undefined) return { ...toConnection(loaded, pageQuery(args)), totalCount: () => counted };
        const page = await findProposalPage({
          prisma: ctx.prisma,
          viewer: ctx.viewer,
          where: { councilId: council.id, ...(args.state ? { state: args.state } : {}) },
          args,
          query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }),
        });
        return counted === undefined ? page : { ...page, totalCount: () => counted };
      },
    },
    { fields: (t) => ({ totalCount: t.int({ resolve: (connection) => connection.totalCount() }) }) },
  ),
);

export const ReferralRef = builder.prismaNode('Referral', {
  id: { field: 'id' },
  nullable: true,
  description: 'An adopted proposal sent to an agency, to be answered by a due date. Public, like the proposal.',
  fields: (t) => ({
    dueOn: t.expose('dueOn', { type: 'Date' }),
    state: t.expose('state', { type: ReferralStateEnum }),
    lateFrom: t.field({ type: 'DateTime', description: 'The moment it counts as overdue (the day after dueOn, Vietnam time).', resolve: (r) => lateFrom(r.dueOn) }),
    overdueAt: t.expose('overdueAt', { type: 'DateTime', nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    agency: t.relation('agency'),
    proposal: t.relation('proposal'),
    response: t.relation('response', { nullable: true }),
    viewerCanAnswer: t.boolean({
      description: "Whether the viewer answers for the referral's agency and it is still unanswered.",
      resolve: (r, _args, ctx) => r.state !== 'ANSWERED' && agencyIdsOf(ctx.viewer, ctx.apiClient).includes(r.agencyId),
    }),
    viewerCanUpdate: t.boolean({
      description: "Whether the viewer answers for the referral's agency (and may report progress on its commitments).",
      resolve: (r, _args, ctx) => agencyIdsOf(ctx.viewer, ctx.apiClient).includes(r.agencyId),
    }),
  }),
});

interface Rating { count: number; clear: number; helpful: number }

const RatingSummary = builder.objectRef<Rating>('RatingSummary').implement({
  description: "How the council's children rated an answer.",
  fields: (t) => ({
    count: t.exposeInt('count'),
    clear: t.exposeInt('clear', { description: 'Ratings that found it clear.' }),
    helpful: t.exposeInt('helpful', { description: 'Ratings that found it helpful.' }),
  }),
});

const MyRating = builder.objectRef<{ clear: boolean; helpful: boolean }>('MyRating').implement({
  fields: (t) => ({ clear: t.exposeBoolean('clear'), helpful: t.exposeBoolean('helpful') }),
});

// The ratings of the answers shown together (a council's outcomes) counted together.
const rating = perOperationBatch((ctx, responseIds: readonly string[]) => ratingSummaries({ prisma: ctx.prisma, responseIds }));

export const ResponseRef = builder.prismaNode('Response', {
  id: { field: 'id' },
  nullable: true,
  description: "An agency's answer to a referral.",
  fields: (t) => ({
    stance: t.expose('stance', { type: StanceEnum }),
    explanation: t.exposeString('explanation'),
    answeredAt: t.expose('answeredAt', { type: 'DateTime' }),
    commitments: t.relation('commitments', { query: { orderBy: { position: 'asc' } } }),
    rating: t.field({ type: RatingSummary, resolve: (response, _args, ctx) => rating(ctx, response.id) }),
    myRating: t.field({
      type: MyRating,
      nullable: true,
      description: "The viewer's own rating, if any.",
      select: (_args, ctx) => ({ ratings: { where: { raterId: ctx.viewer?.id ?? '' }, select: { clear: true, helpful: true }, take: 1 } }),
      resolve: (response) => response.ratings[0] ?? null,
    }),
  }),
});

builder.prismaObject('Commitment', {
  fields: (t) => ({
    id: t.exposeID('id'),
    text: t.exposeString('text'),
    dueOn: t.expose('dueOn', { type: 'Date' }),
    status: t.expose('status', { type: CommitmentStatusEnum }),
    progress: t.exposeString('progress', { nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const NoticeKindEnum = builder.enumType('NoticeKind', { values: ['REFERRAL_RECEIVED', 'REFERRAL_OVERDUE', 'REFERRAL_REMINDER'] as const });

builder.prismaObject('Notice', {
  description: 'An in-app notice to one person: a referral received, overdue, or a reminder.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: NoticeKindEnum }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    message: t.string({
      description: "The notice in the reader's language.",
      select: { proposal: { select: { title: true } } },
      resolve: (n, _args, ctx) => ctx.t(`notifications.${n.kind}`, { title: n.proposal?.title ?? '' }),
    }),
    // Notices name referred proposals only, which are published.
    proposal: t.relation('proposal', { nullable: true }),
    referral: t.relation('referral', { nullable: true }),
  }),
});

builder.objectFields(ViewerRef, (t) => ({
  notices: t.prismaField({
    type: ['Notice'],
    description: "The viewer's latest agency notices (at most 50), newest first; counted in unreadNotifications, marked read by markNotificationsRead.",
    resolve: (query, viewer, _args, ctx) => ctx.prisma.notice.findMany({ ...query, where: { userId: viewer.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 50 }),
  }),
}));
