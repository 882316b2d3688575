import { Prisma, type Db, type ServiceSector } from '@treem/db/client';

/** LIKE's own characters in what people type are matched literally. */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The directory's filter: a sector, a unit (itself or a unit directly under it), and words that
 * must all appear, in any letter case, in the name, address or services offered (PostgreSQL
 * matches them). Helplines serve every unit, so a search by unit keeps them.
 */
export async function servicePointWhere(
  prisma: Db,
  { sector, unitCode, agencyCode, search }: { sector?: ServiceSector | null; unitCode?: string | null; agencyCode?: string | null; search?: string | null },
): Promise<Prisma.ServicePointWhereInput> {
  const words = search?.trim().split(/\s+/).filter(Boolean).slice(0, 8) ?? [];
  let matching: Prisma.ServicePointWhereInput = {};
  if (words.length > 0) {
    const text = Prisma.sql`concat_ws(' ', "nameVi", "nameEn", "address", array_to_string("services", ' '))`;
    const conditions = words.map((word) => Prisma.sql`${text} ILIKE ${likePattern(word)}`);
    const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ServicePoint" WHERE ${Prisma.join(conditions, ' AND ')}`;
    matching = { id: { in: rows.map((row) => row.id) } };
  }
  return {
    ...matching,
    ...(sector ? { sector } : {}),
    ...(agencyCode ? { agency: { code: agencyCode } } : {}),
    ...(unitCode ? { OR: [{ unit: { OR: [{ code: unitCode }, { parent: { code: unitCode } }] } }, { helpline: true }] } : {}),
  };
}
