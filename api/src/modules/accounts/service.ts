import { createHash, randomBytes } from 'node:crypto';
import { onPrimary, primaryQuery, type Db, type Role, type UserKind } from '@treem/db/client';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '@treem/db/credentials';
import { AppError } from '../../errors.js';
import { currentMembershipIn, moderates } from '../council/policy.js';
import { formatDate, today } from '../../calendar.js';
import type { Logger } from '../../observability.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { API_SCOPES, isApiScope, mayManageApiClients, type ApiClientPrincipal } from './policy.js';
import type { AccountThrottle, LoginThrottle, ThrottleCheck } from './throttle.js';


export const SESSION_COOKIE = 'treem_session';
/** Short enough that a child who forgets to sign out on a shared computer is signed out the same day. */
export const SESSION_SECONDS = 12 * 60 * 60;

export interface Viewer {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  roles: { role: Role; agencyId: string | null; unitId: string | null }[];
  /** Councils where the viewer holds a current membership. */
  memberCouncilIds: string[];
  /** Councils the viewer moderates (Youth Union facilitators). */
  moderatedCouncilIds: string[];
  /** Signed in with a one-time password: must choose its own before anything else. */
  mustChangePassword: boolean;
  /** Notifications and agency notices not yet read, when the session was looked up. */
  unreadNotifications: number;
}

// Verifying against a real hash when the user does not exist keeps the answer time the same,
// so response times do not reveal which usernames exist.
const unknownUserHash = hashPassword(randomBytes(16).toString('hex'));

/** Usernames are matched as people type them: spaces around and letter case do not count. */
const normalise = (username: string) => username.trim().toLowerCase();

/**
 * Signs in. Throttled per account and address (see throttle.ts): a wait is worded for a child
 * unless the account is an adult's, so an unknown name reads like a child's account.
 */
export async function login({ prisma, throttle, username, password, clientIp }: { prisma: Db; throttle: LoginThrottle; username: string; password: string; clientIp: string }) {
  const name = normalise(username);
  if (!name) throw new AppError('INVALID_CREDENTIALS');
  const [user, limited] = await Promise.all([
    prisma.user.findUnique({ where: { username: name }, select: { id: true, kind: true, credential: { select: { passwordHash: true } } } }),
    throttle.check(name, clientIp),
  ]);
  if (limited) throw slowedDown(limited, user?.kind);

  const valid = await verifyPassword(user?.credential?.passwordHash ?? (await unknownUserHash), password);
  if (!user?.credential || !valid) {
    await throttle.recordFailure(name, clientIp);
    throw new AppError('INVALID_CREDENTIALS');
  }

  await throttle.recordSuccess(name, clientIp);
  const token = await startSession({ prisma, userId: user.id });
  const viewer = await viewerFromSession({ prisma, token });
  return { token, viewer: viewer! };
}

/** The wait a throttled sign-in (or password check) is refused with, worded for whom it slows. */
function slowedDown(limited: ThrottleCheck, kind: UserKind | undefined): AppError {
  const reason = limited.scope === 'address' ? 'ADDRESS' : kind === 'ADULT' ? 'ADULT' : 'CHILD';
  return new AppError('RATE_LIMITED', reason, { retryAfter: limited.retryAfter }, ['retryAfter']);
}

export interface MemberThrottle extends AccountThrottle {
  userId: string;
  displayName: string;
}

/** Children of the council slowed by wrong passwords (or with recent ones). Its moderators only. */
export async function councilLoginThrottles({ prisma, throttle, viewer, councilId }: { prisma: Db; throttle: LoginThrottle; viewer: Viewer | null; councilId: string }): Promise<MemberThrottle[]> {
  if (!moderates(viewer, councilId)) throw new AppError('FORBIDDEN', 'NOT_MODERATOR');
  const members = await prisma.user.findMany({
    where: { kind: 'CHILD', memberships: { some: currentMembershipIn([councilId]) } },
    select: { id: true, username: true, displayName: true },
    orderBy: { displayName: 'asc' },
  });
  const statuses = await Promise.all(members.map((member) => throttle.status(member.username)));
  return members
    .map((member, i) => ({ userId: member.id, displayName: member.displayName, ...statuses[i]! }))
    .filter((member) => member.failures > 0 || member.waitUntil !== null);
}

/**
 * Lifts the sign-in waits of a child on a council the viewer moderates. Any other user is
 * simply not found, so the answer says nothing about accounts the viewer may not manage.
 */
export async function clearLoginThrottle({ prisma, throttle, viewer, userId }: { prisma: Db; throttle: LoginThrottle; viewer: Viewer | null; userId: string }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const child = await prisma.user.findFirst({
    where: { id: userId, kind: 'CHILD', memberships: { some: currentMembershipIn(viewer.moderatedCouncilIds) } },
    select: { username: true },
  });
  if (!child) throw new AppError('NOT_FOUND');
  await throttle.clear(child.username);
}

const NEW_PASSWORD = { min: 8, max: 128 };

/**
 * The viewer replaces its password (a child its one-time one, at first sign-in). Its other
 * sessions end, so a password handed over on paper stops working everywhere. The current
 * password is slowed down like a sign-in, under the same counts: a session left open on a shared
 * computer must not let anyone try passwords at will (nor keep the server hashing them).
 */
export async function changePassword({ prisma, throttle, viewer, token, clientIp, currentPassword, newPassword }: { prisma: Db; throttle: LoginThrottle; viewer: Viewer | null; token: string | undefined; clientIp: string; currentPassword: string; newPassword: string }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (newPassword.length < NEW_PASSWORD.min || newPassword.length > NEW_PASSWORD.max) {
    throw new AppError('BAD_USER_INPUT', 'NEW_PASSWORD', { min: NEW_PASSWORD.min }, ['min']);
  }
  if (newPassword === currentPassword) throw new AppError('BAD_USER_INPUT', 'SAME_PASSWORD');
  const name = normalise(viewer.username); // the key a sign-in counts under
  const [credential, limited] = await Promise.all([
    prisma.credential.findUnique({ where: { userId: viewer.id }, select: { passwordHash: true } }),
    throttle.check(name, clientIp),
  ]);
  if (limited) throw slowedDown(limited, viewer.kind);
  if (!credential || !(await verifyPassword(credential.passwordHash, currentPassword))) {
    await throttle.recordFailure(name, clientIp);
    throw new AppError('INVALID_CREDENTIALS', 'CURRENT_PASSWORD');
  }
  await throttle.recordSuccess(name, clientIp);
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.credential.update({ where: { userId: viewer.id }, data: { passwordHash, mustChange: false } }),
    prisma.session.deleteMany({ where: { userId: viewer.id, ...(token ? { NOT: { tokenHash: hashToken(token) } } : {}) } }),
  ]);
}

/** Opens a session and returns the cookie token; only its hash is stored. */
export async function startSession({ prisma, userId }: { prisma: Db; userId: string }) {
  const token = randomBytes(32).toString('base64url');
  await prisma.session.create({
    data: { tokenHash: hashToken(token), userId, expiresAt: new Date(Date.now() + SESSION_SECONDS * 1000) },
  });
  return token;
}

export async function logout({ prisma, token }: { prisma: Db; token: string | undefined }) {
  if (token) await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

// The session, its person, grants, current memberships, moderated councils and unread count (its
// notifications and its agency's notices) in one prepared statement.
const VIEWER_FROM_SESSION = {
  name: 'treem_viewer_from_session',
  text: `
    SELECT u."id", u."username", u."displayName", u."kind"::text AS "kind", coalesce(c."mustChange", false) AS "mustChangePassword",
      coalesce((SELECT json_agg(json_build_object('role', g."role", 'agencyId', g."agencyId", 'unitId', g."unitId") ORDER BY g."id")
                FROM "RoleGrant" g WHERE g."userId" = u."id"), '[]') AS "roles",
      ARRAY(SELECT t."councilId" FROM "Membership" m JOIN "Term" t ON t."id" = m."termId"
            WHERE m."userId" = u."id" AND m."leftAt" IS NULL AND t."startsOn" <= $2::date AND t."endsOn" >= $2::date) AS "memberCouncilIds",
      ARRAY(SELECT f."councilId" FROM "Facilitator" f WHERE f."userId" = u."id") AS "moderatedCouncilIds",
      (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL)
        + (SELECT count(*)::int FROM "Notice" n WHERE n."userId" = u."id" AND n."readAt" IS NULL) AS "unreadNotifications"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Credential" c ON c."userId" = u."id"
    WHERE s."tokenHash" = $1 AND s."expiresAt" > $3`,
};

/**
 * The signed-in person behind a session cookie, in one statement. Read on the primary: a
 * session just opened, or revoked, counts at once, whatever a read replica's lag.
 */
export async function viewerFromSession({ prisma, token }: { prisma: Db; token: string }): Promise<Viewer | null> {
  const now = new Date();
  const [viewer] = await primaryQuery<Viewer>(prisma, { ...VIEWER_FROM_SESSION, values: [hashToken(token), formatDate(today(now)), now] });
  return viewer ?? null;
}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

// ─── API clients ────────────────────────────────────────────────────────────────────────

const TOKEN_PREFIX = 'treem_';
const DAY_MS = 24 * 60 * 60 * 1000;
/** lastUsedAt is a hint for admins, not a log: refresh it at most this often per client. */
const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;

const apiClientInput = z.object({
  agencyCode: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string()).min(1).max(Object.keys(API_SCOPES).length),
  expiresInDays: z.number().int().min(1).max(730).default(365),
});
export type ApiClientInput = z.input<typeof apiClientInput>;

/**
 * Creates an API client for an agency and returns its token, which is never stored or shown
 * again (only its SHA-256). For programme admins; the audit row names who did it.
 */
export async function createApiClient({ prisma, viewer, actor, input }: { prisma: Db; viewer: Viewer | null; actor: Actor; input: ApiClientInput }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (!mayManageApiClients(viewer)) throw new AppError('FORBIDDEN');
  return issueApiClient({ prisma, actor, input });
}

/**
 * The same without a policy check: for the server's operator (`pnpm api-client create`), who
 * already holds the database. Everything else goes through createApiClient.
 */
export async function issueApiClient({ prisma, actor, input }: { prisma: Db; actor: Actor; input: ApiClientInput }) {
  const parsed = apiClientInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_USER_INPUT', undefined, { detail: parsed.error.issues[0]?.path.join('.') ?? 'input' });
  const { agencyCode, name, scopes, expiresInDays } = parsed.data;
  const unknown = scopes.find((scope) => !isApiScope(scope));
  if (unknown !== undefined) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_SCOPE', { scope: unknown.slice(0, 40), scopes: Object.keys(API_SCOPES).join(', ') });
  const agency = await prisma.agency.findUnique({ where: { code: agencyCode }, select: { id: true, code: true } });
  if (!agency) throw new AppError('BAD_USER_INPUT', 'UNKNOWN_AGENCY', { code: agencyCode.slice(0, 40) });

  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const apiClient = await prisma.$transaction(async (tx) => {
    const created = await tx.apiClient.create({
      data: {
        name, agencyId: agency.id, scopes: [...new Set(scopes)], createdById: actor.userId,
        tokenHash: hashToken(token), tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
        expiresAt: new Date(Date.now() + expiresInDays * DAY_MS),
      },
    });
    await recordAudit(tx, {
      actor, action: 'apiClient.create', subject: { type: 'ApiClient', id: created.id },
      data: { name, agencyCode: agency.code, scopes: created.scopes, expiresAt: created.expiresAt!.toISOString() },
    });
    return created;
  });
  return { apiClient, token };
}

export async function revokeApiClient({ prisma, viewer, actor, id }: { prisma: Db; viewer: Viewer | null; actor: Actor; id: string }) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (!mayManageApiClients(viewer)) throw new AppError('FORBIDDEN');
  return retireApiClient({ prisma, actor, id });
}

/** The same without a policy check, for the server's operator (`pnpm api-client revoke`). */
export function retireApiClient({ prisma, actor, id }: { prisma: Db; actor: Actor; id: string }) {
  return prisma.$transaction(async (tx) => {
    // Revoking twice keeps the first date: the audit shows one revocation.
    const { count } = await tx.apiClient.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    const client = await tx.apiClient.findUnique({ where: { id } });
    if (!client) throw new AppError('NOT_FOUND');
    if (count > 0) await recordAudit(tx, { actor, action: 'apiClient.revoke', subject: { type: 'ApiClient', id }, data: { name: client.name } });
    return client;
  });
}

/** The client a bearer token names, if the token is known, not revoked and not expired. */
export async function apiClientFromToken({ prisma, token, log }: { prisma: Db; token: string; log: Logger }): Promise<ApiClientPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const now = new Date();
  // On the primary, like sessions: a revoked token stops working at once.
  const client = await onPrimary(prisma).apiClient.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, agencyId: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!client || client.revokedAt || (client.expiresAt && client.expiresAt <= now)) return null;
  if (!client.lastUsedAt || now.getTime() - client.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Not awaited: the request does not wait for a hint; a failure is only logged.
    prisma.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: now }, select: { id: true } })
      .catch((error: unknown) => log.warn({ err: error, apiClientId: client.id }, 'could not record an API client’s last use'));
  }
  return { id: client.id, name: client.name, agencyId: client.agencyId, scopes: client.scopes.filter(isApiScope) };
}

declare module '../audit/service.js' {
  interface AuditActions {
    'apiClient.create': { name: string; agencyCode: string; scopes: string[]; expiresAt: string };
    'apiClient.revoke': { name: string };
  }
}
