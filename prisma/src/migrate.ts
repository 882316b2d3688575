// Runs the official Prisma CLI of this package (with the offline schema engine that
// prisma.config.ts selects, see engine/schema-engine.mjs) against a given database.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const prismaBin = fileURLToPath(new URL('../node_modules/.bin/prisma', import.meta.url));

export interface PrismaResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they came, for error messages. */
  output: string;
}

export interface RunPrismaOptions {
  /** 'inherit' hands the terminal to the CLI (interactive developer commands); default 'pipe'. */
  stdio?: 'pipe' | 'inherit';
}

/**
 * Runs `prisma <args>` from the package directory, where prisma.config.ts is found. The CLI gets
 * a small, explicit environment rather than ours: another DATABASE_URL, a SHADOW_…, DEBUG or
 * NODE_OPTIONS (a test runner's loader) of the calling process must not change what it does.
 * Resolves with the exit code and output; rejects only if the CLI cannot be started.
 */
export function runPrisma(args: string[], databaseUrl: string, options: RunPrismaOptions = {}): Promise<PrismaResult> {
  const stdio = options.stdio ?? 'pipe';
  const passed = ['PATH', 'HOME', 'TMPDIR', 'TERM', 'SystemRoot', 'PRISMA_SCHEMA_ENGINE_BINARY'];
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(passed.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]])),
    DATABASE_URL: databaseUrl,
    // No update or telemetry check: closed networks cannot reach it, and start-up must not wait on it.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    ...(stdio === 'pipe' ? { NO_COLOR: '1' } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, args, { cwd: packageDir, env, stdio: [stdio === 'inherit' ? 'inherit' : 'ignore', stdio, stdio] });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output }));
  });
}

function failure(what: string, result: PrismaResult): Error {
  return new Error(`${what} failed (exit ${result.code}):\n${result.output.trim()}`);
}

/** Applies the pending migrations in prisma/migrations (`prisma migrate deploy`). */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const result = await runPrisma(['migrate', 'deploy'], databaseUrl);
  if (result.code !== 0) throw failure('prisma migrate deploy', result);
}

/**
 * The SQL that would take a database migrated with prisma/migrations to what schema.prisma
 * describes: '' when they agree. Exit code 2 of `--exit-code` means "there is a difference" and
 * is the test, not the script's text (which, when empty, is only a comment). The migrations are
 * replayed in a temporary shadow database on the server of `databaseUrl` (which must exist and
 * whose login may create databases); that database itself is only connected to.
 */
export async function schemaDrift(databaseUrl: string): Promise<string> {
  const result = await runPrisma(
    ['migrate', 'diff', '--from-migrations', 'migrations', '--to-schema', 'schema.prisma', '--script', '--exit-code'],
    databaseUrl,
  );
  if (result.code === 0) return '';
  if (result.code === 2) return result.stdout.trim();
  throw failure('prisma migrate diff', result);
}
