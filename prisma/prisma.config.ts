import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// Prisma 7's CLI downloads its native schema engine from binaries.prisma.sh before any command
// (even `generate` and `--version`); closed networks cannot reach it and no package ships it.
// engine/schema-engine.mjs runs the same engine compiled to WebAssembly (from npm) behind the
// native binary's protocol, so point the CLI at it. `??=` leaves a real binary, if set, in charge.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./engine/schema-engine.mjs', import.meta.url));

// Prisma 7 reads no .env: the URL comes from the environment when a command needs one.
// No shadow database is configured: `migrate dev` and `migrate diff --from-migrations` get a
// temporary one, created and dropped by the engine (the login needs CREATEDB, as natively).
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/treem' },
});
