import { today } from '../../calendar.js';
import type { Db, Prisma } from '@treem/db/client';
import type { Viewer } from '../accounts/service.js';
import type { ApiClientPrincipal } from '../accounts/policy.js';
import { hasRole } from '../accounts/policy.js';

/**
 * Need-to-see. Only a person holding a PROTECTION_OFFICER grant on a unit reads or changes the
 * records of children in that unit and in the units below it, following the hierarchy valid on
 * the day of the read (a grant on the city covers every ward; on a ward, that ward). A grant
 * without a unit covers nothing. The grant's IDENTITY right adds names, birth dates and
 * personal numbers (and searching and exporting by them); without it those fields are null.
 * Everyone else (children, moderators, agency officers, programme admins, API clients) is
 * refused every record, whatever its id: deny by default.
 */
export interface RegisterScope {
  userId: string;
  /** Units whose children's records the officer may read and change. */
  unitIds: string[];
  /** The subset where the officer also sees identities. */
  identityUnitIds: Set<string>;
}

/** Who asks, as the register sees it: the refusal code for anyone who is not an officer. */
export type Principal = { viewer: Viewer | null; apiClient: ApiClientPrincipal | null };

export function refusalFor({ viewer, apiClient }: Principal): 'UNAUTHENTICATED' | 'FORBIDDEN' {
  return viewer || apiClient ? 'FORBIDDEN' : 'UNAUTHENTICATED';
}

/**
 * The officer's scope today, in one statement: the grants' units and every unit below them
 * that is valid on `on`. Null for anyone without a grant that covers at least one unit.
 */
export async function registerScope({ prisma, principal, on = today() }: { prisma: Db; principal: Principal; on?: Date }): Promise<RegisterScope | null> {
  const { viewer, apiClient } = principal;
  if (!viewer || apiClient || !hasRole(viewer, 'PROTECTION_OFFICER')) return null;
  const rows = await prisma.$queryRaw<{ id: string; identity: boolean }[]>`
    WITH RECURSIVE covered(id, identity) AS (
      SELECT u."id", 'IDENTITY' = ANY(g."rights")
      FROM "RoleGrant" g JOIN "AdminUnit" u ON u."id" = g."unitId"
      WHERE g."userId" = ${viewer.id} AND g."role" = 'PROTECTION_OFFICER'
        AND u."validFrom" <= ${on}::date AND (u."validTo" IS NULL OR u."validTo" >= ${on}::date)
      UNION
      SELECT c."id", covered.identity
      FROM "AdminUnit" c JOIN covered ON c."parentId" = covered.id
      WHERE c."validFrom" <= ${on}::date AND (c."validTo" IS NULL OR c."validTo" >= ${on}::date)
    )
    SELECT id, bool_or(identity) AS identity FROM covered GROUP BY id`;
  if (rows.length === 0) return null;
  return {
    userId: viewer.id,
    unitIds: rows.map((row) => row.id),
    identityUnitIds: new Set(rows.filter((row) => row.identity).map((row) => row.id)),
  };
}

/** The Prisma filter that every read and write of a record goes through. */
export function recordsInScope(scope: RegisterScope): Prisma.ChildRecordWhereInput {
  return { unitId: { in: scope.unitIds } };
}

export function seesIdentity(scope: RegisterScope, unitId: string): boolean {
  return scope.identityUnitIds.has(unitId);
}

/**
 * Who reviews the register's access log: programme admins (oversight by the lead department)
 * and protection officers whose grant carries the AUDIT right (their supervisors). The log
 * holds record ids, codes and purposes, never names or numbers.
 */
export async function mayReviewAccessLog({ prisma, principal }: { prisma: Db; principal: Principal }): Promise<boolean> {
  const { viewer, apiClient } = principal;
  if (!viewer || apiClient) return false;
  if (hasRole(viewer, 'PROGRAMME_ADMIN')) return true;
  if (!hasRole(viewer, 'PROTECTION_OFFICER')) return false;
  const audit = await prisma.roleGrant.count({ where: { userId: viewer.id, role: 'PROTECTION_OFFICER', rights: { has: 'AUDIT' } } });
  return audit > 0;
}

// ─── purposes ───────────────────────────────────────────────────────────────────────────

/** Why an officer opens the register. Every read states one; the access log keeps it. */
export const REGISTER_PURPOSES = [
  'CASE_MANAGEMENT',
  'NEEDS_ASSESSMENT',
  'SERVICE_REFERRAL',
  'FOLLOW_UP_VISIT',
  'REGISTRY_VERIFICATION',
  'DATA_CORRECTION',
  'SUPERVISION',
  'OTHER',
] as const;
export type RegisterPurposeCode = (typeof REGISTER_PURPOSES)[number];

export interface Purpose {
  code: RegisterPurposeCode;
  note: string | null;
}

const isPurposeCode = (value: string): value is RegisterPurposeCode => (REGISTER_PURPOSES as readonly string[]).includes(value);

/**
 * Reads a stated purpose: "CODE" or "CODE: note" with a code from the list (OTHER needs a
 * note), or plain words, kept as OTHER with those words as the note. Null when it is not a
 * purpose: blank, too short or long, control characters, or a run of six or more digits (a
 * personal number must never reach the access log through this field).
 */
export function parsePurpose(text: string): Purpose | null {
  const trimmed = text.trim();
  if (trimmed.length < 3 || trimmed.length > 500) return null;
  if (/[\u0000-\u001f\u007f]/.test(trimmed.replace(/[\n\t]/g, ' ')) || /\d{6,}/.test(trimmed)) return null;
  const coded = /^([A-Z_]+)\s*(?::\s*([\s\S]*))?$/.exec(trimmed);
  if (coded && isPurposeCode(coded[1]!)) {
    const note = coded[2]?.trim() || null;
    if (coded[1] === 'OTHER' && (!note || note.length < 3)) return null;
    return { code: coded[1], note };
  }
  return { code: 'OTHER', note: trimmed };
}
