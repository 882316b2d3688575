import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { CouncilRef } from '../council/types.js';
import {
  approveProposal, castVote, closeProposal, createProposal, escalateProposal, findProposal, referProposal, returnProposal, submitProposal, updateProposal, withdrawProposal,
  type ProposalQuery,
} from './service.js';
import { answerReferral, rateResponse, updateCommitment } from './referrals.js';
import { LIMITS } from './policy.js';
import { CommitmentStatusEnum, ProposalRef, ReferralRef, ResponseRef, ReturnReasonEnum, StanceEnum, VoteChoiceEnum } from './types.js';

const CastVoteInput = builder.inputType('CastVoteInput', {
  fields: (t) => ({
    proposalId: t.globalID({ required: true, for: [ProposalRef] }),
    choice: t.field({ type: VoteChoiceEnum, required: true }),
  }),
});

builder.mutationField('castVote', (t) =>
  t.prismaField({
    type: 'Proposal',
    description: 'Records or changes the viewer’s ballot while the proposal is open. Members of its council only.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: CastVoteInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await castVote({ prisma: ctx.prisma, viewer: ctx.viewer, proposalId: input.proposalId.id, choice: input.choice });
      return (await findProposal({ prisma: ctx.prisma, viewer: ctx.viewer, id: input.proposalId.id, query }))!;
    },
  }),
);

// Lengths are checked again after trimming by the service; these bounds refuse the absurd early.
const text = (max: number) => z.string().max(max);
const version = () => z.number().int().min(0);

const CreateProposalInput = builder.inputType('CreateProposalInput', {
  fields: (t) => ({
    councilId: t.globalID({ required: true, for: [CouncilRef] }),
    title: t.string({ required: true, validate: text(LIMITS.title.max * 2) }),
    body: t.string({ required: true, validate: text(LIMITS.body.max * 2) }),
    objectiveGroup: t.int({ required: true, validate: z.number().int().min(1).max(4) }),
  }),
});

const UpdateProposalInput = builder.inputType('UpdateProposalInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [ProposalRef] }),
    version: t.int({ required: true, validate: version() }),
    title: t.string({ required: true, validate: text(LIMITS.title.max * 2) }),
    body: t.string({ required: true, validate: text(LIMITS.body.max * 2) }),
    objectiveGroup: t.int({ required: true, validate: z.number().int().min(1).max(4) }),
  }),
});

const ProposalVersionInput = builder.inputType('ProposalVersionInput', {
  description: 'A proposal and the version the caller saw.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: [ProposalRef] }),
    version: t.int({ required: true, validate: version() }),
  }),
});

const ApproveProposalInput = builder.inputType('ApproveProposalInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [ProposalRef] }),
    version: t.int({ required: true, validate: version() }),
    votingDays: t.int({ description: "Length of the vote in days; default the council's.", validate: z.number().int().min(LIMITS.votingDays.min).max(LIMITS.votingDays.max) }),
  }),
});

const ReturnProposalInput = builder.inputType('ReturnProposalInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [ProposalRef] }),
    version: t.int({ required: true, validate: version() }),
    reason: t.field({ type: ReturnReasonEnum, required: true }),
    message: t.string({ required: true, description: 'Kind words the child reads on its draft.', validate: text(LIMITS.returnMessage.max * 2) }),
  }),
});

const EscalateProposalInput = builder.inputType('EscalateProposalInput', {
  fields: (t) => ({ id: t.globalID({ required: true, for: [ProposalRef] }) }),
});

const ReferProposalInput = builder.inputType('ReferProposalInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [ProposalRef] }),
    version: t.int({ validate: version(), description: 'The version seen; when given, a stale one is refused.' }),
    agencyCode: t.string({ required: true, validate: text(64) }),
    dueOn: t.field({ type: 'Date', required: true }),
  }),
});

const CommitmentInput = builder.inputType('CommitmentInput', {
  fields: (t) => ({
    text: t.string({ required: true, validate: text(LIMITS.commitmentText.max * 2) }),
    dueOn: t.field({ type: 'Date', required: true }),
  }),
});

const AnswerReferralInput = builder.inputType('AnswerReferralInput', {
  fields: (t) => ({
    referralId: t.globalID({ required: true, for: [ReferralRef] }),
    stance: t.field({ type: StanceEnum, required: true }),
    explanation: t.string({ required: true, validate: text(LIMITS.explanation.max * 2) }),
    commitments: t.field({ type: [CommitmentInput], required: true, validate: z.array(z.any()).max(LIMITS.commitments) }),
  }),
});

const UpdateCommitmentInput = builder.inputType('UpdateCommitmentInput', {
  fields: (t) => ({
    commitmentId: t.id({ required: true, validate: z.string().max(100) }),
    status: t.field({ type: CommitmentStatusEnum, required: true }),
    progress: t.string({ required: true, validate: text(LIMITS.commitmentText.max * 2) }),
  }),
});

const RateResponseInput = builder.inputType('RateResponseInput', {
  fields: (t) => ({
    responseId: t.globalID({ required: true, for: [ResponseRef] }),
    clear: t.boolean({ required: true }),
    helpful: t.boolean({ required: true }),
  }),
});

/** Every lifecycle mutation answers with the proposal as the viewer now sees it. */
const reload = (ctx: Context, id: string, query: ProposalQuery) =>
  findProposal({ prisma: ctx.prisma, viewer: ctx.viewer, id, query }).then((proposal) => proposal!);

builder.mutationFields((t) => ({
  createProposal: t.prismaField({
    type: 'Proposal',
    description: 'A member starts a DRAFT in its council; only its author sees it until a moderator approves it.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: CreateProposalInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await createProposal({ prisma: ctx.prisma, viewer: ctx.viewer, councilId: input.councilId.id, text: input });
      return reload(ctx, id, query);
    },
  }),
  updateProposal: t.prismaField({
    type: 'Proposal',
    description: 'The author edits its DRAFT (also one a moderator returned).',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: UpdateProposalInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await updateProposal({ prisma: ctx.prisma, viewer: ctx.viewer, id: input.id.id, version: input.version, text: input });
      return reload(ctx, input.id.id, query);
    },
  }),
  submitProposal: t.prismaField({
    type: 'Proposal',
    description: "The author sends its DRAFT to the council's moderators (IN_REVIEW).",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ProposalVersionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await submitProposal({ prisma: ctx.prisma, viewer: ctx.viewer, id: input.id.id, version: input.version });
      return reload(ctx, input.id.id, query);
    },
  }),
  withdrawProposal: t.prismaField({
    type: 'Proposal',
    description: 'The author takes its proposal back before voting (WITHDRAWN).',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ProposalVersionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await withdrawProposal({ prisma: ctx.prisma, viewer: ctx.viewer, id: input.id.id, version: input.version });
      return reload(ctx, input.id.id, query);
    },
  }),
  approveProposal: t.prismaField({
    type: 'Proposal',
    description: "A moderator of its council publishes it and opens the vote (the council's default length, or votingDays).",
    authScopes: { moderator: true },
    args: { input: t.arg({ type: ApproveProposalInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await approveProposal({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, id: input.id.id, version: input.version, votingDays: input.votingDays });
      return reload(ctx, input.id.id, query);
    },
  }),
  returnProposal: t.prismaField({
    type: 'Proposal',
    description: 'A moderator of its council sends it back to its author as a DRAFT, with a reason and a kind message.',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: ReturnProposalInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await returnProposal({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, id: input.id.id, version: input.version, reason: input.reason, message: input.message });
      return (await ctx.prisma.proposal.findUniqueOrThrow({ ...query, where: { id: input.id.id } }));
    },
  }),
  closeProposal: t.prismaField({
    type: 'Proposal',
    description: 'A moderator closes the vote early, which is allowed only once every member has voted.',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: ProposalVersionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await closeProposal({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, id: input.id.id, version: input.version });
      return reload(ctx, input.id.id, query);
    },
  }),
  escalateProposal: t.prismaField({
    type: 'Proposal',
    description: 'A moderator carries an ADOPTED proposal to the parent council on today’s tree; returns the linked proposal there.',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: EscalateProposalInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const linked = await escalateProposal({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, id: input.id.id });
      return reload(ctx, linked.id, query);
    },
  }),
  referProposal: t.prismaField({
    type: 'Proposal',
    description: 'A moderator refers an ADOPTED proposal to an agency, to be answered by dueOn (REFERRED).',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: ReferProposalInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await referProposal({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, id: input.id.id, version: input.version, agencyCode: input.agencyCode, dueOn: input.dueOn });
      return reload(ctx, input.id.id, query);
    },
  }),
  answerReferral: t.prismaField({
    type: 'Response',
    description: "An officer of the referral's agency (or its system with referrals:write) answers it, once.",
    authScopes: { agencyOfficer: true, apiScope: 'referrals:write' },
    args: { input: t.arg({ type: AnswerReferralInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const response = await answerReferral({
        prisma: ctx.prisma, viewer: ctx.viewer, apiClient: ctx.apiClient, actor: ctx.actor,
        referralId: input.referralId.id, stance: input.stance, explanation: input.explanation, commitments: input.commitments,
      });
      return ctx.prisma.response.findUniqueOrThrow({ ...query, where: { id: response.id } });
    },
  }),
  updateCommitment: t.prismaField({
    type: 'Commitment',
    description: "The agency reports progress on one of its commitments.",
    authScopes: { agencyOfficer: true, apiScope: 'referrals:write' },
    args: { input: t.arg({ type: UpdateCommitmentInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await updateCommitment({ prisma: ctx.prisma, viewer: ctx.viewer, apiClient: ctx.apiClient, actor: ctx.actor, commitmentId: String(input.commitmentId), status: input.status, progress: input.progress });
      return ctx.prisma.commitment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  rateResponse: t.prismaField({
    type: 'Response',
    description: 'A child of the council rates an answer: was it clear, was it helpful. Rating again replaces it.',
    authScopes: { child: true },
    args: { input: t.arg({ type: RateResponseInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await rateResponse({ prisma: ctx.prisma, viewer: ctx.viewer, responseId: input.responseId.id, clear: input.clear, helpful: input.helpful });
      return ctx.prisma.response.findUniqueOrThrow({ ...query, where: { id: input.responseId.id } });
    },
  }),
}));
