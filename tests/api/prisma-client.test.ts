// The Prisma client as patched by this project (patches/README.md): a statement's SQL is rendered
// once per plan and shape of its IN-lists, then reused. These reads share one plan and change
// only the lists' lengths and values, so a text rendered for one shape and reused for another
// would bind the wrong values or the wrong number of them. Its query serializer passes scalar
// fields selected with `true` and plain argument values (null, strings, numbers, booleans, in
// objects and lists) through without building a nested context for each: selections, filters
// and Prisma's own refusals must come out as before.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrisma, type Db } from '@treem/db/client';

let prisma: Db;
let units: { id: string; nameVi: string }[];
beforeAll(async () => {
  prisma = createPrisma({ url: inject('databaseUrl') });
  units = await prisma.$queryRaw<{ id: string; nameVi: string }[]>`SELECT id, "nameVi" FROM "AdminUnit" ORDER BY id LIMIT 12`;
});
afterAll(() => prisma.$disconnect());

/** One plan: a list, a value bound after it, and a second list. */
const read = (ids: string[], notNamed: string, alsoIds: string[]) =>
  prisma.adminUnit.findMany({
    where: { id: { in: ids }, nameVi: { not: notNamed }, OR: [{ id: { in: alsoIds } }, { id: { in: ids } }] },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

describe('Prisma statements with IN-lists (the patched client)', () => {
  it('bind the values of each call, whatever the lengths of its lists, in any order of shapes', async () => {
    expect(units.length).toBeGreaterThanOrEqual(12);
    const all = ids(units);
    for (const [take, skip, other] of [[3, 0, 2], [1, 4, 0], [5, 2, 5], [3, 6, 1], [0, 0, 3], [3, 0, 2], [7, 5, 7]] as const) {
      const chosen = all.slice(skip, skip + take);
      const excluded = units[skip]?.nameVi ?? 'nobody';
      const expected = units.filter((unit) => chosen.includes(unit.id) && unit.nameVi !== excluded).map((unit) => unit.id);
      expect(ids(await read(chosen, excluded, all.slice(0, other))), `${take} ids from ${skip}`).toEqual(expected);
    }
  });

  it('take Prisma’s own path over the bind-parameter limit, where it splits the statement', async () => {
    const many = Array.from({ length: 40_000 }, (_, i) => `missing-${i}`);
    many.splice(20_000, 0, units[1]!.id);
    many.push(units[2]!.id);
    const rows = await prisma.adminUnit.findMany({ where: { id: { in: many } }, select: { id: true } });
    expect(ids(rows).sort()).toEqual([units[1]!.id, units[2]!.id]);
  });

  it('serialize selections and arguments as before: scalars, false, nested selects, plain values, dates, refusals', async () => {
    const [first, second] = units;
    const rows = await prisma.adminUnit.findMany({
      where: {
        id: { in: [first!.id, second!.id] },
        validTo: null,
        NOT: { nameVi: 'no such name' },
        validFrom: { lte: new Date('2100-01-01T00:00:00Z') },
        children: { every: { nameEn: { not: '' } } },
        OR: [{ parentId: null }, { parentId: { not: null } }],
      },
      select: { id: true, nameVi: true, nameEn: false, parent: { select: { id: true } }, _count: { select: { children: true } } },
      orderBy: { id: 'asc' },
      take: 5,
    });
    const expected = await prisma.$queryRaw<{ id: string; nameVi: string; parentId: string | null; children: number }[]>`
      SELECT u.id, u."nameVi", u."parentId", (SELECT count(*)::int FROM "AdminUnit" c WHERE c."parentId" = u.id) AS children
      FROM "AdminUnit" u WHERE u.id IN (${first!.id}, ${second!.id}) AND u."validTo" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "AdminUnit" c WHERE c."parentId" = u.id AND c."nameEn" = '')
      ORDER BY u.id`;
    expect(rows).toEqual(expected.map((u) => ({ id: u.id, nameVi: u.nameVi, parent: u.parentId ? { id: u.parentId } : null, _count: { children: u.children } })));
    expect(rows.length).toBeGreaterThan(0);
    // Unknown fields and values of the wrong type are still Prisma's validation errors.
    await expect(prisma.adminUnit.findMany({ select: { id: true, nope: true } as never })).rejects.toThrow(/nope/);
    await expect(prisma.adminUnit.findMany({ where: { nameVi: 42 as never } })).rejects.toThrow(/nameVi/);
    await expect(prisma.adminUnit.findMany({ where: { id: { in: ['x', 7 as never] } } })).rejects.toThrow();
  });
});
