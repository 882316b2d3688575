// Numbers without names: childStatistics hides cells under 5, and no hidden cell can be
// worked out from the published ones — not from one table's totals, and not by differencing
// two queries. Checked as an attacker would: by solving the published sums for the hidden cells.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client } from '../support/graphql.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
});
afterAll(() => server.close());

type Dim = 'UNIT' | 'CIRCUMSTANCE' | 'SEX' | 'AGE_BAND';
interface Cell { unitCode: string; circumstance: string | null; sex: string | null; ageBand: string | null; count: number | null }

const QUERY = 'query ($unitCode: String!, $by: [ChildStatisticsDimension!]!) { childStatistics(unitCode: $unitCode, by: $by) { unitCode circumstance sex ageBand count suppressed } }';
const key = (c: Pick<Cell, 'unitCode' | 'circumstance' | 'sex' | 'ageBand'>) => `${c.unitCode}|${c.circumstance ?? '*'}|${c.sex ?? '*'}|${c.ageBand ?? '*'}`;

async function table(client: Client, unitCode: string, by: Dim[]): Promise<Cell[]> {
  const { data, errors } = await client.request(QUERY, { unitCode, by });
  expect(errors).toBeUndefined();
  return data!.childStatistics;
}

/** The true counts, computed here from the rows, independently of the server's SQL. */
async function truth() {
  const today = new Date();
  const records = await server.prisma.childRecord.findMany({
    where: { registeredOn: { lte: today }, OR: [{ closedOn: null }, { closedOn: { gt: today } }] },
    include: { unit: { include: { parent: { include: { parent: true } } } }, circumstances: { where: { since: { lte: today } } } },
  });
  const order = ['ORPHANED', 'ABANDONED', 'WITHOUT_CARE', 'DISABILITY', 'HIV_AIDS', 'IN_CONFLICT_WITH_LAW', 'DRUG_ADDICTION', 'WORKING_OUT_OF_SCHOOL', 'SERIOUSLY_HARMED_BY_VIOLENCE', 'EXPLOITED', 'SEXUALLY_ABUSED', 'TRAFFICKED', 'SERIOUSLY_ILL_POOR_HOUSEHOLD', 'MIGRANT_OR_REFUGEE_UNACCOMPANIED'];
  const counts = new Map<string, number>();
  for (const r of records) {
    let age = today.getUTCFullYear() - r.birthDate.getUTCFullYear();
    if (today.getUTCMonth() < r.birthDate.getUTCMonth() || (today.getUTCMonth() === r.birthDate.getUTCMonth() && today.getUTCDate() < r.birthDate.getUTCDate())) age--;
    if (age < 0 || age > 17) continue;
    const band = age < 6 ? 'UNDER_6' : age <= 10 ? 'AGE_6_10' : age <= 15 ? 'AGE_11_15' : 'AGE_16_17';
    const group = r.circumstances.map((c) => c.group).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? 'NONE';
    const units = [r.unit.code, r.unit.parent?.code, r.unit.parent?.parent?.code].filter(Boolean) as string[];
    for (const unitCode of units) {
      for (const circumstance of [group, null]) for (const sex of [r.sex, null]) for (const ageBand of [band, null]) {
        const k = key({ unitCode, circumstance, sex, ageBand });
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
  }
  return (c: Cell) => counts.get(key(c)) ?? 0;
}

/**
 * The sums an attacker knows hold between published cells: a unit is the sum of its sub-units,
 * an "all" is the sum of a dimension's values. Built from the cells themselves.
 */
function sums(cells: Map<string, Cell>, subUnits: Map<string, string[]>) {
  const values: Record<'circumstance' | 'sex' | 'ageBand', string[]> = { circumstance: [], sex: [], ageBand: [] };
  for (const cell of cells.values()) for (const dim of ['circumstance', 'sex', 'ageBand'] as const) if (cell[dim] && !values[dim].includes(cell[dim]!)) values[dim].push(cell[dim]!);
  const equations: string[][] = [];
  for (const cell of cells.values()) {
    const parts = (dim: 'circumstance' | 'sex' | 'ageBand') => values[dim].map((v) => key({ ...cell, [dim]: v }));
    const candidates = [
      ...(subUnits.has(cell.unitCode) ? [subUnits.get(cell.unitCode)!.map((unitCode) => key({ ...cell, unitCode }))] : []),
      ...(['circumstance', 'sex', 'ageBand'] as const).filter((dim) => cell[dim] === null).map(parts),
    ];
    for (const terms of candidates) if (terms.every((t) => cells.has(t))) equations.push([key(cell), ...terms]);
  }
  return equations;
}

/** Hidden cells that the published sums determine exactly (Gaussian elimination over the hidden ones). */
function recoverable(cells: Map<string, Cell>, equations: string[][]): string[] {
  const rows: Map<string, number>[] = equations.map(([total, ...parts]) => {
    const row = new Map<string, number>();
    for (const [k, sign] of [[total!, 1], ...parts.map((p) => [p, -1] as const)] as [string, number][]) {
      if (cells.get(k)!.count === null) row.set(k, (row.get(k) ?? 0) + sign);
    }
    return row;
  }).filter((row) => row.size > 0);
  const pivots: { column: string; row: Map<string, number> }[] = [];
  for (const row of rows) {
    for (const pivot of pivots) {
      const factor = row.get(pivot.column);
      if (!factor) continue;
      for (const [k, v] of pivot.row) {
        const next = (row.get(k) ?? 0) - factor * v;
        if (Math.abs(next) < 1e-9) row.delete(k);
        else row.set(k, next);
      }
    }
    const column = [...row.keys()][0];
    if (column === undefined) continue;
    const scale = row.get(column)!;
    for (const [k, v] of row) row.set(k, v / scale);
    for (const pivot of pivots) {
      const factor = pivot.row.get(column);
      if (!factor) continue;
      for (const [k, v] of row) {
        const next = (pivot.row.get(k) ?? 0) - factor * v;
        if (Math.abs(next) < 1e-9) pivot.row.delete(k);
        else pivot.row.set(k, next);
      }
    }
    pivots.push({ column, row });
  }
  return pivots.filter((p) => p.row.size === 1).map((p) => p.column);
}

describe('childStatistics', () => {
  it('publishes true counts, hides every cell under 5, and answers the same cell the same way in every query', async () => {
    const anonymous = new Client(server.url);
    const count = await truth();
    const seen = new Map<string, number | null>();
    let published = 0;
    let hidden = 0;
    for (const [unitCode, by] of [['92', ['UNIT']], ['92', []], ['92', ['UNIT', 'SEX']], ['92', ['SEX', 'AGE_BAND']], ['92', ['UNIT', 'CIRCUMSTANCE', 'SEX', 'AGE_BAND']], ['92.101', ['CIRCUMSTANCE']], ['92.102', ['SEX']]] as [string, Dim[]][]) {
      for (const cell of await table(anonymous, unitCode, by)) {
        if (cell.count === null) hidden++;
        else {
          published++;
          expect(cell.count, key(cell)).toBe(count(cell));
        }
        if (count(cell) < 5) expect(cell.count, key(cell)).toBeNull();
        if (seen.has(key(cell))) expect(cell.count, `${key(cell)} differs between queries`).toBe(seen.get(key(cell)));
        seen.set(key(cell), cell.count);
      }
    }
    // The demo data makes both kinds: a test of suppression that hides everything proves nothing.
    expect(published).toBeGreaterThan(5);
    expect(hidden).toBeGreaterThan(5);
  });

  it('leaves no hidden cell recoverable by differencing queries, alone or all together', async () => {
    const agency = new Client(server.url);
    const cells = new Map<string, Cell>();
    const queries: [string, Dim[]][] = [
      ['92', []], ['92', ['UNIT']], ['92', ['SEX']], ['92', ['AGE_BAND']], ['92', ['CIRCUMSTANCE']],
      ['92', ['UNIT', 'SEX']], ['92', ['UNIT', 'AGE_BAND']], ['92', ['SEX', 'AGE_BAND']], ['92', ['UNIT', 'SEX', 'AGE_BAND']],
      ['92', ['CIRCUMSTANCE', 'SEX']], ['92', ['UNIT', 'CIRCUMSTANCE']],
      ['92.101', ['SEX', 'AGE_BAND']], ['92.102', ['CIRCUMSTANCE', 'SEX']],
    ];
    for (const [unitCode, by] of queries) for (const cell of await table(agency, unitCode, by)) cells.set(key(cell), cell);
    // Today's map: the city and its wards and communes (units that ended in 2025 are not published).
    const today = new Date();
    const units = await server.prisma.adminUnit.findMany({ where: { parent: { code: '92' }, validFrom: { lte: today }, OR: [{ validTo: null }, { validTo: { gte: today } }] }, include: { parent: true } });
    const subUnits = new Map<string, string[]>();
    for (const u of units) subUnits.set(u.parent!.code, [...(subUnits.get(u.parent!.code) ?? []), u.code]);

    const equations = sums(cells, subUnits);
    expect(equations.length).toBeGreaterThan(50);
    // One difference at a time: a published total minus its published parts.
    for (const [total, ...parts] of equations) {
      const hiddenTerms = [total!, ...parts].filter((k) => cells.get(k)!.count === null);
      expect(hiddenTerms.length, `${total} = ${parts.join(' + ')}`).not.toBe(1);
    }
    // All differences at once.
    expect(recoverable(cells, equations)).toEqual([]);
  });

  it('refuses an unknown unit without repeating it, and offers no filter narrower than its dimensions', async () => {
    const { errors } = await new Client(server.url, 'en').request(QUERY, { unitCode: 'Mẫu Demo', by: [] });
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_UNIT' });
    expect(errors![0]!.message).not.toContain('Mẫu');
    const { errors: unknownArg } = await new Client(server.url).request('{ childStatistics(unitCode: "916", by: [], sex: MALE) { count } }');
    expect(unknownArg![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
