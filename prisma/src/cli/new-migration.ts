// `pnpm db:migration <name>`: after editing schema.prisma, write the next migration,
// prisma/migrations/<timestamp>_<name>/migration.sql, without applying it, so it can be read
// (and edited) before `pnpm db:migrate`. Prisma compares schema.prisma with the migration
// history replayed in a temporary shadow database on the server of DATABASE_URL or, when it is
// unset, of the embedded development database; it first applies pending migrations to that
// database, and asks to reset it if it has drifted from the history.
import { ensureDatabase } from '../database.js';
import { runPrisma } from '../migrate.js';

const name = process.argv[2];
if (!name || name.startsWith('-')) {
  console.error('Usage: pnpm db:migration <name>   (e.g. pnpm db:migration add_council_motto)');
  process.exit(1);
}

const database = await ensureDatabase();
try {
  // Inherit the terminal: Prisma asks before writing a migration that would lose data.
  const { code } = await runPrisma(['migrate', 'dev', '--create-only', '--name', name], database.url, { stdio: 'inherit' });
  process.exitCode = code;
  if (code === 0) console.log('Review it, then apply it with `pnpm db:migrate` (tests and start-up apply it too).');
} finally {
  await database.stop();
}
// Explicitly: the embedded database's exit hook would end the process with 0 otherwise.
process.exit(process.exitCode ?? 0);
