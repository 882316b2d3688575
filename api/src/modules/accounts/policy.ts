import type { Role } from '@treem/db/client';
import type { Viewer } from './service.js';

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return viewer?.roles.some((grant) => grant.role === role) ?? false;
}

/**
 * Who may read the schema itself (introspection, "Did you mean …" hints, the explorer): the
 * people and systems who build on the API. Children and anonymous callers get the data only.
 */
export function maySeeSchema({ viewer, apiClient }: { viewer: Viewer | null; apiClient?: ApiClientPrincipal | null }): boolean {
  return viewer?.kind === 'ADULT' || Boolean(apiClient);
}

/**
 * What an agency system's token may do. Public data needs no scope; a scope opens what an
 * agency officer of the client's agency could do in that area, never more. Stored as text on
 * ApiClient, so adding one here needs no migration.
 */
export const API_SCOPES = {
  'programme:read': 'Read programme records that are not public (budget lines one by one, inspections and their findings; docs/PROGRAMME-RECORDS.md).',
  'programme:write': "Create and update the agency's own programme records.",
  'indicators:read': 'Read indicator data that is not yet approved and published.',
  'indicators:write': "Submit indicator data for the agency's units.",
  'services:write': "Keep the agency's entries in the service directory.",
  'referrals:read': "Read proposals referred to the agency.",
  'referrals:write': 'Answer proposals referred to the agency.',
} as const;

export type ApiScope = keyof typeof API_SCOPES;

export function isApiScope(value: string): value is ApiScope {
  return Object.hasOwn(API_SCOPES, value);
}

/** An agency system authenticated by its bearer token. */
export interface ApiClientPrincipal {
  id: string;
  name: string;
  agencyId: string;
  scopes: ApiScope[];
}

export function hasScope(client: ApiClientPrincipal | null, scope: ApiScope): boolean {
  return client?.scopes.includes(scope) ?? false;
}

/** Only the programme admins create and revoke API clients. */
export function mayManageApiClients(viewer: Viewer | null): boolean {
  return hasRole(viewer, 'PROGRAMME_ADMIN');
}
