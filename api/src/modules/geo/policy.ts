/**
 * Prisma filter for rows valid on a day (units, councils): begun by then and not yet ended.
 * `day` is a calendar date (see calendar.ts).
 */
export function validOn(day: Date) {
  return { validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] };
}
