// One real PostgreSQL for the whole run: this machine's (DATABASE_URL) or an embedded one,
// with a fresh database that is migrated, seeded with the demo data and dropped at the end.
// Each test file then starts the real server on it (support/server.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { createPrisma } from '@treem/db/client';
import { ensureDatabase } from '@treem/db/database';
import { migrateDatabase } from '@treem/db/migrate';
import { seed } from '@treem/db/seed';
import { migrateJobQueue } from '@treem/api/jobs';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    chromiumPath: string | null;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await ensureDatabase({
    dataDir: fileURLToPath(new URL('../../.data/test-postgres', import.meta.url)),
    port: Number(process.env.TREEM_TEST_PG_PORT ?? 54339),
  });
  const name = `treem_test_${process.pid}_${Date.now()}`;
  const databaseUrl = await createDatabase(cluster.url, name);
  await migrateDatabase(databaseUrl);
  await migrateJobQueue(databaseUrl);
  const prisma = createPrisma({ url: databaseUrl });
  await seed(prisma);
  await prisma.$disconnect();

  project.provide('databaseUrl', databaseUrl);
  project.provide('chromiumPath', findChromium());

  return async () => {
    await dropDatabase(cluster.url, name);
    await cluster.stop();
  };
}

async function createDatabase(url: string, name: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function dropDatabase(url: string, name: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((path) => existsSync(path)) ?? null;
}
