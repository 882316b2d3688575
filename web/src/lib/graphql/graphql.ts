import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * `graphql()` types every document from the printed contract (schema/schema.graphql, turned
 * into graphql-env.d.ts by `pnpm --filter @treem/web generate`), so a page cannot ask for a
 * field the API does not have or misread its type. Fragments are not masked: pages read what
 * their fragments select directly.
 */
export const graphql = initGraphQLTada<{
	introspection: introspection;
	scalars: { DateTime: string; Date: string; ID: string; JSON: unknown; Vnd: string };
	disableMasking: true;
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';

/** A schema enum's values as a TypeScript union, e.g. `Enum<'ProposalState'>`. */
export type Enum<Name extends string> = ReturnType<typeof graphql.scalar<Name>>;
