// The portal's GraphQL documents must stay valid against the printed contract, so an API
// change that would break a page fails here rather than in a child's browser.
import { readFile } from 'node:fs/promises';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { contractPath } from '@treem/api/contract';
// Loaded by path: the web package resolves modules the bundler's way, not this package's.
const modules = await Promise.all(
  ['councils', 'proposals', 'viewer'].map((name) => import(`../../web/src/lib/graphql/${name}.ts`) as Promise<Record<string, unknown>>),
);
const operations = modules
  .flatMap((module) => Object.entries(module))
  .filter((entry): entry is [string, DocumentNode] => (entry[1] as DocumentNode)?.kind === 'Document');

describe('portal operations', () => {
  it('are all found', () => {
    expect(operations.map(([name]) => name).sort()).toEqual([
      'CastVoteMutation', 'CouncilProposalsQuery', 'CouncilQuery', 'CouncilsQuery', 'LoginMutation', 'LogoutMutation', 'ProposalQuery', 'ViewerQuery',
    ]);
  });

  it.each(operations)('%s is valid against schema/schema.graphql', async (_name, document) => {
    const schema = buildSchema(await readFile(contractPath, 'utf8'));
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });
});
