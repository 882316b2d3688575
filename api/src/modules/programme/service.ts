import type { ActivityStatus, Db, FundingSource, Prisma } from '@treem/db/client';
import { formatDate, today } from '../../calendar.js';
import { AppError } from '../../errors.js';
import { pageQuery, toConnection, type ConnectionArgs } from '../../pagination.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { mayReadHistory, mayReadRestricted, mayWriteFor, writableAgencies, type Principal, type WriteScope } from './policy.js';

/** What every programme operation receives: who asks (for the policy) and as whom to audit it. */
export interface RecordCall {
  prisma: Db;
  principal: Principal;
  actor: Actor;
}

/** The records agencies keep for the eight tasks; each is an AuditLog subject type. */
export const RECORD_KINDS = [
  'Plan', 'Activity', 'BudgetLine', 'LegalReview', 'Campaign', 'Partnership', 'Inspection', 'InspectionFinding', 'FollowUpAction', 'ServicePoint',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const FUNDING_SOURCES: FundingSource[] = ['STATE_BUDGET', 'SOCIAL_MOBILISATION', 'INTERNATIONAL'];
export const ACTIVITY_STATUSES: ActivityStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'];

type AuditedValue = string | number | boolean | null | string[];
/** A record's audited change: the version it now has and the fields as written. */
export interface RecordChange { version: number; fields: Record<string, AuditedValue> }
type RecordAction = `${Uncapitalize<RecordKind>}.${'create' | 'update'}`;

declare module '../audit/service.js' {
  interface AuditActions extends Record<RecordAction, RecordChange> {}
}

// The ten models share the columns this module writes through (id, agencyId, version), so one
// path creates and updates them all, with the same policy, version check and audit row.
interface RecordDelegate {
  create(args: { data: object; select: { id: true } }): Promise<{ id: string }>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  findUnique(args: { where: { id: string }; select: Record<string, true> }): Promise<Record<string, unknown> | null>;
  findMany(args: object): Promise<{ id: string; createdAt: Date }[]>;
  count(args: { where: object }): Promise<number>;
}
const modelName = (kind: RecordKind) => (kind.charAt(0).toLowerCase() + kind.slice(1)) as Uncapitalize<RecordKind>;
const delegate = (db: Db | Prisma.TransactionClient, kind: RecordKind) => (db as unknown as Record<string, RecordDelegate>)[modelName(kind)]!;

/** Audit data is JSON: amounts as digit strings (no float rounding), dates as calendar days. */
function auditable(data: Record<string, unknown>): Record<string, AuditedValue> {
  const out: Record<string, AuditedValue> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'bigint' ? value.toString() : value instanceof Date ? formatDate(value) : (value as AuditedValue);
  }
  return out;
}

/** Anonymous callers must sign in; anyone else who keeps no agency's records is refused. */
function requireWriter(principal: Principal, scope: WriteScope) {
  if (!principal.viewer && !principal.apiClient) throw new AppError('UNAUTHENTICATED');
  const agencies = writableAgencies(principal, scope);
  if (agencies !== 'ALL' && agencies.length === 0) throw new AppError('FORBIDDEN');
  return agencies;
}

/**
 * The agency a new top-level record belongs to: the one named, if the principal keeps its
 * records, or else the principal's only agency. Admins (every agency) must name one.
 */
export async function owningAgency(call: RecordCall, scope: WriteScope, agencyCode: string | null | undefined): Promise<string> {
  const agencies = requireWriter(call.principal, scope);
  if (agencyCode) {
    const agency = await call.prisma.agency.findUnique({ where: { code: agencyCode }, select: { id: true } });
    if (!agency) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_AGENCY', { code: agencyCode.slice(0, 40) });
    if (!mayWriteFor(call.principal, scope, agency.id)) throw new AppError('FORBIDDEN', 'OTHER_AGENCY');
    return agency.id;
  }
  if (agencies !== 'ALL' && agencies.length === 1) return agencies[0]!;
  throw new AppError('BAD_USER_INPUT', 'AGENCY_REQUIRED');
}

/**
 * The owner of a record that hangs under another (an activity under its plan, a finding under its
 * inspection): the parent's agency, which the principal must keep. A parent the principal may not
 * change is refused the same way whether or not it exists, so ids reveal nothing.
 */
export async function parentAgency(call: RecordCall, scope: WriteScope, kind: RecordKind, id: string, select: Record<string, true> = {}) {
  const agencies = requireWriter(call.principal, scope);
  const parent = await delegate(call.prisma, kind).findUnique({ where: { id }, select: { agencyId: true, ...select } });
  if (!parent) throw new AppError(agencies === 'ALL' ? 'NOT_FOUND' : 'FORBIDDEN', agencies === 'ALL' ? undefined : 'OTHER_AGENCY');
  if (!mayWriteFor(call.principal, scope, parent.agencyId as string)) throw new AppError('FORBIDDEN', 'OTHER_AGENCY');
  return parent as { agencyId: string } & Record<string, unknown>;
}

/** A unit by code that existed at some time in `year` (records of 2021–2024 name the old map's units). */
export async function unitInYear(prisma: Db, code: string, year: number): Promise<string> {
  const unit = await prisma.adminUnit.findFirst({
    where: { code, validFrom: { lte: new Date(Date.UTC(year, 11, 31)) }, OR: [{ validTo: null }, { validTo: { gte: new Date(Date.UTC(year, 0, 1)) } }] },
    select: { id: true },
  });
  if (!unit) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_UNIT');
  return unit.id;
}

/** A period must not end before it starts. */
export function checkPeriod(startOn: Date | null | undefined, endOn: Date | null | undefined) {
  if (startOn && endOn && endOn < startOn) throw new AppError('BAD_USER_INPUT', 'DATE_ORDER');
}

/** The fields given: GraphQL's null for an optional input field means "not given" here, as undefined does. */
const given = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined && value !== null));

/** Creates a record for `agencyId` (already checked) and its audit row, in one transaction. */
export async function createRecord(call: RecordCall, { kind, agencyId, data: input }: { kind: RecordKind; agencyId: string; data: Record<string, unknown> }): Promise<string> {
  const data = given(input);
  return call.prisma.$transaction(async (tx) => {
    const { id } = await delegate(tx, kind).create({ data: { ...data, agencyId }, select: { id: true } });
    await recordAudit(tx, { actor: call.actor, action: `${modelName(kind)}.create`, subject: { type: kind, id }, data: { version: 1, fields: auditable({ agencyId, ...data }) } });
    return id;
  });
}

/**
 * Changes a record the principal keeps, if nobody changed it since `version`; the version
 * check and the change are one statement, so two officers saving at once never both win.
 * `check` sees the record as it would be after the change (e.g. a period's two ends).
 */
export async function updateRecord(
  call: RecordCall,
  { kind, scope, id, version, data, check }: {
    kind: RecordKind; scope: WriteScope; id: string; version: number; data: Record<string, unknown>;
    check?: { fields: string[]; run: (merged: Record<string, unknown>) => void };
  },
): Promise<void> {
  const agencies = requireWriter(call.principal, scope);
  const changes = given(data);
  await call.prisma.$transaction(async (tx) => {
    const records = delegate(tx, kind);
    if (check) {
      const current = await records.findUnique({ where: { id }, select: Object.fromEntries(check.fields.map((field) => [field, true])) as Record<string, true> });
      if (current) check.run({ ...current, ...changes });
    }
    const owned = agencies === 'ALL' ? {} : { agencyId: { in: agencies } };
    const { count } = await records.updateMany({ where: { id, version, ...owned }, data: { ...changes, version: { increment: 1 } } });
    if (count === 0) {
      const current = await records.findUnique({ where: { id }, select: { agencyId: true, version: true } });
      // Outsiders learn nothing about ids they cannot change: FORBIDDEN for a missing one too.
      if (!current || !mayWriteFor(call.principal, scope, current.agencyId as string)) {
        throw new AppError(agencies === 'ALL' ? 'NOT_FOUND' : 'FORBIDDEN', agencies === 'ALL' ? undefined : 'OTHER_AGENCY');
      }
      throw new AppError('CONFLICT', undefined, { version: current.version as number }, ['version']);
    }
    await recordAudit(tx, { actor: call.actor, action: `${modelName(kind)}.update`, subject: { type: kind, id }, data: { version: version + 1, fields: auditable(changes) } });
  });
}

// ─── reading ────────────────────────────────────────────────────────────────────────────

/** Refuses restricted records (budget lines, inspections) to the public, children and systems without programme:read. */
export function requireRestrictedReader(principal: Principal) {
  if (mayReadRestricted(principal)) return;
  throw new AppError(principal.viewer || principal.apiClient ? 'FORBIDDEN' : 'UNAUTHENTICATED');
}

/** Refuses a record's change history to callers who neither read restricted records nor keep this one. */
export function requireHistoryReader(principal: Principal, agencyId: string) {
  if (mayReadHistory(principal, agencyId)) return;
  throw new AppError(principal.viewer || principal.apiClient ? 'FORBIDDEN' : 'UNAUTHENTICATED');
}

/** A Prisma filter, only for the records the caller may read. */
export function readableWhere(principal: Principal, kind: RecordKind): object {
  const restricted = kind === 'BudgetLine' || kind === 'Inspection' || kind === 'InspectionFinding' || kind === 'FollowUpAction';
  return restricted && !mayReadRestricted(principal) ? { id: { in: [] } } : {};
}

type RecordQuery = Record<string, unknown>;

/** One newest-first page of records matching `where`, and their count (counted by PostgreSQL, when asked). */
export async function findRecordPage({ prisma, kind, where, args, query }: { prisma: Db; kind: RecordKind; where: object; args: ConnectionArgs; query: RecordQuery }) {
  const page = pageQuery(args);
  const records = delegate(prisma, kind);
  const rows = await records.findMany({ ...query, where: { AND: [where, page.where] }, orderBy: page.orderBy, take: page.take });
  return { ...toConnection(rows, page), totalCount: () => records.count({ where }) };
}

export interface RecordFilter {
  agencyCode?: string | null;
  unitCode?: string | null;
  year?: number | null;
}

const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1));

/** The unit itself, or a unit directly under it (a district's wards, the city's wards). */
export const inUnit = (unitCode: string | null | undefined) => (unitCode ? { unit: { OR: [{ code: unitCode }, { parent: { code: unitCode } }] } } : {});
export const ofAgency = (agencyCode: string | null | undefined) => (agencyCode ? { agency: { code: agencyCode } } : {});
/** A dated record (a review, an inspection) in the year. */
export const dayInYear = (field: string, year: number | null | undefined) => (year ? { [field]: { gte: yearStart(year), lt: yearStart(year + 1) } } : {});
/** A period (a campaign, a partnership) that overlaps the year; an open end runs on. */
export const periodInYear = (year: number | null | undefined) =>
  year ? { startOn: { lt: yearStart(year + 1) }, OR: [{ endOn: null }, { endOn: { gte: yearStart(year) } }] } : {};

export function activityWhere({ taskId, status, agencyCode, unitCode, year }: RecordFilter & { taskId?: string; status?: ActivityStatus | null }): Prisma.ActivityWhereInput {
  return { ...(taskId ? { taskId } : {}), ...(status ? { status } : {}), ...(year ? { year } : {}), ...ofAgency(agencyCode), ...inUnit(unitCode) };
}

/** Unfinished follow-ups due before Vietnam's today. */
export const overdueWhere = (): Prisma.FollowUpActionWhereInput => ({ doneOn: null, dueOn: { lt: today() } });

// ─── summaries (PostgreSQL sums and counts; Node only fills in the sources with no lines) ───

export async function budgetSummary({ prisma, taskId, year, unitCode }: { prisma: Db; taskId: string; year?: number | null; unitCode?: string | null }) {
  const rows = await prisma.budgetLine.groupBy({
    by: ['source'],
    where: { activity: activityWhere({ taskId, year, unitCode }) },
    _sum: { plannedVnd: true, disbursedVnd: true },
  });
  return FUNDING_SOURCES.map((source) => {
    const row = rows.find((r) => r.source === source);
    return { source, planned: row?._sum.plannedVnd ?? 0n, disbursed: row?._sum.disbursedVnd ?? 0n };
  });
}

export async function activitySummary({ prisma, taskId, year, unitCode }: { prisma: Db; taskId: string; year?: number | null; unitCode?: string | null }) {
  const rows = await prisma.activity.groupBy({ by: ['status'], where: activityWhere({ taskId, year, unitCode }), _count: { _all: true } });
  return ACTIVITY_STATUSES.map((status) => ({ status, count: rows.find((r) => r.status === status)?._count._all ?? 0 }));
}

/** Public counts about inspections (no bodies, no findings' words): how many, how severe, what is late. */
export async function inspectionSummary({ prisma, year, unitCode, agencyCode }: { prisma: Db } & RecordFilter) {
  const inspection = { ...dayInYear('inspectedOn', year), ...inUnit(unitCode), ...ofAgency(agencyCode) };
  const [inspections, bySeverity, open, overdue] = await Promise.all([
    prisma.inspection.count({ where: inspection }),
    prisma.inspectionFinding.groupBy({ by: ['severity'], where: { inspection }, _count: { _all: true } }),
    prisma.followUpAction.count({ where: { doneOn: null, finding: { inspection } } }),
    prisma.followUpAction.count({ where: { ...overdueWhere(), finding: { inspection } } }),
  ]);
  const severities = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
  return {
    inspections,
    findings: severities.map((severity) => ({ severity, count: bySeverity.find((r) => r.severity === severity)?._count._all ?? 0 })),
    openFollowUps: open,
    overdueFollowUps: overdue,
  };
}
