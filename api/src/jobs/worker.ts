import { Logger, run, runMigrations, runOnce, type TaskList } from 'graphile-worker';
import type { Db } from '@treem/db/client';
import { crontab, registeredTasks } from './registry.js';
// Every module's tasks, registered on import (as schema.ts does for GraphQL types).
import '../modules/accounts/jobs.js';
import '../modules/children/jobs.js';
import '../modules/proposals/jobs.js';

// graphile-worker narrates every poll at info level; keep warnings and errors.
const logger = new Logger((scope) => (level, message, meta) => {
  if (level === 'error') console.error('[jobs]', message, scope.taskIdentifier ?? '', meta?.error ?? '');
  else if (level === 'warning') console.warn('[jobs]', message, scope.taskIdentifier ?? '');
});

function taskList(prisma: Db, now: () => Date): TaskList {
  return Object.fromEntries(
    [...registeredTasks()].map(([name, { schema, handler }]) => [
      name,
      async (payload: unknown) => handler(schema.parse(payload), { prisma, now: now() }),
    ]),
  );
}

/** Creates or updates the queue's own schema (graphile_worker), before anything is enqueued. */
export function migrateJobQueue(databaseUrl: string): Promise<void> {
  return runMigrations({ connectionString: databaseUrl, logger });
}

/** Runs the queue beside the server until `stop()`; every replica may run one. */
export async function startWorker({ prisma, databaseUrl }: { prisma: Db; databaseUrl: string }) {
  const runner = await run({
    connectionString: databaseUrl,
    taskList: taskList(prisma, () => new Date()),
    crontab: crontab(),
    concurrency: Number(process.env.TREEM_JOB_CONCURRENCY ?? 2),
    maxPoolSize: 4,
    noHandleSignals: true, // main.ts shuts down in order: HTTP, then jobs, then the database
    logger,
  });
  return { stop: () => runner.stop() };
}

/**
 * Runs every job that is due, then returns: for tests and one-off runs. Under a fake clock
 * (`vi.useFakeTimers({ toFake: ['Date'] })`) "due" follows that clock, so deadlines can be
 * crossed without waiting.
 */
export async function runDueJobs({ prisma, databaseUrl }: { prisma: Db; databaseUrl: string }): Promise<void> {
  await runOnce({ connectionString: databaseUrl, taskList: taskList(prisma, () => new Date()), useNodeTime: true, noHandleSignals: true, logger });
}
