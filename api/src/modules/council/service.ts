// Children's accounts, made by the moderators of their council: children never register
// themselves. A child is known by a pseudonym; its guardian's consent is recorded (when, who as
// a relation, how), never the guardian's name.
import { randomInt } from 'node:crypto';
import type { ConsentMethod, Db, GuardianRelation } from '@treem/db/client';
import { hashPassword } from '@treem/db/credentials';
import { today } from '../../calendar.js';
import { AppError } from '../../errors.js';
import type { Viewer } from '../accounts/service.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { moderates, termOn } from './policy.js';

/** No letters that read alike (l/1, o/0): a child copies it from paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const randomText = (length: number) => Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** A one-time password in three short groups, e.g. `k7pm-x3qa-9fbn`; the child replaces it at first sign-in. */
export function oneTimePassword(): string {
  return [randomText(4), randomText(4), randomText(4)].join('-');
}

export interface GuardianConsent { givenOn: Date; givenBy: GuardianRelation; method: ConsentMethod }

const PSEUDONYM = { min: 2, max: 40 };

/**
 * Adds a child to the council's running term, with a new account and a one-time password to
 * hand over. The username is random, so it says nothing about the child.
 */
export async function addCouncilMember({ prisma, viewer, actor, councilId, pseudonym, guardianConsent }: {
  prisma: Db; viewer: Viewer | null; actor: Actor; councilId: string; pseudonym: string; guardianConsent: GuardianConsent;
}) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (!moderates(viewer, councilId)) throw new AppError('FORBIDDEN', 'NOT_MODERATOR_COUNCIL');
  const displayName = pseudonym.trim().replace(/\s+/g, ' ');
  if (displayName.length < PSEUDONYM.min || displayName.length > PSEUDONYM.max) {
    throw new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field: 'pseudonym' }, ['field']);
  }
  if (guardianConsent.givenOn > today()) throw new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field: 'guardianConsent.givenOn' }, ['field']);
  const term = await prisma.term.findFirst({ where: { councilId, ...termOn(today()) }, select: { id: true } });
  if (!term) throw new AppError('BAD_USER_INPUT', 'NO_CURRENT_TERM');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const membership = await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { username: `em.${randomText(8)}`, displayName, kind: 'CHILD', credential: { create: { passwordHash, mustChange: true } } },
      select: { id: true },
    });
    const created = await tx.membership.create({
      data: {
        termId: term.id, userId: user.id,
        guardianConsentAt: guardianConsent.givenOn, guardianConsentBy: guardianConsent.givenBy, guardianConsentHow: guardianConsent.method,
      },
    });
    await recordAudit(tx, {
      actor, action: 'council.addMember', subject: { type: 'Membership', id: created.id },
      data: { councilId, consentGivenOn: guardianConsent.givenOn.toISOString().slice(0, 10), consentGivenBy: guardianConsent.givenBy, consentMethod: guardianConsent.method },
    });
    return created;
  });
  return { membershipId: membership.id, oneTimePassword: password };
}

/** A membership in a council the viewer moderates, or NOT_FOUND (others' children are not disclosed). */
async function moderatedMembership(prisma: Db, viewer: Viewer | null, membershipId: string) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const membership = await prisma.membership.findUnique({ where: { id: membershipId }, select: { id: true, userId: true, leftAt: true, term: { select: { councilId: true } }, user: { select: { kind: true } } } });
  if (!membership || !moderates(viewer, membership.term.councilId)) throw new AppError('NOT_FOUND');
  return membership;
}

/** A new one-time password for a child who forgot its own; every session it had ends. */
export async function resetMemberPassword({ prisma, viewer, actor, membershipId }: { prisma: Db; viewer: Viewer | null; actor: Actor; membershipId: string }) {
  const membership = await moderatedMembership(prisma, viewer, membershipId);
  if (membership.user.kind !== 'CHILD' || membership.leftAt) throw new AppError('BAD_USER_INPUT', 'NOT_ACTIVE_MEMBER');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.credential.upsert({ where: { userId: membership.userId }, create: { userId: membership.userId, passwordHash, mustChange: true }, update: { passwordHash, mustChange: true } });
    await tx.session.deleteMany({ where: { userId: membership.userId } });
    await recordAudit(tx, { actor, action: 'council.resetPassword', subject: { type: 'Membership', id: membershipId }, data: {} });
  });
  return { membershipId, oneTimePassword: password };
}

/** Ends a membership (the child leaves the council); once: a second end is a CONFLICT. */
export async function endMembership({ prisma, viewer, actor, membershipId }: { prisma: Db; viewer: Viewer | null; actor: Actor; membershipId: string }) {
  await moderatedMembership(prisma, viewer, membershipId);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.membership.updateMany({ where: { id: membershipId, leftAt: null }, data: { leftAt: new Date() } });
    if (count !== 1) throw new AppError('CONFLICT');
    await recordAudit(tx, { actor, action: 'council.endMembership', subject: { type: 'Membership', id: membershipId }, data: {} });
  });
}

/** The running term's members, for the council's moderators. */
export function councilMembers<Q extends object>({ prisma, viewer, councilId, query }: { prisma: Db; viewer: Viewer | null; councilId: string; query: Q }) {
  if (!moderates(viewer, councilId)) throw new AppError('FORBIDDEN', 'NOT_MODERATOR_COUNCIL');
  return prisma.membership.findMany({
    ...query,
    where: { term: { councilId, ...termOn(today()) } },
    orderBy: [{ leftAt: { sort: 'desc', nulls: 'first' } }, { joinedAt: 'asc' }],
  });
}

declare module '../audit/service.js' {
  interface AuditActions {
    'council.addMember': { councilId: string; consentGivenOn: string; consentGivenBy: GuardianRelation; consentMethod: ConsentMethod };
    'council.resetPassword': Record<string, never>;
    'council.endMembership': Record<string, never>;
  }
}
