// Participation quality per council and period: who takes part, whether answers come, whether
// children found them useful. Counts come from PostgreSQL (GROUP BY over the council tree of
// the period); counts of children are published only through one suppression pattern for the
// whole table of the period (docs/SUPPRESSION.md), so no query, and no difference of two
// queries, singles out a group of fewer than 5.
import type { CouncilLevel, Db } from '@treem/db/client';
import { formatDate, today } from '../../calendar.js';
import { suppressCells } from '../../suppression.js';
import { periodOrRefuse } from '../indicators/service.js';

export const PARTICIPATION_SEXES = ['FEMALE', 'MALE', 'UNKNOWN'] as const;
export const PARTICIPATION_AGE_BANDS = ['UNDER_12', 'AGE_12_13', 'AGE_14_15', 'AGE_16_PLUS', 'UNKNOWN'] as const;
/** Counts of children, per council: published only when not suppressed. */
const CHILD_MEASURES = ['members', 'proposed', 'voted', 'commented', 'raters', 'clearYes', 'helpfulYes'] as const;
type ChildMeasure = (typeof CHILD_MEASURES)[number];
/** Each count with the whole it is part of. */
const COMPLEMENTS: [ChildMeasure, ChildMeasure][] = [['proposed', 'members'], ['voted', 'members'], ['commented', 'members'], ['clearYes', 'raters'], ['helpfulYes', 'raters']];
const councilIds = (...lists: { council: string }[][]) => new Set(lists.flat().map((row) => row.council));

export interface Period { label: string; startsOn: Date; endsOn: Date }

/** A period as the indicators name it ("2026", "2026S1", "2026Q2", "202605"); default this year. */
export function participationPeriod(text: string | null | undefined): Period {
  const period = periodOrRefuse(text ?? String(today().getUTCFullYear()));
  return { label: period.id, startsOn: period.start, endsOn: period.end };
}

export interface Published { value: number | null }

export interface CouncilParticipation {
  councilId: string;
  counts: Record<ChildMeasure, Published>;
  bySex: { sex: (typeof PARTICIPATION_SEXES)[number]; count: Published }[];
  byAgeBand: { band: (typeof PARTICIPATION_AGE_BANDS)[number]; count: Published }[];
  /** The council's own members, then each council directly below (its whole branch). */
  byArea: { councilId: string; own: boolean; counts: Record<'members' | 'proposed' | 'voted' | 'commented', Published> }[];
  proposals: { decided: number; adopted: number };
  referrals: { referred: number; answered: number; overdue: number; medianDaysToAnswer: number | null };
}

interface Council { id: string; parentId: string | null; level: CouncilLevel; nameVi: string }

const key = (councilId: string, scope: 'all' | 'own', measure: string) => `${councilId}|${scope}|${measure}`;

/**
 * The whole table for a period: every council valid at some time in it (the tree of that time:
 * ward → district → city before 1 July 2025), rolled up along the tree, and its suppression.
 */
async function periodTable(prisma: Db, { startsOn, endsOn }: Period) {
  const start = formatDate(startsOn);
  const end = formatDate(endsOn);
  const councils = await prisma.$queryRaw<Council[]>`
    SELECT "id", "parentId", "level", "nameVi" FROM "Council"
    WHERE "validFrom" <= ${end}::date AND ("validTo" IS NULL OR "validTo" >= ${start}::date)`;
  // Children's facts: one row per council × member of a term that overlaps the period, rolled up
  // to every ancestor ("all") and kept for the council itself ("own").
  const tree = `WITH RECURSIVE c AS (
      SELECT "id", "parentId" FROM "Council" WHERE "validFrom" <= $2::date AND ("validTo" IS NULL OR "validTo" >= $1::date)
    ), tree(root, id) AS (
      SELECT "id", "id" FROM c UNION ALL SELECT t.root, k."id" FROM tree t JOIN c k ON k."parentId" = t.id
    )`;
  const [members, ratings, proposals, referrals] = await Promise.all([
    prisma.$queryRawUnsafe<{ council: string; scope: 'all' | 'own'; sex: string | null; band: string | null; members: number; proposed: number; voted: number; commented: number }[]>(`
      ${tree}, period AS (SELECT $1::date AS s, ($2::date + 1)::timestamp AS e),
      mem AS (
        SELECT DISTINCT t."councilId", m."userId",
          COALESCE(u."sex"::text, 'UNKNOWN') AS sex,
          CASE WHEN u."birthYear" IS NULL THEN 'UNKNOWN'
               WHEN date_part('year', $2::date) - u."birthYear" < 12 THEN 'UNDER_12'
               WHEN date_part('year', $2::date) - u."birthYear" <= 13 THEN 'AGE_12_13'
               WHEN date_part('year', $2::date) - u."birthYear" <= 15 THEN 'AGE_14_15'
               ELSE 'AGE_16_PLUS' END AS band
        FROM "Membership" m JOIN "Term" t ON t."id" = m."termId" JOIN "User" u ON u."id" = m."userId"
        WHERE t."startsOn" <= $2::date AND t."endsOn" >= $1::date AND (m."leftAt" IS NULL OR m."leftAt" >= $1::date)
      ), facts AS (
        SELECT f.*, 
          EXISTS (SELECT 1 FROM "Proposal" p, period WHERE p."councilId" = f."councilId" AND p."authorId" = f."userId"
                  AND (p."submittedAt" IS NOT NULL OR p."state" <> 'DRAFT') AND COALESCE(p."submittedAt", p."createdAt") >= period.s AND COALESCE(p."submittedAt", p."createdAt") < period.e) AS proposed,
          EXISTS (SELECT 1 FROM "Vote" v JOIN "Proposal" p ON p."id" = v."proposalId", period WHERE p."councilId" = f."councilId" AND v."voterId" = f."userId"
                  AND v."castAt" >= period.s AND v."castAt" < period.e) AS voted,
          EXISTS (SELECT 1 FROM "Comment" k JOIN "Proposal" p ON p."id" = k."proposalId", period WHERE p."councilId" = f."councilId" AND k."authorId" = f."userId"
                  AND k."createdAt" >= period.s AND k."createdAt" < period.e) AS commented
        FROM mem f
      )
      SELECT t.root AS council, s.scope, f.sex, f.band,
        count(*)::int AS members, count(*) FILTER (WHERE f.proposed)::int AS proposed,
        count(*) FILTER (WHERE f.voted)::int AS voted, count(*) FILTER (WHERE f.commented)::int AS commented
      FROM tree t JOIN facts f ON f."councilId" = t.id
      CROSS JOIN (VALUES ('all'), ('own')) s(scope)
      WHERE s.scope = 'all' OR t.id = t.root
      GROUP BY GROUPING SETS ((t.root, s.scope), (t.root, s.scope, f.sex), (t.root, s.scope, f.band))`, start, end),
    prisma.$queryRawUnsafe<{ council: string; scope: 'all' | 'own'; raters: number; clearYes: number; helpfulYes: number }[]>(`
      ${tree}
      SELECT t.root AS council, s.scope, count(*)::int AS raters,
        count(*) FILTER (WHERE r."clear")::int AS "clearYes", count(*) FILTER (WHERE r."helpful")::int AS "helpfulYes"
      FROM tree t JOIN "Proposal" p ON p."councilId" = t.id JOIN "Referral" f ON f."proposalId" = p."id"
      JOIN "Response" a ON a."referralId" = f."id" JOIN "ResponseRating" r ON r."responseId" = a."id"
      CROSS JOIN (VALUES ('all'), ('own')) s(scope)
      WHERE (s.scope = 'all' OR t.id = t.root) AND r."ratedAt" >= $1::date AND r."ratedAt" < $2::date + 1
      GROUP BY t.root, s.scope`, start, end),
    prisma.$queryRawUnsafe<{ council: string; decided: number; adopted: number }[]>(`
      ${tree}
      SELECT t.root AS council, count(*)::int AS decided,
        count(*) FILTER (WHERE p."state" IN ('ADOPTED', 'REFERRED', 'ANSWERED'))::int AS adopted
      FROM tree t JOIN "Proposal" p ON p."councilId" = t.id
      WHERE p."closedAt" >= $1::date AND p."closedAt" < $2::date + 1 AND p."state" IN ('ADOPTED', 'NOT_ADOPTED', 'REFERRED', 'ANSWERED')
      GROUP BY t.root`, start, end),
    prisma.$queryRawUnsafe<{ council: string; referred: number; answered: number; overdue: number; median: number | null }[]>(`
      ${tree}
      SELECT t.root AS council, count(*)::int AS referred, count(a."id")::int AS answered,
        count(*) FILTER (WHERE f."overdueAt" IS NOT NULL OR f."state" = 'OVERDUE')::int AS overdue,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a."answeredAt" - f."createdAt") / 86400))::float AS median
      FROM tree t JOIN "Proposal" p ON p."councilId" = t.id JOIN "Referral" f ON f."proposalId" = p."id"
      LEFT JOIN "Response" a ON a."referralId" = f."id"
      WHERE f."createdAt" >= $1::date AND f."createdAt" < $2::date + 1
      GROUP BY t.root`, start, end),
  ]);

  const counts = new Map<string, number>();
  for (const row of members) {
    const dim = row.sex ? `sex:${row.sex}` : row.band ? `band:${row.band}` : null;
    if (dim) counts.set(key(row.council, row.scope, dim), row.members);
    else for (const m of ['members', 'proposed', 'voted', 'commented'] as const) counts.set(key(row.council, row.scope, m), row[m]);
  }
  for (const row of ratings) for (const m of ['raters', 'clearYes', 'helpfulYes'] as const) counts.set(key(row.council, row.scope, m), row[m]);
  // The children who did not (propose, vote, comment, find it clear or helpful) are a group too:
  // a share tells their number, so they are cells of the table like the others.
  for (const [measure, whole] of COMPLEMENTS) {
    for (const c of councilIds(members, ratings)) for (const scope of ['all', 'own'] as const) {
      const total = counts.get(key(c, scope, whole));
      if (total !== undefined) counts.set(key(c, scope, `not:${measure}`), total - (counts.get(key(c, scope, measure)) ?? 0));
    }
  }

  // The table's sums: a council's branch is itself plus the branches below it, for every count;
  // and members are the sum of each sex, and of each age band, for the branch and for itself.
  const childrenOf = new Map<string, string[]>();
  for (const c of councils) if (c.parentId && councils.some((p) => p.id === c.parentId)) childrenOf.set(c.parentId, [...(childrenOf.get(c.parentId) ?? []), c.id]);
  const cells = [...CHILD_MEASURES, ...COMPLEMENTS.map(([m]) => `not:${m}`), ...PARTICIPATION_SEXES.map((s) => `sex:${s}`), ...PARTICIPATION_AGE_BANDS.map((b) => `band:${b}`)];
  const sums: string[][] = [];
  for (const c of councils) {
    for (const cell of cells) sums.push([key(c.id, 'all', cell), key(c.id, 'own', cell), ...(childrenOf.get(c.id) ?? []).map((k) => key(k, 'all', cell))]);
    for (const scope of ['all', 'own'] as const) {
      sums.push([key(c.id, scope, 'members'), ...PARTICIPATION_SEXES.map((s) => key(c.id, scope, `sex:${s}`))]);
      sums.push([key(c.id, scope, 'members'), ...PARTICIPATION_AGE_BANDS.map((b) => key(c.id, scope, `band:${b}`))]);
      for (const [measure, whole] of COMPLEMENTS) sums.push([key(c.id, scope, whole), key(c.id, scope, measure), key(c.id, scope, `not:${measure}`)]);
    }
  }
  const hidden = suppressCells(sums, (k) => counts.get(k) ?? 0);
  const published = (councilId: string, scope: 'all' | 'own', cell: string): Published => {
    const k = key(councilId, scope, cell);
    return { value: hidden.has(k) ? null : (counts.get(k) ?? 0) };
  };
  return { councils, childrenOf, published, proposals, referrals };
}

export async function participationStatistics({ prisma, councilId, level, period: text }: { prisma: Db; councilId: string | null; level: CouncilLevel | null; period: string | null }) {
  const period = participationPeriod(text);
  const table = await periodTable(prisma, period);
  const { councils, childrenOf, published } = table;
  let chosen: Council[];
  if (councilId) {
    const root = councils.find((c) => c.id === councilId);
    if (!root) return { period, rows: [] };
    const branch = new Set<string>([root.id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const c of councils) if (c.parentId && branch.has(c.parentId) && !branch.has(c.id)) { branch.add(c.id); grew = true; }
    }
    chosen = councils.filter((c) => branch.has(c.id) && (level ? c.level === level : c.id === root.id));
  } else {
    chosen = councils.filter((c) => c.level === (level ?? 'CITY'));
  }
  chosen.sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));
  const rows: CouncilParticipation[] = chosen.map((c) => {
    const proposals = table.proposals.find((r) => r.council === c.id);
    const referrals = table.referrals.find((r) => r.council === c.id);
    const activity = (id: string, scope: 'all' | 'own') => ({
      members: published(id, scope, 'members'), proposed: published(id, scope, 'proposed'), voted: published(id, scope, 'voted'), commented: published(id, scope, 'commented'),
    });
    return {
      councilId: c.id,
      counts: Object.fromEntries(CHILD_MEASURES.map((m) => [m, published(c.id, 'all', m)])) as Record<ChildMeasure, Published>,
      bySex: PARTICIPATION_SEXES.map((sex) => ({ sex, count: published(c.id, 'all', `sex:${sex}`) })),
      byAgeBand: PARTICIPATION_AGE_BANDS.map((band) => ({ band, count: published(c.id, 'all', `band:${band}`) })),
      byArea: [{ councilId: c.id, own: true, counts: activity(c.id, 'own') }, ...(childrenOf.get(c.id) ?? []).map((id) => ({ councilId: id, own: false, counts: activity(id, 'all') }))],
      proposals: { decided: proposals?.decided ?? 0, adopted: proposals?.adopted ?? 0 },
      referrals: { referred: referrals?.referred ?? 0, answered: referrals?.answered ?? 0, overdue: referrals?.overdue ?? 0, medianDaysToAnswer: referrals?.median ?? null },
    };
  });
  return { period, rows };
}

/** A share of two published counts; hidden when either is. */
export function share(part: Published, whole: Published): number | null {
  return part.value === null || whole.value === null || whole.value === 0 ? null : part.value / whole.value;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
