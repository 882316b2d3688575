import { today } from '../../calendar.js';
import { z } from 'zod';
import type {
  AdminUnit, CaseStatus, CircumstanceGroup, ConsentGiver, ConsentScope, Db, GuardianRelation, Prisma,
  RegisterAccessAction, ServiceSector, Sex,
} from '@treem/db/client';
import { personalNumberProblem } from '@treem/db/personal-number';
import { AppError } from '../../errors.js';
import type { Actor } from '../audit/service.js';
import {
  mayReviewAccessLog, parsePurpose, recordsInScope, refusalFor, registerScope, seesIdentity,
  type Principal, type Purpose, type RegisterScope,
} from './policy.js';
import { verifyRecords } from './jobs.js';

/** What every register operation receives: who asks (for the policy) and as whom to log it. */
export interface RegisterCall {
  prisma: Db;
  principal: Principal;
  actor: Actor;
}

// ─── the access log ─────────────────────────────────────────────────────────────────────

export interface AccessEntry {
  action: RegisterAccessAction;
  refusal?: string;
  recordIds?: string[];
  resultCount?: number;
  purpose?: Purpose | null;
  filter?: Record<string, string | boolean | number | string[] | null>;
}

type AccessLogWriter = Pick<Prisma.TransactionClient, 'registerAccessLog'>;

export async function logAccess(db: AccessLogWriter, actor: Actor, entry: AccessEntry): Promise<void> {
  await db.registerAccessLog.create({
    data: {
      actorUserId: actor.userId,
      actorApiClientId: actor.apiClientId,
      clientIp: actor.clientIp,
      action: entry.action,
      outcome: entry.refusal ? 'REFUSED' : 'ALLOWED',
      refusal: entry.refusal ?? null,
      recordIds: entry.recordIds ?? [],
      resultCount: entry.resultCount ?? null,
      purposeCode: entry.purpose?.code ?? null,
      purposeNote: entry.purpose?.note ?? null,
      filter: entry.filter ?? undefined,
    },
    select: { id: true },
  });
}

/** Logs the refusal, then throws it: a refused request leaves its trace like an allowed one. */
export async function refuse(call: RegisterCall, entry: Omit<AccessEntry, 'refusal'>, error: AppError): Promise<never> {
  await logAccess(call.prisma, call.actor, { ...entry, refusal: error.code });
  throw error;
}

/** Ids are logged only when they look like ours, so nothing a caller types (a number, a name) lands in the log. */
const RECORD_ID = /^c[a-z0-9]{20,32}$/;
const loggableIds = (...ids: string[]) => ids.filter((id) => RECORD_ID.test(id));

/** The officer's scope and the stated purpose, or a logged refusal. */
export async function admit(call: RegisterCall, action: RegisterAccessAction, purposeText: string, entry: Omit<AccessEntry, 'action'> = {}) {
  const scope = await registerScope({ prisma: call.prisma, principal: call.principal });
  if (!scope) return refuse(call, { action, ...entry }, new AppError(refusalFor(call.principal)));
  const purpose = parsePurpose(purposeText);
  if (!purpose) return refuse(call, { action, ...entry }, new AppError('BAD_USER_INPUT', 'PURPOSE'));
  return { scope, purpose };
}

// ─── what an officer sees ───────────────────────────────────────────────────────────────

export const AGE_BANDS = ['UNDER_6', 'AGE_6_10', 'AGE_11_15', 'AGE_16_17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Completed years on `on` (both dates are calendar days, in UTC). */
export function ageOn(birthDate: Date, on: Date): number {
  const years = on.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday = on.getUTCMonth() < birthDate.getUTCMonth() || (on.getUTCMonth() === birthDate.getUTCMonth() && on.getUTCDate() < birthDate.getUTCDate());
  return beforeBirthday ? years - 1 : years;
}

export function ageBandOf(age: number): AgeBand | null {
  if (age < 0 || age > 17) return null;
  return age < 6 ? 'UNDER_6' : age <= 10 ? 'AGE_6_10' : age <= 15 ? 'AGE_11_15' : 'AGE_16_17';
}

export const recordInclude = {
  unit: true,
  guardians: { orderBy: { createdAt: 'asc' } },
  circumstances: { orderBy: { group: 'asc' } },
  services: { orderBy: [{ receivedOn: 'desc' }, { id: 'asc' }] },
  consents: { orderBy: [{ givenOn: 'desc' }, { id: 'asc' }] },
  registryLink: true,
} satisfies Prisma.ChildRecordInclude;

type LoadedRecord = Prisma.ChildRecordGetPayload<{ include: typeof recordInclude }>;

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/**
 * The only shape a record leaves the service in. Identity fields are filled only where the
 * officer's grant carries the IDENTITY right for the child's unit, and are null otherwise:
 * the resolvers never see what the officer may not.
 */
export function recordView(record: LoadedRecord, scope: RegisterScope, today = new Date()) {
  const identity = seesIdentity(scope, record.unitId);
  const age = ageOn(record.birthDate, today);
  return {
    id: record.id,
    identityVisible: identity,
    personalNumber: identity ? record.personalNumber : null,
    familyName: identity ? record.familyName : null,
    middleName: identity ? record.middleName : null,
    givenName: identity ? record.givenName : null,
    birthDate: identity ? day(record.birthDate) : null,
    sex: record.sex,
    ageBand: ageBandOf(age),
    unit: record.unit as AdminUnit,
    caseStatus: record.caseStatus,
    registeredOn: day(record.registeredOn)!,
    closedOn: day(record.closedOn),
    retentionReview: record.retentionReviewFlaggedAt !== null,
    version: record.version,
    updatedAt: record.updatedAt,
    circumstances: record.circumstances.map((c) => ({ group: c.group, since: day(c.since)! })),
    guardians: record.guardians.map((g) => ({
      id: g.id, relation: g.relation, fullName: identity ? g.fullName : null, phone: identity ? g.phone : null,
    })),
    services: record.services.map((s) => ({
      id: s.id, sector: s.sector, description: s.description, servicePointId: s.servicePointId, receivedOn: day(s.receivedOn)!,
    })),
    consents: record.consents.map((c) => ({
      id: c.id, scope: c.scope, givenBy: c.givenBy, sharedWith: c.sharedWith, givenOn: day(c.givenOn)!, withdrawnOn: day(c.withdrawnOn),
    })),
    registryLink: record.registryLink && {
      status: record.registryLink.status,
      mismatchFields: record.registryLink.mismatchFields,
      lastVerifiedAt: record.registryLink.lastVerifiedAt,
      attempts: record.registryLink.attempts,
      lastProblem: record.registryLink.lastProblem,
    },
  };
}
export type ChildRecordView = ReturnType<typeof recordView>;

// ─── units ──────────────────────────────────────────────────────────────────────────────

/** A unit by code, valid on `on`; null otherwise. */
export function unitByCode(prisma: Db, code: string, on = today()) {
  if (code.length > 32) return Promise.resolve(null);
  return prisma.adminUnit.findFirst({
    where: { code, validFrom: { lte: on }, OR: [{ validTo: null }, { validTo: { gte: on } }] },
  });
}

/** The unit and every unit below it, as the hierarchy stands on `on`. */
export async function unitSubtree(prisma: Db, unitId: string, on = today()): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree(id) AS (
      SELECT ${unitId}::text
      UNION
      SELECT c."id" FROM "AdminUnit" c JOIN tree ON c."parentId" = tree.id
      WHERE c."validFrom" <= ${on}::date AND (c."validTo" IS NULL OR c."validTo" >= ${on}::date)
    )
    SELECT id FROM tree`;
  return rows.map((row) => row.id);
}

// ─── pages ──────────────────────────────────────────────────────────────────────────────

export const MAX_PAGE = 100;

/** Opaque cursors: a prefix and an id, base64url. A cursor is a position, never a permission. */
export function encodeCursor(prefix: string, id: string | bigint): string {
  return Buffer.from(`${prefix}:${id}`).toString('base64url');
}

export function decodeCursor(prefix: string, cursor: string | null | undefined, pattern: RegExp): string | null {
  if (cursor === null || cursor === undefined) return null;
  const decoded = cursor.length <= 200 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const id = decoded.startsWith(`${prefix}:`) ? decoded.slice(prefix.length + 1) : '';
  if (!pattern.test(id)) throw new AppError('BAD_USER_INPUT', 'MALFORMED_ID');
  return id;
}

function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw new AppError('BAD_USER_INPUT', 'PAGE_SIZE', { max: MAX_PAGE });
  return size;
}

// ─── reading records ────────────────────────────────────────────────────────────────────

export interface RecordFilter {
  unitCode?: string | null;
  circumstance?: CircumstanceGroup | null;
  search?: string | null;
}

/**
 * A name search matches every word against family, middle or given name; a 12-digit search
 * matches the personal number exactly. Partial numbers are refused: they would let anyone
 * with the right enumerate numbers digit by digit.
 */
function searchWhere(search: string): Prisma.ChildRecordWhereInput | null {
  const text = search.trim();
  if (/^\d{12}$/.test(text)) return { personalNumber: text };
  if (text.length < 2 || text.length > 100 || /\d{3,}/.test(text)) return null;
  const words = text.split(/\s+/).slice(0, 5);
  return {
    AND: words.map((word) => ({
      OR: [
        { familyName: { contains: word, mode: 'insensitive' as const } },
        { middleName: { contains: word, mode: 'insensitive' as const } },
        { givenName: { contains: word, mode: 'insensitive' as const } },
      ],
    })),
  };
}

/**
 * The filter for a list, search or export, inside the officer's scope. Searching by name or
 * number needs the IDENTITY right and looks only where the officer has it, so a match can
 * never reveal an identity the officer may not see.
 */
export async function scopedWhere(call: RegisterCall, scope: RegisterScope, filter: RecordFilter, entry: AccessEntry): Promise<Prisma.ChildRecordWhereInput> {
  const conditions: Prisma.ChildRecordWhereInput[] = [recordsInScope(scope)];
  if (filter.unitCode) {
    const unit = await unitByCode(call.prisma, filter.unitCode);
    if (!unit) return refuse(call, entry, new AppError('BAD_USER_INPUT', 'UNKNOWN_UNIT'));
    if (!scope.unitIds.includes(unit.id)) return refuse(call, { ...entry, filter: { ...entry.filter, unitCode: unit.code } }, new AppError('FORBIDDEN', 'OUT_OF_SCOPE'));
    entry.filter = { ...entry.filter, unitCode: unit.code };
    conditions.push({ unitId: { in: await unitSubtree(call.prisma, unit.id) } });
  }
  if (filter.circumstance) conditions.push({ circumstances: { some: { group: filter.circumstance } } });
  if (filter.search !== null && filter.search !== undefined) {
    if (scope.identityUnitIds.size === 0) return refuse(call, entry, new AppError('FORBIDDEN', 'IDENTITY'));
    const where = searchWhere(filter.search);
    if (!where) return refuse(call, entry, new AppError('BAD_USER_INPUT', 'SEARCH'));
    conditions.push({ unitId: { in: [...scope.identityUnitIds] } }, where);
  }
  return { AND: conditions };
}

export async function findChildRecords(call: RegisterCall, args: RecordFilter & { purpose: string; first?: number | null; after?: string | null }) {
  const action = args.search !== null && args.search !== undefined ? 'SEARCH' : 'LIST';
  const entry: AccessEntry = { action, filter: { circumstance: args.circumstance ?? null, search: action === 'SEARCH' } };
  const { scope, purpose } = await admit(call, action, args.purpose, entry);
  entry.purpose = purpose;
  let size: number;
  let after: string | null;
  try {
    size = pageSize(args.first);
    after = decodeCursor('child', args.after, RECORD_ID);
  } catch (error) {
    return refuse(call, entry, error as AppError);
  }
  const where = await scopedWhere(call, scope, args, entry);
  // Keyset on the id alone: a cursor is only a position, and reveals nothing about the row it names.
  const [rows, totalCount] = await Promise.all([
    call.prisma.childRecord.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      include: recordInclude,
      orderBy: { id: 'asc' },
      take: size + 1,
    }),
    call.prisma.childRecord.count({ where }),
  ]);
  const page = rows.slice(0, size);
  await logAccess(call.prisma, call.actor, { ...entry, recordIds: page.map((r) => r.id), resultCount: totalCount });
  await logIdentityWithheld(call, entry, scope, page);
  const today = new Date();
  return {
    totalCount,
    edges: page.map((record) => ({ cursor: encodeCursor('child', record.id), node: recordView(record, scope, today) })),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: after !== null,
      startCursor: page[0] ? encodeCursor('child', page[0].id) : null,
      endCursor: page.at(-1) ? encodeCursor('child', page.at(-1)!.id) : null,
    },
  };
}

/**
 * An officer without the identity right gets the cases and is refused the identities: that
 * refusal is logged as its own row, beside the allowed read.
 */
async function logIdentityWithheld(call: RegisterCall, entry: AccessEntry, scope: RegisterScope, records: { id: string; unitId: string }[]) {
  const withheld = records.filter((r) => !seesIdentity(scope, r.unitId)).map((r) => r.id);
  if (withheld.length > 0) {
    await logAccess(call.prisma, call.actor, { ...entry, refusal: 'FORBIDDEN', recordIds: withheld, resultCount: undefined, filter: { ...entry.filter, identity: 'withheld' } });
  }
}

/**
 * One record. A record outside the officer's scope and an id that does not exist answer the
 * same NOT_FOUND, through the same single query, so neither the answer nor its timing tells
 * them apart.
 */
export async function findChildRecord(call: RegisterCall, { id, purpose: purposeText }: { id: string; purpose: string }) {
  const entry: AccessEntry = { action: 'READ', recordIds: loggableIds(id) };
  const { scope, purpose } = await admit(call, 'READ', purposeText, entry);
  const record = await call.prisma.childRecord.findFirst({ where: { AND: [{ id }, recordsInScope(scope)] }, include: recordInclude });
  if (!record) return refuse(call, { ...entry, purpose }, new AppError('NOT_FOUND'));
  await logAccess(call.prisma, call.actor, { ...entry, purpose });
  await logIdentityWithheld(call, { ...entry, purpose }, scope, [record]);
  return recordView(record, scope);
}

// ─── changing records ───────────────────────────────────────────────────────────────────

const name = z.string().trim().min(1).max(80).regex(/^[^\u0000-\u001f<>]+$/);
const isoDate = z.iso.date().transform((value) => new Date(`${value}T00:00:00Z`));

const identityFields = {
  personalNumber: z.string().trim().nullish(),
  familyName: name,
  middleName: name.nullish(),
  givenName: name,
  birthDate: isoDate,
  sex: z.enum(['MALE', 'FEMALE']),
};

const guardianInput = z.object({
  fullName: name,
  relation: z.string() as z.ZodType<GuardianRelation>,
  phone: z.string().trim().regex(/^\+?[0-9 .-]{6,20}$/).nullish(),
});

const createInput = z.object({
  ...identityFields,
  unitCode: z.string().trim().min(1).max(32),
  circumstances: z.array(z.string() as z.ZodType<CircumstanceGroup>).max(14).default([]),
  guardians: z.array(guardianInput).max(6).default([]),
});
export type CreateChildRecordInput = z.input<typeof createInput> & { purpose: string };

const updateInput = z.object({
  id: z.string().max(40),
  version: z.number().int().min(0),
  caseStatus: (z.string() as z.ZodType<CaseStatus>).nullish(),
  unitCode: z.string().trim().min(1).max(32).nullish(),
  circumstances: z.array(z.string() as z.ZodType<CircumstanceGroup>).max(14).nullish(),
  personalNumber: z.string().trim().nullish(),
  familyName: name.nullish(),
  middleName: name.nullish(),
  givenName: name.nullish(),
  birthDate: isoDate.nullish(),
  sex: z.enum(['MALE', 'FEMALE']).nullish(),
});
export type UpdateChildRecordInput = z.input<typeof updateInput> & { purpose: string };

/** Zod's complaint as a field path only: a refusal never repeats what was typed. */
function parsed<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('BAD_USER_INPUT', undefined, { detail: result.error.issues[0]?.path.join('.') || 'input' });
  return result.data;
}

function checkChild({ personalNumber, birthDate, sex }: { personalNumber?: string | null; birthDate: Date; sex: Sex }, today = new Date()) {
  const age = ageOn(birthDate, today);
  if (age < 0 || age > 17) throw new AppError('BAD_USER_INPUT', undefined, { detail: 'birthDate' });
  if (personalNumber && personalNumberProblem(personalNumber, birthDate, sex)) throw new AppError('BAD_USER_INPUT', 'PERSONAL_NUMBER');
}

/** A unit where records may be kept: a ward or commune valid today, inside the officer's scope. */
async function wardInScope(call: RegisterCall, scope: RegisterScope, code: string, needsIdentity: boolean) {
  const unit = await unitByCode(call.prisma, code);
  if (!unit) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_UNIT');
  if (!scope.unitIds.includes(unit.id) || (needsIdentity && !seesIdentity(scope, unit.id))) throw new AppError('FORBIDDEN', 'OUT_OF_SCOPE');
  if (unit.level !== 'WARD') throw new AppError('BAD_USER_INPUT', 'NOT_A_WARD');
  return unit;
}

/** Runs a change; a refusal on the way is logged (with the purpose once known) and rethrown. */
async function change<T>(call: RegisterCall, entry: AccessEntry, purposeText: string, work: (admitted: { scope: RegisterScope; purpose: Purpose }) => Promise<T>): Promise<T> {
  const admitted = await admit(call, entry.action, purposeText, entry);
  try {
    return await work(admitted);
  } catch (error) {
    if (error instanceof AppError) return refuse(call, { ...entry, purpose: admitted.purpose }, error);
    if ((error as { code?: string }).code === 'P2002') return refuse(call, { ...entry, purpose: admitted.purpose }, new AppError('CONFLICT', 'DUPLICATE'));
    throw error;
  }
}

/** Creates a record. The officer types names and numbers, so the IDENTITY right on the ward is needed. */
export function createChildRecord(call: RegisterCall, { purpose, ...raw }: CreateChildRecordInput) {
  const entry: AccessEntry = { action: 'CREATE' };
  return change(call, entry, purpose, async ({ scope, purpose }) => {
    const input = parsed(createInput, raw);
    checkChild(input);
    const unit = await wardInScope(call, scope, input.unitCode, true);
    const today = new Date();
    const created = await call.prisma.$transaction(async (tx) => {
      const record = await tx.childRecord.create({
        data: {
          personalNumber: input.personalNumber || null,
          familyName: input.familyName, middleName: input.middleName ?? null, givenName: input.givenName,
          birthDate: input.birthDate, sex: input.sex, unitId: unit.id,
          circumstances: { create: [...new Set(input.circumstances)].map((group) => ({ group, since: today })) },
          guardians: { create: input.guardians.map((g) => ({ fullName: g.fullName, relation: g.relation, phone: g.phone ?? null })) },
          registryLink: { create: {} },
        },
        include: recordInclude,
      });
      await logAccess(tx, call.actor, { ...entry, purpose, recordIds: [record.id] });
      return record;
    });
    return recordView(created, scope);
  });
}

/**
 * Changes case data (status, circumstances, unit) with the record's version, so two officers
 * never overwrite each other; identity fields need the IDENTITY right. The log names the
 * fields changed, never their values.
 */
export function updateChildRecord(call: RegisterCall, { purpose, ...raw }: UpdateChildRecordInput) {
  const entry: AccessEntry = { action: 'UPDATE', recordIds: loggableIds(String(raw.id ?? '')) };
  return change(call, entry, purpose, async ({ scope, purpose }) => {
    const input = parsed(updateInput, raw);
    const current = await call.prisma.childRecord.findFirst({ where: { AND: [{ id: input.id }, recordsInScope(scope)] } });
    if (!current) throw new AppError('NOT_FOUND');
    const identityChanged = (['personalNumber', 'familyName', 'middleName', 'givenName', 'birthDate', 'sex'] as const).filter((field) => input[field] !== undefined && input[field] !== null);
    if (identityChanged.length > 0 && !seesIdentity(scope, current.unitId)) throw new AppError('FORBIDDEN', 'IDENTITY');
    const unit = input.unitCode ? await wardInScope(call, scope, input.unitCode, identityChanged.length > 0) : null;
    const next = {
      personalNumber: input.personalNumber !== undefined && input.personalNumber !== null ? input.personalNumber || null : current.personalNumber,
      birthDate: input.birthDate ?? current.birthDate,
      sex: input.sex ?? current.sex,
    };
    if (identityChanged.length > 0) checkChild(next);
    const today = new Date();
    const fields = [...identityChanged, ...(input.caseStatus ? ['caseStatus'] : []), ...(unit ? ['unit'] : []), ...(input.circumstances ? ['circumstances'] : [])];

    const updated = await call.prisma.$transaction(async (tx) => {
      const { count } = await tx.childRecord.updateMany({
        where: { id: current.id, version: input.version },
        data: {
          ...next,
          ...(input.familyName ? { familyName: input.familyName } : {}),
          ...(input.middleName !== undefined && input.middleName !== null ? { middleName: input.middleName } : {}),
          ...(input.givenName ? { givenName: input.givenName } : {}),
          ...(unit ? { unitId: unit.id } : {}),
          ...(input.caseStatus ? { caseStatus: input.caseStatus, closedOn: input.caseStatus === 'CLOSED' ? (current.closedOn ?? today) : null } : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0) throw new AppError('CONFLICT');
      if (input.circumstances) {
        const groups = [...new Set(input.circumstances)];
        await tx.circumstance.deleteMany({ where: { childId: current.id, group: { notIn: groups } } });
        await tx.circumstance.createMany({ data: groups.map((group) => ({ childId: current.id, group, since: today })), skipDuplicates: true });
      }
      await logAccess(tx, call.actor, { ...entry, purpose, filter: { fields } });
      return tx.childRecord.findUniqueOrThrow({ where: { id: current.id }, include: recordInclude });
    });
    return recordView(updated, scope);
  });
}

const serviceInput = z.object({
  childId: z.string().max(40),
  sector: z.string() as z.ZodType<ServiceSector>,
  description: z.string().trim().min(3).max(500),
  servicePointId: z.string().trim().max(40).nullish(),
  receivedOn: isoDate,
});
export type AddServiceReceiptInput = z.input<typeof serviceInput> & { purpose: string };

const consentInput = z.object({
  childId: z.string().max(40),
  scope: z.string() as z.ZodType<ConsentScope>,
  givenBy: z.string() as z.ZodType<ConsentGiver>,
  sharedWith: z.string().trim().max(200).nullish(),
  givenOn: isoDate,
});
export type RecordConsentInput = z.input<typeof consentInput> & { purpose: string };

/** Adds a row under a record in scope (a service received, a consent) and returns the record. */
async function addToRecord(call: RegisterCall, childId: string, purposeText: string, write: (tx: Prisma.TransactionClient, childId: string) => Promise<unknown>) {
  const entry: AccessEntry = { action: 'UPDATE', recordIds: loggableIds(childId) };
  return change(call, entry, purposeText, async ({ scope, purpose }) => {
    const record = await call.prisma.childRecord.findFirst({ where: { AND: [{ id: childId }, recordsInScope(scope)] }, select: { id: true } });
    if (!record) throw new AppError('NOT_FOUND');
    const updated = await call.prisma.$transaction(async (tx) => {
      await write(tx, record.id);
      await tx.childRecord.update({ where: { id: record.id }, data: { version: { increment: 1 } } });
      await logAccess(tx, call.actor, { ...entry, purpose });
      return tx.childRecord.findUniqueOrThrow({ where: { id: record.id }, include: recordInclude });
    });
    return recordView(updated, scope);
  });
}

export function addServiceReceipt(call: RegisterCall, { purpose, ...raw }: AddServiceReceiptInput) {
  const input = serviceInput.safeParse(raw);
  return addToRecord(call, String(raw.childId ?? ''), purpose, async (tx, childId) => {
    if (!input.success) throw new AppError('BAD_USER_INPUT', undefined, { detail: input.error.issues[0]?.path.join('.') || 'input' });
    const { sector, description, servicePointId, receivedOn } = input.data;
    // The directory entry must exist (a foreign key too): a mistyped id is bad input, not a fault.
    if (servicePointId && !(await tx.servicePoint.findUnique({ where: { id: servicePointId }, select: { id: true } }))) {
      throw new AppError('BAD_USER_INPUT', 'UNKNOWN_SERVICE_POINT');
    }
    await tx.serviceReceipt.create({ data: { childId, sector, description, servicePointId: servicePointId ?? null, receivedOn, recordedById: call.actor.userId } });
  });
}

export function recordConsent(call: RegisterCall, { purpose, ...raw }: RecordConsentInput) {
  const input = consentInput.safeParse(raw);
  return addToRecord(call, String(raw.childId ?? ''), purpose, async (tx, childId) => {
    if (!input.success) throw new AppError('BAD_USER_INPUT', undefined, { detail: input.error.issues[0]?.path.join('.') || 'input' });
    const { scope, givenBy, sharedWith, givenOn } = input.data;
    await tx.consent.create({ data: { childId, scope, givenBy, sharedWith: sharedWith ?? null, givenOn } });
  });
}

/** Asks for the record to be checked again against the population database (a job does it). */
export function requestRegistryVerification(call: RegisterCall, { childId, purpose }: { childId: string; purpose: string }) {
  const entry: AccessEntry = { action: 'VERIFY', recordIds: loggableIds(childId) };
  return change(call, entry, purpose, async ({ scope, purpose }) => {
    const record = await call.prisma.childRecord.findFirst({ where: { AND: [{ id: childId }, recordsInScope(scope)] }, include: recordInclude });
    if (!record) throw new AppError('NOT_FOUND');
    await call.prisma.$transaction(async (tx) => {
      await verifyRecords.enqueue(tx, { childIds: [record.id] }, { jobKey: `verify-child:${record.id}` });
      await logAccess(tx, call.actor, { ...entry, purpose });
    });
    return recordView(record, scope);
  });
}

// ─── the access log, for its reviewers ──────────────────────────────────────────────────

export async function readAccessLog(call: RegisterCall, { first, after }: { first?: number | null; after?: string | null }) {
  if (!(await mayReviewAccessLog({ prisma: call.prisma, principal: call.principal }))) {
    return refuse(call, { action: 'AUDIT_REVIEW' }, new AppError(refusalFor(call.principal)));
  }
  let size: number;
  let cursor: string | null;
  try {
    size = pageSize(first);
    cursor = decodeCursor('access', after, /^\d{1,19}$/);
  } catch (error) {
    return refuse(call, { action: 'AUDIT_REVIEW' }, error as AppError);
  }
  const rows = await call.prisma.registerAccessLog.findMany({
    where: cursor ? { id: { lt: BigInt(cursor) } } : {},
    include: { actorUser: { select: { displayName: true } } },
    orderBy: { id: 'desc' },
    take: size + 1,
  });
  await logAccess(call.prisma, call.actor, { action: 'AUDIT_REVIEW' });
  const page = rows.slice(0, size);
  return {
    edges: page.map((row) => ({ cursor: encodeCursor('access', row.id), node: row })),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: cursor !== null,
      startCursor: page[0] ? encodeCursor('access', page[0].id) : null,
      endCursor: page.at(-1) ? encodeCursor('access', page.at(-1)!.id) : null,
    },
  };
}
