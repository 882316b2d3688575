// Runs `pnpm start`'s entry point (api/src/main.ts, production mode) as a real process, for
// tests of what only a process shows: ports, signals, kills, several replicas.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('../../api/', import.meta.url));

export interface Hub {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `processGroup`: the hub leads a process group of its own, as a terminal's foreground job
 * does, so a test can signal the whole group as Ctrl-C would.
 */
export function spawnHub(env: Record<string, string>, { waitForServing = true, processGroup = false } = {}): Promise<Hub> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', 'src/main.ts'], { // as `pnpm start` runs it
    cwd: apiDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      // The test database is migrated once by the global setup.
      TREEM_MIGRATE_ON_START: '0',
      // API only, unless a test names a portal build.
      TREEM_WEB_BUILD: fileURLToPath(new URL('../.artifacts/no-web-build', import.meta.url)),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: processGroup,
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const hub = (url: string): Hub => ({
    url,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  });
  if (!waitForServing) return Promise.resolve(hub(''));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub did not start in time:\n${output}`)), 60_000);
    const check = () => {
      const serving = /"port":(\d+)[^\n]*"msg":"serving"/.exec(output);
      if (serving) {
        clearTimeout(timer);
        resolve(hub(`http://127.0.0.1:${serving[1]}`));
      }
    };
    child.stdout!.on('data', check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (${code}) before serving:\n${output}`));
    });
  });
}
