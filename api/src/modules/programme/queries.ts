import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { writableAgencies } from './policy.js';
import type { Context } from '../../context.js';
import {
  activitySummary, activityWhere, budgetSummary, dayInYear, findRecordPage, inUnit, inspectionSummary, ofAgency, overdueWhere,
  periodInYear, readableWhere, requireRestrictedReader, type RecordKind,
} from './service.js';
import {
  ActivityRef, ActivityStatusCount, ActivityStatusEnum, BudgetBySource, CampaignRef, InspectionRef, InspectionSummaryRef,
  LegalReviewRef, PartnershipRef, PlanRef, ReviewStatusEnum,
} from './types.js';

builder.queryField('programme', (t) =>
  t.prismaField({
    type: 'Programme',
    nullable: true,
    description: 'The action programme this hub serves (public).',
    resolve: (query, _root, _args, ctx) => ctx.prisma.programme.findFirst({ ...query, orderBy: { startYear: 'desc' } }),
  }),
);

builder.queryField('writableAgencies', (t) =>
  t.prismaField({
    type: ['Agency'],
    description: 'The agencies whose programme records the caller keeps: all for programme admins, their own for officers and agency systems with programme:write, none otherwise.',
    resolve: (query, _root, _args, ctx) => {
      const agencies = writableAgencies(ctx, 'programme:write');
      return ctx.prisma.agency.findMany({ ...query, where: agencies === 'ALL' ? {} : { id: { in: agencies } }, orderBy: { code: 'asc' } });
    },
  }),
);

builder.queryField('task', (t) =>
  t.prismaField({
    type: 'Task',
    nullable: true,
    description: 'One of the current programme’s eight tasks, by number (public).',
    args: { number: t.arg.int({ required: true }) },
    resolve: (query, _root, { number }, ctx) =>
      ctx.prisma.task.findFirst({ ...query, where: { number }, orderBy: { programme: { startYear: 'desc' } } }),
  }),
);

// Filters every list shares; codes are matched as given (an unknown one simply matches nothing).
const code = z.string().max(40);
const year = z.number().int().min(2000).max(2100);

/**
 * The page (and count) of `kind` matching `where`, within what the caller may read. Its rows are
 * loaded with the selection Pothos built for the connection's nodes, so they have the node's
 * type; the generic delegate cannot say so, hence the cast.
 */
const page = (kind: RecordKind, where: object, args: object, ctx: Context, info: Parameters<typeof queryFromInfo>[0]['info']) =>
  findRecordPage({
    prisma: ctx.prisma, kind, where: { AND: [where, readableWhere(ctx, kind)] }, args,
    query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }),
  }) as Promise<never>;
const totalCount = { fields: (c: any) => ({ totalCount: c.int({ resolve: (connection: { totalCount: () => Promise<number> }) => connection.totalCount() }) }) };

builder.prismaObjectFields('Task', (t) => ({
  activities: t.connection(
    {
      type: ActivityRef,
      description: 'Activities for this task, newest first (public). A unit code matches the unit and the units directly under it.',
      args: {
        year: t.arg.int({ validate: year }),
        unitCode: t.arg.string({ validate: code }),
        agencyCode: t.arg.string({ validate: code }),
        status: t.arg({ type: ActivityStatusEnum }),
      },
      resolve: (task, args, ctx, info) => page('Activity', activityWhere({ ...args, taskId: task.id }), args, ctx, info),
    },
    totalCount,
  ),
  activitySummary: t.field({
    type: [ActivityStatusCount],
    description: 'How many activities are in each status, across units unless one is named (counted by PostgreSQL).',
    args: { year: t.arg.int({ validate: year }), unitCode: t.arg.string({ validate: code }) },
    resolve: (task, args, ctx) => activitySummary({ prisma: ctx.prisma, taskId: task.id, ...args }),
  }),
  budgetSummary: t.field({
    type: [BudgetBySource],
    description: 'Budget planned and disbursed by funding source for this task’s activities, across units unless one is named (summed by PostgreSQL; public).',
    args: { year: t.arg.int({ validate: year }), unitCode: t.arg.string({ validate: code }) },
    resolve: (task, args, ctx) => budgetSummary({ prisma: ctx.prisma, taskId: task.id, ...args }),
  }),
}));

builder.queryFields((t) => ({
  plans: t.connection(
    {
      type: PlanRef,
      description: 'Yearly plans, newest first (public).',
      args: { year: t.arg.int({ validate: year }), unitCode: t.arg.string({ validate: code }), agencyCode: t.arg.string({ validate: code }) },
      resolve: (_root, args, ctx, info) => page('Plan', { ...(args.year ? { year: args.year } : {}), ...inUnit(args.unitCode), ...ofAgency(args.agencyCode) }, args, ctx, info),
    },
    totalCount,
  ),
  activities: t.connection(
    {
      type: ActivityRef,
      description: 'Activities of every task, newest first (public).',
      args: {
        taskNumber: t.arg.int({ validate: z.number().int().min(1).max(99) }),
        year: t.arg.int({ validate: year }),
        unitCode: t.arg.string({ validate: code }),
        agencyCode: t.arg.string({ validate: code }),
        status: t.arg({ type: ActivityStatusEnum }),
      },
      resolve: (_root, { taskNumber, ...args }, ctx, info) =>
        page('Activity', { ...activityWhere(args), ...(taskNumber ? { task: { number: taskNumber } } : {}) }, args, ctx, info),
    },
    totalCount,
  ),
  legalReviews: t.connection(
    {
      type: LegalReviewRef,
      description: 'Task 2: the legal and policy review register, newest first (public). `year` is the year of the review.',
      args: { year: t.arg.int({ validate: year }), unitCode: t.arg.string({ validate: code }), agencyCode: t.arg.string({ validate: code }), status: t.arg({ type: ReviewStatusEnum }) },
      resolve: (_root, args, ctx, info) =>
        page('LegalReview', { ...dayInYear('reviewedOn', args.year), ...inUnit(args.unitCode), ...ofAgency(args.agencyCode), ...(args.status ? { status: args.status } : {}) }, args, ctx, info),
    },
    totalCount,
  ),
  campaigns: t.connection(
    {
      type: CampaignRef,
      description: 'Task 4: communication campaigns, newest first (public). `year` matches campaigns running at some time in it.',
      args: { year: t.arg.int({ validate: year }), unitCode: t.arg.string({ validate: code }), agencyCode: t.arg.string({ validate: code }), status: t.arg({ type: ActivityStatusEnum }) },
      resolve: (_root, args, ctx, info) =>
        page('Campaign', { ...periodInYear(args.year), ...inUnit(args.unitCode), ...ofAgency(args.agencyCode), ...(args.status ? { status: args.status } : {}) }, args, ctx, info),
    },
    totalCount,
  ),
  partnerships: t.connection(
    {
      type: PartnershipRef,
      description: 'Task 6: international partnerships, newest first (public). `year` matches partnerships running at some time in it.',
      args: { year: t.arg.int({ validate: year }), unitCode: t.arg.string({ validate: code }), agencyCode: t.arg.string({ validate: code }), status: t.arg({ type: ActivityStatusEnum }) },
      resolve: (_root, args, ctx, info) =>
        page('Partnership', { ...periodInYear(args.year), ...inUnit(args.unitCode), ...ofAgency(args.agencyCode), ...(args.status ? { status: args.status } : {}) }, args, ctx, info),
    },
    totalCount,
  ),
  inspections: t.connection(
    {
      type: InspectionRef,
      description: 'Task 8: inspections, newest first. Restricted: programme admins, agency officers, agency systems with programme:read. `overdue: true` keeps those with a follow-up past due.',
      args: { year: t.arg.int({ validate: year }), unitCode: t.arg.string({ validate: code }), agencyCode: t.arg.string({ validate: code }), overdue: t.arg.boolean() },
      resolve: (_root, args, ctx, info) => {
        requireRestrictedReader(ctx);
        const overdue = args.overdue == null ? {} : { findings: { [args.overdue ? 'some' : 'none']: { followUps: { some: overdueWhere() } } } };
        return page('Inspection', { ...dayInYear('inspectedOn', args.year), ...inUnit(args.unitCode), ...ofAgency(args.agencyCode), ...overdue }, args, ctx, info);
      },
    },
    totalCount,
  ),
  inspectionSummary: t.field({
    type: InspectionSummaryRef,
    description: 'Public counts about inspections: how many, findings by severity, open and overdue follow-ups.',
    args: { year: t.arg.int({ validate: year }), unitCode: t.arg.string({ validate: code }), agencyCode: t.arg.string({ validate: code }) },
    resolve: (_root, args, ctx) => inspectionSummary({ prisma: ctx.prisma, ...args }),
  }),
}));
