// Building blocks for demo data and tests alike. Each one upserts by a natural key, so the
// seed can run again without duplicating anything and tests can ask for what they need.
import type { Db } from '../src/client.js';
import type { AdminLevel, CouncilLevel, MemberRole, ProposalState, UserKind, Role } from '../src/client.js';
import { hashPassword } from '../src/credentials.js';

export interface UnitSpec {
  code: string;
  nameVi: string;
  nameEn: string;
  level: AdminLevel;
  parentId?: string | null;
  validFrom: Date;
  validTo?: Date | null;
}

export function ensureUnit(prisma: Db, spec: UnitSpec) {
  const { code, ...rest } = spec;
  return prisma.adminUnit.upsert({ where: { code }, create: spec, update: rest });
}

/** Part (`share`) or all of `predecessorId` passed to `successorId` on `effectiveOn`. */
export function ensureSuccession(
  prisma: Db,
  spec: { predecessorId: string; successorId: string; effectiveOn: Date; share?: number; basis?: string | null },
) {
  const { predecessorId, successorId, ...rest } = spec;
  return prisma.unitSuccession.upsert({
    where: { predecessorId_successorId: { predecessorId, successorId } },
    create: spec,
    update: rest,
  });
}

export interface UserSpec {
  username: string;
  displayName: string;
  kind: UserKind;
  /** Omit for members who never sign in to the demo. */
  password?: string;
}

export async function ensureUser(prisma: Db, spec: UserSpec) {
  const user = await prisma.user.upsert({
    where: { username: spec.username },
    create: { username: spec.username, displayName: spec.displayName, kind: spec.kind },
    update: { displayName: spec.displayName, kind: spec.kind },
  });
  if (spec.password) {
    const passwordHash = await hashPassword(spec.password);
    await prisma.credential.upsert({
      where: { userId: user.id },
      create: { userId: user.id, passwordHash },
      update: { passwordHash },
    });
  }
  return user;
}

export async function grantRole(
  prisma: Db,
  grant: { userId: string; role: Role; agencyId?: string; unitId?: string },
) {
  const existing = await prisma.roleGrant.findFirst({
    where: { userId: grant.userId, role: grant.role, agencyId: grant.agencyId ?? null, unitId: grant.unitId ?? null },
  });
  return existing ?? prisma.roleGrant.create({ data: grant });
}

export interface CouncilSpec {
  unitId: string;
  level: CouncilLevel;
  nameVi: string;
  nameEn: string;
  parentId?: string | null;
  quorumPercent?: number;
  majorityPercent?: number;
  liveCounts?: boolean;
  votingDays?: number;
  validFrom: Date;
  validTo?: Date | null;
  successorId?: string | null;
}

export function ensureCouncil(prisma: Db, spec: CouncilSpec) {
  const { unitId, ...rest } = spec;
  return prisma.council.upsert({ where: { unitId }, create: spec, update: rest });
}

/** A term with fixed dates, found by its first day. */
export async function ensureTerm(prisma: Db, { councilId, startsOn, endsOn }: { councilId: string; startsOn: Date; endsOn: Date }) {
  const existing = await prisma.term.findFirst({ where: { councilId, startsOn } });
  if (existing) return prisma.term.update({ where: { id: existing.id }, data: { endsOn } });
  return prisma.term.create({ data: { councilId, startsOn, endsOn } });
}

/** The council's term that contains `on` (default: today), created around it if missing. */
export async function ensureCurrentTerm(prisma: Db, councilId: string, on = new Date()) {
  const day = startOfDay(on);
  const current = await prisma.term.findFirst({
    where: { councilId, startsOn: { lte: day }, endsOn: { gte: day } },
  });
  if (current) return current;
  const year = day.getUTCFullYear();
  return prisma.term.create({
    data: { councilId, startsOn: new Date(Date.UTC(year - 1, 8, 1)), endsOn: new Date(Date.UTC(year + 1, 7, 31)) },
  });
}

export async function ensureMember(
  prisma: Db,
  { termId, userId, role = 'MEMBER' }: { termId: string; userId: string; role?: MemberRole },
) {
  return prisma.membership.upsert({
    where: { termId_userId: { termId, userId } },
    create: { termId, userId, role, guardianConsentAt: new Date() },
    update: { role, leftAt: null },
  });
}

export function ensureFacilitator(prisma: Db, { councilId, userId }: { councilId: string; userId: string }) {
  return prisma.facilitator.upsert({
    where: { councilId_userId: { councilId, userId } },
    create: { councilId, userId },
    update: {},
  });
}

export interface ProposalSpec {
  id: string;
  councilId: string;
  authorId: string;
  title: string;
  body: string;
  state: ProposalState;
  /** For OPEN proposals: days the window stays open from now (negative: already closed). */
  closesInDays?: number;
  /** For history: when the (two-week) vote closed; fixed, not moved with today. */
  closedOn?: Date;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Upserts by id. An open proposal gets a window around now on every run, so the demo always
 * has something to vote on; a closed one keeps a window in the past.
 */
export function ensureProposal(prisma: Db, spec: ProposalSpec) {
  const { id, closesInDays, closedOn, ...data } = spec;
  const hasWindow = !['DRAFT', 'IN_REVIEW', 'WITHDRAWN'].includes(spec.state);
  const closesAt = closedOn ?? new Date(Date.now() + (closesInDays ?? (spec.state === 'OPEN' ? 14 : -30)) * DAY);
  const window = hasWindow
    ? { votingOpensAt: new Date(closesAt.getTime() - 14 * DAY), votingClosesAt: closesAt }
    : { votingOpensAt: null, votingClosesAt: null };
  // Written a few days before its vote opened, so the story reads in order.
  const createdAt = window.votingOpensAt ? new Date(window.votingOpensAt.getTime() - 3 * DAY) : new Date();
  return prisma.proposal.upsert({
    where: { id },
    create: { id, ...data, ...window, createdAt },
    update: spec.state === 'OPEN' ? { ...window, createdAt } : {},
  });
}

function startOfDay(date: Date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
