// Data files for bulk reporting: CSV (our own column names, or SDMX-CSV as /api/sdmx exports
// it, so a downloaded file can be corrected and sent back) or JSON (an array of values, or
// `{ "values": [...] }`). A row that cannot be read still becomes a row, with numbers that are
// not numbers, so the import reports it by its position like any other bad row.
import { parse } from 'csv-parse/sync';
import { AppError } from '../../errors.js';
import type { DataValueInput } from './service.js';

/** Accepted column names (case-insensitive) for each field. */
const COLUMNS: Record<keyof DataValueInput, string[]> = {
  indicatorCode: ['indicatorcode', 'indicator'],
  unitCode: ['unitcode', 'unit', 'ref_area'],
  period: ['period', 'time_period'],
  numerator: ['numerator'],
  denominator: ['denominator'],
  sex: ['sex'],
  ageBand: ['ageband', 'age'],
};

const text = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : String(value).trim());
const number = (value: unknown) => {
  const given = text(value);
  return given === undefined ? Number.NaN : Number(given);
};

function toInput(record: Record<string, unknown>): DataValueInput {
  const lower = new Map(Object.entries(record).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const field = (name: keyof DataValueInput) => COLUMNS[name].map((c) => lower.get(c)).find((v) => v !== undefined);
  return {
    indicatorCode: text(field('indicatorCode')) ?? '',
    unitCode: text(field('unitCode')) ?? '',
    period: text(field('period')) ?? '',
    numerator: number(field('numerator')),
    denominator: number(field('denominator')),
    sex: text(field('sex')) ?? null,
    ageBand: text(field('ageBand')) ?? null,
  };
}

export function parseDataFile(content: string, kind: 'csv' | 'json'): DataValueInput[] {
  try {
    if (kind === 'json') {
      const parsed: unknown = JSON.parse(content);
      const list = Array.isArray(parsed) ? parsed : (parsed as { values?: unknown })?.values;
      if (!Array.isArray(list)) throw new Error('not a list');
      return list.map((item) => toInput(item && typeof item === 'object' ? (item as Record<string, unknown>) : {}));
    }
    const records = parse(content, { columns: true, skip_empty_lines: true, bom: true, trim: true, relax_column_count: true }) as Record<string, string>[];
    return records.map(toInput);
  } catch {
    throw new AppError('BAD_USER_INPUT', 'DATA_FILE', { kind: kind.toUpperCase() });
  }
}
