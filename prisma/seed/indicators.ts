// Demo indicator data: every ward of the map valid in each period, 2021–2026, generated from
// hashes (the same numbers on every run) and written in bulk. Figures are DEMO figures: the
// indicators carry `demo: true` and the portal says so wherever they appear.
import { createHash } from 'node:crypto';
import type { Db, SubmissionState } from '../src/client.js';
import { parsePeriod } from '../src/period.js';
import * as data from './data.js';
import { awaitingApproval, demoIndicators, newMapPeriods, oldMapPeriods, type DemoIndicator } from './indicator-data.js';

/** A number in [0, 1) fixed by the key. */
const unitInterval = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;

/** Children in each old ward: from a few hundred to tens of thousands (log-uniform), so roll-ups mix very different sizes. */
const childrenIn = (oldWardCode: string) => Math.round(300 * Math.exp(unitInterval(`size:${oldWardCode}`) * Math.log(80)));

interface Ward { id: string; code: string; children: number; yearsAhead: number }

export async function seedIndicators(prisma: Db, { programmeId, agencies, lastYear }: { programmeId: string; agencies: Map<string, string>; lastYear: number }) {
  const groups = new Map((await prisma.objectiveGroup.findMany({ where: { programmeId }, select: { id: true, number: true } })).map((g) => [g.number, g.id]));
  const tasks = new Map((await prisma.task.findMany({ where: { programmeId }, select: { id: true, number: true } })).map((t) => [t.number, t.id]));
  const programme = await prisma.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { unitId: true } });

  const indicators = new Map<string, { id: string; spec: DemoIndicator }>();
  for (const spec of demoIndicators) {
    const { code, group, agency, tasks: taskNumbers, plan, demo: _demo, ...fields } = spec;
    const row = { ...fields, objectiveGroupId: groups.get(group)!, agencyId: agencies.get(agency)!, demo: true };
    const related = { set: taskNumbers.map((n) => ({ id: tasks.get(n)! })) };
    const indicator = await prisma.indicator.upsert({
      where: { code },
      create: { code, ...row, relatedTasks: { connect: related.set } },
      update: { ...row, relatedTasks: related },
      select: { id: true },
    });
    indicators.set(code, { id: indicator.id, spec });
    const [baseline, target2025, target2030] = plan;
    const target = { baselineYear: 2020, baseline, target2025, target2030 };
    await prisma.indicatorTarget.upsert({
      where: { indicatorId_unitId: { indicatorId: indicator.id, unitId: programme.unitId } },
      create: { indicatorId: indicator.id, unitId: programme.unitId, ...target },
      update: target,
    });
  }

  // The wards of both maps; a new ward's children are those of the parts it was formed from.
  const oldWards = await prisma.adminUnit.findMany({ where: { level: 'WARD', validTo: data.lastDayBeforeReform, code: { not: { startsWith: 'T-' } } }, select: { id: true, code: true } });
  const sizeOf = new Map(oldWards.map((w) => [w.code, childrenIn(w.code)]));
  const newWards = await prisma.adminUnit.findMany({
    where: { level: 'WARD', validFrom: data.reformDate, code: { in: data.newUnits.map((u) => u.code) } },
    select: { id: true, code: true, formedFrom: { select: { share: true, predecessor: { select: { code: true } } } } },
  });
  // Wards on the new map improve a little faster: the merged administrations pooled their staff (demo).
  const before: Ward[] = oldWards.map((w) => ({ id: w.id, code: w.code, children: sizeOf.get(w.code)!, yearsAhead: 0 }));
  const after: Ward[] = newWards.map((w) => ({
    id: w.id, code: w.code, yearsAhead: 0.3,
    children: Math.round(w.formedFrom.reduce((sum, part) => sum + Number(part.share) * (sizeOf.get(part.predecessor.code) ?? 0), 0)),
  }));

  const periods = [...oldMapPeriods.map((p) => ({ p, wards: before })), ...newMapPeriods.map((p) => ({ p, wards: after }))]
    .filter(({ p }) => Number(p.slice(0, 4)) <= lastYear);

  const submissionState = (code: string, period: string): SubmissionState =>
    !period.startsWith(String(lastYear)) ? 'APPROVED' : awaitingApproval.includes(code) ? 'SUBMITTED' : 'DRAFT';
  await prisma.submission.createMany({
    data: [...indicators].flatMap(([code, { id, spec }]) => periods.map(({ p }) => ({
      indicatorId: id, period: p, agencyId: agencies.get(spec.agency)!, state: submissionState(code, p),
    }))),
    skipDuplicates: true,
  });
  const submissions = new Map((await prisma.submission.findMany({ where: { indicatorId: { in: [...indicators.values()].map((i) => i.id) } }, select: { id: true, indicatorId: true, period: true } }))
    .map((s) => [`${s.indicatorId}|${s.period}`, s.id]));

  // Values are written once per indicator: a later run leaves reported and corrected figures alone.
  const withValues = new Set((await prisma.dataValue.groupBy({ by: ['indicatorId'], where: { indicatorId: { in: [...indicators.values()].map((i) => i.id) } } })).map((g) => g.indicatorId));
  const values = [];
  for (const { id, spec } of indicators.values()) {
    if (withValues.has(id)) continue;
    for (const { p, wards } of periods) {
      const period = parsePeriod(p)!;
      const submissionId = submissions.get(`${id}|${p}`)!;
      for (const ward of wards) {
        const { numerator, denominator } = demoFigures(spec, ward, period.position);
        const base = { indicatorId: id, unitId: ward.id, period: p, periodStart: period.start, periodEnd: period.end, submissionId };
        values.push({ ...base, numerator, denominator });
        // Yearly figures also by sex (the halves only in total): boys take about 51% of the denominator.
        if (p.length === 4) {
          const boys = Math.round(denominator * 0.51);
          const boysNumerator = Math.min(boys, Math.round((numerator * boys) / denominator));
          const girlsNumerator = Math.min(denominator - boys, numerator - boysNumerator);
          values.push({ ...base, sex: 'M', numerator: boysNumerator, denominator: boys });
          values.push({ ...base, sex: 'F', numerator: girlsNumerator, denominator: denominator - boys });
        }
      }
    }
  }
  for (let i = 0; i < values.length; i += 5000) await prisma.dataValue.createMany({ data: values.slice(i, i + 5000), skipDuplicates: true });
}

/** A ward's figures for a period: the indicator's trend, shifted for the ward, with a little noise per period. */
function demoFigures(spec: DemoIndicator, ward: Ward, position: number) {
  const { perThousand, start, perYear, spread } = spec.demo;
  const years = position - 2021 + ward.yearsAhead;
  const key = `${spec.code}:${ward.code}`;
  const rate = start + perYear * years + spread * (unitInterval(key) - 0.5) + (spread / 4) * (unitInterval(`${key}:${position}`) - 0.5);
  const bounded = Math.max(0, spec.factor === 100 ? Math.min(100, rate) : rate);
  if (perThousand === 0) {
    // Counted per ward: a ward has it (1) or not (0); the share of wards that do follows the trend.
    return { numerator: unitInterval(`${key}:has:${Math.floor(position)}`) * 100 < bounded ? 1 : 0, denominator: 1 };
  }
  const denominator = Math.max(1, Math.round((ward.children * perThousand) / 1000));
  return { numerator: Math.min(spec.factor === 100 ? denominator : Infinity, Math.round((denominator * bounded) / spec.factor)), denominator };
}
