// `pnpm bench` with options it cannot use: a clear line naming the option and exit code 2,
// before any database, build or server is started (CI runs the benchmark itself with --quick).
import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench');
const bench = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx/esm', 'src/main.ts', ...args], { cwd: benchDir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });

function expectRefusal(run: ReturnType<typeof bench>, message: string) {
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`pnpm bench: ${message}`);
  expect(run.stderr).toContain('usage: pnpm bench');
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(run.stdout).toBe(''); // nothing built, generated or started
}

describe('pnpm bench refuses options it cannot use', () => {
  it.each([
    [['--councils', 'abc'], '--councils takes a whole number from 1 to 999, not "abc"'],
    [['--councils', '1000'], '--councils takes a whole number from 1 to 999'],
    [['--proposals', '0'], '--proposals takes a whole number from 1 to 99999'],
    [['--members', '3'], '--members takes a whole number from 4 to 999'],
    [['--votes=-1'], '--votes takes a whole number from 0 to 999, not "-1"'],
    [['--votes', '41', '--members', '40'], '--votes (41) cannot exceed --members (40)'],
    [['--rounds', '0'], '--rounds takes a whole number from 1 to 100'],
    [['--duration', '1.5'], '--duration takes a whole number from 1 to 3600, not "1.5"'],
    [['--connections', ''], '--connections takes a whole number from 1 to 1000, not ""'],
    [['--json'], "Option '--json <value>' argument missing"],
    [['--fast'], "Unknown option '--fast'"],
  ])('%j', (args, message) => expectRefusal(bench(args), message));

  it('a port that is not a port', () => expectRefusal(bench([], { TREEM_BENCH_PORT: 'abc' }), 'TREEM_BENCH_PORT takes a port from 1024 to 65500, not "abc"'));

  it("a port something else answers on: it would be timed in a contender's place", async () => {
    const other = createServer((socket) => socket.end()).listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      // The second contender's port, or the first relay's: each one is looked at.
      expectRefusal(bench(['--quick'], { TREEM_BENCH_PORT: String(port - 1) }), `port ${port} is in use (TREEM_BENCH_PORT=${port - 1})`);
      expectRefusal(bench(['--quick'], { TREEM_BENCH_PORT: String(port - 10) }), `port ${port} is in use (TREEM_BENCH_PORT=${port - 10})`);
    } finally {
      other.close();
    }
  });
});
