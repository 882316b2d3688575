import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { PopulationRegistry, VerificationOutcome, VerificationRequest } from './index.js';

export type ExtractProblemCode = 'MISSING_FIELD' | 'BAD_NUMBER' | 'BAD_DATE' | 'BAD_SEX' | 'DUPLICATE' | 'NOT_AN_OBJECT' | 'UNREADABLE';

export interface ExtractPerson {
  birthDate: string;
  sex: 'MALE' | 'FEMALE' | null;
}

export interface Extract {
  sha256: string;
  persons: Map<string, ExtractPerson>;
  /** Rows that could not be used, by line (CSV: the file's line; JSON: the item's position). */
  problems: { line: number; code: ExtractProblemCode }[];
  rows: number;
}

const SEX: Record<string, 'MALE' | 'FEMALE'> = { M: 'MALE', MALE: 'MALE', NAM: 'MALE', F: 'FEMALE', FEMALE: 'FEMALE', NU: 'FEMALE', 'NỮ': 'FEMALE' };

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * Reads an extract of the population database: CSV with a header
 * (`personal_number,birth_date[,sex]`) or JSON (an array, or `{ "persons": [...] }`, of
 * `{ personalNumber, birthDate, sex? }`). A bad row is reported by line and code and left out;
 * nothing of its content is kept.
 */
export async function loadExtract(path: string): Promise<Extract> {
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const items: { line: number; value: unknown }[] = [];
  const problems: Extract['problems'] = [];
  if (path.toLowerCase().endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { sha256, persons: new Map(), problems: [{ line: 0, code: 'UNREADABLE' }], rows: 0 };
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { persons?: unknown })?.persons;
    if (!Array.isArray(list)) return { sha256, persons: new Map(), problems: [{ line: 0, code: 'UNREADABLE' }], rows: 0 };
    list.forEach((value, index) => items.push({ line: index + 1, value }));
  } else {
    const records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as { record: Record<string, string>; info: { lines: number } }[];
    for (const { record, info } of records) {
      items.push({ line: info.lines, value: { personalNumber: record.personal_number, birthDate: record.birth_date, sex: record.sex } });
    }
  }

  const persons = new Map<string, ExtractPerson>();
  for (const { line, value } of items) {
    if (typeof value !== 'object' || value === null) {
      problems.push({ line, code: 'NOT_AN_OBJECT' });
      continue;
    }
    const { personalNumber, birthDate, sex } = value as Record<string, unknown>;
    if (typeof personalNumber !== 'string' || typeof birthDate !== 'string' || !personalNumber || !birthDate) {
      problems.push({ line, code: 'MISSING_FIELD' });
    } else if (!/^\d{12}$/.test(personalNumber)) {
      problems.push({ line, code: 'BAD_NUMBER' });
    } else if (!validDate(birthDate)) {
      problems.push({ line, code: 'BAD_DATE' });
    } else if (sex !== undefined && sex !== null && sex !== '' && !(typeof sex === 'string' && SEX[sex.toUpperCase()])) {
      problems.push({ line, code: 'BAD_SEX' });
    } else if (persons.has(personalNumber)) {
      problems.push({ line, code: 'DUPLICATE' });
    } else {
      persons.set(personalNumber, { birthDate, sex: typeof sex === 'string' && sex ? SEX[sex.toUpperCase()]! : null });
    }
  }
  return { sha256, persons, problems, rows: items.length };
}

/** Compares one request with what the population database holds. */
export function matchPerson(request: VerificationRequest, person: ExtractPerson | undefined): VerificationOutcome {
  if (!person) return { ref: request.ref, status: 'NOT_FOUND', mismatch: [] };
  if (person.birthDate !== request.birthDate) return { ref: request.ref, status: 'MISMATCH', mismatch: ['birthDate'] };
  return { ref: request.ref, status: 'MATCHED', mismatch: [] };
}

/** The population database as an extract: a number absent from it is NOT_FOUND. */
export class FileRegistry implements PopulationRegistry {
  readonly source = 'FILE' as const;
  readonly maxBatch = 500;
  readonly sourceRef: string;

  constructor(private readonly extract: Extract) {
    this.sourceRef = extract.sha256;
  }

  async verify(batch: VerificationRequest[]): Promise<VerificationOutcome[]> {
    return batch.map((request) => matchPerson(request, this.extract.persons.get(request.personalNumber)));
  }
}
