import { createHash, randomBytes } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { Db, Role, UserKind } from '@treem/db/client';
import { hashPassword, verifyPassword } from '@treem/db/credentials';
import { AppError } from '../../errors.js';

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
}

const loginInput = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});

// Per username and per address, so guessing one child's password and spraying many accounts
// are both slowed. The address limit is generous because a whole school class signs in from
// one address. In memory for one process; Redis when the api runs as several replicas.
const perUsername = new RateLimiterMemory({ keyPrefix: 'login-user', points: 10, duration: 15 * 60 });
const perAddress = new RateLimiterMemory({ keyPrefix: 'login-ip', points: 300, duration: 15 * 60 });

// Verifying against a real hash when the user does not exist keeps the answer time the same,
// so response times do not reveal which usernames exist.
const unknownUserHash = hashPassword(randomBytes(16).toString('hex'));

export async function login({ prisma, username, password, clientIp }: { prisma: Db; username: string; password: string; clientIp: string }) {
  const parsed = loginInput.safeParse({ username, password });
  if (!parsed.success) throw new AppError('INVALID_CREDENTIALS');

  try {
    await Promise.all([perUsername.consume(parsed.data.username), perAddress.consume(clientIp)]);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      throw new AppError('RATE_LIMITED', undefined, { minutes: Math.ceil(error.msBeforeNext / 60_000) });
    }
    throw error;
  }

  const user = await prisma.user.findUnique({
    where: { username: parsed.data.username },
    select: { id: true, credential: { select: { passwordHash: true } } },
  });
  const valid = await verifyPassword(user?.credential?.passwordHash ?? (await unknownUserHash), parsed.data.password);
  if (!user?.credential || !valid) throw new AppError('INVALID_CREDENTIALS');

  await perUsername.delete(parsed.data.username);
  const token = await startSession({ prisma, userId: user.id });
  const viewer = await viewerFromSession({ prisma, token });
  return { token, viewer: viewer! };
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

export async function viewerFromSession({ prisma, token }: { prisma: Db; token: string }): Promise<Viewer | null> {
  const today = new Date();
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true, username: true, displayName: true, kind: true,
          roleGrants: { select: { role: true, agencyId: true, unitId: true } },
          memberships: {
            where: { leftAt: null, term: { startsOn: { lte: today }, endsOn: { gte: today } } },
            select: { term: { select: { councilId: true } } },
          },
          facilitates: { select: { councilId: true } },
        },
      },
    },
  });
  if (!session || session.expiresAt <= today) return null;
  const { memberships, facilitates, roleGrants, ...user } = session.user;
  return {
    ...user,
    roles: roleGrants,
    memberCouncilIds: memberships.map((m) => m.term.councilId),
    moderatedCouncilIds: facilitates.map((f) => f.councilId),
  };
}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}
