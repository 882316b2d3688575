// The portal's GraphQL documents must stay valid against the printed contract, so an API
// change that would break a page fails here rather than in a child's browser. gql.tada types
// the fields a page reads; this also catches what typing cannot (unknown fields, arguments).
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { contractPath } from '@treem/api/contract';

// Every module of documents in web/src/lib/graphql, loaded by path (the web package resolves
// modules the bundler's way). Clients and helpers there need SvelteKit and hold no documents.
const folder = new URL('../../web/src/lib/graphql/', import.meta.url);
const notDocuments = /^(client|client\.server|errors|graphql|types)\.ts$|\.d\.ts$/;
const files = (await readdir(fileURLToPath(folder))).filter((name) => name.endsWith('.ts') && !notDocuments.test(name));
const modules = await Promise.all(
  files.map(async (name) => [name, (await import(new URL(name, folder).href)) as Record<string, unknown>] as const),
);
const isDocument = (value: unknown): value is DocumentNode => (value as DocumentNode)?.kind === 'Document';
const operations = modules.flatMap(([, module]) =>
  Object.entries(module).filter((entry): entry is [string, DocumentNode] =>
    isDocument(entry[1]) && entry[1].definitions.some((definition) => definition.kind === 'OperationDefinition')),
);

describe('portal operations', () => {
  it('are found in every module of documents', () => {
    for (const [name, module] of modules) expect(Object.values(module).some(isDocument), name).toBe(true);
    expect(operations.length).toBeGreaterThanOrEqual(8);
  });

  it.each(operations)('%s is valid against schema/schema.graphql', async (_name, document) => {
    const schema = buildSchema(await readFile(contractPath, 'utf8'));
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });
});
