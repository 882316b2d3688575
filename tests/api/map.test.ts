// The map with history: Can Tho's three-level structure until 30 June 2025 and the two-level
// one after, linked by successions; councils follow it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode } from '../support/graphql.js';

let server: Awaited<ReturnType<typeof startServer>>;
let client: Client;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  client = new Client(server.url, 'en');
});
afterAll(() => server.close());

const TREE = `query ($at: Date) { adminUnit(code: "92") { nameVi children(at: $at) { code level children(at: $at) { code } } } }`;

describe('administrative units', () => {
  it('follow the map valid on the day asked: districts and wards before the reform, wards under the city after', async () => {
    const before = (await client.request(TREE, { at: '2023-06-01' })).data!.adminUnit;
    expect(before.children.map((d: { level: string }) => d.level)).toEqual(Array(9).fill('DISTRICT'));
    expect(before.children.flatMap((d: { children: unknown[] }) => d.children)).toHaveLength(36);

    const lastDay = (await client.request(TREE, { at: '2025-06-30' })).data!.adminUnit;
    expect(lastDay.children).toHaveLength(9);

    const after = (await client.request(TREE, { at: '2025-07-01' })).data!.adminUnit;
    expect(after.children.map((w: { code: string }) => w.code)).toEqual(Array.from({ length: 15 }, (_, i) => `92.${101 + i}`));
    expect(after.children.every((w: { level: string; children: unknown[] }) => w.level === 'WARD' && w.children.length === 0)).toBe(true);

    // Today is the default.
    expect((await client.request(TREE)).data!.adminUnit.children).toEqual(after.children);
  });

  it('record merges and a split with the share that moved', async () => {
    const { data } = await client.request(`{
      adminUnit(code: "92.102") { nameVi validFrom formedFrom { predecessor { code nameVi validTo } share basis effectiveOn } }
    }`);
    expect(data!.adminUnit.nameVi).toBe('Phường Cái Khế');
    expect(data!.adminUnit.validFrom).toBe('2025-07-01');
    expect(data!.adminUnit.formedFrom).toEqual([
      { predecessor: { code: '916.01', nameVi: 'Phường An Hòa', validTo: '2025-06-30' }, share: 1, basis: null, effectiveOn: '2025-07-01' },
      { predecessor: { code: '916.04', nameVi: 'Phường Cái Khế', validTo: '2025-06-30' }, share: 1, basis: null, effectiveOn: '2025-07-01' },
      { predecessor: { code: '918.03', nameVi: 'Phường Bùi Hữu Nghĩa', validTo: '2025-06-30' }, share: 0.02, basis: 'population 2024 (demo)', effectiveOn: '2025-07-01' },
    ]);
  });

  it('pass every old ward on whole: the shares of its successors add up to one', async () => {
    const { data } = await client.request(`{ adminUnits(at: "2025-06-30", level: WARD) { code successorsOf { share successor { validFrom } } } }`);
    const oldWards = data!.adminUnits.filter((u: { code: string }) => /^9\d\d\.\d\d$/.test(u.code));
    expect(oldWards).toHaveLength(36);
    for (const ward of oldWards) {
      const total = ward.successorsOf.reduce((sum: number, s: { share: number }) => sum + s.share, 0);
      expect(total, ward.code).toBeCloseTo(1, 6);
      expect(ward.successorsOf.every((s: { successor: { validFrom: string } }) => s.successor.validFrom === '2025-07-01')).toBe(true);
    }
  });

  it('are identified by code: "Tân An" names two different wards, one on each map', async () => {
    const { data } = await client.request(`{ old: adminUnit(code: "916.02") { nameVi validTo successorsOf { successor { code nameVi } } } new: adminUnit(code: "92.103") { nameVi validFrom formedFrom { predecessor { nameVi } } } }`);
    expect(data!.old).toEqual({ nameVi: 'Phường Tân An', validTo: '2025-06-30', successorsOf: [{ successor: { code: '92.101', nameVi: 'Phường Ninh Kiều' } }] });
    expect(data!.new.nameVi).toBe('Phường Tân An');
    expect(data!.new.formedFrom.map((f: { predecessor: { nameVi: string } }) => f.predecessor.nameVi)).toEqual(['Phường Hưng Lợi', 'Phường An Khánh']);
  });

  it('refuse a date that does not exist, in the reader’s language', async () => {
    for (const at of ['2025-02-30', '2025-7-1', 'yesterday', '']) {
      const result = await client.request(TREE, { at });
      expect(errorCode(result), at).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toBe(`The date "${at}" is not right. Write it as YYYY-MM-DD, e.g. 2025-07-01.`);
    }
  });
});

describe('councils follow the map', () => {
  const COUNCILS = `query ($at: Date) { councils(at: $at) { level unit { code } } }`;
  const levels = (councils: { level: string }[]) => councils.reduce<Record<string, number>>((n, c) => ({ ...n, [c.level]: (n[c.level] ?? 0) + 1 }), {});
  const demo = (councils: { level: string; unit: { code: string } }[]) => councils.filter((c) => /^9\d/.test(c.unit.code));

  it('today: the city council and the councils of the new wards, no district councils', async () => {
    const { data } = await client.request(COUNCILS);
    expect(levels(demo(data!.councils))).toEqual({ CITY: 1, WARD: 15 });
  });

  it('on 30 June 2025: the city, its 9 district councils and 36 ward councils', async () => {
    const { data } = await client.request(COUNCILS, { at: '2025-06-30' });
    expect(levels(demo(data!.councils))).toEqual({ CITY: 1, DISTRICT: 9, WARD: 36 });
  });

  it('a merged ward’s council ended on 30 June 2025 with its history, and its members moved to its successor', async () => {
    const anHoa = await server.prisma.council.findFirstOrThrow({ where: { unit: { code: '916.01' } }, include: { terms: { include: { memberships: true } } } });
    const { data } = await client.request(`query ($id: ID!) {
      council(id: $id) {
        active validTo parent { level } successor { nameVi active parent { level } predecessors { nameVi } }
        proposals { edges { node { state tally { total } } } }
      }
    }`, { id: Buffer.from(`Council:${anHoa.id}`).toString('base64') });
    const council = data!.council;
    expect(council).toMatchObject({ active: false, validTo: '2025-06-30', parent: { level: 'DISTRICT' } });
    expect(council.successor).toEqual({
      nameVi: 'Hội đồng trẻ em phường Cái Khế', active: true, parent: { level: 'CITY' },
      predecessors: [{ nameVi: 'Hội đồng trẻ em phường An Hòa' }, { nameVi: 'Hội đồng trẻ em phường Cái Khế' }],
    });
    expect(council.proposals.edges.map((e: { node: { state: string } }) => e.node.state).sort()).toEqual(['ADOPTED', 'NOT_ADOPTED']);
    expect(council.proposals.edges.every((e: { node: { tally: { total: number } } }) => e.node.tally.total > 0)).toBe(true);

    const oldMembers = anHoa.terms.flatMap((term) => term.memberships.map((m) => m.userId)).sort();
    const successor = await server.prisma.council.findFirstOrThrow({ where: { unit: { code: '92.102' } }, include: { terms: { where: { endsOn: { gte: new Date() } }, include: { memberships: true } } } });
    const newMembers = successor.terms.flatMap((term) => term.memberships.map((m) => m.userId));
    expect(oldMembers.every((id) => newMembers.includes(id))).toBe(true);
  });
});
