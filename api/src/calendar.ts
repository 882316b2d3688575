// The programme runs on Vietnam's calendar (UTC+7, no daylight saving): a day there starts at
// 17:00 UTC of the day before, so "today" is never the server's UTC date. Calendar dates (unit
// and council validity, terms, due dates) are PostgreSQL `date`s, which Prisma hands over as
// JavaScript Dates at UTC midnight; these helpers speak that form.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in Vietnam, as a UTC-midnight Date. */
export function today(now = new Date()): Date {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** `2025-07-01` → a UTC-midnight Date; null unless the text is a real calendar date. */
export function parseDate(text: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900 && year <= 2200
    ? date
    : null;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
