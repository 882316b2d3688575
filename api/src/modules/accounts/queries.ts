import { builder } from '../../builder.js';
import { API_SCOPES } from './policy.js';
import { ApiClientRef, ApiScopeInfo, ViewerRef } from './types.js';

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, nullable: true, description: 'Null when signed out.', resolve: (_root, _args, ctx) => ctx.viewer }),
);

builder.queryFields((t) => ({
  apiScopes: t.field({
    type: [ApiScopeInfo],
    description: 'The scopes an API client can be given, and what each allows.',
    resolve: () => Object.entries(API_SCOPES).map(([name, description]) => ({ name, description })),
  }),
  currentApiClient: t.field({
    type: ApiClientRef,
    nullable: true,
    description: 'The API client whose bearer token authenticates this request; null otherwise.',
    // Loaded by id with what the query asks for (Pothos loads a row it was not handed).
    resolve: (_root, _args, ctx) => (ctx.apiClient ? { id: ctx.apiClient.id } : null),
  }),
  apiClients: t.prismaConnection({
    type: 'ApiClient',
    cursor: 'id',
    description: 'API clients, newest first. Programme admins only.',
    authScopes: { programmeAdmin: true },
    args: { agencyCode: t.arg.string(), includeRevoked: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, _root, { agencyCode, includeRevoked }, ctx) =>
      ctx.prisma.apiClient.findMany({
        ...query,
        where: { ...(agencyCode ? { agency: { code: agencyCode } } : {}), ...(includeRevoked ? {} : { revokedAt: null }) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
}));
