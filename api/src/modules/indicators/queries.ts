import { z } from 'zod';
import { builder } from '../../builder.js';
import { mayListSubmissions, visibleSubmissionsWhere } from './policy.js';
import { indicatorFigures } from './service.js';
import { IndicatorBreakdownEnum, IndicatorValueRef, SubmissionStateEnum } from './types.js';

builder.queryFields((t) => ({
  indicators: t.prismaConnection({
    type: 'Indicator',
    cursor: 'code',
    description: "The programme's indicators by code, optionally of one objective group (public).",
    args: { objectiveGroup: t.arg.int({ validate: z.number().int().min(1).max(99) }) },
    resolve: (query, _root, { objectiveGroup }, ctx) =>
      ctx.prisma.indicator.findMany({ ...query, where: objectiveGroup ? { objectiveGroup: { number: objectiveGroup } } : {}, orderBy: { code: 'asc' } }),
  }),
  indicator: t.prismaField({
    type: 'Indicator',
    nullable: true,
    args: { code: t.arg.string({ required: true, validate: z.string().max(40) }) },
    resolve: (query, _root, { code }, ctx) => ctx.prisma.indicator.findUnique({ ...query, where: { code } }),
  }),
  indicatorValues: t.field({
    type: [IndicatorValueRef],
    description:
      'An indicator for a unit and period, or for each unit one level below it. The public sees approved data only. Units below are those of the map on `at` (default: the last day of the period); a unit formed later continues the series of the units it was formed from, weighted by the share of each it took over.',
    args: {
      indicatorCode: t.arg.string({ required: true, validate: z.string().max(40) }),
      period: t.arg.string({ required: true, validate: z.string().max(20) }),
      unitCode: t.arg.string({ required: true, validate: z.string().max(40) }),
      breakdown: t.arg({ type: IndicatorBreakdownEnum, defaultValue: 'NONE' }),
      at: t.arg({ type: 'Date' }),
      sex: t.arg.string({ validate: z.string().max(10), description: 'SDMX code: _T (default), M, F.' }),
      ageBand: t.arg.string({ validate: z.string().max(10), description: 'SDMX code: _T (default), Y_LT1, Y0T4, Y5T9, Y10T14, Y15T17.' }),
    },
    resolve: (_root, args, ctx) =>
      indicatorFigures({
        prisma: ctx.prisma, caller: ctx, indicatorCode: args.indicatorCode,
        question: { unitCode: args.unitCode, periodId: args.period, breakdown: args.breakdown ?? 'NONE', at: args.at, sex: args.sex, ageBand: args.ageBand },
      }),
  }),
  indicatorSeries: t.field({
    type: [IndicatorValueRef],
    description: "A unit's values over several periods (for charts), in the order given; at most 40 periods.",
    args: {
      indicatorCode: t.arg.string({ required: true, validate: z.string().max(40) }),
      unitCode: t.arg.string({ required: true, validate: z.string().max(40) }),
      periods: t.arg.stringList({ required: true, validate: z.array(z.string().max(20)).max(40) }),
    },
    resolve: (_root, args, ctx) =>
      indicatorFigures({ prisma: ctx.prisma, caller: ctx, indicatorCode: args.indicatorCode, question: { unitCode: args.unitCode, periodIds: args.periods } }),
  }),
  submissions: t.prismaConnection({
    type: 'Submission',
    cursor: 'id',
    description: 'Reported data by indicator and period: every one for programme admins, their agency’s for officers and agency systems.',
    authScopes: (_root, _args, ctx) => mayListSubmissions(ctx),
    args: { state: t.arg({ type: SubmissionStateEnum }), period: t.arg.string({ validate: z.string().max(20) }) },
    resolve: (query, _root, { state, period }, ctx) =>
      ctx.prisma.submission.findMany({
        ...query,
        where: { AND: [visibleSubmissionsWhere(ctx), state ? { state } : {}, period ? { period } : {}] },
        // Latest activity first: what waits for someone is near the top.
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      }),
  }),
}));
