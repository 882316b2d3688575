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
 * The indicators named by `indicatorCodes` and, for each, the sums for each request, in
 * request order: one answer per code, in code order, null for a code that names no indicator.
 * Every indicator is asked the same requests, so a list of indicators (a dashboard's series and
 * breakdowns) is one statement, not one per indicator. A unit that did not exist yet on the
 * period's last day (a ward formed in the 2025 merger asked about 2023) continues the series of
 * the units it was formed from: each predecessor's sum weighted by the share of it that passed
 * to the unit (UnitSuccession.share; predecessors of predecessors multiply). Only values of
 * APPROVED submissions count unless `approvedOnly` is false.
 *
 * Targets: the unit's own row, else the programme unit's (the city's), in the same statement.
 * The indicators are looked up here rather than before, so that a read of an indicator by its
 * units is two statements (the units, this), not three; with no requests the statement only
 * finds the indicators.
 */
export async function rollup({ prisma, indicatorCodes, requests, approvedOnly, sex = TOTAL, ageBand = TOTAL }: {
  prisma: Db;
  indicatorCodes: string[];
  requests: RollupRequest[];
  approvedOnly: boolean;
  sex?: string;
  ageBand?: string;
}): Promise<({ indicator: RollupIndicator; rows: RollupRow[] } | null)[]> {
  const unitIds = requests.map((r) => r.unitId);
  const periods = requests.map((r) => r.period.id);
  const days = requests.map((r) => formatDate(r.period.end));
  const rows = await prisma.$queryRaw<{ k: bigint; factor: number; direction: IndicatorDirection; i: bigint | null; num: number | null; den: number | null; n: bigint | null; baseline_year: number | null; baseline: number | null; target2025: number | null; target2030: number | null }[]>`
    WITH RECURSIVE ind AS (
      SELECT c.k, i."id", i."factor", i."direction"::text AS "direction", p."unitId" AS programme_unit
      FROM unnest(${indicatorCodes}::text[]) WITH ORDINALITY AS c(code, k)
      JOIN "Indicator" i ON i."code" = c.code
      JOIN "ObjectiveGroup" g ON g."id" = i."objectiveGroupId"
      JOIN "Programme" p ON p."id" = g."programmeId"
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
      SELECT ind.k, t.i, sum(t.weight * v."numerator") AS num, sum(t.weight * v."denominator") AS den, count(*) AS n
      FROM tree t
      JOIN req r ON r.i = t.i
      JOIN ind ON true
      JOIN "DataValue" v ON v."unitId" = t.unit_id AND v."indicatorId" = ind."id" AND v."period" = r.period
        AND v."sex" = ${sex} AND v."ageBand" = ${ageBand}
      JOIN "Submission" s ON s."id" = v."submissionId"
      WHERE s."state" = 'APPROVED' OR NOT ${approvedOnly}
      GROUP BY ind.k, t.i
    )
    SELECT ind.k, ind."factor", ind."direction", r.i, sums.num, sums.den, sums.n,
      tg."baselineYear" AS baseline_year, tg."baseline", tg."target2025" AS target2025, tg."target2030" AS target2030
    FROM ind
    LEFT JOIN req r ON true
    LEFT JOIN sums ON sums.k = ind.k AND sums.i = r.i
    LEFT JOIN LATERAL (
      SELECT t."baselineYear", t."baseline", t."target2025", t."target2030" FROM "IndicatorTarget" t
      WHERE t."indicatorId" = ind."id" AND t."unitId" IN (r.unit_id, ind.programme_unit)
      ORDER BY (t."unitId" = r.unit_id) DESC LIMIT 1
    ) tg ON r.i IS NOT NULL
    ORDER BY ind.k, r.i`;
  // Per indicator: no row, no such indicator; one row without a request, asked with no units.
  const answers: ({ indicator: RollupIndicator; rows: RollupRow[] } | null)[] = indicatorCodes.map(() => null);
  for (const row of rows) {
    const k = Number(row.k) - 1;
    const answer = (answers[k] ??= { indicator: { factor: row.factor, direction: row.direction }, rows: [] });
    if (row.i === null) continue;
    answer.rows.push({
      numerator: row.num,
      denominator: row.den,
      values: Number(row.n ?? 0),
      plan: row.baseline_year === null ? null : { baselineYear: row.baseline_year, baseline: row.baseline!, target2025: row.target2025!, target2030: row.target2030! },
    });
  }
  return answers;
}
