// Scheduled and deferred work runs on a PostgreSQL-backed queue (graphile-worker), never on
// timers in the web process: a job survives restarts, runs once across replicas, and can be
// enqueued in the same transaction as the change that needs it (PATTERNS §5).
import type { z } from 'zod';
import type { Db, Prisma } from '@treem/db/client';

export interface JobContext {
  prisma: Db;
  /** The time the job runs at (tests drive it with a fake clock, see worker.ts). */
  now: Date;
}

interface Definition {
  schema: z.ZodType;
  handler: (payload: unknown, context: JobContext) => Promise<void>;
}

const definitions = new Map<string, Definition>();
const schedules: { id: string; pattern: string; task: string }[] = [];

export interface EnqueueOptions {
  /** When to run; default now. */
  runAt?: Date;
  /** A job with the same key replaces the waiting one (e.g. `close-vote:<id>` when a deadline moves). */
  jobKey?: string;
  maxAttempts?: number;
}

export interface TaskHandle<Payload> {
  name: string;
  /**
   * Adds the job inside `tx`, so it exists exactly when the change that needs it commits.
   * Jobs run at least once: a handler re-checks the state it acts on.
   */
  enqueue(tx: Pick<Prisma.TransactionClient, '$executeRaw'>, payload: Payload, options?: EnqueueOptions): Promise<void>;
}

/** Declares a task; its payload is validated when enqueued and again when it runs. */
export function defineTask<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: (payload: z.infer<S>, context: JobContext) => Promise<void>,
): TaskHandle<z.input<S>> {
  // graphile-worker's crontab reads only these characters in a task name ("a.b" fails at
  // start-up), so every task is named so, scheduled or not: "<module>:<verb><Object>".
  if (!/^[_a-zA-Z][_a-zA-Z0-9:/_-]*$/.test(name)) throw new Error(`job task ${name}: use letters, digits and : / _ - in its name`);
  if (definitions.has(name)) throw new Error(`job task ${name} is defined twice`);
  definitions.set(name, { schema, handler: handler as Definition['handler'] });
  return {
    name,
    async enqueue(tx, payload, { runAt, jobKey, maxAttempts } = {}) {
      const checked = schema.parse(payload);
      await tx.$executeRaw`SELECT graphile_worker.add_job(
        ${name}, ${JSON.stringify(checked)}::json,
        run_at => ${runAt ?? null}::timestamptz, job_key => ${jobKey ?? null}, max_attempts => ${maxAttempts ?? null}::int)`;
    },
  };
}

/**
 * Runs a task on a schedule (crontab syntax, in UTC: Vietnam is UTC+7). `id` names the schedule
 * for good: graphile-worker remembers by it which runs happened, across restarts and replicas.
 */
export function schedule(id: string, pattern: string, task: TaskHandle<Record<string, never>>): void {
  schedules.push({ id, pattern, task: task.name });
}

export function registeredTasks(): ReadonlyMap<string, Definition> {
  return definitions;
}

export function crontab(): string {
  return schedules.map(({ id, pattern, task }) => `${pattern} ${task} ?id=${id}&fill=1h`).join('\n');
}
