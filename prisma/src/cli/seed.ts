// `pnpm db:seed`: migrate, then load the demo data into DATABASE_URL (or the embedded database).
import { createPrisma } from '../client.js';
import { ensureDatabase } from '../database.js';
import { migrateDatabase } from '../migrate.js';
import { seed } from '../../seed/index.js';

const database = await ensureDatabase();
try {
  await migrateDatabase(database.url);
  const prisma = createPrisma({ url: database.url });
  const started = performance.now();
  await seed(prisma);
  await prisma.$disconnect();
  console.log(`Demo data seeded in ${Math.round(performance.now() - started)} ms.`);
} finally {
  await database.stop();
}
