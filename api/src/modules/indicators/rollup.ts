// Roll-ups in one PostgreSQL statement: a ratio for a unit is sum(numerators) / sum(denominators)
// × factor over the units below it in the map valid on the period's last day — never an average
// of ratios, and no value ever travels to Node, only one sum per requested unit.
import type { Db, IndicatorDirection } from '@treem/db/client';
import { formatDate } from '../../calendar.js';
import type { Period } from '@treem/db/period';

export interface RollupRequest {
  unitId: string;
  period: Period;
}

export interface RollupRow {
  numerator: number | null;
  denominator: number | null;
  /** How many stored values were summed (0: nothing reported). */
  values: number;
  plan: { baselineYear: number; baseline: number; target2025: number; target2030: number } | null;
}

/** What a roll-up's figures need of its indicator, found by its code in the same statement. */
export interface RollupIndicator {
  factor: number;
  direction: IndicatorDirection;
}

export const TOTAL = '_T';

/**
 * The indicator named by `indicatorCode` (null when there is none) and the sums for each
 * request, in request order. A unit that did not exist yet on the period's
 * last day (a ward formed in the 2025 merger asked about 2023) continues the series of the
 * units it was formed from: each predecessor's sum weighted by the share of it that passed to
 * the unit (UnitSuccession.share; predecessors of predecessors multiply). Only values of
 * APPROVED submissions count unless `approvedOnly` is false.
 *
 * Targets: the unit's own row, else the programme unit's (the city's), in the same statement.
 * The indicator is looked up here rather than before, so that a read of an indicator by its
 * units is two statements (the units, this), not three; with no requests the statement only
 * finds the indicator.
 */
export async function rollup({ prisma, indicatorCode, requests, approvedOnly, sex = TOTAL, ageBand = TOTAL }: {
  prisma: Db;
  indicatorCode: string;
  requests: RollupRequest[];
  approvedOnly: boolean;
  sex?: string;
  ageBand?: string;
}): Promise<{ indicator: RollupIndicator | null; rows: RollupRow[] }> {
  const unitIds = requests.map((r) => r.unitId);
  const periods = requests.map((r) => r.period.id);
  const days = requests.map((r) => formatDate(r.period.end));
  const rows = await prisma.$queryRaw<{ factor: number; direction: IndicatorDirection; i: bigint | null; num: number | null; den: number | null; n: bigint | null; baseline_year: number | null; baseline: number | null; target2025: number | null; target2030: number | null }[]>`
    WITH RECURSIVE ind AS (
      SELECT i."id", i."factor", i."direction"::text AS "direction" FROM "Indicator" i WHERE i."code" = ${indicatorCode}
    ), req AS (
      SELECT r.unit_id, r.period, r.day, r.i
      FROM unnest(${unitIds}::text[], ${periods}::text[], ${days}::date[]) WITH ORDINALITY AS r(unit_id, period, day, i)
    ), lineage(i, unit_id, weight, depth) AS (
      SELECT i, unit_id, 1::float8, 0 FROM req
      UNION ALL
      SELECT l.i, s."predecessorId", l.weight * s."share"::float8, l.depth + 1
      FROM lineage l
      JOIN req r ON r.i = l.i
      JOIN "AdminUnit" u ON u."id" = l.unit_id AND u."validFrom" > r.day
      JOIN "UnitSuccession" s ON s."successorId" = l.unit_id
      WHERE l.depth < 10
    ), tree(i, unit_id, weight) AS (
      SELECT l.i, l.unit_id, l.weight
      FROM lineage l JOIN req r ON r.i = l.i JOIN "AdminUnit" u ON u."id" = l.unit_id
      WHERE u."validFrom" <= r.day AND (u."validTo" IS NULL OR u."validTo" >= r.day)
      UNION ALL
      SELECT t.i, c."id", t.weight
      FROM tree t JOIN req r ON r.i = t.i
      JOIN "AdminUnit" c ON c."parentId" = t.unit_id AND c."validFrom" <= r.day AND (c."validTo" IS NULL OR c."validTo" >= r.day)
    ), sums AS (
      SELECT t.i, sum(t.weight * v."numerator") AS num, sum(t.weight * v."denominator") AS den, count(*) AS n
      FROM tree t
      JOIN req r ON r.i = t.i
      JOIN ind ON true
      JOIN "DataValue" v ON v."unitId" = t.unit_id AND v."indicatorId" = ind."id" AND v."period" = r.period
        AND v."sex" = ${sex} AND v."ageBand" = ${ageBand}
      JOIN "Submission" s ON s."id" = v."submissionId"
      WHERE s."state" = 'APPROVED' OR NOT ${approvedOnly}
      GROUP BY t.i
    )
    SELECT ind."factor", ind."direction", r.i, sums.num, sums.den, sums.n,
      tg."baselineYear" AS baseline_year, tg."baseline", tg."target2025" AS target2025, tg."target2030" AS target2030
    FROM ind
    LEFT JOIN req r ON true
    LEFT JOIN sums ON sums.i = r.i
    LEFT JOIN LATERAL (
      SELECT t."baselineYear", t."baseline", t."target2025", t."target2030" FROM "IndicatorTarget" t
      WHERE t."indicatorId" = ind."id" AND t."unitId" IN (r.unit_id, (
        SELECT p."unitId" FROM "Indicator" i JOIN "ObjectiveGroup" g ON g."id" = i."objectiveGroupId" JOIN "Programme" p ON p."id" = g."programmeId"
        WHERE i."id" = ind."id"))
      ORDER BY (t."unitId" = r.unit_id) DESC LIMIT 1
    ) tg ON r.i IS NOT NULL
    ORDER BY r.i`;
  // No row: no such indicator. One row without a request: the indicator, asked with no units.
  const [first] = rows;
  if (!first) return { indicator: null, rows: [] };
  return { indicator: { factor: first.factor, direction: first.direction }, rows: rows.filter((row) => row.i !== null).map((row) => ({
    numerator: row.num,
    denominator: row.den,
    values: Number(row.n ?? 0),
    plan: row.baseline_year === null ? null : { baselineYear: row.baseline_year, baseline: row.baseline!, target2025: row.target2025!, target2030: row.target2030! },
  })) };
}
