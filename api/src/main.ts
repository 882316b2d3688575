// `pnpm start`: one process, one port (PORT, default 3000) for the portal and /graphql.
// Without DATABASE_URL it runs on an embedded PostgreSQL, migrated and seeded with demo data.
import { createPrisma } from '@treem/db/client';
import { ensureDatabase } from '@treem/db/database';
import { migrateDatabase } from '@treem/db/migrate';
import { seed } from '@treem/db/seed';
import { createApp } from './app.js';
import { migrateJobQueue, startWorker } from './jobs/worker.js';
import { loadWebHandler } from './web.js';

const port = Number(process.env.PORT ?? 3000);

const database = await ensureDatabase();
await migrateDatabase(database.url);
await migrateJobQueue(database.url);
const prisma = createPrisma({ url: database.url });
// Demo data only where nobody's real data lives: the embedded database, or when asked.
if (database.embedded || process.env.TREEM_SEED_DEMO === '1') await seed(prisma);

const webHandler = await loadWebHandler();
if (!webHandler) console.warn('web/build not found: serving /graphql only (run `pnpm --filter @treem/web build`).');

const { app, stop } = await createApp({ prisma, webHandler });
const worker = await startWorker({ prisma, databaseUrl: database.url });
const server = app.listen(port, () => {
  console.log(`TreEm Hub on http://localhost:${port} (GraphQL at /graphql, database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})`);
});

async function shutdown() {
  server.close();
  await worker.stop();
  await stop();
  await prisma.$disconnect();
  await database.stop();
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
