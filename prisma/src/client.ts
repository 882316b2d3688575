import { PrismaPg } from '@prisma/adapter-pg';
import { readReplicas } from '@prisma/extension-read-replicas';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export * from '../generated/prisma/client.js';

export interface CreatePrismaOptions {
  url: string;
  /**
   * Read replicas (streaming standbys of `url`): reads outside transactions go to one of them,
   * writes and transactions to the primary (@prisma/extension-read-replicas). See onPrimary.
   */
  replicaUrls?: string[];
  /** Called with every SQL statement (tests count queries with it to catch N+1 loads). */
  onQuery?: (sql: string) => void;
  /**
   * How long a statement, or the wait for a connection, may take before it fails (milliseconds;
   * none by default). A server that stops answering without closing its connections (frozen, or
   * cut off by a firewall that drops packets) would otherwise hold every request for good.
   */
  timeoutMs?: number;
}

/** Named statements kept per process; beyond them, statements are sent unnamed (parsed each time). */
const MAX_PREPARED_STATEMENTS = 500;

/**
 * Names for prepared statements: PostgreSQL parses and plans a named statement once per
 * connection, not on every execution. Prisma's SQL is parameterised, so one query shape is one
 * text and one name; the bound keeps statements made of varying lists (`IN ($1, $2, …)`) from
 * filling each connection's memory. `''` leaves a statement unnamed (pg's default).
 */
function statementNames() {
  const names = new Map<string, string>();
  return ({ sql }: { sql: string }) => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= MAX_PREPARED_STATEMENTS) return '';
      names.set(sql, (name = `treem_${names.size + 1}`));
    }
    return name;
  };
}

/**
 * PostgreSQL cancels a statement that runs too long, which leaves its connection clean; the
 * client gives up a little later, only when the server does not answer at all, and such a
 * connection is not trusted again (pg's pool closes it after a failed query).
 */
const timeouts = (ms: number) => ({ statement_timeout: ms, query_timeout: ms + 2_000, connectionTimeoutMillis: ms });

function connect(url: string, onQuery?: (sql: string) => void, timeoutMs?: number) {
  // Our own pool, so its figures (open, idle, waiting connections) can be reported as metrics.
  const pool = new pg.Pool({ connectionString: url, ...(timeoutMs ? timeouts(timeoutMs) : {}) });
  // An idle connection closed by the server (a restart, a failover) is dropped and replaced by
  // the pool; unhandled, this event would end the process.
  pool.on('error', () => {});
  const adapter = new PrismaPg(pool, { disposeExternalPool: true, statementNameGenerator: statementNames() });
  // Query events only when someone listens: emitting one per statement costs every request.
  if (!onQuery) return { client: new PrismaClient({ adapter }), pool };
  listeners.set(pool, onQuery);
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => onQuery(event.query));
  return { client, pool };
}

export function createPrisma({ url, replicaUrls = [], onQuery, timeoutMs }: CreatePrismaOptions) {
  const { client, pool } = connect(url, onQuery, timeoutMs);
  pools.set(client, pool);
  if (replicaUrls.length === 0) return client;
  const replicas = replicaUrls.map((replicaUrl) => connect(replicaUrl, onQuery, timeoutMs).client);
  // The extended client keeps every model method of the plain one and adds $primary/$replica;
  // the rest of the code base sees one client type either way.
  const routed = client.$extends(readReplicas({ replicas })) as unknown as PrismaClient;
  pools.set(routed, pool);
  primaries.set(routed, client);
  return routed;
}

/** DATABASE_REPLICA_URLS: comma-separated connection strings of read replicas. */
export function replicaUrlsFromEnv(value = process.env.DATABASE_REPLICA_URLS): string[] {
  return (value ?? '').split(',').map((url) => url.trim()).filter(Boolean);
}

const pools = new WeakMap<object, pg.Pool>();
const listeners = new WeakMap<pg.Pool, (sql: string) => void>();
const primaries = new WeakMap<object, PrismaClient>();

/** The connection pool of the primary behind a client made by createPrisma. */
export function databasePool(client: object): pg.Pool | undefined {
  return pools.get(client);
}

/**
 * One named (prepared) statement straight through the primary's pool, without the Prisma
 * client: for the one statement nearly every request runs (the session lookup), where the
 * client's own work was most of the statement's cost. Counted by `onQuery` like any other.
 */
export async function primaryQuery<Row>(client: object, query: { name: string; text: string; values: unknown[] }): Promise<Row[]> {
  const pool = pools.get(client);
  if (!pool) throw new Error('primaryQuery needs a client made by createPrisma');
  listeners.get(pool)?.(query.text);
  return (await pool.query(query)).rows as Row[];
}

/**
 * The same client with every read on the primary too: for what must see the latest writes
 * (a mutation reading back what it wrote; a session just opened or revoked). Without replicas
 * it is the client itself.
 */
export function onPrimary<T extends object>(client: T): T {
  return (primaries.get(client) as T | undefined) ?? client;
}

/** The project's database client. */
export type Db = PrismaClient;
