import type { Db, Prisma, SubmissionState } from '@treem/db/client';
import type { TFunction } from 'i18next';
import { AppError } from '../../errors.js';
import { recordAudits, type Actor } from '../audit/service.js';
import { validOn } from '../geo/policy.js';
import { parsePeriod, type Period } from '@treem/db/period';
import { pathValue, progressStatus, type IndicatorStatus } from './progress.js';
import { rollup, TOTAL } from './rollup.js';
import { parseDataFile } from './data-file.js';
import { AGE_BANDS, SEX_CODES, mayApprove, mayReadUnapproved, mayReport, reporterFor, type Caller, type Reporter } from './policy.js';

declare module '../audit/service.js' {
  interface AuditActions {
    'dataValue.create': DataValueChange;
    'dataValue.update': DataValueChange;
    'submission.submit': { indicator: string; period: string; version: number };
    'submission.approve': { indicator: string; period: string; version: number };
    'submission.return': { indicator: string; period: string; version: number; reason: string };
  }
}

interface Figures { numerator: number; denominator: number }
interface DataValueChange {
  indicator: string;
  unit: string;
  period: string;
  sex: string;
  ageBand: string;
  old: Figures | null;
  new: Figures;
}

export type Breakdown = 'NONE' | 'CHILD_UNITS';

const unitSelect = { id: true, code: true, nameVi: true, nameEn: true, level: true, parentId: true, validFrom: true, validTo: true } as const;
type UnitRow = Prisma.AdminUnitGetPayload<{ select: typeof unitSelect }>;

export interface IndicatorValue {
  unit: UnitRow;
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** What the straight path from baseline to target expects for the period. */
  target: number | null;
  status: IndicatorStatus;
  /** How many reported values the figure sums. */
  reportedValues: number;
}

export function periodOrRefuse(id: string): Period {
  const period = parsePeriod(id);
  if (!period) throw new AppError('BAD_USER_INPUT', 'PERIOD', { value: id.slice(0, 20) }, ['value']);
  return period;
}

const unknownIndicator = (code: string) => new AppError('NOT_FOUND', 'INDICATOR', { code: code.slice(0, 40) });

/**
 * One roll-up statement for the (unit, period) pairs, for each indicator named, which also
 * finds the indicators by their codes: the figures, target and status of each, per code (an
 * unknown code's answer is its refusal, so one does not fail the others of a batch).
 */
async function figures({ prisma, caller, indicatorCodes, pairs, sex = TOTAL, ageBand = TOTAL }: {
  prisma: Db; caller: Caller; indicatorCodes: string[]; pairs: { unit: UnitRow; period: Period }[]; sex?: string; ageBand?: string;
}): Promise<(IndicatorValue[] | AppError)[]> {
  const found = await rollup({
    prisma, indicatorCodes,
    requests: pairs.map(({ unit, period }) => ({ unitId: unit.id, period })),
    approvedOnly: !mayReadUnapproved(caller), sex, ageBand,
  });
  return found.map((answer, k) => {
    if (!answer) return unknownIndicator(indicatorCodes[k]!);
    const { indicator, rows } = answer;
    return pairs.map(({ unit, period }, i) => {
      const row = rows[i]!;
      const value = row.denominator ? (row.numerator! / row.denominator) * indicator.factor : null;
      return {
        unit, period: period.id, numerator: row.numerator, denominator: row.denominator, value,
        target: row.plan ? pathValue(row.plan, period.position) : null,
        status: progressStatus({ value, plan: row.plan, position: period.position, direction: indicator.direction }),
        reportedValues: row.values,
      };
    });
  });
}

function disaggregation({ sex, ageBand }: { sex?: string | null; ageBand?: string | null }) {
  const s = sex ?? TOTAL;
  const a = ageBand ?? TOTAL;
  if (!(SEX_CODES as readonly string[]).includes(s)) throw new AppError('BAD_USER_INPUT', 'SEX', { value: s.slice(0, 20), codes: SEX_CODES.join(', ') }, ['value']);
  if (!(AGE_BANDS as readonly string[]).includes(a)) throw new AppError('BAD_USER_INPUT', 'AGE_BAND', { value: a.slice(0, 20), codes: AGE_BANDS.join(', ') }, ['value']);
  return { sex: s, ageBand: a };
}

export const MAX_SERIES = 40;

/**
 * What is asked of an indicator: a unit (NONE) or each unit one level below it (CHILD_UNITS)
 * in one period, or a unit's series over several periods (for charts, at most MAX_SERIES).
 * The units below are those of the map valid on `at`, by default the period's last day, so
 * 2023 breaks down by the 2023 districts and 2026 by today's wards; with `at` set to today,
 * 2023 breaks down by today's wards, each continuing its predecessors' series.
 */
export type Question =
  | { unitCode: string; periodId: string; breakdown: Breakdown; at?: Date | null; sex?: string | null; ageBand?: string | null }
  | { unitCode: string; periodIds: string[] };

/**
 * The answer to a question for each indicator named, in one statement after the one that finds
 * the units; bad input (a period, a disaggregation, an unknown unit) refuses the whole question.
 */
async function answers({ prisma, caller, indicatorCodes, question }: { prisma: Db; caller: Caller; indicatorCodes: string[]; question: Question }) {
  if ('periodIds' in question) {
    if (question.periodIds.length > MAX_SERIES) throw new AppError('BAD_USER_INPUT', 'TOO_MANY_VALUES', { max: MAX_SERIES });
    const periods = question.periodIds.map(periodOrRefuse);
    const unit = await unitByCode({ prisma, caller, indicatorCodes, unitCode: question.unitCode });
    return figures({ prisma, caller, indicatorCodes, pairs: periods.map((period) => ({ unit, period })) });
  }
  const { unitCode, breakdown, at } = question;
  const period = periodOrRefuse(question.periodId);
  const groups = disaggregation(question);
  let units: UnitRow[];
  if (breakdown === 'NONE') {
    units = [await unitByCode({ prisma, caller, indicatorCodes, unitCode })];
  } else {
    // The unit and the units below it in one statement (a join), not one after the other.
    const unit = await prisma.adminUnit.findUnique({
      where: { code: unitCode },
      select: { id: true, children: { where: validOn(at ?? period.end), select: unitSelect, orderBy: { code: 'asc' } } },
    });
    if (!unit) throw await unknownUnit({ prisma, caller, indicatorCodes, unitCode });
    units = unit.children;
  }
  return figures({ prisma, caller, indicatorCodes, pairs: units.map((u) => ({ unit: u, period })), ...groups });
}

async function unitByCode({ prisma, caller, indicatorCodes, unitCode }: { prisma: Db; caller: Caller; indicatorCodes: string[]; unitCode: string }) {
  const unit = await prisma.adminUnit.findUnique({ where: { code: unitCode }, select: unitSelect });
  if (!unit) throw await unknownUnit({ prisma, caller, indicatorCodes, unitCode });
  return unit;
}

/**
 * The refusal for a unit that does not exist; but an unknown indicator is the first thing
 * wrong, so it is looked for first (the roll-up with no units only finds the indicators). Only
 * a request that fails pays for that statement.
 */
async function unknownUnit({ prisma, caller, indicatorCodes, unitCode }: { prisma: Db; caller: Caller; indicatorCodes: string[]; unitCode: string }) {
  const unknown = (await figures({ prisma, caller, indicatorCodes, pairs: [] })).find((answer) => answer instanceof AppError);
  return unknown ?? new AppError('NOT_FOUND', 'UNIT', { code: unitCode.slice(0, 40) });
}

/** One indicator's answer to a question (indicatorValues, indicatorSeries). */
export async function indicatorFigures({ indicatorCode, ...args }: { prisma: Db; caller: Caller; indicatorCode: string; question: Question }): Promise<IndicatorValue[]> {
  const [values] = await answers({ ...args, indicatorCodes: [indicatorCode] });
  if (values instanceof AppError) throw values;
  return values!;
}

/**
 * The same questions asked of several indicators (Indicator.values and .series on a list's
 * rows): each distinct question is answered for all the indicators asking it at once, so a
 * dashboard of fifty indicators is two statements per question, not two per indicator.
 */
export async function figuresOfIndicators({ prisma, caller, requests }: { prisma: Db; caller: Caller; requests: readonly { indicatorCode: string; question: Question }[] }): Promise<(IndicatorValue[] | Error)[]> {
  const groups = new Map<string, { question: Question; codes: Set<string> }>();
  const keys = requests.map(({ indicatorCode, question }) => {
    const key = JSON.stringify(question);
    if (!groups.has(key)) groups.set(key, { question, codes: new Set() });
    groups.get(key)!.codes.add(indicatorCode);
    return key;
  });
  const results = new Map<string, Map<string, IndicatorValue[] | Error>>();
  await Promise.all([...groups].map(async ([key, { question, codes }]) => {
    const indicatorCodes = [...codes];
    const byCode = new Map<string, IndicatorValue[] | Error>();
    results.set(key, byCode);
    try {
      const found = await answers({ prisma, caller, indicatorCodes, question });
      indicatorCodes.forEach((code, k) => byCode.set(code, found[k]!));
    } catch (error) {
      for (const code of indicatorCodes) byCode.set(code, error as Error);
    }
  }));
  return requests.map(({ indicatorCode }, i) => results.get(keys[i]!)!.get(indicatorCode)!);
}

// ─── reporting ───────────────────────────────────────────────────────────────────────────

export interface DataValueInput {
  indicatorCode: string;
  unitCode: string;
  period: string;
  numerator: number;
  denominator: number;
  sex?: string | null;
  ageBand?: string | null;
}

export const ROW_ERRORS = [
  'UNKNOWN_INDICATOR', 'UNKNOWN_UNIT', 'BAD_PERIOD', 'BAD_SEX', 'BAD_AGE_BAND', 'BAD_NUMBER', 'NUMERATOR_ABOVE_DENOMINATOR',
  'NOT_A_WARD', 'UNIT_NOT_IN_PERIOD', 'NOT_YOUR_INDICATOR', 'LOCKED', 'DUPLICATE',
] as const;
export type RowErrorCode = (typeof ROW_ERRORS)[number];

export interface ImportReport {
  imported: number;
  updated: number;
  ignored: number;
  errors: { row: number; code: RowErrorCode; message: string }[];
}

/** The largest batch one call takes; `pnpm data import` sends bigger files in batches. */
export const MAX_VALUES_PER_CALL = 5000;

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports reported values: one path for a real run and a dry run. Everything happens in one
 * transaction — check each row, write new and changed values with their audit rows — and a dry
 * run rolls that transaction back, so its report is exactly what the real run would have done
 * at that moment and nothing of it stays. Values of a submission that is SUBMITTED (under
 * review) or APPROVED are locked: rows for them are refused with LOCKED. Big files go in
 * batches (`onProgress` after each), still in the one transaction.
 */
export async function importDataValues({ prisma, reporter, actor, t, rows, dryRun, batchSize = MAX_VALUES_PER_CALL, onProgress }: {
  prisma: Db; reporter: Reporter; actor: Actor; t: TFunction; rows: DataValueInput[]; dryRun: boolean; batchSize?: number; onProgress?: (done: number) => void;
}): Promise<ImportReport> {
  try {
    return await prisma.$transaction(async (tx) => {
      const report: ImportReport = { imported: 0, updated: 0, ignored: 0, errors: [] };
      for (let offset = 0; offset < rows.length; offset += batchSize) {
        const batch = await writeValues({ tx, reporter, actor, t, rows: rows.slice(offset, offset + batchSize) });
        report.imported += batch.imported;
        report.updated += batch.updated;
        report.ignored += batch.ignored;
        report.errors.push(...batch.errors.map((e) => ({ ...e, row: e.row + offset })));
        onProgress?.(Math.min(rows.length, offset + batchSize));
      }
      if (dryRun) throw new DryRunRollback(report);
      return report;
    }, { timeout: 600_000, maxWait: 10_000 });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

type Tx = Prisma.TransactionClient;

async function writeValues({ tx, reporter, actor, t, rows }: { tx: Tx; reporter: Reporter; actor: Actor; t: TFunction; rows: DataValueInput[] }): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, updated: 0, ignored: 0, errors: [] };
  const refuse = (index: number, code: RowErrorCode, params: Record<string, string | number> = {}) => {
    report.errors.push({ row: index + 1, code, message: t(`dataImport.${code}`, params) });
  };

  const [indicators, units] = await Promise.all([
    tx.indicator.findMany({ where: { code: { in: [...new Set(rows.map((r) => r.indicatorCode))] } }, select: { id: true, code: true, factor: true, agencyId: true } }),
    tx.adminUnit.findMany({ where: { code: { in: [...new Set(rows.map((r) => r.unitCode))] } }, select: { id: true, code: true, level: true, validFrom: true, validTo: true } }),
  ]);
  const indicatorByCode = new Map(indicators.map((i) => [i.code, i]));
  const unitByCode = new Map(units.map((u) => [u.code, u]));

  interface Accepted { index: number; indicator: (typeof indicators)[number]; unit: (typeof units)[number]; period: Period; sex: string; ageBand: string; numerator: number; denominator: number }
  const accepted: Accepted[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const indicator = indicatorByCode.get(row.indicatorCode);
    if (!indicator) return refuse(index, 'UNKNOWN_INDICATOR', { code: String(row.indicatorCode).slice(0, 40) });
    const unit = unitByCode.get(row.unitCode);
    if (!unit) return refuse(index, 'UNKNOWN_UNIT', { code: String(row.unitCode).slice(0, 40) });
    const period = parsePeriod(row.period);
    if (!period) return refuse(index, 'BAD_PERIOD', { value: String(row.period).slice(0, 20) });
    const sex = row.sex ?? TOTAL;
    if (!(SEX_CODES as readonly string[]).includes(sex)) return refuse(index, 'BAD_SEX', { value: sex.slice(0, 20), codes: SEX_CODES.join(', ') });
    const ageBand = row.ageBand ?? TOTAL;
    if (!(AGE_BANDS as readonly string[]).includes(ageBand)) return refuse(index, 'BAD_AGE_BAND', { value: ageBand.slice(0, 20), codes: AGE_BANDS.join(', ') });
    const { numerator, denominator } = row;
    if (![numerator, denominator].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1e12) || denominator === 0) return refuse(index, 'BAD_NUMBER');
    // A percentage counts part of a whole: more children in the numerator than in the denominator is a typing error.
    if (indicator.factor === 100 && numerator > denominator) return refuse(index, 'NUMERATOR_ABOVE_DENOMINATOR');
    if (!mayReport(reporter, indicator)) return refuse(index, 'NOT_YOUR_INDICATOR', { code: indicator.code });
    // Values are reported where they happen, by wards and communes; parents are roll-ups.
    if (unit.level !== 'WARD') return refuse(index, 'NOT_A_WARD', { code: unit.code });
    // A period is reported by the units of the map on its last day (a 2025 yearly figure by the new wards).
    if (unit.validFrom > period.end || (unit.validTo && unit.validTo < period.end)) return refuse(index, 'UNIT_NOT_IN_PERIOD', { code: unit.code, period: period.id });
    const key = `${indicator.id}|${unit.id}|${period.id}|${sex}|${ageBand}`;
    if (seen.has(key)) return refuse(index, 'DUPLICATE');
    seen.add(key);
    accepted.push({ index, indicator, unit, period, sex, ageBand, numerator, denominator });
  });

  // One submission per indicator × period; created on first data, locked against concurrent
  // review (FOR UPDATE) until this transaction ends.
  const pairs = [...new Map(accepted.map((a) => [`${a.indicator.id}|${a.period.id}`, a])).values()];
  if (pairs.length > 0) {
    await tx.submission.createMany({
      data: pairs.map((a) => ({ indicatorId: a.indicator.id, period: a.period.id, agencyId: a.indicator.agencyId })),
      skipDuplicates: true,
    });
  }
  const submissions = pairs.length === 0 ? [] : await tx.$queryRaw<{ id: string; indicatorId: string; period: string; state: SubmissionState }[]>`
    SELECT "id", "indicatorId", "period", "state" FROM "Submission"
    WHERE ("indicatorId", "period") IN (SELECT * FROM unnest(${pairs.map((a) => a.indicator.id)}::text[], ${pairs.map((a) => a.period.id)}::text[]))
    FOR UPDATE`;
  const submissionOf = new Map(submissions.map((s) => [`${s.indicatorId}|${s.period}`, s]));
  const open = accepted.filter((a) => {
    const submission = submissionOf.get(`${a.indicator.id}|${a.period.id}`)!;
    if (submission.state === 'DRAFT' || submission.state === 'RETURNED') return true;
    refuse(a.index, 'LOCKED', { state: t(`dataImport.states.${submission.state}`) });
    return false;
  });

  const existing = open.length === 0 ? [] : await tx.dataValue.findMany({
    where: {
      indicatorId: { in: [...new Set(open.map((a) => a.indicator.id))] },
      unitId: { in: [...new Set(open.map((a) => a.unit.id))] },
      period: { in: [...new Set(open.map((a) => a.period.id))] },
    },
    select: { id: true, indicatorId: true, unitId: true, period: true, sex: true, ageBand: true, numerator: true, denominator: true },
  });
  const existingByKey = new Map(existing.map((v) => [`${v.indicatorId}|${v.unitId}|${v.period}|${v.sex}|${v.ageBand}`, v]));

  const creates: Accepted[] = [];
  const updates: { row: Accepted; id: string; old: Figures }[] = [];
  for (const a of open) {
    const old = existingByKey.get(`${a.indicator.id}|${a.unit.id}|${a.period.id}|${a.sex}|${a.ageBand}`);
    if (!old) creates.push(a);
    else if (old.numerator === a.numerator && old.denominator === a.denominator) report.ignored++;
    else updates.push({ row: a, id: old.id, old: { numerator: old.numerator, denominator: old.denominator } });
  }

  const created = creates.length === 0 ? [] : await tx.dataValue.createManyAndReturn({
    data: creates.map((a) => ({
      indicatorId: a.indicator.id, unitId: a.unit.id, period: a.period.id, periodStart: a.period.start, periodEnd: a.period.end,
      sex: a.sex, ageBand: a.ageBand, numerator: a.numerator, denominator: a.denominator,
      submissionId: submissionOf.get(`${a.indicator.id}|${a.period.id}`)!.id,
    })),
    select: { id: true },
  });
  if (updates.length > 0) {
    await tx.$executeRaw`
      UPDATE "DataValue" v SET "numerator" = u.numerator, "denominator" = u.denominator, "updatedAt" = now()
      FROM unnest(${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.row.numerator)}::float8[], ${updates.map((u) => u.row.denominator)}::float8[]) AS u(id, numerator, denominator)
      WHERE v."id" = u.id`;
  }
  const change = (a: Accepted, old: Figures | null): DataValueChange => ({
    indicator: a.indicator.code, unit: a.unit.code, period: a.period.id, sex: a.sex, ageBand: a.ageBand,
    old, new: { numerator: a.numerator, denominator: a.denominator },
  });
  await recordAudits(tx, [
    ...creates.map((a, i) => ({ actor, action: 'dataValue.create' as const, subject: { type: 'DataValue', id: created[i]!.id }, data: change(a, null) })),
    ...updates.map((u) => ({ actor, action: 'dataValue.update' as const, subject: { type: 'DataValue', id: u.id }, data: change(u.row, u.old) })),
  ]);
  report.imported = creates.length;
  report.updated = updates.length;
  report.errors.sort((a, b) => a.row - b.row);
  return report;
}

/** `submitDataValues`: values given one by one, or as the text of a CSV file (see data-file.ts). */
export function submitDataValues({ prisma, caller, actor, t, rows, csv, dryRun }: { prisma: Db; caller: Caller; actor: Actor; t: TFunction; rows: DataValueInput[]; csv?: string | null; dryRun: boolean }) {
  const reporter = reporterFor(caller);
  const all = csv ? [...rows, ...parseDataFile(csv, 'csv')] : rows;
  if (all.length > MAX_VALUES_PER_CALL) throw new AppError('BAD_USER_INPUT', 'TOO_MANY_VALUES', { max: MAX_VALUES_PER_CALL });
  return importDataValues({ prisma, reporter, actor, t, rows: all, dryRun });
}

// ─── approval ────────────────────────────────────────────────────────────────────────────

export type SubmissionAction = 'submit' | 'approve' | 'return';

/** The workflow as data: from which states each action moves, and to which. */
const TRANSITIONS: Record<SubmissionAction, { from: SubmissionState[]; to: SubmissionState }> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  approve: { from: ['SUBMITTED'], to: 'APPROVED' },
  return: { from: ['SUBMITTED'], to: 'RETURNED' },
};

/**
 * Moves a submission on, checking the version the caller saw (optimistic, in the UPDATE's own
 * WHERE): a double click or two admins never move it twice. Submitting is for the reporting
 * agency (or an admin); approving and returning are for programme admins.
 */
export async function moveSubmission({ prisma, caller, actor, id, version, action, reason, query = {} }: {
  prisma: Db; caller: Caller; actor: Actor; id: string; version: number; action: SubmissionAction; reason?: string | null; query?: { include?: object; select?: object };
}) {
  const submission = await prisma.submission.findUnique({ where: { id }, select: { id: true, agencyId: true, period: true, state: true, indicator: { select: { code: true } } } });
  if (action === 'submit') {
    const reporter = reporterFor(caller);
    if (!submission) throw new AppError('NOT_FOUND');
    if (!mayReport(reporter, submission)) throw new AppError('FORBIDDEN');
  } else {
    if (!caller.viewer && !caller.apiClient) throw new AppError('UNAUTHENTICATED');
    if (!mayApprove(caller)) throw new AppError('FORBIDDEN');
    if (!submission) throw new AppError('NOT_FOUND');
  }
  const trimmed = reason?.trim() ?? '';
  if (action === 'return' && trimmed.length < 3) throw new AppError('BAD_USER_INPUT', 'RETURN_REASON');
  const { from, to } = TRANSITIONS[action];
  return prisma.$transaction(async (tx) => {
    const decided = action === 'submit' ? {} : { decidedById: caller.viewer!.id, decidedAt: new Date() };
    const { count } = await tx.submission.updateMany({
      where: { id, version, state: { in: from } },
      data: { state: to, version: { increment: 1 }, returnReason: action === 'return' ? trimmed : null, ...decided },
    });
    if (count === 0) throw new AppError('CONFLICT');
    const base = { indicator: submission.indicator.code, period: submission.period, version: version + 1 };
    const subject = { type: 'Submission', id };
    if (action === 'return') await recordAudits(tx, [{ actor, action: 'submission.return', subject, data: { ...base, reason: trimmed } }]);
    else await recordAudits(tx, [{ actor, action: `submission.${action}`, subject, data: base }]);
    return tx.submission.findUniqueOrThrow({ ...query, where: { id } });
  });
}
