import { builder } from '../../builder.js';
import { moveSubmission, submitDataValues, type SubmissionAction } from './service.js';
import { ReturnSubmissionInput, SubmissionTransitionInput, SubmitDataValuesInput, SubmitDataValuesPayload } from './types.js';

builder.mutationFields((t) => ({
  submitDataValues: t.field({
    type: SubmitDataValuesPayload,
    description:
      "Reports values in bulk (at most 5000 per call) for the caller's agency's indicators, in wards valid on the period's last day. Answers counts and per-row errors; with dryRun nothing changes. Every change is audited.",
    authScopes: { programmeAdmin: true, agencyOfficer: true, apiScope: 'indicators:write' },
    args: { input: t.arg({ type: SubmitDataValuesInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const dryRun = input.dryRun ?? false;
      const report = await submitDataValues({ prisma: ctx.prisma, caller: ctx, actor: ctx.actor, t: ctx.t, rows: input.values, csv: input.csv, dryRun });
      return { ...report, dryRun };
    },
  }),
}));

const transition = (action: SubmissionAction, description: string) =>
  builder.mutationField(`${action}Submission`, (t) =>
    t.prismaField({
      type: 'Submission',
      description,
      args: { input: t.arg({ type: action === 'return' ? ReturnSubmissionInput : SubmissionTransitionInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        moveSubmission({
          query, prisma: ctx.prisma, caller: ctx, actor: ctx.actor, id: input.id.id, version: input.version, action,
          reason: 'reason' in input ? (input.reason as string) : null,
        }),
    }),
  );

transition('submit', 'Sends a DRAFT or RETURNED submission for approval; its values are locked while under review.');
transition('approve', 'Approves a SUBMITTED submission: its values are published and stay locked. Programme admins only.');
transition('return', 'Returns a SUBMITTED submission with a reason, so the agency can correct it. Programme admins only.');
