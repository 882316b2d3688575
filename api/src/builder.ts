import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { z } from 'zod';
import type PrismaTypes from '@treem/db/pothos-types';
import { getDatamodel } from '@treem/db/pothos-types';
import type { Context } from './context.js';
import { AppError, invalidArgument } from './errors.js';
import { decodeGlobalId, isNodeType } from './ids.js';
import { MAX_PAGE_SIZE } from './pagination.js';
import { hasRole, hasScope, type ApiScope } from './modules/accounts/policy.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    /** Signed in, even with a one-time password still to replace (enough to replace it). */
    signedIn: boolean;
    /** Signed in and past the first-sign-in password change: may act. */
    authenticated: boolean;
    child: boolean;
    moderator: boolean;
    agencyOfficer: boolean;
    programmeAdmin: boolean;
    /** An agency system whose token carries this scope. Combine with `$all` where a person's
     * role must hold too: scope maps grant access when any one scope passes. */
    apiScope: ApiScope;
  };
  Scalars: { DateTime: { Input: Date; Output: Date }; Date: { Input: Date; Output: Date }; JSON: { Input: never; Output: unknown }; Vnd: { Input: bigint; Output: bigint } };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ viewer, apiClient }) => ({
      signedIn: viewer !== null,
      // A child handed a one-time password chooses its own before doing anything else.
      authenticated: viewer !== null && !viewer.mustChangePassword,
      child: viewer?.kind === 'CHILD' && !viewer.mustChangePassword,
      moderator: (viewer?.moderatedCouncilIds.length ?? 0) > 0,
      agencyOfficer: hasRole(viewer, 'AGENCY_OFFICER'),
      programmeAdmin: hasRole(viewer, 'PROGRAMME_ADMIN'),
      apiScope: (scope) => hasScope(apiClient, scope),
    }),
    // Deny by default with the same typed errors services throw.
    unauthorizedError: (_parent, context) =>
      context.viewer?.mustChangePassword
        ? new AppError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED')
        : new AppError(context.viewer || context.apiClient ? 'FORBIDDEN' : 'UNAUTHENTICATED'),
  },
  // The API is public: bound what one query may ask for, so nesting relations (council →
  // children → proposals → council …) cannot turn one request into millions of rows.
  // The fields' weights are declared here; the bound is checked once per parsed operation and
  // variables, before anything runs (checkComplexity in server.ts), not again on every request.
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    disabled: true,
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  // Argument rules (validate: zod schemas on arguments and input fields) refuse with
  // BAD_USER_INPUT naming the argument and the bound it broke.
  validation: { validationError: (failure) => invalidArgument(failure.issues) },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Ids are checked for shape before anything is looked up (ids.ts).
    decodeGlobalID: decodeGlobalId,
    // An id of a type that is not a node reads like one that does not exist: null.
    nodeQueryOptions: { nullable: true, resolve: (_root, { id }, _ctx, info, resolveNodes) => (isNodeType(info.schema, id.typename) ? resolveNodes(id) : null) },
    nodesQueryOptions: false,
    // Page sizes are refused beyond the maximum, never silently cut.
    firstArgOptions: { validate: z.number().int().min(0).max(MAX_PAGE_SIZE) },
    lastArgOptions: { validate: z.number().int().min(0).max(MAX_PAGE_SIZE) },
  },
});
