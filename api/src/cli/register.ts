// `pnpm register import <extract.csv|json>` · `pnpm register sync`
// Verifies the children register against the national population database: from an extract
// file, or over the HTTP link named by POPULATION_DB_URL (and POPULATION_DB_TOKEN). A run that
// stops half-way (Ctrl-C, a crash, the service down) resumes where it stopped when the same
// command runs again on the same source. For the server's operator: works on DATABASE_URL, or
// the embedded database of `pnpm start`. Prints counts and problem codes, never identities.
import cliProgress from 'cli-progress';
import { createPrisma } from '@treem/db/client';
import { ensureDatabase } from '@treem/db/database';
import { migrateDatabase } from '@treem/db/migrate';
import { FileRegistry, loadExtract } from '../modules/children/connector/file.js';
import { userPath } from './files.js';
import type { PopulationRegistry } from '../modules/children/connector/index.js';
import { configuredRegistry } from '../modules/children/jobs.js';
import { runVerification } from '../modules/children/registry.js';

const usage = `Usage:
  pnpm register import <extract.csv|extract.json>   verify against an extract of the population database
  pnpm register sync                                verify over the HTTP link (POPULATION_DB_URL, POPULATION_DB_TOKEN)`;

const [command, file] = process.argv.slice(2);
if (!(command === 'import' && file) && command !== 'sync') {
  console.log(usage);
  process.exit(command === '--help' || command === '-h' ? 0 : 1);
}

let registry: PopulationRegistry;
let sourceProblems: { line: number; code: string }[] = [];
if (command === 'import') {
  // A file that cannot be read is said in one line (its full path and why), not with a stack.
  const extract = await loadExtract(userPath(file!)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  registry = new FileRegistry(extract);
  sourceProblems = extract.problems;
  console.log(`Extract: ${extract.rows} rows, ${extract.persons.size} usable, ${extract.problems.length} left out.`);
  for (const problem of extract.problems.slice(0, 50)) console.log(`  line ${problem.line}: ${problem.code}`);
  if (extract.problems.length > 50) console.log(`  … and ${extract.problems.length - 50} more (all kept on the run).`);
} else {
  const http = configuredRegistry();
  if (!http) {
    console.error('POPULATION_DB_URL is not set: nothing to sync with.');
    process.exit(1);
  }
  registry = http;
}

const database = await ensureDatabase();
const prisma = createPrisma({ url: database.url });
// A bar on a terminal; nothing on a pipe or in CI logs, which get the summary below.
const bar = new cliProgress.SingleBar({ format: 'Verifying {bar} {value}/{total} records', hideCursor: true }, cliProgress.Presets.shades_classic);
let started = false;
try {
  await migrateDatabase(database.url);
  const run = await runVerification({
    prisma, registry, sourceProblems,
    onProgress: ({ total, processed }) => {
      if (!started) {
        bar.start(total, processed);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(processed);
      }
    },
  });
  bar.stop();
  console.log(`Run ${run.id}: ${run.status}. ${run.processed}/${run.total} records: ${run.matched} matched, ${run.mismatched} mismatched, ${run.notFound} not found, ${run.failed} unanswered.`);
  if (run.status !== 'COMPLETED') {
    const problem = await prisma.registryRunProblem.findFirst({ where: { runId: run.id, line: null, childId: null }, orderBy: { id: 'desc' } });
    console.error(`Stopped: ${problem?.code ?? 'unknown'}. Run the same command again to resume after the last saved batch.`);
    process.exitCode = 2;
  }
} catch (error) {
  bar.stop();
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.stop();
}
// Explicitly: the embedded database's exit hook would end the process with 0 otherwise.
process.exit(process.exitCode ?? 0);
