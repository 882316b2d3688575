import { Logger as JobLogger, run, runMigrations, runOnce, type TaskList } from 'graphile-worker';
import type { Db } from '@treem/db/client';
import { createLogger, type Logger } from '../observability.js';
import { crontab, registeredTasks } from './registry.js';
// Every module's tasks, registered on import (as schema.ts does for GraphQL types).
import '../modules/accounts/jobs.js';
import '../modules/children/jobs.js';
import '../modules/notifications/jobs.js';
import '../modules/proposals/jobs.js';

/**
 * graphile-worker's lines as the API's own: one JSON line each, with the task's name and the
 * error's type, code, message and stack (never the connection object a pg error carries). It
 * narrates every poll at info level; keep warnings and errors.
 */
function jobLogger(log: Logger) {
  return new JobLogger((scope) => (level, message, meta) => {
    const error = meta?.error as (Error & { code?: string }) | undefined;
    // Not under `err`: pino's serializer would copy every enumerable field of the error.
    const fields = { component: 'jobs', task: scope.taskIdentifier, error: error && { type: error.constructor.name, code: error.code, message: error.message, stack: error.stack } };
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
  });
}

function taskList(prisma: Db, now: () => Date): TaskList {
  return Object.fromEntries(
    [...registeredTasks()].map(([name, { schema, handler }]) => [
      name,
      async (payload: unknown) => handler(schema.parse(payload), { prisma, now: now() }),
    ]),
  );
}

/** Creates or updates the queue's own schema (graphile_worker), before anything is enqueued. */
export function migrateJobQueue(databaseUrl: string, log: Logger = createLogger()): Promise<void> {
  return runMigrations({ connectionString: databaseUrl, logger: jobLogger(log) });
}

/** Runs the queue beside the server until `stop()`; every replica may run one. */
export async function startWorker({ prisma, databaseUrl, log }: { prisma: Db; databaseUrl: string; log: Logger }) {
  const runner = await run({
    connectionString: databaseUrl,
    taskList: taskList(prisma, () => new Date()),
    crontab: crontab(),
    concurrency: Number(process.env.TREEM_JOB_CONCURRENCY ?? 2),
    maxPoolSize: 4,
    noHandleSignals: true, // main.ts shuts down in order: HTTP, then jobs, then the database
    logger: jobLogger(log),
  });
  return { stop: () => runner.stop() };
}

/**
 * Runs every job that is due, then returns: for tests and one-off runs. Under a fake clock
 * (`vi.useFakeTimers({ toFake: ['Date'] })`) "due" follows that clock, so deadlines can be
 * crossed without waiting.
 */
export async function runDueJobs({ prisma, databaseUrl, log = createLogger() }: { prisma: Db; databaseUrl: string; log?: Logger }): Promise<void> {
  await runOnce({ connectionString: databaseUrl, taskList: taskList(prisma, () => new Date()), useNodeTime: true, noHandleSignals: true, logger: jobLogger(log) });
}
