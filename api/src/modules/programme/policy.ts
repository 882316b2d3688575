import type { Viewer } from '../accounts/service.js';
import { hasRole, hasScope, type ApiClientPrincipal, type ApiScope } from '../accounts/policy.js';

/** Who asks: a signed-in person, an agency system, or nobody. */
export interface Principal {
  viewer: Viewer | null;
  apiClient: ApiClientPrincipal | null;
}

/** The scope an agency system needs to keep a kind of record (the service directory has its own). */
export type WriteScope = Extract<ApiScope, 'programme:write' | 'services:write'>;

/**
 * Whose records the principal may create and change: every agency's (programme admins), its
 * own agencies' (officers, by their AGENCY_OFFICER grants; an API client with the scope, for its
 * agency), or nobody's (children, moderators, protection officers, anonymous callers).
 */
export function writableAgencies({ viewer, apiClient }: Principal, scope: WriteScope): 'ALL' | string[] {
  if (apiClient) return hasScope(apiClient, scope) ? [apiClient.agencyId] : [];
  if (hasRole(viewer, 'PROGRAMME_ADMIN')) return 'ALL';
  return viewer?.roles.flatMap((grant) => (grant.role === 'AGENCY_OFFICER' && grant.agencyId ? [grant.agencyId] : [])) ?? [];
}

export function mayWriteFor(principal: Principal, scope: WriteScope, agencyId: string): boolean {
  const agencies = writableAgencies(principal, scope);
  return agencies === 'ALL' || agencies.includes(agencyId);
}

/**
 * Plans, activities, campaigns, partnerships, legal reviews, the service directory and every
 * summary are public: the programme reports what it does and spends (budget execution by source
 * is public in Vietnam's budget law too). Budget lines one by one (their notes name suppliers and
 * people) and inspections (findings about named bodies, before they are remedied) are read by
 * the programme's adults only: admins, agency officers, and agency systems with programme:read.
 */
export function mayReadRestricted({ viewer, apiClient }: Principal): boolean {
  if (apiClient) return hasScope(apiClient, 'programme:read');
  return viewer?.kind === 'ADULT' && (hasRole(viewer, 'PROGRAMME_ADMIN') || hasRole(viewer, 'AGENCY_OFFICER'));
}

/** A record's change history: what restricted readers see, and what its keepers see of their own records. */
export function mayReadHistory(principal: Principal, agencyId: string): boolean {
  return mayReadRestricted(principal) || mayWriteFor(principal, 'programme:write', agencyId) || mayWriteFor(principal, 'services:write', agencyId);
}
