// The population-database link against a real local stand-in speaking the documented
// protocol: matching, retries through 500s, 429s and timeouts, malformed rows reported one by
// one, a run that stops and resumes where it stopped, and the file import and sync commands.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HttpRegistry } from '../../api/src/modules/children/connector/http.js';
import { FileRegistry, loadExtract } from '../../api/src/modules/children/connector/file.js';
import { runVerification } from '../../api/src/modules/children/registry.js';
import { startServer } from '../support/server.js';
import { startPopulationDb, type StandIn } from '../support/population-db.js';

const databaseUrl = inject('databaseUrl');
let server: Awaited<ReturnType<typeof startServer>>;
let records: { id: string; personalNumber: string; birthDate: string }[];
const standIns: StandIn[] = [];

beforeAll(async () => {
  server = await startServer({ databaseUrl });
  const rows = await server.prisma.childRecord.findMany({ where: { personalNumber: { startsWith: '000' } }, orderBy: { id: 'asc' } });
  records = rows.map((r) => ({ id: r.id, personalNumber: r.personalNumber!, birthDate: r.birthDate.toISOString().slice(0, 10) }));
  expect(records.length).toBeGreaterThan(30);
});
afterAll(async () => {
  for (const standIn of standIns) await standIn.close();
  await server.close();
});

/** The population database as the stand-in knows it: everyone, one birth date off, one missing. */
async function standIn() {
  const [mismatched, missing] = [records[1]!, records[2]!];
  const persons = new Map(records.filter((r) => r !== missing).map((r) => [r.personalNumber, { birthDate: r === mismatched ? '2001-01-01' : r.birthDate }]));
  const started = await startPopulationDb({ persons });
  standIns.push(started);
  return { standIn: started, mismatched, missing, matched: records[0]! };
}

const link = (childId: string) => server.prisma.registryLink.findUniqueOrThrow({ where: { childId } });
const client = (s: StandIn, options: Partial<ConstructorParameters<typeof HttpRegistry>[0]> = {}) =>
  new HttpRegistry({ baseUrl: s.url, token: s.token, timeoutMs: 200, backoffMs: 1, maxAttempts: 4, ...options });

describe('the HTTP link', () => {
  it('links records MATCHED, MISMATCH or NOT_FOUND through 500s, a 429 and a timeout, and reports a malformed row alone', async () => {
    const { standIn: s, mismatched, missing, matched } = await standIn();
    const broken = records[3]!;
    s.faults.serverErrors = 2;
    s.faults.rateLimits = 1;
    s.faults.slow = { requests: 1, ms: 600 };
    s.faults.malformed.add(broken.personalNumber);
    const before = await link(broken.id);

    const run = await runVerification({ prisma: server.prisma, registry: client(s, { maxAttempts: 6 }), batchSize: 10 });
    expect(run).toMatchObject({ status: 'COMPLETED', failed: 1 });
    const links = await server.prisma.registryLink.findMany({ where: { childId: { in: records.map((r) => r.id) } } });
    expect(links.filter((l) => l.childId !== broken.id).every((l) => l.lastVerifiedAt! >= run.startedAt)).toBe(true);
    // At least three retries: after the time-out, a 500 (the slow request may take the other) and the 429.
    expect(s.received).toBeGreaterThanOrEqual(Math.ceil(run.total / 10) + 3);

    expect(await link(matched.id)).toMatchObject({ status: 'MATCHED', mismatchFields: [], lastProblem: null, lastVerifiedAt: expect.any(Date) });
    expect(await link(mismatched.id)).toMatchObject({ status: 'MISMATCH', mismatchFields: ['birthDate'] });
    expect(await link(missing.id)).toMatchObject({ status: 'NOT_FOUND' });
    expect(await link(broken.id)).toMatchObject({ status: before.status, lastProblem: 'MALFORMED_ANSWER', attempts: before.attempts + 1 });
    const problems = await server.prisma.registryRunProblem.findMany({ where: { runId: run.id } });
    expect(problems).toEqual([expect.objectContaining({ childId: broken.id, code: 'MALFORMED_ANSWER' })]);

    // Re-verification: the birth date corrected at the source, the record matches.
    s.persons.set(mismatched.personalNumber, { birthDate: mismatched.birthDate });
    s.faults.malformed.clear();
    const again = await runVerification({ prisma: server.prisma, registry: client(s), batchSize: 50 });
    expect(again.id).not.toBe(run.id);
    expect(await link(mismatched.id)).toMatchObject({ status: 'MATCHED', mismatchFields: [] });
    expect(await link(broken.id)).toMatchObject({ lastProblem: null });
  });

  it('stops when the service stays down, with every committed batch kept, and resumes after the last one', async () => {
    const { standIn: s } = await standIn();
    const registry = client(s, { maxAttempts: 3 });
    const failed = await runVerification({
      prisma: server.prisma, registry, batchSize: 5,
      onProgress: ({ processed }) => {
        if (processed >= 10) s.faults.serverErrors = 1_000;
      },
    });
    expect(failed).toMatchObject({ status: 'FAILED', processed: 10 });
    expect(await server.prisma.registryRunProblem.findFirst({ where: { runId: failed.id, childId: null } })).toMatchObject({ code: 'SERVER_ERROR' });
    const firstBatches = s.answered.flat();
    expect(firstBatches).toHaveLength(10);

    s.faults.serverErrors = 0;
    const resumed = await runVerification({ prisma: server.prisma, registry, batchSize: 5 });
    expect(resumed).toMatchObject({ id: failed.id, status: 'COMPLETED' });
    expect(records.every((r) => firstBatches.includes(r.personalNumber) || s.answered.flat().includes(r.personalNumber))).toBe(true);
    const later = s.answered.flat().slice(10);
    expect(later.some((n) => firstBatches.includes(n))).toBe(false);
    expect(new Set([...firstBatches, ...later]).size).toBe(resumed.total);
  });

  it('does not retry a refusal (a wrong token), and stops the run', async () => {
    const { standIn: s } = await standIn();
    const run = await runVerification({ prisma: server.prisma, registry: client(s, { token: 'wrong' }), batchSize: 50 });
    expect(run.status).toBe('FAILED');
    expect(s.received).toBe(1);
  });
});

// Each command starts a process that migrates the database first: slow on a busy machine.
describe('the file import', { timeout: 120_000 }, () => {
  const tsx = fileURLToPath(new URL('../../api/node_modules/.bin/tsx', import.meta.url));
  const cli = fileURLToPath(new URL('../../api/src/cli/register.ts', import.meta.url));
  const run = (args: string[], env: Record<string, string> = {}) => promisify(execFile)(tsx, [cli, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, ...env } });

  it('names a file it cannot read in one line, found from where pnpm was started', async () => {
    const repository = fileURLToPath(new URL('../..', import.meta.url));
    const failed = await promisify(execFile)('pnpm', ['register', 'import', 'no-such-extract.csv'], { cwd: repository, env: { ...process.env, DATABASE_URL: databaseUrl } })
      .then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`no such file or directory, open '${path.join(repository, 'no-such-extract.csv')}'`);
    expect(failed?.stderr).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it('reads a CSV extract, reports malformed rows by line without their content, and links the records', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'treem-extract-'));
    const [a, b, c] = records;
    const csv = [
      'personal_number,birth_date,sex',
      `${a!.personalNumber},${a!.birthDate},M`,
      `${b!.personalNumber},2000-02-30,F`,
      `12345,${c!.birthDate},F`,
      `${c!.personalNumber},,F`,
      `${a!.personalNumber},${a!.birthDate},M`,
      `${c!.personalNumber},${c!.birthDate},X`,
      ...records.slice(3).map((r) => `${r.personalNumber},${r.birthDate},`),
    ].join('\n');
    const file = path.join(dir, 'extract.csv');
    await writeFile(file, csv);

    const { stdout } = await run(['import', file]);
    for (const expected of ['line 3: BAD_DATE', 'line 4: BAD_NUMBER', 'line 5: MISSING_FIELD', 'line 6: DUPLICATE', 'line 7: BAD_SEX']) expect(stdout).toContain(expected);
    expect(stdout).toMatch(/COMPLETED/);
    expect(stdout).not.toContain(b!.personalNumber);
    expect(await link(a!.id)).toMatchObject({ status: 'MATCHED' });
    // Rows left out of the extract are, to the extract, people it does not know.
    expect(await link(b!.id)).toMatchObject({ status: 'NOT_FOUND' });
    const runRow = await server.prisma.registryRun.findFirstOrThrow({ where: { source: 'FILE' }, orderBy: { startedAt: 'desc' }, include: { problems: true } });
    expect(runRow.problems.map((p) => [p.line, p.code]).sort()).toEqual([[3, 'BAD_DATE'], [4, 'BAD_NUMBER'], [5, 'MISSING_FIELD'], [6, 'DUPLICATE'], [7, 'BAD_SEX']]);
  });

  it('reads a JSON extract the same way', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'treem-extract-'));
    const file = path.join(dir, 'extract.json');
    await writeFile(file, JSON.stringify({ persons: [...records.map((r) => ({ personalNumber: r.personalNumber, birthDate: r.birthDate })), 'not a person', { personalNumber: 7 }] }));
    const extract = await loadExtract(file);
    expect(extract.problems).toEqual([{ line: records.length + 1, code: 'NOT_AN_OBJECT' }, { line: records.length + 2, code: 'MISSING_FIELD' }]);
    const done = await runVerification({ prisma: server.prisma, registry: new FileRegistry(extract), sourceProblems: extract.problems });
    expect(done).toMatchObject({ status: 'COMPLETED', notFound: expect.any(Number) });
    expect(await link(records[1]!.id)).toMatchObject({ status: 'MATCHED' });
  });

  it('`pnpm register sync` verifies over the link named by POPULATION_DB_URL', async () => {
    const { standIn: s, missing } = await standIn();
    const { stdout } = await run(['sync'], { POPULATION_DB_URL: s.url, POPULATION_DB_TOKEN: s.token });
    expect(stdout).toMatch(/COMPLETED\. (\d+)\/\1 records/);
    expect(await link(missing.id)).toMatchObject({ status: 'NOT_FOUND' });
    await expect(run(['sync'], { POPULATION_DB_URL: '' })).rejects.toMatchObject({ code: 1 });
  });
});
