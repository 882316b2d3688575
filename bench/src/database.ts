// The benchmark's database: its own embedded PostgreSQL (TREEM_BENCH_PG_PORT) or DATABASE_URL,
// migrated and seeded with the demo data (the programme the tree read measures).
import path from 'node:path';
import { createPrisma } from '@treem/db/client';
import { ensureDatabase, type Database } from '@treem/db/database';
import { migrateDatabase } from '@treem/db/migrate';
import { seed } from '@treem/db/seed';
import { repoRoot } from './servers.js';

export async function prepareDatabase(): Promise<Database> {
  const database = await ensureDatabase({
    dataDir: path.join(repoRoot, '.data', 'bench-postgres'),
    port: Number(process.env.TREEM_BENCH_PG_PORT ?? 54349),
    database: 'treem_bench',
  });
  await migrateDatabase(database.url);
  const prisma = createPrisma({ url: database.url });
  try {
    await seed(prisma);
  } finally {
    await prisma.$disconnect();
  }
  return database;
}
