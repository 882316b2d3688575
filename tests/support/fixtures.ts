// Test data built with the same factories as the demo seed, under unique codes so test
// files never see each other's rows.
import { randomUUID } from 'node:crypto';
import type { Db, ProposalState } from '@treem/db/client';
import {
  ensureCouncil, ensureCurrentTerm, ensureFacilitator, ensureMember, ensureProposal, ensureUnit, ensureUser, grantRole,
} from '@treem/db/factories';

export const PASSWORD = 'test-password-123';

export async function councilWithMembers(prisma: Db, { members, liveCounts = false }: { members: number; liveCounts?: boolean }) {
  const key = randomUUID().slice(0, 8);
  const unit = await ensureUnit(prisma, { code: `T-${key}`, nameVi: `Phường Thử ${key}`, nameEn: `Test Ward ${key}`, level: 'WARD', validFrom: new Date('2020-01-01') });
  const council = await ensureCouncil(prisma, { unitId: unit.id, level: 'WARD', nameVi: `Hội đồng thử ${key}`, nameEn: `Test council ${key}`, liveCounts, validFrom: new Date('2020-01-01') });
  const term = await ensureCurrentTerm(prisma, council.id);
  const children = await Promise.all(
    Array.from({ length: members }, (_, i) =>
      ensureUser(prisma, { username: `t.${key}.${i}`, displayName: `Bạn ${i}`, kind: 'CHILD', password: PASSWORD }),
    ),
  );
  for (const child of children) await ensureMember(prisma, { termId: term.id, userId: child.id });
  const moderator = await ensureUser(prisma, { username: `t.${key}.moderator`, displayName: 'Điều phối viên', kind: 'ADULT', password: PASSWORD });
  await ensureFacilitator(prisma, { councilId: council.id, userId: moderator.id });
  return { key, council, term, children, moderator };
}

export function proposalIn(prisma: Db, { councilId, authorId, state, closesInDays }: { councilId: string; authorId: string; state: ProposalState; closesInDays?: number }) {
  return ensureProposal(prisma, {
    id: `t-${randomUUID()}`, councilId, authorId, state, closesInDays,
    title: `Đề xuất ${state}`, body: 'Nội dung thử',
  });
}

/** A ward of its own with two protection officers: one with the identity right, one without. */
export async function registerWard(prisma: Db) {
  const key = randomUUID().slice(0, 8);
  const unit = await ensureUnit(prisma, { code: `T-${key}`, nameVi: `Phường Thử ${key}`, nameEn: `Test Ward ${key}`, level: 'WARD', validFrom: new Date('2020-01-01') });
  const officer = await ensureUser(prisma, { username: `t.${key}.protection`, displayName: 'Cán bộ bảo vệ trẻ em', kind: 'ADULT', password: PASSWORD });
  const withoutIdentity = await ensureUser(prisma, { username: `t.${key}.protection-noid`, displayName: 'Cộng tác viên', kind: 'ADULT', password: PASSWORD });
  const grant = await grantRole(prisma, { userId: officer.id, role: 'PROTECTION_OFFICER', unitId: unit.id });
  await prisma.roleGrant.update({ where: { id: grant.id }, data: { rights: ['IDENTITY'] } });
  await grantRole(prisma, { userId: withoutIdentity.id, role: 'PROTECTION_OFFICER', unitId: unit.id });
  return { key, unit, officer, withoutIdentity };
}
