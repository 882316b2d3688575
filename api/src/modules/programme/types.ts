import type { GraphQLResolveInfo } from 'graphql';
import type { ActivityStatus, AuditLog, FundingSource } from '@treem/db/client';
import { perOperationBatch } from '../../batch.js';
import { builder } from '../../builder.js';
import { today } from '../../calendar.js';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import {
  ACTIVITY_STATUSES, FUNDING_SOURCES, RECORD_KINDS, inspectionSummary, overdueWhere, readableWhere, requireHistoryReader, type RecordKind,
} from './service.js';

export const AgencyKindEnum = builder.enumType('AgencyKind', { values: ['DEPARTMENT', 'DISTRICT_COMMITTEE', 'MASS_ORGANISATION', 'OTHER'] as const });
export const AssignmentRoleEnum = builder.enumType('AssignmentRole', { values: ['LEAD', 'COORDINATE'] as const });

// The programme's types load only the columns a query asks for (the tree is read often).
builder.prismaNode('Programme', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code'),
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn'),
    startYear: t.exposeInt('startYear'),
    endYear: t.exposeInt('endYear'),
    unit: t.relation('unit'),
    leadAgency: t.relation('leadAgency'),
    tasks: t.relation('tasks', { query: { orderBy: { number: 'asc' } } }),
    objectiveGroups: t.relation('objectiveGroups', { query: { orderBy: { number: 'asc' } } }),
    agencies: t.prismaField({
      type: ['Agency'],
      description: 'Every agency with a part in the programme, the leading department first.',
      select: { leadAgencyId: true },
      resolve: async (query, programme, _args, ctx) => {
        const agencies = await ctx.prisma.agency.findMany({
          ...query,
          where: { OR: [{ id: programme.leadAgencyId }, { assignments: { some: { task: { programmeId: programme.id } } } }] },
          orderBy: [{ kind: 'asc' }, { code: 'asc' }],
        });
        const lead = (agency: { id: string }) => (agency.id === programme.leadAgencyId ? 0 : 1);
        return agencies.sort((a, b) => lead(a) - lead(b));
      },
    }),
  }),
});

builder.prismaNode('ObjectiveGroup', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description: 'One of the programme’s groups of specific objectives.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn'),
  }),
});

builder.prismaNode('Task', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description: 'One of the programme’s tasks and solutions, with the agencies that carry it out.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn'),
    leadAgency: t.field({
      type: AgencyRef,
      nullable: true,
      select: (_args, _ctx, nestedSelection) => ({ assignments: { where: { role: 'LEAD' }, select: { agency: nestedSelection() } } }),
      resolve: (task) => task.assignments[0]?.agency ?? null,
    }),
    assignments: t.relation('assignments', { query: { orderBy: { role: 'asc' } } }),
  }),
});

builder.prismaObject('TaskAssignment', {
  fields: (t) => ({
    role: t.expose('role', { type: AssignmentRoleEnum }),
    agency: t.relation('agency'),
  }),
});

const AgencyRef = builder.prismaNode('Agency', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('nameVi', { description: 'The official (Vietnamese) name.' }),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
    kind: t.expose('kind', { type: AgencyKindEnum }),
  }),
});

// ─── the eight tasks at work: records agencies keep (issue 10) ──────────────────────────

export const ActivityStatusEnum = builder.enumType('ActivityStatus', { values: ACTIVITY_STATUSES });
export const FundingSourceEnum = builder.enumType('FundingSource', { values: FUNDING_SOURCES });
export const ReviewStatusEnum = builder.enumType('ReviewStatus', { values: ['OPEN', 'IN_PROGRESS', 'DONE'] as const });
export const FindingSeverityEnum = builder.enumType('FindingSeverity', { values: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const });

const VND_DIGITS = /^\d{1,18}$/;
builder.scalarType('Vnd', {
  description: 'An amount in whole Vietnamese đồng, as a string of digits (JSON numbers lose precision past 2^53). Integers are accepted as input too.',
  serialize: (value) => value.toString(),
  parseValue: (value) => {
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text !== 'string' || !VND_DIGITS.test(text)) throw new AppError('BAD_USER_INPUT', 'AMOUNT');
    return BigInt(text);
  },
});

const restricted = (kind: RecordKind) => ({
  findUnique: (id: string, ctx: Context) => ({ id, AND: [readableWhere(ctx, kind)] }),
});

/** Kinds of record that belong to a unit (the rest hang under one that does). */
const UNIT_KINDS: RecordKind[] = ['Plan', 'Activity', 'LegalReview', 'Campaign', 'Partnership', 'Inspection', 'ServicePoint'];

/**
 * The histories of a list of records in one statement, not one per record: the records of one
 * kind asked for under one field of the response (list indices aside) are read together, with
 * their rows' selections, which are the same for every row of a list, merged.
 */
type HistoryRequest = { kind: RecordKind; path: string; id: string; query: object };
const history = perOperationBatch(async (ctx, requests: readonly HistoryRequest[]) => {
  const groups = new Map<string, HistoryRequest[]>();
  for (const request of requests) {
    const key = `${request.kind} ${request.path}`;
    if (groups.has(key)) groups.get(key)!.push(request);
    else groups.set(key, [request]);
  }
  // By group and record: the same record under two fields (aliases) is read once for each.
  const entriesOf = new Map<string, AuditLog[]>();
  await Promise.all([...groups].map(async ([key, group]) => {
    const query = Object.assign({}, ...group.map((request) => request.query)) as object;
    const ids = group.map((request) => request.id);
    const entries = await ctx.prisma.auditLog.findMany({ ...query, where: { subjectType: group[0]!.kind, subjectId: { in: ids } }, orderBy: { id: 'asc' } });
    for (const id of ids) entriesOf.set(`${key} ${id}`, []);
    for (const entry of entries) entriesOf.get(`${key} ${entry.subjectId}`)!.push(entry);
  }));
  return requests.map((request) => entriesOf.get(`${request.kind} ${request.path} ${request.id}`)!);
});

const pathWithoutIndices = (path: GraphQLResolveInfo['path'] | undefined): string =>
  path ? `${pathWithoutIndices(path.prev)}${typeof path.key === 'number' ? '' : `.${path.key}`}` : '';

/**
 * What every kept record shows the same way: its keeper, unit, demo flag, version, and who
 * changed it, when and how (its rows in the append-only audit log, oldest first).
 */
function recordFields(kind: RecordKind) {
  builder.prismaObjectFields(kind as 'Plan', (t) => ({
    agency: t.relation('agency', { description: 'The agency that keeps this record: only its officers and systems, and programme admins, change it.' }),
    demo: t.exposeBoolean('demo', { description: 'Demo data, not real figures.' }),
    version: t.exposeInt('version', { description: 'Send it back with a change: CONFLICT when someone changed the record since.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    history: t.prismaField({
      type: ['AuditLog'],
      description: 'The change history (append-only audit log), oldest first. Programme admins, agency officers, agency systems with programme:read, and the systems that keep the record.',
      resolve: (query, record, _args, ctx, info) => {
        requireHistoryReader(ctx, record.agencyId);
        return history(ctx, { kind, path: pathWithoutIndices(info.path), id: record.id, query });
      },
    }),
  }));
  if (UNIT_KINDS.includes(kind)) builder.prismaObjectField(kind as 'Plan', 'unit', (t) => t.relation('unit'));
}

export const PlanRef = builder.prismaNode('Plan', {
  id: { field: 'id' },
  nullable: true,
  description: "An agency's yearly plan for a unit (public).",
  fields: (t) => ({
    year: t.exposeInt('year'),
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn', { nullable: true }),
    activities: t.relation('activities', { query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] } }),
  }),
});

export const ActivityRef = builder.prismaNode('Activity', {
  id: { field: 'id' },
  nullable: true,
  description: 'An activity of a plan, for one task (public; its budget lines one by one are not).',
  fields: (t) => ({
    plan: t.relation('plan'),
    task: t.relation('task'),
    objectiveGroup: t.relation('objectiveGroup', { nullable: true }),
    year: t.exposeInt('year'),
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn', { nullable: true }),
    status: t.expose('status', { type: ActivityStatusEnum }),
    startOn: t.expose('startOn', { type: 'Date', nullable: true }),
    endOn: t.expose('endOn', { type: 'Date', nullable: true }),
    outputs: t.exposeString('outputs', { nullable: true, description: 'What the activity produced.' }),
    budget: t.field({
      type: [BudgetBySource],
      description: 'Planned and disbursed by source for this activity (public totals).',
      select: { budgetLines: { select: { source: true, plannedVnd: true, disbursedVnd: true } } },
      // The lines of one activity come with it (a handful); the summaries over many activities sum in PostgreSQL.
      resolve: (activity) => FUNDING_SOURCES.map((source) => {
        const lines = activity.budgetLines.filter((line) => line.source === source);
        return { source, planned: lines.reduce((sum, l) => sum + l.plannedVnd, 0n), disbursed: lines.reduce((sum, l) => sum + l.disbursedVnd, 0n) };
      }),
    }),
    budgetLines: t.relation('budgetLines', {
      description: 'Restricted: programme admins, agency officers, agency systems with programme:read.',
      query: (_args, ctx) => ({ where: readableWhere(ctx, 'BudgetLine'), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    }),
  }),
});

export const BudgetLineRef = builder.prismaNode('BudgetLine', {
  id: { field: 'id' },
  nullable: true,
  ...restricted('BudgetLine'),
  description: 'Money for an activity from one source, in đồng. Restricted (see `Activity.budget` for public totals).',
  fields: (t) => ({
    activity: t.relation('activity'),
    source: t.expose('source', { type: FundingSourceEnum }),
    plannedVnd: t.expose('plannedVnd', { type: 'Vnd' }),
    disbursedVnd: t.expose('disbursedVnd', { type: 'Vnd' }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

export const LegalReviewRef = builder.prismaNode('LegalReview', {
  id: { field: 'id' },
  nullable: true,
  description: 'Task 2: a law or policy reviewed for children (public).',
  fields: (t) => ({
    document: t.exposeString('document'),
    issuingBody: t.exposeString('issuingBody'),
    issuedOn: t.expose('issuedOn', { type: 'Date', nullable: true }),
    reviewedOn: t.expose('reviewedOn', { type: 'Date' }),
    finding: t.exposeString('finding'),
    recommendation: t.exposeString('recommendation', { nullable: true }),
    status: t.expose('status', { type: ReviewStatusEnum, description: 'Of the follow-up to the recommendation.' }),
  }),
});

export const CampaignRef = builder.prismaNode('Campaign', {
  id: { field: 'id' },
  nullable: true,
  description: 'Task 4: a communication campaign (public).',
  fields: (t) => ({
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn', { nullable: true }),
    channel: t.exposeString('channel'),
    audience: t.exposeString('audience'),
    reach: t.exposeInt('reach', { nullable: true, description: 'People reached, as the agency counted them.' }),
    startOn: t.expose('startOn', { type: 'Date' }),
    endOn: t.expose('endOn', { type: 'Date', nullable: true }),
    status: t.expose('status', { type: ActivityStatusEnum }),
  }),
});

export const PartnershipRef = builder.prismaNode('Partnership', {
  id: { field: 'id' },
  nullable: true,
  description: 'Task 6: international cooperation (public).',
  fields: (t) => ({
    partner: t.exposeString('partner'),
    country: t.exposeString('country', { nullable: true, description: 'The partner’s country, or null for an international organisation.' }),
    scope: t.exposeString('scope'),
    committedVnd: t.expose('committedVnd', { type: 'Vnd' }),
    disbursedVnd: t.expose('disbursedVnd', { type: 'Vnd' }),
    startOn: t.expose('startOn', { type: 'Date' }),
    endOn: t.expose('endOn', { type: 'Date', nullable: true }),
    status: t.expose('status', { type: ActivityStatusEnum }),
  }),
});

const isOverdue = (action: { doneOn: Date | null; dueOn: Date }) => action.doneOn === null && action.dueOn < today();

export const InspectionRef = builder.prismaNode('Inspection', {
  id: { field: 'id' },
  nullable: true,
  ...restricted('Inspection'),
  description: 'Task 8: an inspection, its findings and their follow-up. Restricted (public counts: `inspectionSummary`).',
  fields: (t) => ({
    inspectedBody: t.exposeString('inspectedBody'),
    inspectedOn: t.expose('inspectedOn', { type: 'Date' }),
    summary: t.exposeString('summary', { nullable: true }),
    // An inspection has a handful of findings, each a few actions: count them so, not as lists of ten.
    findings: t.relation('findings', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }, complexity: { field: 1, multiplier: 3 } }),
    overdueFollowUps: t.int({
      description: "Follow-up actions not done and due before Vietnam's today.",
      select: () => ({ findings: { select: { followUps: { where: overdueWhere(), select: { id: true } } } } }),
      resolve: (inspection) => inspection.findings.reduce((n, f) => n + f.followUps.length, 0),
    }),
  }),
});

export const InspectionFindingRef = builder.prismaNode('InspectionFinding', {
  id: { field: 'id' },
  nullable: true,
  ...restricted('InspectionFinding'),
  fields: (t) => ({
    inspection: t.relation('inspection'),
    severity: t.expose('severity', { type: FindingSeverityEnum }),
    description: t.exposeString('description'),
    followUps: t.relation('followUps', { query: { orderBy: [{ dueOn: 'asc' }, { id: 'asc' }] }, complexity: { field: 1, multiplier: 3 } }),
  }),
});

export const FollowUpActionRef = builder.prismaNode('FollowUpAction', {
  id: { field: 'id' },
  nullable: true,
  ...restricted('FollowUpAction'),
  fields: (t) => ({
    finding: t.relation('finding'),
    ownerAgency: t.relation('ownerAgency', { description: 'The agency that must carry out the action.' }),
    description: t.exposeString('description'),
    dueOn: t.expose('dueOn', { type: 'Date' }),
    doneOn: t.expose('doneOn', { type: 'Date', nullable: true }),
    overdue: t.boolean({ description: "Not done and due before Vietnam's today.", select: { doneOn: true, dueOn: true }, resolve: isOverdue }),
  }),
});

export const BudgetBySource = builder.objectRef<{ source: FundingSource; planned: bigint; disbursed: bigint }>('BudgetBySource').implement({
  description: 'Planned and disbursed amounts from one funding source, summed by PostgreSQL.',
  fields: (t) => ({
    source: t.expose('source', { type: FundingSourceEnum }),
    planned: t.expose('planned', { type: 'Vnd' }),
    disbursed: t.expose('disbursed', { type: 'Vnd' }),
  }),
});

export const ActivityStatusCount = builder.objectRef<{ status: ActivityStatus; count: number }>('ActivityStatusCount').implement({
  fields: (t) => ({ status: t.expose('status', { type: ActivityStatusEnum }), count: t.exposeInt('count') }),
});

export const InspectionSummaryRef = builder.objectRef<Awaited<ReturnType<typeof inspectionSummary>>>('InspectionSummary').implement({
  description: 'Public counts about inspections: no bodies, no findings’ words.',
  fields: (t) => ({
    inspections: t.exposeInt('inspections'),
    findings: t.field({
      type: [builder.objectRef<{ severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'; count: number }>('FindingSeverityCount').implement({
        fields: (f) => ({ severity: f.expose('severity', { type: FindingSeverityEnum }), count: f.exposeInt('count') }),
      })],
      resolve: (summary) => summary.findings,
    }),
    openFollowUps: t.exposeInt('openFollowUps'),
    overdueFollowUps: t.exposeInt('overdueFollowUps'),
  }),
});

for (const kind of RECORD_KINDS) recordFields(kind);
