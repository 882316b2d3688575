// Each contender runs as its own process, so its memory is its own and it competes for the
// same two cores as it would in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const benchDir = fileURLToPath(new URL('../', import.meta.url));

export interface Server {
  name: string;
  url: string;
  pid: number;
  /** Resident memory now, in bytes (Linux /proc). */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

export type ContenderName = 'treem' | 'postgraphile' | 'raw';

interface Launch {
  cwd: string;
  entry: string;
  /** How to tell it is ready: a request answered with 200. */
  ready: { path: string; init?: RequestInit };
  env?: Record<string, string>;
}

const launches: Record<ContenderName, Launch> = {
  // The real server, as `pnpm start` runs it, in production mode (it serves the portal too).
  treem: { cwd: path.join(repoRoot, 'api'), entry: 'src/main.ts', ready: { path: '/healthz' }, env: { NODE_ENV: 'production', TREEM_MIGRATE_ON_START: '0' } },
  postgraphile: { cwd: benchDir, entry: 'src/servers/postgraphile.ts', ready: { path: '/graphql', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' } }, env: { NODE_ENV: 'production' } },
  raw: { cwd: benchDir, entry: 'src/servers/raw.ts', ready: { path: '/programme' }, env: { NODE_ENV: 'production' } },
};

/** Whether something answers on a port of this machine (it would be timed in a contender's place). */
export function portInUse(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true))).once('error', () => resolve(false));
  });
}

export async function startServer({ name, port, databaseUrl, logDir }: { name: ContenderName; port: number; databaseUrl: string; logDir: string }): Promise<Server> {
  const launch = launches[name];
  const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  // As `pnpm start` runs the API: `node --import tsx/esm` rather than the tsx CLI, so the pid
  // measured is the server's own (and every contender is loaded the same way).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx/esm', launch.entry], {
    cwd: launch.cwd,
    env: { ...process.env, ...launch.env, PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited while starting; see ${path.join(logDir, `${name}.log`)}`);
    const ok = await fetch(url + launch.ready.path, launch.ready.init).then((res) => res.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${name} did not start within two minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name,
    url,
    pid: child.pid!,
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
