// `pnpm data import <file.csv|file.json> [--dry-run]`: reports indicator values in bulk, as the
// server itself (every indicator, audited as the system). The same checks and report as
// `submitDataValues`; a dry run writes nothing. Works on DATABASE_URL or the embedded database.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createPrisma } from '@treem/db/client';
import { ensureDatabase } from '@treem/db/database';
import { migrateDatabase } from '@treem/db/migrate';
import { AppError } from '../errors.js';
import { refusalMessage, translator } from '../i18n.js';
import { SYSTEM_ACTOR } from '../modules/audit/service.js';
import { parseDataFile } from '../modules/indicators/data-file.js';
import { SERVER_REPORTER } from '../modules/indicators/policy.js';
import { importDataValues } from '../modules/indicators/service.js';
import { userPath } from './files.js';

const usage = `Usage:
  pnpm data import <file.csv|file.json> [--dry-run] [--lang vi|en]
CSV header: indicatorCode,unitCode,period,numerator,denominator,sex,ageBand (or SDMX-CSV columns).
JSON: [{ "indicatorCode": …, "unitCode": …, "period": …, "numerator": …, "denominator": … }, …]`;

const { values, positionals } = parseArgs({
  options: { 'dry-run': { type: 'boolean' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});
const [command, file] = positionals;
if (values.help || command !== 'import' || !file) {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}
const t = translator(values.lang === 'vi' ? 'vi' : 'en');
const dryRun = values['dry-run'] ?? false;

let exitCode = 0;
const database = await ensureDatabase();
const prisma = createPrisma({ url: database.url });
// A bar on a terminal; nothing on a pipe or in CI logs, which get the report below.
const bar = new cliProgress.SingleBar({ format: `${dryRun ? 'Checking' : 'Importing'} {bar} {value}/{total} values`, hideCursor: true }, cliProgress.Presets.shades_classic);
try {
  const content = await readFile(userPath(file), 'utf8');
  const rows = parseDataFile(content, extname(file).toLowerCase() === '.json' ? 'json' : 'csv');
  await migrateDatabase(database.url);
  bar.start(rows.length, 0);
  const report = await importDataValues({
    prisma, reporter: SERVER_REPORTER, actor: SYSTEM_ACTOR, t, rows, dryRun, batchSize: 500, onProgress: (done) => bar.update(done),
  });
  bar.stop();
  console.log(`${dryRun ? 'Dry run (nothing changed): would import' : 'Imported'} ${report.imported}, updated ${report.updated}, ignored ${report.ignored} (unchanged), ${report.errors.length} errors.`);
  for (const error of report.errors.slice(0, 100)) console.log(`  row ${error.row}: ${error.code} — ${error.message}`);
  if (report.errors.length > 100) console.log(`  … and ${report.errors.length - 100} more.`);
  if (report.errors.length > 0) exitCode = 2;
} catch (error) {
  bar.stop();
  console.error(error instanceof AppError ? refusalMessage(t, error) : error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.stop();
}
// Explicitly: the embedded database's exit hook would end the process with 0 otherwise.
process.exit(exitCode);
