// Numbers without names: counts of children on the register by unit × circumstance × sex ×
// age band, with small cells hidden so that no child can be singled out, not from one table
// and not from the difference of two. The method is written down in docs/SUPPRESSION.md.
import { today } from '../../calendar.js';
import type { Db } from '@treem/db/client';
import { AppError } from '../../errors.js';
import { suppressCells } from '../../suppression.js';
import { registerScope } from './policy.js';
import { AGE_BANDS, logAccess, unitByCode, type AgeBand, type RegisterCall } from './service.js';

export const STATISTICS_DIMENSIONS = ['UNIT', 'CIRCUMSTANCE', 'SEX', 'AGE_BAND'] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

/** Each child counts once: under the first of its groups in the order of the law, or NONE. */
export const STATISTICS_GROUPS = [
  'ORPHANED', 'ABANDONED', 'WITHOUT_CARE', 'DISABILITY', 'HIV_AIDS', 'IN_CONFLICT_WITH_LAW', 'DRUG_ADDICTION',
  'WORKING_OUT_OF_SCHOOL', 'SERIOUSLY_HARMED_BY_VIOLENCE', 'EXPLOITED', 'SEXUALLY_ABUSED', 'TRAFFICKED',
  'SERIOUSLY_ILL_POOR_HOUSEHOLD', 'MIGRANT_OR_REFUGEE_UNACCOMPANIED', 'NONE',
] as const;
export type StatisticsGroup = (typeof STATISTICS_GROUPS)[number];
const SEXES = ['MALE', 'FEMALE'] as const;

export interface StatisticsCell {
  unit: { id: string; code: string; nameVi: string; nameEn: string };
  circumstance: StatisticsGroup | null;
  sex: 'MALE' | 'FEMALE' | null;
  ageBand: AgeBand | null;
  /** Null when suppressed. */
  count: number | null;
}

const ALL = '*';
type Key = string;
const key = (unit: string, group: string, sex: string, band: string): Key => `${unit}|${group}|${sex}|${band}`;

interface Unit { id: string; code: string; nameVi: string; nameEn: string; parentId: string | null }

/**
 * Every published cell on `on`, for the whole hierarchy valid that day: counts from one
 * PostgreSQL statement (GROUP BY unit-ancestor, CUBE(group, sex, band)), then one suppression
 * pattern for all of them. The pattern depends only on the data and the date, never on what a
 * query asks, so two queries always agree on every cell they share.
 */
export async function protectedTable({ prisma, on = today() }: { prisma: Db; on?: Date }) {
  const day = on.toISOString().slice(0, 10);
  const [units, rows] = await Promise.all([
    prisma.$queryRaw<Unit[]>`
      SELECT "id", "code", "nameVi", "nameEn", "parentId" FROM "AdminUnit"
      WHERE "validFrom" <= ${day}::date AND ("validTo" IS NULL OR "validTo" >= ${day}::date)`,
    prisma.$queryRaw<{ unit: string; grp: string | null; sex: string | null; band: string | null; n: number }[]>`
      WITH RECURSIVE valid AS (
        SELECT "id", "parentId" FROM "AdminUnit"
        WHERE "validFrom" <= ${day}::date AND ("validTo" IS NULL OR "validTo" >= ${day}::date)
      ), ancestry(ancestor, unit) AS (
        SELECT "id", "id" FROM valid
        UNION ALL
        SELECT v."parentId", a.unit FROM ancestry a JOIN valid v ON v."id" = a.ancestor JOIN valid p ON p."id" = v."parentId"
      ), kids AS (
        SELECT c."unitId",
          c."sex"::text AS sex,
          COALESCE((SELECT ci."group"::text FROM "Circumstance" ci
                    WHERE ci."childId" = c."id" AND ci."since" <= ${day}::date ORDER BY ci."group" LIMIT 1), 'NONE') AS grp,
          date_part('year', age(${day}::date, c."birthDate"))::int AS age
        FROM "ChildRecord" c
        WHERE c."registeredOn" <= ${day}::date AND (c."closedOn" IS NULL OR c."closedOn" > ${day}::date)
      ), banded AS (
        SELECT "unitId", sex, grp,
          CASE WHEN age < 6 THEN 'UNDER_6' WHEN age <= 10 THEN 'AGE_6_10' WHEN age <= 15 THEN 'AGE_11_15' ELSE 'AGE_16_17' END AS band
        FROM kids WHERE age BETWEEN 0 AND 17
      )
      SELECT a.ancestor AS unit, b.grp, b.sex, b.band, count(*)::int AS n
      FROM banded b JOIN ancestry a ON a.unit = b."unitId"
      GROUP BY a.ancestor, CUBE(b.grp, b.sex, b.band)`,
  ]);

  const counts = new Map<Key, number>();
  for (const row of rows) counts.set(key(row.unit, row.grp ?? ALL, row.sex ?? ALL, row.band ?? ALL), row.n);
  const suppressed = suppressionPattern(units, counts);
  return { units, counts, suppressed };
}

/**
 * The register's table as sums (a unit is the sum of its child units; "all" of a dimension is
 * the sum of its values), suppressed by suppressCells (primary and complementary).
 */
export function suppressionPattern(units: Unit[], counts: Map<Key, number>): Set<Key> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentId && units.some((u) => u.id === unit.parentId)) {
      children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.id]);
    }
  }
  const groups = [ALL, ...STATISTICS_GROUPS];
  const sexes = [ALL, ...SEXES];
  const bands = [ALL, ...AGE_BANDS];

  // Every additive relation as [total, ...parts].
  const sums: Key[][] = [];
  for (const unit of units) {
    for (const g of groups) for (const s of sexes) for (const b of bands) {
      const kids = children.get(unit.id);
      if (kids) sums.push([key(unit.id, g, s, b), ...kids.map((kid) => key(kid, g, s, b))]);
      if (g === ALL) sums.push([key(unit.id, g, s, b), ...STATISTICS_GROUPS.map((x) => key(unit.id, x, s, b))]);
      if (s === ALL) sums.push([key(unit.id, g, s, b), ...SEXES.map((x) => key(unit.id, g, x, b))]);
      if (b === ALL) sums.push([key(unit.id, g, s, b), ...AGE_BANDS.map((x) => key(unit.id, g, s, x))]);
    }
  }

  return suppressCells(sums, (k) => counts.get(k) ?? 0);
}

/**
 * Public statistics for an area: its direct sub-units when UNIT is asked for (the area itself
 * when it has none), crossed with the other dimensions asked for. No filter narrower than these
 * dimensions exists, so every answer is a slice of the one protected table.
 */
export async function childStatistics({ prisma, unitCode, by, on = today() }: { prisma: Db; unitCode: string; by: StatisticsDimension[]; on?: Date }): Promise<StatisticsCell[]> {
  const area = await unitByCode(prisma, unitCode, on);
  if (!area) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_UNIT');
  return slice(await protectedTable({ prisma, on }), area.id, by);
}

function slice({ units, counts, suppressed }: Awaited<ReturnType<typeof protectedTable>>, areaId: string, by: StatisticsDimension[]): StatisticsCell[] {
  const dims = new Set(by);
  const subUnits = units.filter((u) => u.parentId === areaId).sort((a, b) => (a.code < b.code ? -1 : 1));
  const area = units.find((u) => u.id === areaId);
  const cellUnits = dims.has('UNIT') && subUnits.length > 0 ? subUnits : area ? [area] : [];
  const cells: StatisticsCell[] = [];
  for (const unit of cellUnits) {
    for (const group of dims.has('CIRCUMSTANCE') ? STATISTICS_GROUPS : [null]) {
      for (const sex of dims.has('SEX') ? SEXES : [null]) {
        for (const band of dims.has('AGE_BAND') ? AGE_BANDS : [null]) {
          const k = key(unit.id, group ?? ALL, sex ?? ALL, band ?? ALL);
          cells.push({
            unit: { id: unit.id, code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn },
            circumstance: group, sex, ageBand: band,
            count: suppressed.has(k) ? null : (counts.get(k) ?? 0),
          });
        }
      }
    }
  }
  return cells;
}

/**
 * For the indicators module: the same protected counts for the units it reports on, as of the
 * last day of a period. Suppressed cells come back as null and must be reported as such (never
 * as zero). Read docs/SUPPRESSION.md before combining these counts with anything else.
 */
export async function suppressedChildCounts({ prisma, unitCodes, periodEnd, by = [] }: { prisma: Db; unitCodes: string[]; periodEnd: Date; by?: Exclude<StatisticsDimension, 'UNIT'>[] }) {
  const table = await protectedTable({ prisma, on: periodEnd });
  const result = new Map<string, StatisticsCell[]>();
  for (const code of unitCodes) {
    const unit = table.units.find((u) => u.code === code);
    result.set(code, unit ? slice(table, unit.id, by) : []);
  }
  return result;
}

/** The public query. An officer's query is logged like any other use of the register. */
export async function childStatisticsFor(call: RegisterCall, { unitCode, by }: { unitCode: string; by: StatisticsDimension[] }) {
  const cells = await childStatistics({ prisma: call.prisma, unitCode, by });
  if (await registerScope({ prisma: call.prisma, principal: call.principal })) {
    await logAccess(call.prisma, call.actor, { action: 'STATISTICS', filter: { unitCode, by } });
  }
  return cells;
}
