import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema.js';

export const contractPath = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

export function printSchemaContract() {
  return `# Generated from the Pothos code by \`pnpm schema:print\`. Do not edit: a test fails when stale.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
