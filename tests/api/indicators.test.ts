// Indicators: roll-ups that are sums of numerators over sums of denominators on the map valid
// in the period (checked against sums made here, from the inputs), a merged ward's series that
// continues, reporting with dry runs, approval that locks, the value audit, and who may do what.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { createPrisma, type Db } from '@treem/db/client';
import { ensureSuccession, ensureUnit, ensureUser, grantRole } from '@treem/db/factories';
import { startServer } from '../support/server.js';
import { Client, errorCode } from '../support/graphql.js';
import { PASSWORD } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let prisma: Db;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  prisma = createPrisma({ url: inject('databaseUrl') });
});
afterAll(async () => {
  await prisma.$disconnect();
  await server.close();
});

const DEMO_PASSWORD = 'treem-demo-2030';
const signIn = async (username: string, password = DEMO_PASSWORD) => {
  const client = new Client(server.url, 'en');
  await client.login(username, password);
  return client;
};
const anonymous = () => new Client(server.url, 'en');
const withToken = (token: string) => Object.assign(new Client(server.url, 'en'), { bearer: token });

const VALUES = `query ($code: String!, $period: String!, $unit: String!, $breakdown: IndicatorBreakdown, $at: Date) {
  indicatorValues(indicatorCode: $code, period: $period, unitCode: $unit, breakdown: $breakdown, at: $at) {
    unit { code nameVi level } period numerator denominator value target status reportedValues
  }
}`;
const SUBMIT = `mutation ($input: SubmitDataValuesInput!) {
  submitDataValues(input: $input) { dryRun imported updated ignored errors { row code message } }
}`;
const SUBMISSIONS = `query ($period: String) { submissions(first: 100, period: $period) { edges { node { id state version period indicator { code } } } } }`;
const TRANSITION = (action: string, input = 'SubmissionTransitionInput') =>
  `mutation ($input: ${action === 'return' ? 'ReturnSubmissionInput' : input}!) { ${action}Submission(input: $input) { id state version returnReason } }`;

type Value = { unit: { code: string; level: string }; numerator: number | null; denominator: number | null; value: number | null; target: number | null; status: string; reportedValues: number };
async function values(client: Client, variables: Record<string, unknown>): Promise<Value[]> {
  const result = await client.request(VALUES, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.indicatorValues;
}

/**
 * A map of its own that is reorganised on 1 July 2025, like Can Tho's: a district with a tiny,
 * a huge and a middle ward; from the reform two wards straight under the city, the middle ward
 * split between them (a quarter to N1, the rest to N2). And an indicator reported by SYT.
 */
async function reorganisedMap() {
  const key = randomUUID().slice(0, 8).toUpperCase();
  const from = new Date('2020-01-01');
  const lastDay = new Date('2025-06-30');
  const reform = new Date('2025-07-01');
  const unit = (suffix: string, level: 'PROVINCE' | 'DISTRICT' | 'WARD', parentId: string | null, validFrom: Date, validTo: Date | null = null) =>
    ensureUnit(prisma, { code: `T-${key}${suffix}`, nameVi: `Thử ${key}${suffix}`, nameEn: `Test ${key}${suffix}`, level, parentId, validFrom, validTo });
  const city = await unit('', 'PROVINCE', null, from);
  const district = await unit('.D', 'DISTRICT', city.id, from, lastDay);
  const tiny = await unit('.A', 'WARD', district.id, from, lastDay);
  const huge = await unit('.B', 'WARD', district.id, from, lastDay);
  const split = await unit('.C', 'WARD', district.id, from, lastDay);
  const n1 = await unit('.N1', 'WARD', city.id, reform);
  const n2 = await unit('.N2', 'WARD', city.id, reform);
  await ensureSuccession(prisma, { predecessorId: tiny.id, successorId: n1.id, effectiveOn: reform });
  await ensureSuccession(prisma, { predecessorId: split.id, successorId: n1.id, effectiveOn: reform, share: 0.25, basis: 'test' });
  await ensureSuccession(prisma, { predecessorId: huge.id, successorId: n2.id, effectiveOn: reform });
  await ensureSuccession(prisma, { predecessorId: split.id, successorId: n2.id, effectiveOn: reform, share: 0.75, basis: 'test' });

  const group = await prisma.objectiveGroup.findFirstOrThrow({ where: { number: 1 } });
  const syt = await prisma.agency.findUniqueOrThrow({ where: { code: 'SYT' } });
  const indicator = await prisma.indicator.create({
    data: {
      code: `T_${key}`, nameVi: 'Chỉ tiêu thử', nameEn: 'Test indicator', numeratorVi: 'tử', numeratorEn: 'numerator',
      denominatorVi: 'mẫu', denominatorEn: 'denominator', factor: 100, unit: '%', direction: 'HIGHER_IS_BETTER',
      objectiveGroupId: group.id, agencyId: syt.id,
    },
  });
  // The plan: 50% at the end of 2020, 60% by 2025, 70% by 2030 (for the test city).
  await prisma.indicatorTarget.create({ data: { indicatorId: indicator.id, unitId: city.id, baselineYear: 2020, baseline: 50, target2025: 60, target2030: 70 } });
  const code = (suffix: string) => `T-${key}${suffix}`;
  return { key, code, indicator: indicator.code, city: code(''), district: code('.D'), tiny: code('.A'), huge: code('.B'), split: code('.C'), n1: code('.N1'), n2: code('.N2') };
}

const row = (indicatorCode: string, unitCode: string, period: string, numerator: number, denominator: number, extra: Record<string, string> = {}) =>
  ({ indicatorCode, unitCode, period, numerator, denominator, ...extra });

async function approveAll(admin: Client, indicatorCode: string, period: string) {
  const list = await admin.request(SUBMISSIONS, { period });
  for (const s of list.data!.submissions.edges.map((e: { node: unknown }) => e.node).filter((n: { indicator: { code: string } }) => n.indicator.code === indicatorCode)) {
    const submitted = await admin.request(TRANSITION('submit'), { input: { id: s.id, version: s.version } });
    expect(submitted.errors).toBeUndefined();
    const approved = await admin.request(TRANSITION('approve'), { input: { id: s.id, version: submitted.data!.submitSubmission.version } });
    expect(approved.errors).toBeUndefined();
  }
}

describe('demo indicators (public)', () => {
  it('has at least 15 indicators across the 4 objective groups, each with a plan to 2025 and 2030, marked as demo', async () => {
    const result = await anonymous().request(`{ indicators(first: 100) { edges { node { code nameVi nameEn unit direction demo objectiveGroup { number } relatedTasks { number } targets { year value kind } } } } }`);
    expect(result.errors).toBeUndefined();
    const demo = result.data!.indicators.edges.map((e: { node: unknown }) => e.node).filter((i: { demo: boolean }) => i.demo);
    expect(demo.length).toBeGreaterThanOrEqual(15);
    expect(new Set(demo.map((i: { objectiveGroup: { number: number } }) => i.objectiveGroup.number))).toEqual(new Set([1, 2, 3, 4]));
    for (const indicator of demo) {
      expect(indicator.targets.map((t: { year: number }) => t.year)).toEqual([2020, 2025, 2030]);
      expect(indicator.relatedTasks.length).toBeGreaterThan(0);
    }
    const one = await anonymous().request(`{ indicator(code: "STUNTING_U5") { code nameVi nameEn unit direction objectiveGroup { number } targets { year value } } }`);
    expect(one.data!.indicator).toMatchObject({ code: 'STUNTING_U5', unit: '%', direction: 'LOWER_IS_BETTER', objectiveGroup: { number: 1 } });
  });

  it("the city's value is sum(numerators) / sum(denominators) of the wards of the map in force, before and after the 2025 merger", async () => {
    const db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    try {
      for (const [period, day] of [['2023', '2023-12-31'], ['2025S1', '2025-06-30'], ['2025', '2025-12-31']] as const) {
        // Independently of the roll-up: the wards in force on the period's last day, their totals, summed here.
        const { rows } = await db.query<{ numerator: number; denominator: number }>(
          `SELECT v."numerator", v."denominator" FROM "DataValue" v
           JOIN "Indicator" i ON i."id" = v."indicatorId" JOIN "AdminUnit" u ON u."id" = v."unitId" JOIN "Submission" s ON s."id" = v."submissionId"
           WHERE i."code" = 'IMMUNISATION_U1' AND v."period" = $1 AND v."sex" = '_T' AND v."ageBand" = '_T' AND s."state" = 'APPROVED'
             AND u."code" NOT LIKE 'T-%' AND u."validFrom" <= $2::date AND (u."validTo" IS NULL OR u."validTo" >= $2::date)`,
          [period, day],
        );
        expect(rows.length).toBe(period === '2025' ? 15 : 36);
        const numerator = rows.reduce((sum, r) => sum + r.numerator, 0);
        const denominator = rows.reduce((sum, r) => sum + r.denominator, 0);
        const [city] = await values(anonymous(), { code: 'IMMUNISATION_U1', period, unit: '92' });
        expect(city!.numerator).toBe(numerator);
        expect(city!.denominator).toBe(denominator);
        expect(city!.value).toBeCloseTo((numerator / denominator) * 100, 9);
        expect(city!.reportedValues).toBe(rows.length);
      }
    } finally {
      await db.end();
    }
  });

  it('breaks the city down by the map of the period: districts in 2023, wards in 2026', async () => {
    const districts = await values(anonymous(), { code: 'IMMUNISATION_U1', period: '2023', unit: '92', breakdown: 'CHILD_UNITS' });
    expect(districts.map((v) => v.unit.level)).toEqual(Array(9).fill('DISTRICT'));
    const wards = await values(anonymous(), { code: 'IMMUNISATION_U1', period: '2026', unit: '92', breakdown: 'CHILD_UNITS' });
    expect(wards.map((v) => v.unit.code)).toEqual(Array.from({ length: 15 }, (_, i) => `92.${101 + i}`));
    const [city] = await values(anonymous(), { code: 'IMMUNISATION_U1', period: '2023', unit: '92' });
    expect(districts.reduce((s, d) => s + d.numerator!, 0)).toBeCloseTo(city!.numerator!, 6);
  });

  it('answers an indicator by its units, or a unit over periods, in two statements: the units, then the roll-up that finds the indicator', async () => {
    server.queries.length = 0;
    await values(anonymous(), { code: 'IMMUNISATION_U1', period: '2026', unit: '92', breakdown: 'CHILD_UNITS' });
    const rollups = server.queries.filter((sql) => sql.includes('WITH RECURSIVE'));
    expect(rollups).toHaveLength(1);
    expect(server.queries).toHaveLength(2);
    // No statement reads the values themselves: only sums leave PostgreSQL.
    expect(server.queries.filter((sql) => /FROM "public"\."DataValue"/.test(sql))).toEqual([]);
    server.queries.length = 0;
    const series = await anonymous().request(`{ indicatorSeries(indicatorCode: "IMMUNISATION_U1", unitCode: "92", periods: ["2024", "2025"]) { period value } }`);
    expect(series.errors).toBeUndefined();
    expect(series.data!.indicatorSeries).toHaveLength(2);
    expect(server.queries).toHaveLength(2);
  });

  it('answers a list of indicators asked the same questions in two statements per question, the same figures as one by one', async () => {
    const DASHBOARD = `query ($unit: String!, $period: String!, $periods: [String!]!) {
      indicators(first: 50) { edges { node {
        code
        series(unitCode: $unit, periods: $periods) { period value target status reportedValues }
        breakdown: values(unitCode: $unit, period: $period, breakdown: CHILD_UNITS) { unit { code } numerator denominator value status }
        city: values(unitCode: $unit, period: $period) { numerator denominator value target status }
        again: values(unitCode: $unit, period: $period) { value }
      } } }
    }`;
    const variables = { unit: '92', period: '2024', periods: ['2023', '2024', '2026'] };
    server.queries.length = 0;
    const answer = await anonymous().request(DASHBOARD, variables);
    expect(answer.errors).toBeUndefined();
    type Node = { code: string; series: Value[]; breakdown: Value[]; city: Value[]; again: Value[] };
    const nodes = (answer.data!.indicators.edges as { node: Node }[]).map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThanOrEqual(15);
    // The list (its count included), then per distinct question the units and one roll-up for
    // every indicator: never a statement per indicator.
    const rollups = server.queries.filter((sql) => sql.includes('WITH RECURSIVE'));
    expect(rollups).toHaveLength(3);
    expect(server.queries.length).toBeLessThanOrEqual(2 + 3 * 2);
    expect(nodes.some((node) => node.city[0]!.value !== null)).toBe(true);
    for (const node of nodes.slice(0, 6)) {
      const series = await anonymous().request(`query ($code: String!, $unit: String!, $periods: [String!]!) {
        indicatorSeries(indicatorCode: $code, unitCode: $unit, periods: $periods) { period value target status reportedValues } }`, { code: node.code, ...variables });
      expect(node.series, node.code).toEqual(series.data!.indicatorSeries);
      const breakdown = await values(anonymous(), { code: node.code, period: variables.period, unit: '92', breakdown: 'CHILD_UNITS' });
      expect(node.breakdown, node.code).toEqual(breakdown.map(({ unit, numerator, denominator, value, status }) => ({ unit: { code: unit.code }, numerator, denominator, value, status })));
      const [city] = await values(anonymous(), { code: node.code, period: variables.period, unit: '92' });
      expect(node.city, node.code).toEqual([{ numerator: city!.numerator, denominator: city!.denominator, value: city!.value, target: city!.target, status: city!.status }]);
      expect(node.again).toEqual([{ value: city!.value }]);
    }
    // A wrong question is refused as it is alone: the unit named, the period's form given.
    const nowhere = await anonymous().request(`{ indicators(first: 3) { edges { node { code good: values(unitCode: "92", period: "2024") { value } values(unitCode: "nowhere", period: "2024") { value } } } } }`);
    expect(errorCode(nowhere)).toBe('NOT_FOUND');
    expect(nowhere.errors![0]!.message).toContain('nowhere');
    const badPeriod = await anonymous().request(`{ indicators(first: 3) { edges { node { code series(unitCode: "92", periods: ["2024", "2024H1"]) { value } } } } }`);
    expect(errorCode(badPeriod)).toBe('BAD_USER_INPUT');
    expect(badPeriod.errors![0]!.message).toContain('2024H1');
  });

  it('refuses a malformed period, disaggregation or unknown code with a clear error', async () => {
    const bad = await anonymous().request(VALUES, { code: 'IMMUNISATION_U1', period: '2025H1', unit: '92' });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toContain('2025S1');
    // Unknown indicator, unknown unit, both (the indicator is named first), by one unit or by its units.
    for (const breakdown of ['NONE', 'CHILD_UNITS']) {
      const cases = [
        { code: 'NOPE', unit: '92', names: 'NOPE' },
        { code: 'IMMUNISATION_U1', unit: 'nowhere', names: 'nowhere' },
        { code: 'NOPE', unit: 'nowhere', names: 'NOPE' },
        { code: 'NOPE', unit: '92.101', names: 'NOPE' },
      ];
      for (const { code, unit, names } of cases) {
        const answer = await anonymous().request(VALUES, { code, period: '2025', unit, breakdown });
        expect(errorCode(answer), `${code} ${unit} ${breakdown}`).toBe('NOT_FOUND');
        expect(answer.errors![0]!.message, `${code} ${unit} ${breakdown}`).toContain(names);
        expect(answer.data?.indicatorValues ?? null).toBeNull();
      }
    }
    const series = await anonymous().request(`{ indicatorSeries(indicatorCode: "NOPE", unitCode: "nowhere", periods: ["2024"]) { value } }`);
    expect(errorCode(series)).toBe('NOT_FOUND');
    expect(series.errors![0]!.message).toContain('NOPE');
    const sex = await anonymous().request(`{ indicatorValues(indicatorCode: "IMMUNISATION_U1", period: "2025", unitCode: "92", sex: "X") { value } }`);
    expect(errorCode(sex)).toBe('BAD_USER_INPUT');
  });
});

describe('a reorganised map of very different ward sizes', () => {
  let map: Awaited<ReturnType<typeof reorganisedMap>>;
  let admin: Client;
  beforeAll(async () => {
    map = await reorganisedMap();
    admin = await signIn('admin.demo');
    const report = await admin.request(SUBMIT, {
      input: {
        values: [
          row(map.indicator, map.tiny, '2023', 9, 10),
          row(map.indicator, map.huge, '2023', 50_000, 100_000),
          row(map.indicator, map.split, '2023', 300, 1000),
          row(map.indicator, map.n1, '2026', 700, 1000),
          row(map.indicator, map.n2, '2026', 30_000, 40_000),
        ],
      },
    });
    expect(report.data!.submitDataValues).toMatchObject({ imported: 5, updated: 0, ignored: 0, errors: [] });
  });

  it('sums numerators and denominators (never averages ratios) for the city and the district', async () => {
    const expected = ((9 + 50_000 + 300) / (10 + 100_000 + 1000)) * 100;
    const averageOfRatios = ((0.9 + 0.5 + 0.3) / 3) * 100;
    for (const unit of [map.city, map.district]) {
      const [v] = await values(admin, { code: map.indicator, period: '2023', unit });
      expect(v!.value).toBeCloseTo(expected, 9);
      expect(v!.value).not.toBeCloseTo(averageOfRatios, 1);
    }
    const [after] = await values(admin, { code: map.indicator, period: '2026', unit: map.city });
    expect(after!.value).toBeCloseTo(((700 + 30_000) / (1000 + 40_000)) * 100, 9);
  });

  it("continues a merged ward's series from the parts it was formed from, weighted by their shares", async () => {
    const [n1] = await values(admin, { code: map.indicator, period: '2023', unit: map.n1 });
    expect(n1!.numerator).toBeCloseTo(9 + 0.25 * 300, 9);
    expect(n1!.denominator).toBeCloseTo(10 + 0.25 * 1000, 9);
    // Broken down by today's map, 2023 still adds up to the city's own figure.
    const today = await values(admin, { code: map.indicator, period: '2023', unit: map.city, breakdown: 'CHILD_UNITS', at: '2026-01-01' });
    expect(today.map((v) => v.unit.code)).toEqual([map.n1, map.n2]);
    expect(today[1]!.numerator).toBeCloseTo(50_000 + 0.75 * 300, 9);
    expect(today.reduce((s, v) => s + v.numerator!, 0)).toBeCloseTo(9 + 50_000 + 300, 9);
    // On the map of the period itself, the city has the district below it.
    const then = await values(admin, { code: map.indicator, period: '2023', unit: map.city, breakdown: 'CHILD_UNITS' });
    expect(then.map((v) => v.unit.code)).toEqual([map.district]);
  });

  it('measures progress against the straight path from the baseline to the targets', async () => {
    const [v2023] = await values(admin, { code: map.indicator, period: '2023', unit: map.city });
    // 50 at the end of 2020 → 60 at the end of 2025: 56 expected at the end of 2023.
    expect(v2023!.target).toBeCloseTo(56, 9);
    // ~45.3%: behind by more than a quarter of the planned change (0.25 × 20 = 5).
    expect(v2023!.status).toBe('OFF_TRACK');
    const [v2026] = await values(admin, { code: map.indicator, period: '2026', unit: map.city });
    expect(v2026!.target).toBeCloseTo(62, 9);
    expect(v2026!.status).toBe('ON_TRACK');
    const [none] = await values(admin, { code: map.indicator, period: '2024', unit: map.city });
    expect(none).toMatchObject({ value: null, status: 'NO_DATA', reportedValues: 0 });
  });

  it('shows the public approved data only', async () => {
    const [hidden] = await values(anonymous(), { code: map.indicator, period: '2023', unit: map.city });
    expect(hidden).toMatchObject({ value: null, status: 'NO_DATA' });
    await approveAll(admin, map.indicator, '2023');
    const [shown] = await values(anonymous(), { code: map.indicator, period: '2023', unit: map.city });
    expect(shown!.value).toBeCloseTo(((9 + 50_000 + 300) / (10 + 100_000 + 1000)) * 100, 9);
  });
});

describe('reporting', () => {
  let map: Awaited<ReturnType<typeof reorganisedMap>>;
  let admin: Client;
  beforeAll(async () => {
    map = await reorganisedMap();
    admin = await signIn('admin.demo');
  });

  const counts = async () => ({
    values: await prisma.dataValue.count({ where: { indicator: { code: map.indicator } } }),
    audit: await prisma.auditLog.count(),
    submissions: await prisma.submission.count({ where: { indicator: { code: map.indicator } } }),
  });

  it('a dry run reports what would happen and changes nothing; the real run does exactly that', async () => {
    const input = {
      values: [
        row(map.indicator, map.tiny, '2024', 5, 10),
        row(map.indicator, map.huge, '2024', 60, 100, { sex: 'F' }),
        row(map.indicator, map.tiny, '2024', 6, 10),
        row(map.indicator, map.city, '2024', 1, 2),
        row(map.indicator, map.n1, '2024', 1, 2),
        row('NO_SUCH', map.tiny, '2024', 1, 2),
        row(map.indicator, map.tiny, '2024Q5', 1, 2),
        row(map.indicator, map.tiny, '2022', 3, 2),
        row(map.indicator, map.tiny, '2022', 1, 0),
      ],
    };
    const before = await counts();
    const dry = await admin.request(SUBMIT, { input: { ...input, dryRun: true } });
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.submitDataValues).toMatchObject({ dryRun: true, imported: 2, updated: 0, ignored: 0 });
    expect(dry.data!.submitDataValues.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, 'DUPLICATE'], [4, 'NOT_A_WARD'], [5, 'UNIT_NOT_IN_PERIOD'], [6, 'UNKNOWN_INDICATOR'], [7, 'BAD_PERIOD'],
      [8, 'NUMERATOR_ABOVE_DENOMINATOR'], [9, 'BAD_NUMBER'],
    ]);
    expect(dry.data!.submitDataValues.errors[1].message).toContain('rolled up');
    expect(await counts()).toEqual(before);

    const real = await admin.request(SUBMIT, { input });
    expect({ ...real.data!.submitDataValues, dryRun: true }).toEqual(dry.data!.submitDataValues);
    const after = await counts();
    expect(after.values).toBe(before.values + 2);
    expect(after.submissions).toBe(before.submissions + 1);
  });

  it('audits every change of a value, old → new, for admins to read; unchanged values are ignored', async () => {
    await admin.request(SUBMIT, { input: { values: [row(map.indicator, map.huge, '2022', 40, 100)] } });
    const again = await admin.request(SUBMIT, { input: { values: [row(map.indicator, map.huge, '2022', 40, 100)] } });
    expect(again.data!.submitDataValues).toMatchObject({ imported: 0, updated: 0, ignored: 1 });
    const changed = await admin.request(SUBMIT, { input: { values: [row(map.indicator, map.huge, '2022', 45, 100)] } });
    expect(changed.data!.submitDataValues).toMatchObject({ imported: 0, updated: 1, ignored: 0 });

    const value = await prisma.dataValue.findFirstOrThrow({ where: { indicator: { code: map.indicator }, unit: { code: map.huge }, period: '2022' } });
    const log = await admin.request(`query ($id: String) { auditLog(first: 10, subjectType: "DataValue", subjectId: $id) { edges { node { action data actorName } } } }`, { id: value.id });
    expect(log.errors).toBeUndefined();
    expect(log.data!.auditLog.edges.map((e: { node: unknown }) => e.node).map((n: { action: string; data: { old: unknown; new: unknown } }) => [n.action, n.data.old, n.data.new])).toEqual([
      ['dataValue.update', { numerator: 40, denominator: 100 }, { numerator: 45, denominator: 100 }],
      ['dataValue.create', null, { numerator: 40, denominator: 100 }],
    ]);
    expect(log.data!.auditLog.edges[0].node.actorName).toContain('Chị Hoa');
    const officer = await signIn('officer.demo');
    expect(errorCode(await officer.request(`{ auditLog(first: 1) { edges { node { action } } } }`))).toBe('FORBIDDEN');
  });

  it('locks values under review and once approved; a returned submission opens again with its reason', async () => {
    await admin.request(SUBMIT, { input: { values: [row(map.indicator, map.tiny, '2021', 1, 10)] } });
    const submission = (await admin.request(SUBMISSIONS, { period: '2021' })).data!.submissions.edges.map((e: { node: unknown }) => e.node).find((n: { indicator: { code: string } }) => n.indicator.code === map.indicator);
    expect(submission.state).toBe('DRAFT');
    const submitted = (await admin.request(TRANSITION('submit'), { input: { id: submission.id, version: submission.version } })).data!.submitSubmission;
    expect(submitted.state).toBe('SUBMITTED');
    const underReview = await admin.request(SUBMIT, { input: { values: [row(map.indicator, map.tiny, '2021', 2, 10)] } });
    expect(underReview.data!.submitDataValues.errors.map((e: { code: string }) => e.code)).toEqual(['LOCKED']);

    // A stale version (a double click) moves nothing.
    expect(errorCode(await admin.request(TRANSITION('approve'), { input: { id: submission.id, version: submission.version } }))).toBe('CONFLICT');
    expect(errorCode(await admin.request(TRANSITION('return'), { input: { id: submission.id, version: submitted.version, reason: ' ' } }))).toBe('BAD_USER_INPUT');
    const returned = (await admin.request(TRANSITION('return'), { input: { id: submission.id, version: submitted.version, reason: 'Ward A counted twice' } })).data!.returnSubmission;
    expect(returned).toMatchObject({ state: 'RETURNED', returnReason: 'Ward A counted twice' });
    const fixed = await admin.request(SUBMIT, { input: { values: [row(map.indicator, map.tiny, '2021', 2, 10)] } });
    expect(fixed.data!.submitDataValues).toMatchObject({ updated: 1, errors: [] });

    const again = (await admin.request(TRANSITION('submit'), { input: { id: submission.id, version: returned.version } })).data!.submitSubmission;
    const approved = (await admin.request(TRANSITION('approve'), { input: { id: submission.id, version: again.version } })).data!.approveSubmission;
    expect(approved.state).toBe('APPROVED');
    const locked = await admin.request(SUBMIT, { input: { values: [row(map.indicator, map.tiny, '2021', 3, 10)] } });
    expect(locked.data!.submitDataValues).toMatchObject({ imported: 0, updated: 0, errors: [{ row: 1, code: 'LOCKED' }] });
    const stored = await prisma.dataValue.findFirstOrThrow({ where: { indicator: { code: map.indicator }, unit: { code: map.tiny }, period: '2021' } });
    expect(stored.numerator).toBe(2);
    expect(errorCode(await admin.request(TRANSITION('return'), { input: { id: submission.id, version: approved.version, reason: 'too late' } }))).toBe('CONFLICT');
    const decoded = Buffer.from(submission.id, 'base64').toString().split(':')[1]!;
    const actions = (await prisma.auditLog.findMany({ where: { subjectType: 'Submission', subjectId: decoded }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['submission.submit', 'submission.return', 'submission.submit', 'submission.approve']);
  });
});

describe('who may report', () => {
  let map: Awaited<ReturnType<typeof reorganisedMap>>;
  let admin: Client;
  const tokenFor = async (agencyCode: string, scopes: string[]) => {
    const result = await admin.request(`mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }`, { input: { agencyCode, name: `test ${scopes.join(' ')}`, scopes } });
    expect(result.errors).toBeUndefined();
    return result.data!.createApiClient.token as string;
  };
  beforeAll(async () => {
    map = await reorganisedMap();
    admin = await signIn('admin.demo');
  });
  const input = () => ({ values: [row(map.indicator, map.n1, '2026', 1, 2)] });

  it('refuses anonymous callers, children, unscoped and read-only agency systems', async () => {
    expect(errorCode(await anonymous().request(SUBMIT, { input: input() }))).toBe('UNAUTHENTICATED');
    const child = await signIn('child.demo');
    expect(errorCode(await child.request(SUBMIT, { input: input() }))).toBe('FORBIDDEN');
    const readOnly = withToken(await tokenFor('SYT', ['indicators:read']));
    expect(errorCode(await readOnly.request(SUBMIT, { input: input() }))).toBe('FORBIDDEN');
    const otherScope = withToken(await tokenFor('SYT', ['programme:write']));
    expect(errorCode(await otherScope.request(SUBMIT, { input: { ...input(), dryRun: true } }))).toBe('FORBIDDEN');
    expect(await prisma.dataValue.count({ where: { indicator: { code: map.indicator } } })).toBe(0);
  });

  it("lets an agency report its own indicators only, and never approve", async () => {
    const otherAgency = withToken(await tokenFor('SGDDT', ['indicators:write']));
    const refused = await otherAgency.request(SUBMIT, { input: input() });
    expect(refused.data!.submitDataValues).toMatchObject({ imported: 0, errors: [{ row: 1, code: 'NOT_YOUR_INDICATOR' }] });
    const officer = await signIn('officer.demo'); // an officer of SGDDT
    expect((await officer.request(SUBMIT, { input: input() })).data!.submitDataValues.errors[0].code).toBe('NOT_YOUR_INDICATOR');

    const health = withToken(await tokenFor('SYT', ['indicators:write', 'indicators:read']));
    const accepted = await health.request(SUBMIT, { input: input() });
    expect(accepted.data!.submitDataValues).toMatchObject({ imported: 1, errors: [] });
    const mine = (await health.request(SUBMISSIONS, { period: '2026' })).data!.submissions.edges.map((e: { node: unknown }) => e.node).find((n: { indicator: { code: string } }) => n.indicator.code === map.indicator);
    const submitted = await health.request(TRANSITION('submit'), { input: { id: mine.id, version: mine.version } });
    expect(submitted.data!.submitSubmission.state).toBe('SUBMITTED');
    expect(errorCode(await health.request(TRANSITION('approve'), { input: { id: mine.id, version: mine.version + 1 } }))).toBe('FORBIDDEN');
    expect(errorCode(await officer.request(TRANSITION('approve'), { input: { id: mine.id, version: mine.version + 1 } }))).toBe('FORBIDDEN');
    // Another agency's officer may not send it for approval either (nor a child, nor anyone signed out).
    expect(errorCode(await officer.request(TRANSITION('submit'), { input: { id: mine.id, version: mine.version + 1 } }))).toBe('FORBIDDEN');
    expect(errorCode(await anonymous().request(TRANSITION('submit'), { input: { id: mine.id, version: mine.version + 1 } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await anonymous().request(TRANSITION('approve'), { input: { id: mine.id, version: mine.version + 1 } }))).toBe('UNAUTHENTICATED');
    // The health system's change is audited as the system's.
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'dataValue.create', data: { path: ['indicator'], equals: map.indicator } } });
    expect(audit.actorApiClientId).not.toBeNull();
    // Officers of other agencies do not see this agency's submissions.
    const seen = (await officer.request(SUBMISSIONS, { period: '2026' })).data!.submissions.edges.map((e: { node: unknown }) => e.node).map((n: { indicator: { code: string } }) => n.indicator.code);
    expect(seen).not.toContain(map.indicator);
    expect(errorCode(await anonymous().request(SUBMISSIONS))).toBe('UNAUTHENTICATED');
    // Nor one by its id.
    const byId = `query ($id: ID!) { node(id: $id) { ... on Submission { state } } }`;
    expect((await health.request(byId, { id: mine.id })).data!.node).toEqual({ state: 'SUBMITTED' });
    expect(errorCode(await officer.request(byId, { id: mine.id }))).toBe('FORBIDDEN');
  });

  it('lets a write-only agency system send its data for approval and see the answer', async () => {
    const writeOnly = withToken(await tokenFor('SYT', ['indicators:write']));
    expect((await writeOnly.request(SUBMIT, { input: { values: [row(map.indicator, map.n1, '2026Q4', 1, 3)] } })).data!.submitDataValues.imported).toBe(1);
    const [mine] = (await writeOnly.request(SUBMISSIONS, { period: '2026Q4' })).data!.submissions.edges.map((e: { node: unknown }) => e.node);
    const submitted = await writeOnly.request(TRANSITION('submit'), { input: { id: mine.id, version: mine.version } });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitSubmission.state).toBe('SUBMITTED');
  });

  it('lets an officer of the responsible agency report', async () => {
    const key = randomUUID().slice(0, 8);
    const user = await ensureUser(prisma, { username: `t.${key}.health`, displayName: 'Cán bộ y tế', kind: 'ADULT', password: PASSWORD });
    await grantRole(prisma, { userId: user.id, role: 'AGENCY_OFFICER', agencyId: (await prisma.agency.findUniqueOrThrow({ where: { code: 'SYT' } })).id });
    const officer = await signIn(user.username, PASSWORD);
    const result = await officer.request(SUBMIT, { input: { values: [row(map.indicator, map.n2, '2025S2', 1, 4)] } });
    expect(result.data!.submitDataValues).toMatchObject({ imported: 1, errors: [] });
  });
});

describe('SDMX-CSV', () => {
  const sdmx = (path: string) => fetch(`${server.url}/api/sdmx/data/${path}`, { headers: { 'accept-language': 'en' } });

  it('streams approved values with the SDMX columns, filtered by units and periods', async () => {
    const response = await sdmx('BIRTH_REGISTRATION?units=92.101,92.102&periods=2025,2025S2');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const [header, ...lines] = (await response.text()).trim().split('\n');
    expect(header!.split(',').slice(0, 8)).toEqual(['DATAFLOW', 'INDICATOR', 'REF_AREA', 'TIME_PERIOD', 'SEX', 'AGE', 'OBS_VALUE', 'UNIT_MEASURE']);
    // 2 wards × (the year: total, boys, girls; the half: total)
    expect(lines).toHaveLength(8);
    const rows = lines.map((l) => l.split(','));
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['92.101', '92.102']));
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['2025', '2025S2']));
    for (const r of rows) {
      expect(r[1]).toBe('BIRTH_REGISTRATION');
      expect(r[7]).toBe('PT');
      expect(Number(r[6])).toBeCloseTo((Number(r[8]) / Number(r[9])) * 100, 3);
      expect(r[10]).toBe('true');
    }
  });

  it('leaves out values not yet approved', async () => {
    // The current year is still being reported in the demo data (drafts, or awaiting approval).
    for (const code of ['SWIMMING_SAFETY', 'BIRTH_REGISTRATION']) {
      const text = await (await sdmx(`${code}?periods=${new Date().getUTCFullYear()}`)).text();
      expect(text.trim().split('\n')).toHaveLength(1);
    }
    const before = await (await sdmx(`SWIMMING_SAFETY?periods=${new Date().getUTCFullYear() - 1}`)).text();
    expect(before.trim().split('\n').length).toBeGreaterThan(1);
  });

  it('refuses bad filters with a clear 400 and an unknown indicator with 404, never a 500', async () => {
    for (const query of ['periods=2025H1', 'units=', 'units=nowhere', 'sex=X', 'age=old', `periods=${Array(300).fill('2025').map((p, i) => `${Number(p) - i}`).join(',')}`]) {
      const response = await sdmx(`BIRTH_REGISTRATION?${query}`);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toMatch(/filter/);
    }
    const missing = await sdmx('NO_SUCH_INDICATOR');
    expect(missing.status).toBe(404);
    expect((await sdmx('%00')).status).toBe(404);
  });
});

describe('pnpm data import', { timeout: 120_000 }, () => {
  const cli = fileURLToPath(new URL('../../api/src/cli/data.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../api/node_modules/.bin/tsx', import.meta.url));
  const run = (...args: string[]) =>
    promisify(execFile)(tsx, [cli, 'import', ...args], { env: { ...process.env, DATABASE_URL: inject('databaseUrl') } }).catch((error: { code: number; stdout: string }) => ({ ...error, exitCode: error.code }));

  it('imports a CSV (or checks it with --dry-run, changing nothing) and prints the same report', async () => {
    const map = await reorganisedMap();
    const dir = await mkdtemp(join(tmpdir(), 'treem-data-'));
    const csv = join(dir, 'values.csv');
    await writeFile(csv, [
      'indicatorCode,unitCode,period,numerator,denominator,sex',
      `${map.indicator},${map.tiny},2024,3,10,_T`,
      `${map.indicator},${map.huge},2024,30,100,F`,
      `${map.indicator},${map.city},2024,3,10,_T`,
    ].join('\n'));
    const count = () => prisma.dataValue.count({ where: { indicator: { code: map.indicator } } });

    // As the README says it: `pnpm data import` from the repository, with a path relative to it.
    const repository = fileURLToPath(new URL('../..', import.meta.url));
    const dry = await promisify(execFile)('pnpm', ['data', 'import', relative(repository, csv), '--dry-run'], { cwd: repository, env: { ...process.env, DATABASE_URL: inject('databaseUrl') } })
      .catch((error: { code: number; stdout: string }) => error); // exit code 2: the file has an error
    expect(dry.stdout).toContain('Dry run (nothing changed): would import 2, updated 0, ignored 0 (unchanged), 1 errors.');
    expect(dry.stdout).toContain('row 3: NOT_A_WARD');
    expect(await count()).toBe(0);

    const real = await run(csv);
    expect(real.stdout).toContain('Imported 2, updated 0, ignored 0 (unchanged), 1 errors.');
    expect(await count()).toBe(2);

    const json = join(dir, 'values.json');
    await writeFile(json, JSON.stringify({ values: [{ indicatorCode: map.indicator, unitCode: map.tiny, period: '2024', numerator: 4, denominator: 10 }] }));
    const updated = await run(json);
    expect(updated.stdout).toContain('Imported 0, updated 1, ignored 0 (unchanged), 0 errors.');
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'dataValue.update', data: { path: ['indicator'], equals: map.indicator } } });
    expect(audit).toMatchObject({ actorUserId: null, actorApiClientId: null, data: { old: { numerator: 3, denominator: 10 }, new: { numerator: 4, denominator: 10 } } });
  });
});
