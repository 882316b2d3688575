#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, which is only downloadable from
// binaries.prisma.sh (unreachable on closed networks; no npm or Debian package ships it).
// It speaks the binary's protocol to the Prisma CLI and runs each request on the same engine
// compiled to WebAssembly (@prisma/schema-engine-wasm, from npm) over @prisma/adapter-pg.
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here, so every `prisma` command uses it.
//
// How the CLI (prisma 7.10.1) runs the binary:
//   schema-engine --version                               -> one line on stdout
//   schema-engine --datasource '{"url":…}' cli <command>  -> exit 0, or exit 1 with JSON log lines
//                                                            on stderr (the CLI skips the first)
//   schema-engine --datamodels <file>… --datasource '{"url":…}'
//                                                         -> JSON-RPC 2.0, one message a line, on
//                                                            stdin/stdout until stdin closes
import fs from 'node:fs';
import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import * as wasm from '@prisma/schema-engine-wasm/schema_engine_bg';

const { values: args, positionals } = parseArgs({
  options: {
    version: { type: 'boolean', short: 'V' },
    datamodels: { type: 'string', multiple: true },
    datasource: { type: 'string' },
  },
  allowPositionals: true,
  strict: false, // the CLI may add --enabled-preview-features / --extension-types: not used here
});
const datasource = args.datasource ? JSON.parse(args.datasource) : {};

// The wasm glue reports the message of a Rust panic through this global, which it expects to exist.
let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (panicMessage = message) };

// Node 20 cannot `import` a .wasm file (the package's entry point does), so instantiate it here.
const wasmUrl = new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmUrl), { './schema_engine_bg.js': wasm });
wasm.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start();

if (args.version) {
  // No version check happens when PRISMA_SCHEMA_ENGINE_BINARY is set; `prisma version` shows this.
  // Note prisma 7.10.1 was built against engines 8.1.0-1.d1b3f377…, npm only has 8.1.0-2.59be4fda….
  console.log(`schema-engine-cli ${wasm.version()} (@prisma/schema-engine-wasm)`);
  process.exit(0);
}

// The engine reads PostgreSQL's catalogs, whose `"char"` columns (oid 18, e.g. pg_class.relkind,
// pg_constraint.contype) @prisma/adapter-pg 7.10.1 rejects: "Column type 'char' could not be
// deserialized". pg already hands their values over as strings, so relabel those columns `text`
// (oid 25) for the adapter, remember which they were (by the result's rows), and report them to
// the engine as characters, as the native engine does (it panics on a CHECK constraint otherwise).
const charColumns = new WeakMap();
const relabelChar = (result) => {
  for (const r of [result].flat()) {
    const indexes = [];
    r?.fields?.forEach((field, index) => {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25;
        indexes.push(index);
      }
    });
    if (indexes.length > 0 && r.rows) charColumns.set(r.rows, indexes);
  }
  return result;
};
class Client extends pg.Client {
  query(config, values, callback) {
    if (typeof values === 'function') [values, callback] = [undefined, values];
    if (typeof callback === 'function') return super.query(config, values, (err, res) => callback(err, res && relabelChar(res)));
    const out = super.query(config, values);
    return typeof out?.then === 'function' ? out.then(relabelChar) : out;
  }
}

// Host, port, user, password and database as separate fields, never `connectionString`: pg lets a
// connection string's database win over `database`, which would make the "shadow" database the
// main one ("relation … already exists").
const pgConfig = (url) => ({ ...parseIntoClientConfig(url), Client });

// Two things the native engine does that @prisma/adapter-pg 7.10.1 does not:
// - it sends a migration whole; the adapter splits a script on every ";" and runs the pieces one
//   by one, which breaks any statement with a ";" inside (a PL/pgSQL function or trigger body, a
//   string). One simple-protocol query runs a multi-statement script (in one implicit
//   transaction), as psql would;
// - it types `"char"` catalog columns as characters (see relabelChar).
const likeNativeEngine = (connection) => {
  const queryRaw = connection.queryRaw.bind(connection);
  return Object.assign(connection, {
    async executeScript(script) {
      try {
        await connection.underlyingDriver().query(script);
      } catch (error) {
        connection.onError(error);
      }
    },
    async queryRaw(query) {
      const result = await queryRaw(query);
      for (const index of charColumns.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
      return result;
    },
  });
};

class Adapter extends PrismaPg {
  constructor(url, shadowUrl) {
    const config = pgConfig(url);
    super(config, { schema: config.schema });
    this.pgConfig = config;
    this.shadowUrl = shadowUrl;
  }

  async connect() {
    return likeNativeEngine(await super.connect());
  }

  // The wasm engine never reads `shadowDatabaseUrl`: it asks the factory for a shadow database
  // (migrate dev, migrate diff --from-migrations). Like the native engine, use the configured one
  // (emptied first: the wasm engine would build on whatever it holds) or create a temporary one.
  // PrismaPg's own version drops that while its pool is still open ("is being accessed by other
  // users"), so close the pool first, then drop.
  async connectToShadowDb() {
    if (this.shadowUrl) {
      const config = pgConfig(this.shadowUrl);
      const shadow = likeNativeEngine(await new PrismaPg(config, { schema: config.schema }).connect());
      const schema = `"${(config.schema ?? 'public').replaceAll('"', '""')}"`;
      await shadow.executeScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      return shadow;
    }
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = likeNativeEngine(await new PrismaPg({ ...this.pgConfig, database }, { schema: this.pgConfig.schema }).connect());
    shadow.dispose = async () => {
      await shadow.underlyingDriver().end();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

if (positionals[0] === 'cli') process.exit(await runCliCommand(positionals[1]));

// `cli can-connect-to-database` / `cli create-database`: the CLI calls these before migrating, and
// creates the database when the first one fails with P1003. Plain pg is enough for both.
async function runCliCommand(command) {
  const config = pgConfig(datasource.url);
  const run = async (database, sql) => {
    const client = new Client({ ...config, database });
    try {
      await client.connect();
      await client.query(sql);
    } finally {
      await client.end().catch(() => {});
    }
  };
  try {
    if (command === 'can-connect-to-database') await run(config.database, 'SELECT 1');
    else if (command === 'create-database') await run('postgres', `CREATE DATABASE "${config.database.replaceAll('"', '""')}"`);
    else throw new Error(`schema-engine.mjs: unsupported command \`cli ${command}\``);
    return 0;
  } catch (e) {
    const [code, message] =
      e.code === '3D000'
        ? ['P1003', `Database \`${config.database}\` does not exist on the database server at \`${config.host}:${config.port ?? 5432}\`.`]
        : ['P1001', `Can't reach database server at \`${config.host}:${config.port ?? 5432}\`: ${e.message}`];
    const log = (level, fields) => console.error(JSON.stringify({ level, fields, target: 'schema_engine::logger' }));
    log('INFO', { message: `schema-engine.mjs cli ${command}` }); // the CLI drops the first stderr line
    log('ERROR', { is_panic: false, error_code: code, message });
    return 1;
  }
}

// JSON-RPC mode. The engine is created on the first request: it connects at once, and the CLI
// also starts the binary for commands that never send one.
let engine;
const getEngine = async () =>
  (engine ??= await wasm.SchemaEngine.new(
    { datamodels: args.datamodels?.map((file) => [file, fs.readFileSync(file, 'utf8')]) },
    (log) => process.stderr.write(`${log.trimEnd()}\n`), // JSON log lines, as the native binary writes
    bindMigrationAwareSqlAdapterFactory(new Adapter(datasource.url, datasource.shadowDatabaseUrl)),
  ));

const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
let printId = 0;

async function call(method, params) {
  const e = await getEngine();
  switch (method) {
    case 'getDatabaseVersion':
      return e.version(params);
    case 'diff': {
      // The native engine prints the diff through a `print` request to the CLI (which writes it
      // to stdout or --output) and answers `stdout: null`; the wasm one returns it.
      const { stdout, ...result } = await e.diff(params);
      if (stdout) send({ id: `print-${++printId}`, method: 'print', params: { content: stdout } });
      return { ...result, stdout: null };
    }
    case 'evaluateDataLoss':
    case 'createMigration':
      // These two read the schema of the migration history from a cache and, unlike the native
      // engine, cannot build it themselves ("PostgreSQL shadow DB must be provided through an
      // external factory"). `migrate dev` applies pending migrations first, so diagnosing the
      // history with a shadow database fills the cache for exactly this list. A failure here
      // resurfaces, better worded, in the call itself.
      await e
        .diagnoseMigrationHistory({ migrationsList: params.migrationsList, optInToShadowDatabase: true, filters: params.filters })
        .catch(() => {});
      return e[method](params);
    default:
      // Same names as the native methods; `createDatabase` and `getDatabaseDescription` have none.
      if (!/^[a-z]\w+$/.test(method) || ['constructor', 'free'].includes(method) || typeof e[method] !== 'function') {
        throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
      }
      return (await e[method](params)) ?? {}; // JSON-RPC needs a result: `undefined` would drop it
  }
}

// Shaped like the native engine's errors, which the CLI turns into `P3005 …` messages or panics.
function rpcError(e) {
  if (e.rpcCode) return { code: e.rpcCode, message: e.message };
  const isPanic = e.name === 'RuntimeError';
  const message = isPanic ? (panicMessage ?? e.message) : e.message;
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: { is_panic: isPanic, message, error_code: e.code, meta: e.meta, error: { message }, backtrace: e.stack },
  };
}

// One request at a time, in order; replies to our `print` requests carry no method: ignore them.
let queue = Promise.resolve();
readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on('line', (line) => {
    if (!line.trim()) return;
    const { id, method, params } = JSON.parse(line);
    if (!method) return;
    queue = queue.then(() =>
      call(method, params).then(
        (result) => send({ id, result }),
        (e) => {
          send({ id, error: rpcError(e) });
          if (e.name === 'RuntimeError') process.exit(101); // like the native binary: a panicked engine is unusable
        },
      ),
    );
  })
  .on('close', async () => {
    await queue;
    process.exit(0); // ends the pools too; the CLI waits for this exit
  });
