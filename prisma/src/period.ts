// Periods have stable text ids, as SDMX and DHIS2 write them: a year (2025), a half (2025S1),
// a quarter (2025Q3) or a month (202507). Everything else about a period follows from its id.

export interface Period {
  id: string;
  /** First and last day (UTC-midnight calendar dates). */
  start: Date;
  end: Date;
  /** Where the period ends on the programme's time line, in years: 2025 = the end of 2025. */
  position: number;
}

const FORMS: [RegExp, (year: number, part: number) => [startMonth: number, months: number]][] = [
  [/^(\d{4})$/, () => [0, 12]],
  [/^(\d{4})S([12])$/, (_y, half) => [(half - 1) * 6, 6]],
  [/^(\d{4})Q([1-4])$/, (_y, quarter) => [(quarter - 1) * 3, 3]],
  [/^(\d{4})(0[1-9]|1[0-2])$/, (_y, month) => [month - 1, 1]],
];

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** The period named by `id`, or null when it is not one of the four forms (or out of range). */
export function parsePeriod(id: string): Period | null {
  for (const [pattern, span] of FORMS) {
    const match = pattern.exec(id);
    if (!match) continue;
    const year = Number(match[1]);
    if (year < FIRST_YEAR || year > LAST_YEAR) return null;
    const [startMonth, months] = span(year, Number(match[2] ?? 0));
    const start = new Date(Date.UTC(year, startMonth, 1));
    const end = new Date(Date.UTC(year, startMonth + months, 0));
    return { id, start, end, position: year - 1 + (startMonth + months) / 12 };
  }
  return null;
}

/** The yearly periods from `from` to `to`, inclusive. */
export function years(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}
