// Who may read what of the indicator data, and who may report it.
import { AppError } from '../../errors.js';
import { hasRole, hasScope, type ApiClientPrincipal } from '../accounts/policy.js';
import type { Viewer } from '../accounts/service.js';

export interface Caller {
  viewer: Viewer | null;
  apiClient: ApiClientPrincipal | null;
}

/**
 * Values not yet approved (drafts, submissions under review) are for the people who report and
 * approve them: programme admins, agency officers and agency systems with `indicators:read`.
 * Everyone else (the public, children) sees approved data only, and only aggregated by unit.
 */
export function mayReadUnapproved({ viewer, apiClient }: Caller): boolean {
  return hasRole(viewer, 'PROGRAMME_ADMIN') || hasRole(viewer, 'AGENCY_OFFICER') || hasScope(apiClient, 'indicators:read');
}

/**
 * Who reports, for which indicators: a programme admin (the leading department) for every
 * indicator; an agency officer, or an agency system with `indicators:write`, for the indicators
 * its agency is responsible for (Indicator.agency), in every ward of the map valid in the
 * period — departments work city-wide. `agencyIds: null` means every indicator.
 */
export interface Reporter {
  agencyIds: string[] | null;
}

export function reporterFor({ viewer, apiClient }: Caller): Reporter {
  if (apiClient) {
    if (!hasScope(apiClient, 'indicators:write')) throw new AppError('FORBIDDEN');
    return { agencyIds: [apiClient.agencyId] };
  }
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (hasRole(viewer, 'PROGRAMME_ADMIN')) return { agencyIds: null };
  const agencyIds = officerAgencyIds(viewer);
  if (agencyIds.length === 0) throw new AppError('FORBIDDEN');
  return { agencyIds };
}

const officerAgencyIds = (viewer: Viewer | null) =>
  (viewer?.roles ?? []).flatMap((grant) => (grant.role === 'AGENCY_OFFICER' && grant.agencyId ? [grant.agencyId] : []));

/** The server itself (`pnpm data import`): reports for every indicator. */
export const SERVER_REPORTER: Reporter = { agencyIds: null };

export function mayReport(reporter: Reporter, indicator: { agencyId: string }): boolean {
  return reporter.agencyIds === null || reporter.agencyIds.includes(indicator.agencyId);
}

/** Only programme admins (people, not systems) approve or return reported data. */
export function mayApprove({ viewer, apiClient }: Caller): boolean {
  return !apiClient && hasRole(viewer, 'PROGRAMME_ADMIN');
}

/**
 * Whose submissions a caller sees: every agency's for programme admins (null); its own agency's
 * for its officers and for its systems with either indicators scope; nobody's for anyone else.
 */
function submissionAgencyIds({ viewer, apiClient }: Caller): string[] | null {
  if (apiClient) return hasScope(apiClient, 'indicators:read') || hasScope(apiClient, 'indicators:write') ? [apiClient.agencyId] : [];
  return hasRole(viewer, 'PROGRAMME_ADMIN') ? null : officerAgencyIds(viewer);
}

export function mayListSubmissions(caller: Caller): boolean {
  const agencyIds = submissionAgencyIds(caller);
  return agencyIds === null || agencyIds.length > 0;
}

/** Prisma filter: the submissions a caller may list. */
export function visibleSubmissionsWhere(caller: Caller) {
  const agencyIds = submissionAgencyIds(caller);
  return agencyIds === null ? {} : { agencyId: { in: agencyIds } };
}

/** The same rule for one submission (reached by `node(id:)` or as a mutation's answer). */
export function maySeeSubmission(caller: Caller, submission: { agencyId: string }): boolean {
  const agencyIds = submissionAgencyIds(caller);
  return agencyIds === null || agencyIds.includes(submission.agencyId);
}

export const SEX_CODES = ['_T', 'M', 'F'] as const;
/** SDMX age codes: under 1, 0–4, 5–9, 10–14, 15–17; `_T` is all ages. */
export const AGE_BANDS = ['_T', 'Y_LT1', 'Y0T4', 'Y5T9', 'Y10T14', 'Y15T17'] as const;
