// `pnpm bench` with options it cannot use: a clear line naming the option and exit code 2,
// before any database, build or server is started (CI runs the benchmark itself with --quick).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench');
const bench = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx/esm', 'src/main.ts', ...args], { cwd: benchDir, encoding: 'utf8', timeout: 30_000 });

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
  ])('%j', (args, message) => {
    const run = bench(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`pnpm bench: ${message}`);
    expect(run.stderr).toContain('usage: pnpm bench');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toBe(''); // nothing built, generated or started
  });
});
