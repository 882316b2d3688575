// A PostgreSQL 15 primary and a streaming replica built with Debian's binaries (initdb,
// pg_basebackup, pg_ctl from the postgresql-15 package; the embedded PostgreSQL ships no
// pg_basebackup). PostgreSQL refuses to run as root, so as root each command runs as the
// `postgres` user (runuser) in a folder that user owns.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
export const PG15_BIN = process.env.TREEM_PG15_BIN ?? '/usr/lib/postgresql/15/bin';
const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup'];

/** Which of the binaries are missing (empty when the pair can be built). */
export function missingPg15Tools(): string[] {
  return TOOLS.filter((tool) => !existsSync(path.join(PG15_BIN, tool)));
}

export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Waits until the replica has replayed everything the primary has written. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nobody listens on now (the kernel's choice), for a server started right after. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the pair. Without `port`, each server gets a free port chosen when it starts: a fixed
 * one in the kernel's ephemeral range (32768–60999) can be held by any outgoing connection of the
 * same test run (a pool's to 5432), and PostgreSQL then cannot listen on it. With `port`, the
 * primary uses it and the replica the next.
 */
export async function startReplicaPair({ port, database }: { port?: number; database: string }): Promise<ReplicaPair> {
  const dir = await mkdtemp(path.join(tmpdir(), 'treem-replica-'));
  const asRoot = process.getuid?.() === 0;
  let owner = { uid: 0, gid: 0 };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    owner = { uid: Number(stdout), gid: Number(gid) };
    await chown(dir, owner.uid, owner.gid);
    await chmod(dir, 0o700);
  }
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(PG15_BIN, name), ...args], { cwd: dir }) : run(path.join(PG15_BIN, name), args, { cwd: dir });
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  // A port taken between choosing it and PostgreSQL's bind fails the start: choose again. A
  // failure that stays says why, from the server's own log (the folder goes with the pair).
  const start = async (dataDir: string, name: string, fixed: number | undefined) => {
    const log = path.join(dir, `${name}.log`);
    for (let attempt = 1; ; attempt += 1) {
      const chosen = fixed ?? (await freePort());
      const settings = `-p ${chosen} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on -c fsync=off`;
      try {
        await tool('pg_ctl', ['-D', dataDir, '-l', log, '-o', settings, '-w', 'start']);
        return chosen;
      } catch (error) {
        if (fixed === undefined && attempt < 3) continue;
        const tail = (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-10).join('\n');
        throw new Error(`${(error as Error).message}\n${name}.log:\n${tail}`);
      }
    }
  };
  const stopAll = async () => {
    for (const d of [replicaDir, primaryDir]) if (existsSync(path.join(d, 'postmaster.pid'))) await tool('pg_ctl', ['-D', d, '-m', 'fast', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  let primaryPort: number;
  let replicaPort: number;
  try {
    await tool('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
    primaryPort = await start(primaryDir, 'primary', port);
    // -R writes standby.signal and the connection to the primary: the copy starts as a replica.
    await tool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream']);
    replicaPort = await start(replicaDir, 'replica', port === undefined ? undefined : port + 1);
    const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
  } catch (error) {
    await stopAll();
    throw error;
  }

  const primaryUrl = `postgresql://postgres@127.0.0.1:${primaryPort}/${database}`;
  const replicaUrl = `postgresql://postgres@127.0.0.1:${replicaPort}/${database}`;
  const scalar = async (url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ value: string }>(sql)).rows[0]!.value;
    } finally {
      await client.end();
    }
  };
  return {
    primaryUrl,
    replicaUrl,
    async caughtUp() {
      const target = await scalar(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS value');
      for (let i = 0; i < 200; i += 1) {
        const behind = await scalar(replicaUrl, `SELECT (pg_last_wal_replay_lsn() < '${target}'::pg_lsn)::text AS value`);
        if (behind === 'false') return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the replica did not catch up within 10 seconds');
    },
    stop: stopAll,
  };
}
