import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export * from '../generated/prisma/client.js';

export interface CreatePrismaOptions {
  url: string;
  /** Called with every SQL statement (tests count queries with it to catch N+1 loads). */
  onQuery?: (sql: string) => void;
}

export function createPrisma({ url, onQuery }: CreatePrismaOptions) {
  // Our own pool, so its figures (open, idle, waiting connections) can be reported as metrics.
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection closed by the server (a restart, a failover) is dropped and replaced by
  // the pool; unhandled, this event would end the process.
  pool.on('error', () => {});
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  if (onQuery) client.$on('query', (event) => onQuery(event.query));
  pools.set(client, pool);
  return client;
}

const pools = new WeakMap<object, pg.Pool>();

/** The connection pool behind a client made by createPrisma. */
export function databasePool(client: object): pg.Pool | undefined {
  return pools.get(client);
}

/** The project's database client. */
export type Db = ReturnType<typeof createPrisma>;
