import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { checkPeriod, createRecord, owningAgency, parentAgency, unitInYear, updateRecord, type RecordCall, type RecordKind } from './service.js';
import type { WriteScope } from './policy.js';
import {
  ActivityRef, ActivityStatusEnum, BudgetLineRef, CampaignRef, FindingSeverityEnum, FollowUpActionRef, FundingSourceEnum,
  InspectionFindingRef, InspectionRef, LegalReviewRef, PartnershipRef, PlanRef, ReviewStatusEnum,
} from './types.js';

export const recordCall = (ctx: Context): RecordCall => ({ prisma: ctx.prisma, principal: { viewer: ctx.viewer, apiClient: ctx.apiClient }, actor: ctx.actor });

// Text rules shared by every record: trimmed, not blank, bounded.
export const title = z.string().trim().min(1).max(300);
export const text = z.string().trim().min(1).max(4000);
export const shortText = z.string().trim().min(1).max(200);
const year = z.number().int().min(2000).max(2100);
const code = z.string().max(40);
const count = z.number().int().min(0);

const AGENCY_HELP = 'The agency that keeps the record; defaults to yours. Programme admins must name one.';
const VERSION_HELP = 'The version you read: CONFLICT (with the current version) when someone changed the record since.';

const yearOf = (date: Date) => date.getUTCFullYear();

/** The mutation pair's common shape: write, then read the record back with the selection asked for. */
function reread(kind: RecordKind) {
  const model = (kind.charAt(0).toLowerCase() + kind.slice(1)) as 'plan';
  return (ctx: Context, query: object, id: string) =>
    (ctx.prisma[model] as unknown as { findUniqueOrThrow(args: object): Promise<never> }).findUniqueOrThrow({ ...query, where: { id } });
}

// ─── plans and activities (tasks 1, 5, 7) ───────────────────────────────────────────────

const CreatePlanInput = builder.inputType('CreatePlanInput', {
  fields: (t) => ({
    agencyCode: t.string({ validate: code, description: AGENCY_HELP }),
    unitCode: t.string({ required: true, validate: code, description: 'A unit that existed in the year.' }),
    year: t.int({ required: true, validate: year }),
    titleVi: t.string({ required: true, validate: title }),
    titleEn: t.string({ validate: title }),
  }),
});
const UpdatePlanInput = builder.inputType('UpdatePlanInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [PlanRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    titleVi: t.string({ validate: title }),
    titleEn: t.string({ validate: title }),
  }),
});

const CreateActivityInput = builder.inputType('CreateActivityInput', {
  fields: (t) => ({
    planId: t.globalID({ required: true, for: [PlanRef], description: 'Its agency, unit and year become the activity’s.' }),
    taskNumber: t.int({ required: true, validate: z.number().int().min(1).max(8) }),
    objectiveGroupNumber: t.int({ validate: z.number().int().min(1).max(4) }),
    titleVi: t.string({ required: true, validate: title }),
    titleEn: t.string({ validate: title }),
    status: t.field({ type: ActivityStatusEnum }),
    startOn: t.field({ type: 'Date' }),
    endOn: t.field({ type: 'Date' }),
    outputs: t.string({ validate: text }),
  }),
});
const UpdateActivityInput = builder.inputType('UpdateActivityInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [ActivityRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    titleVi: t.string({ validate: title }),
    titleEn: t.string({ validate: title }),
    status: t.field({ type: ActivityStatusEnum }),
    startOn: t.field({ type: 'Date' }),
    endOn: t.field({ type: 'Date' }),
    outputs: t.string({ validate: text }),
  }),
});

const CreateBudgetLineInput = builder.inputType('CreateBudgetLineInput', {
  fields: (t) => ({
    activityId: t.globalID({ required: true, for: [ActivityRef] }),
    source: t.field({ type: FundingSourceEnum, required: true }),
    plannedVnd: t.field({ type: 'Vnd', required: true }),
    disbursedVnd: t.field({ type: 'Vnd' }),
    note: t.string({ validate: text }),
  }),
});
const UpdateBudgetLineInput = builder.inputType('UpdateBudgetLineInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [BudgetLineRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    plannedVnd: t.field({ type: 'Vnd' }),
    disbursedVnd: t.field({ type: 'Vnd' }),
    note: t.string({ validate: text }),
  }),
});

// ─── task 2, 4, 6 registers ─────────────────────────────────────────────────────────────

const CreateLegalReviewInput = builder.inputType('CreateLegalReviewInput', {
  fields: (t) => ({
    agencyCode: t.string({ validate: code, description: AGENCY_HELP }),
    unitCode: t.string({ required: true, validate: code }),
    document: t.string({ required: true, validate: title, description: 'The document’s number and title.' }),
    issuingBody: t.string({ required: true, validate: shortText }),
    issuedOn: t.field({ type: 'Date' }),
    reviewedOn: t.field({ type: 'Date', required: true }),
    finding: t.string({ required: true, validate: text }),
    recommendation: t.string({ validate: text }),
    status: t.field({ type: ReviewStatusEnum }),
  }),
});
const UpdateLegalReviewInput = builder.inputType('UpdateLegalReviewInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [LegalReviewRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    finding: t.string({ validate: text }),
    recommendation: t.string({ validate: text }),
    status: t.field({ type: ReviewStatusEnum }),
  }),
});

const CreateCampaignInput = builder.inputType('CreateCampaignInput', {
  fields: (t) => ({
    agencyCode: t.string({ validate: code, description: AGENCY_HELP }),
    unitCode: t.string({ required: true, validate: code }),
    titleVi: t.string({ required: true, validate: title }),
    titleEn: t.string({ validate: title }),
    channel: t.string({ required: true, validate: shortText, description: 'Radio, school assemblies, social media …' }),
    audience: t.string({ required: true, validate: shortText }),
    reach: t.int({ validate: count }),
    startOn: t.field({ type: 'Date', required: true }),
    endOn: t.field({ type: 'Date' }),
    status: t.field({ type: ActivityStatusEnum }),
  }),
});
const UpdateCampaignInput = builder.inputType('UpdateCampaignInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [CampaignRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    reach: t.int({ validate: count }),
    endOn: t.field({ type: 'Date' }),
    status: t.field({ type: ActivityStatusEnum }),
  }),
});

const CreatePartnershipInput = builder.inputType('CreatePartnershipInput', {
  fields: (t) => ({
    agencyCode: t.string({ validate: code, description: AGENCY_HELP }),
    unitCode: t.string({ required: true, validate: code }),
    partner: t.string({ required: true, validate: shortText }),
    country: t.string({ validate: shortText }),
    scope: t.string({ required: true, validate: text }),
    committedVnd: t.field({ type: 'Vnd', required: true }),
    disbursedVnd: t.field({ type: 'Vnd' }),
    startOn: t.field({ type: 'Date', required: true }),
    endOn: t.field({ type: 'Date' }),
    status: t.field({ type: ActivityStatusEnum }),
  }),
});
const UpdatePartnershipInput = builder.inputType('UpdatePartnershipInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [PartnershipRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    committedVnd: t.field({ type: 'Vnd' }),
    disbursedVnd: t.field({ type: 'Vnd' }),
    endOn: t.field({ type: 'Date' }),
    status: t.field({ type: ActivityStatusEnum }),
  }),
});

// ─── task 8: inspections ────────────────────────────────────────────────────────────────

const CreateInspectionInput = builder.inputType('CreateInspectionInput', {
  fields: (t) => ({
    agencyCode: t.string({ validate: code, description: AGENCY_HELP }),
    unitCode: t.string({ required: true, validate: code }),
    inspectedBody: t.string({ required: true, validate: shortText }),
    inspectedOn: t.field({ type: 'Date', required: true }),
    summary: t.string({ validate: text }),
  }),
});
const UpdateInspectionInput = builder.inputType('UpdateInspectionInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [InspectionRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    summary: t.string({ validate: text }),
  }),
});
const AddInspectionFindingInput = builder.inputType('AddInspectionFindingInput', {
  fields: (t) => ({
    inspectionId: t.globalID({ required: true, for: [InspectionRef] }),
    severity: t.field({ type: FindingSeverityEnum, required: true }),
    description: t.string({ required: true, validate: text }),
  }),
});
const UpdateInspectionFindingInput = builder.inputType('UpdateInspectionFindingInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [InspectionFindingRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    severity: t.field({ type: FindingSeverityEnum }),
    description: t.string({ validate: text }),
  }),
});
const AddFollowUpActionInput = builder.inputType('AddFollowUpActionInput', {
  fields: (t) => ({
    findingId: t.globalID({ required: true, for: [InspectionFindingRef] }),
    ownerAgencyCode: t.string({ required: true, validate: code, description: 'The agency that must carry it out.' }),
    description: t.string({ required: true, validate: text }),
    dueOn: t.field({ type: 'Date', required: true }),
  }),
});
const UpdateFollowUpActionInput = builder.inputType('UpdateFollowUpActionInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [FollowUpActionRef] }),
    version: t.int({ required: true, description: VERSION_HELP }),
    dueOn: t.field({ type: 'Date' }),
    doneOn: t.field({ type: 'Date', description: 'The day it was done; marks it done.' }),
  }),
});

async function agencyByCode(call: RecordCall, agencyCode: string) {
  const agency = await call.prisma.agency.findUnique({ where: { code: agencyCode }, select: { id: true } });
  if (!agency) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_AGENCY', { code: agencyCode.slice(0, 40) });
  return agency.id;
}

const SERVICES_HELP = 'Officers of the agency, its API clients with services:write, and programme admins.';
const CREATE_HELP = 'Officers of the agency, its API clients with programme:write, and programme admins.';

builder.mutationFields((t) => ({
  createPlan: t.prismaField({
    type: 'Plan', description: CREATE_HELP,
    args: { input: t.arg({ type: CreatePlanInput, required: true }) },
    resolve: async (query, _root, { input: { agencyCode, unitCode, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const agencyId = await owningAgency(call, 'programme:write', agencyCode);
      const unitId = await unitInYear(ctx.prisma, unitCode, data.year);
      const exists = await ctx.prisma.plan.findUnique({ where: { agencyId_unitId_year: { agencyId, unitId, year: data.year } }, select: { id: true } });
      if (exists) throw new AppError('CONFLICT', 'PLAN_EXISTS');
      return reread('Plan')(ctx, query, await createRecord(call, { kind: 'Plan', agencyId, data: { ...data, unitId } }));
    },
  }),
  createActivity: t.prismaField({
    type: 'Activity', description: `${CREATE_HELP} In a plan of the agency.`,
    args: { input: t.arg({ type: CreateActivityInput, required: true }) },
    resolve: async (query, _root, { input: { planId, taskNumber, objectiveGroupNumber, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const plan = await parentAgency(call, 'programme:write', 'Plan', planId.id, { unitId: true, year: true });
      const task = await ctx.prisma.task.findFirst({ where: { number: taskNumber }, orderBy: { programme: { startYear: 'desc' } }, select: { id: true, programmeId: true } });
      if (!task) throw new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field: 'taskNumber' }, ['field']);
      const group = objectiveGroupNumber
        ? await ctx.prisma.objectiveGroup.findFirst({ where: { programmeId: task.programmeId, number: objectiveGroupNumber }, select: { id: true } })
        : null;
      checkPeriod(data.startOn, data.endOn);
      const id = await createRecord(call, {
        kind: 'Activity', agencyId: plan.agencyId,
        data: { ...data, planId: planId.id, taskId: task.id, objectiveGroupId: group?.id ?? null, unitId: plan.unitId, year: plan.year },
      });
      return reread('Activity')(ctx, query, id);
    },
  }),
  createBudgetLine: t.prismaField({
    type: 'BudgetLine', description: `${CREATE_HELP} On an activity of the agency.`,
    args: { input: t.arg({ type: CreateBudgetLineInput, required: true }) },
    resolve: async (query, _root, { input: { activityId, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const activity = await parentAgency(call, 'programme:write', 'Activity', activityId.id);
      return reread('BudgetLine')(ctx, query, await createRecord(call, { kind: 'BudgetLine', agencyId: activity.agencyId, data: { ...data, activityId: activityId.id } }));
    },
  }),
  createLegalReview: t.prismaField({
    type: 'LegalReview', description: CREATE_HELP,
    args: { input: t.arg({ type: CreateLegalReviewInput, required: true }) },
    resolve: async (query, _root, { input: { agencyCode, unitCode, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const agencyId = await owningAgency(call, 'programme:write', agencyCode);
      const unitId = await unitInYear(ctx.prisma, unitCode, yearOf(data.reviewedOn));
      return reread('LegalReview')(ctx, query, await createRecord(call, { kind: 'LegalReview', agencyId, data: { ...data, unitId } }));
    },
  }),
  createCampaign: t.prismaField({
    type: 'Campaign', description: CREATE_HELP,
    args: { input: t.arg({ type: CreateCampaignInput, required: true }) },
    resolve: async (query, _root, { input: { agencyCode, unitCode, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const agencyId = await owningAgency(call, 'programme:write', agencyCode);
      const unitId = await unitInYear(ctx.prisma, unitCode, yearOf(data.startOn));
      checkPeriod(data.startOn, data.endOn);
      return reread('Campaign')(ctx, query, await createRecord(call, { kind: 'Campaign', agencyId, data: { ...data, unitId } }));
    },
  }),
  createPartnership: t.prismaField({
    type: 'Partnership', description: CREATE_HELP,
    args: { input: t.arg({ type: CreatePartnershipInput, required: true }) },
    resolve: async (query, _root, { input: { agencyCode, unitCode, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const agencyId = await owningAgency(call, 'programme:write', agencyCode);
      const unitId = await unitInYear(ctx.prisma, unitCode, yearOf(data.startOn));
      checkPeriod(data.startOn, data.endOn);
      return reread('Partnership')(ctx, query, await createRecord(call, { kind: 'Partnership', agencyId, data: { ...data, unitId } }));
    },
  }),
  createInspection: t.prismaField({
    type: 'Inspection', description: CREATE_HELP,
    args: { input: t.arg({ type: CreateInspectionInput, required: true }) },
    resolve: async (query, _root, { input: { agencyCode, unitCode, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const agencyId = await owningAgency(call, 'programme:write', agencyCode);
      const unitId = await unitInYear(ctx.prisma, unitCode, yearOf(data.inspectedOn));
      return reread('Inspection')(ctx, query, await createRecord(call, { kind: 'Inspection', agencyId, data: { ...data, unitId } }));
    },
  }),
  addInspectionFinding: t.prismaField({
    type: 'InspectionFinding', description: `${CREATE_HELP} Of the agency that inspected.`,
    args: { input: t.arg({ type: AddInspectionFindingInput, required: true }) },
    resolve: async (query, _root, { input: { inspectionId, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const inspection = await parentAgency(call, 'programme:write', 'Inspection', inspectionId.id);
      return reread('InspectionFinding')(ctx, query, await createRecord(call, { kind: 'InspectionFinding', agencyId: inspection.agencyId, data: { ...data, inspectionId: inspectionId.id } }));
    },
  }),
  addFollowUpAction: t.prismaField({
    type: 'FollowUpAction', description: `${CREATE_HELP} Of the agency that inspected; the owner may be any agency.`,
    args: { input: t.arg({ type: AddFollowUpActionInput, required: true }) },
    resolve: async (query, _root, { input: { findingId, ownerAgencyCode, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const finding = await parentAgency(call, 'programme:write', 'InspectionFinding', findingId.id);
      const ownerAgencyId = await agencyByCode(call, ownerAgencyCode);
      return reread('FollowUpAction')(ctx, query, await createRecord(call, { kind: 'FollowUpAction', agencyId: finding.agencyId, data: { ...data, findingId: findingId.id, ownerAgencyId } }));
    },
  }),
}));

/** Any of the Update…Input types (each has the record's global id and the version read). */
type UpdateInputRef = ReturnType<typeof builder.inputType>;

/**
 * An update mutation: the fields given change, if the caller keeps the record and read the
 * current version (updateRecord checks both and writes the audit row), then the record is read
 * back with the selection asked for.
 */
export function updateMutation(
  name: string, kind: RecordKind, input: UpdateInputRef, scope: WriteScope,
  check?: { fields: string[]; run: (merged: Record<string, unknown>) => void },
) {
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: kind as 'Plan',
      description: `Only the fields given change. ${scope === 'services:write' ? SERVICES_HELP : CREATE_HELP}`,
      args: { input: t.arg({ type: input as never, required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const { id, version, ...data } = args.input as { id: { id: string }; version: number } & Record<string, unknown>;
        await updateRecord(recordCall(ctx), { kind, scope, id: id.id, version, data, check });
        return reread(kind)(ctx, query, id.id);
      },
    }),
  );
}

const period = (start: string) => ({ fields: ['startOn', 'endOn'], run: (r: Record<string, unknown>) => checkPeriod(r[start] as Date | null, r.endOn as Date | null) });
updateMutation('updatePlan', 'Plan', UpdatePlanInput, 'programme:write');
updateMutation('updateActivity', 'Activity', UpdateActivityInput, 'programme:write', period('startOn'));
updateMutation('updateBudgetLine', 'BudgetLine', UpdateBudgetLineInput, 'programme:write');
updateMutation('updateLegalReview', 'LegalReview', UpdateLegalReviewInput, 'programme:write');
updateMutation('updateCampaign', 'Campaign', UpdateCampaignInput, 'programme:write', period('startOn'));
updateMutation('updatePartnership', 'Partnership', UpdatePartnershipInput, 'programme:write', period('startOn'));
updateMutation('updateInspection', 'Inspection', UpdateInspectionInput, 'programme:write');
updateMutation('updateInspectionFinding', 'InspectionFinding', UpdateInspectionFindingInput, 'programme:write');
updateMutation('updateFollowUpAction', 'FollowUpAction', UpdateFollowUpActionInput, 'programme:write');
