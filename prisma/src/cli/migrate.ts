// `pnpm db:migrate`: apply the pending migrations to DATABASE_URL, or, when it is unset, to the
// embedded development database (started for the occasion and stopped again).
import { ensureDatabase } from '../database.js';
import { migrateDatabase } from '../migrate.js';

const database = await ensureDatabase();
try {
  const started = performance.now();
  await migrateDatabase(database.url);
  console.log(`Database migrated in ${Math.round(performance.now() - started)} ms.`);
} finally {
  await database.stop();
}
