import { z } from 'zod';
import { perOperationBatch } from '../../batch.js';
import { builder } from '../../builder.js';
import { AdminUnitRef } from '../geo/types.js';
import { maySeeSubmission } from './policy.js';
import { figuresOfIndicators, type ImportReport, type IndicatorValue, type Question } from './service.js';

export const IndicatorDirectionEnum = builder.enumType('IndicatorDirection', { values: ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const });
export const IndicatorStatusEnum = builder.enumType('IndicatorStatus', {
  description: 'Progress against the straight path from baseline to target. ON_TRACK: on the path or better; AT_RISK: behind by at most a quarter of the change planned from baseline to the 2030 target; OFF_TRACK: further behind; NO_DATA: nothing reported or no target.',
  values: ['ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'NO_DATA'] as const,
});
export const IndicatorBreakdownEnum = builder.enumType('IndicatorBreakdown', {
  description: 'NONE: the unit itself; CHILD_UNITS: each unit one level down in the map valid in the period (or on `at`).',
  values: ['NONE', 'CHILD_UNITS'] as const,
});
export const SubmissionStateEnum = builder.enumType('SubmissionState', { values: ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const });

const TargetYearRef = builder.objectRef<{ year: number; value: number; kind: 'BASELINE' | 'TARGET' }>('IndicatorTargetYear').implement({
  description: 'A point of the plan: the baseline (its year) or a target (2025, 2030).',
  fields: (t) => ({
    year: t.exposeInt('year'),
    value: t.exposeFloat('value'),
    kind: t.exposeString('kind', { description: 'BASELINE or TARGET.' }),
  }),
});

// A list's indicators asked the same question (a dashboard's series, its breakdowns) answered together.
const figuresOf = perOperationBatch((ctx, requests: readonly { indicatorCode: string; question: Question }[]) =>
  figuresOfIndicators({ prisma: ctx.prisma, caller: ctx, requests }));

builder.prismaNode('Indicator', {
  id: { field: 'id' },
  nullable: true,
  description: 'A measurable target of the programme: numerator / denominator × factor, rolled up by summing numerators and denominators.',
  fields: (t) => ({
    code: t.exposeString('code'),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
    numeratorVi: t.exposeString('numeratorVi'),
    numeratorEn: t.exposeString('numeratorEn'),
    denominatorVi: t.exposeString('denominatorVi'),
    denominatorEn: t.exposeString('denominatorEn'),
    factor: t.exposeInt('factor'),
    unit: t.exposeString('unit', { description: 'How the value reads: "%", "‰", "per 100,000".' }),
    direction: t.expose('direction', { type: IndicatorDirectionEnum }),
    demo: t.exposeBoolean('demo', { description: 'Demo figures, not official statistics.' }),
    objectiveGroup: t.relation('objectiveGroup'),
    agency: t.relation('agency', { description: 'The agency that reports its data.' }),
    relatedTasks: t.relation('relatedTasks', { query: { orderBy: { number: 'asc' } } }),
    targets: t.field({
      type: [TargetYearRef],
      description: "The programme-wide plan (the programme unit's baseline and targets).",
      select: { targets: { where: { unit: { programmes: { some: {} } } }, take: 1 } },
      resolve: ({ targets: [plan] }) =>
        plan
          ? [
              { year: plan.baselineYear, value: plan.baseline, kind: 'BASELINE' as const },
              { year: 2025, value: plan.target2025, kind: 'TARGET' as const },
              { year: 2030, value: plan.target2030, kind: 'TARGET' as const },
            ]
          : [],
    }),
    values: t.field({
      type: [IndicatorValueRef],
      description: 'As `indicatorValues`, for this indicator.',
      args: {
        period: t.arg.string({ required: true, validate: z.string().max(20) }),
        unitCode: t.arg.string({ required: true, validate: z.string().max(40) }),
        breakdown: t.arg({ type: IndicatorBreakdownEnum, defaultValue: 'NONE' }),
        at: t.arg({ type: 'Date' }),
      },
      resolve: (indicator, args, ctx) =>
        figuresOf(ctx, { indicatorCode: indicator.code, question: { unitCode: args.unitCode, periodId: args.period, breakdown: args.breakdown ?? 'NONE', at: args.at } }),
    }),
    series: t.field({
      type: [IndicatorValueRef],
      description: 'As `indicatorSeries`, for this indicator: a unit over several periods (at most 40).',
      args: {
        unitCode: t.arg.string({ required: true, validate: z.string().max(40) }),
        periods: t.arg.stringList({ required: true, validate: z.array(z.string().max(20)).max(40) }),
      },
      resolve: (indicator, args, ctx) => figuresOf(ctx, { indicatorCode: indicator.code, question: { unitCode: args.unitCode, periodIds: args.periods } }),
    }),
  }),
});

export const IndicatorValueRef = builder.objectRef<IndicatorValue>('IndicatorValue').implement({
  description: 'An indicator for a unit and period: sums over the units below it valid in the period (demo data is marked on the indicator).',
  fields: (t) => ({
    unit: t.field({ type: AdminUnitRef, resolve: (v) => v.unit as never }),
    period: t.exposeString('period'),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    value: t.exposeFloat('value', { nullable: true, description: 'sum(numerators) / sum(denominators) × factor; null when nothing is reported.' }),
    target: t.exposeFloat('target', { nullable: true, description: 'What the straight path from baseline to the 2025 and 2030 targets expects for this period.' }),
    status: t.expose('status', { type: IndicatorStatusEnum }),
    reportedValues: t.exposeInt('reportedValues', { description: 'How many reported values the figure sums.' }),
  }),
});

export const SubmissionRef = builder.prismaNode('Submission', {
  id: { field: 'id' },
  nullable: true,
  description: "An indicator's data for one period, as its agency reports it: DRAFT → SUBMITTED → APPROVED (locked) or RETURNED.",
  authScopes: (submission, ctx) => maySeeSubmission(ctx, submission),
  fields: (t) => ({
    indicator: t.relation('indicator'),
    period: t.exposeString('period'),
    agency: t.relation('agency'),
    state: t.expose('state', { type: SubmissionStateEnum }),
    version: t.exposeInt('version', { description: 'Send it back with a transition, so two people never move it twice.' }),
    returnReason: t.exposeString('returnReason', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    valueCount: t.relationCount('values'),
  }),
});

export const DataValueInputRef = builder.inputType('DataValueInput', {
  fields: (t) => ({
    indicatorCode: t.string({ required: true, validate: z.string().max(40) }),
    unitCode: t.string({ required: true, validate: z.string().max(40) }),
    period: t.string({ required: true, validate: z.string().max(20), description: '2025, 2025S1, 2025Q3 or 202507.' }),
    numerator: t.float({ required: true }),
    denominator: t.float({ required: true }),
    sex: t.string({ validate: z.string().max(10), description: 'SDMX code: _T (total, default), M, F.' }),
    ageBand: t.string({ validate: z.string().max(10), description: 'SDMX code: _T (default), Y_LT1, Y0T4, Y5T9, Y10T14, Y15T17.' }),
  }),
});

export const SubmitDataValuesInput = builder.inputType('SubmitDataValuesInput', {
  fields: (t) => ({
    dryRun: t.boolean({ description: 'Check and report only: nothing is changed.' }),
    values: t.field({ type: [DataValueInputRef], required: true }),
    csv: t.string({ description: 'Values as CSV text, after `values` (header: indicatorCode,unitCode,period,numerator,denominator,sex,ageBand, or SDMX-CSV columns).' }),
  }),
});

const RowErrorRef = builder.objectRef<ImportReport['errors'][number]>('DataValueRowError').implement({
  fields: (t) => ({
    row: t.exposeInt('row', { description: 'The position of the value in the input, from 1.' }),
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

export const SubmitDataValuesPayload = builder.objectRef<ImportReport & { dryRun: boolean }>('SubmitDataValuesPayload').implement({
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun'),
    imported: t.exposeInt('imported', { description: 'New values.' }),
    updated: t.exposeInt('updated', { description: 'Values that changed.' }),
    ignored: t.exposeInt('ignored', { description: 'Values already stored as given.' }),
    errors: t.field({ type: [RowErrorRef], resolve: (p) => p.errors }),
  }),
});

export const SubmissionTransitionInput = builder.inputType('SubmissionTransitionInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [SubmissionRef] }),
    version: t.int({ required: true }),
  }),
});

export const ReturnSubmissionInput = builder.inputType('ReturnSubmissionInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [SubmissionRef] }),
    version: t.int({ required: true }),
    reason: t.string({ required: true, validate: z.string().max(2000) }),
  }),
});
