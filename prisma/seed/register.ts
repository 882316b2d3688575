// Synthetic children for the demo register (see data.ts for the rules that keep them unreal).
import { createHash } from 'node:crypto';
import type { CircumstanceGroup, Db, GuardianRelation, Sex } from '../src/client.js';
import { syntheticPersonalNumber } from '../src/personal-number.js';
import { ensureUser, grantRole } from '../factories/index.js';
import * as data from './data.js';

const groups: (CircumstanceGroup | null)[] = [
  'DISABILITY', null, 'SERIOUSLY_ILL_POOR_HOUSEHOLD', 'DISABILITY', 'WORKING_OUT_OF_SCHOOL', null, 'ORPHANED', 'DISABILITY', 'ABANDONED', 'SERIOUSLY_HARMED_BY_VIOLENCE',
];
const relations: GuardianRelation[] = ['MOTHER', 'FATHER', 'GRANDPARENT', 'OTHER_RELATIVE', 'LEGAL_GUARDIAN'];

/** A stable id in the shape of the generated ones, so the demo stays the same across runs. */
const stableId = (key: string) => `c${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

export async function seedRegister(prisma: Db, today = new Date()) {
  const password = data.DEMO_PASSWORD;
  for (const account of Object.values(data.registerAccounts)) {
    const user = await ensureUser(prisma, { username: account.username, displayName: account.displayName, kind: 'ADULT', password });
    for (const code of account.unitCodes) {
      const unit = await prisma.adminUnit.findUniqueOrThrow({ where: { code } });
      const grant = await grantRole(prisma, { userId: user.id, role: 'PROTECTION_OFFICER', unitId: unit.id });
      await prisma.roleGrant.update({ where: { id: grant.id }, data: { rights: [...account.rights] } });
    }
  }

  let serial = 0;
  for (const [code, count] of data.registerWards) {
    const unit = await prisma.adminUnit.findUniqueOrThrow({ where: { code } });
    for (let i = 0; i < count; i++) {
      serial++;
      const id = stableId(`demo-child:${code}:${i}`);
      const sex: Sex = (serial * 7) % 3 === 0 ? 'FEMALE' : serial % 2 === 0 ? 'FEMALE' : 'MALE';
      const age = (serial * 5) % 17;
      const birthDate = new Date(Date.UTC(today.getUTCFullYear() - age - 1, (serial * 5) % 12, 1 + ((serial * 11) % 28)));
      const group = groups[serial % groups.length]!;
      const nn = String(serial).padStart(2, '0');
      const record = {
        personalNumber: serial % 10 === 0 ? null : syntheticPersonalNumber(birthDate, sex, serial),
        familyName: 'Mẫu', middleName: 'Demo', givenName: `${data.registerGivenNames[serial % data.registerGivenNames.length]} ${nn}`,
        birthDate, sex, unitId: unit.id,
        caseStatus: serial % 9 === 0 ? 'MONITORING' as const : 'OPEN' as const,
        registeredOn: new Date(Date.UTC(today.getUTCFullYear() - 1, 0, 1 + (serial % 28))),
        retentionReviewFlaggedAt: birthDate <= new Date(Date.UTC(today.getUTCFullYear() - 16, today.getUTCMonth(), today.getUTCDate())) ? today : null,
      };
      await prisma.childRecord.upsert({ where: { id }, create: { id, ...record }, update: record });
      if (group) {
        await prisma.circumstance.upsert({
          where: { childId_group: { childId: id, group } },
          create: { childId: id, group, since: record.registeredOn },
          update: {},
        });
      }
      const guardianId = stableId(`demo-guardian:${code}:${i}`);
      const guardian = { childId: id, fullName: `Người giám hộ Mẫu ${nn}`, relation: relations[serial % relations.length]!, phone: `0900 000 ${String(serial).padStart(3, '0')}` };
      await prisma.guardian.upsert({ where: { id: guardianId }, create: { id: guardianId, ...guardian }, update: guardian });
      await prisma.registryLink.upsert({ where: { childId: id }, create: { childId: id }, update: {} });
    }
  }
}
