// Idempotent demo seed: safe to run on every start. Demo only — never run it on production.
import type { AdminLevel, Db, VoteChoice } from '../src/client.js';
import {
  ensureCouncil, ensureCurrentTerm, ensureFacilitator, ensureMember, ensureProposal, ensureUnit, ensureUser, grantRole,
} from '../factories/index.js';
import * as data from './data.js';
import { seedRegister } from './register.js';

const MEMBERS_PER_COUNCIL = 9;

export async function seed(prisma: Db) {
  const { city, wards } = await seedUnits(prisma);
  const agencies = await seedProgramme(prisma, city.id);
  const councils = await seedCouncils(prisma, city, wards);
  await seedPeople(prisma, councils, agencies);
  await seedRegister(prisma);
}

async function seedUnits(prisma: Db) {
  const validFrom = data.hierarchyValidFrom;
  const unit = (code: string, nameVi: string, level: AdminLevel, parentId: string | null) =>
    ensureUnit(prisma, { code, nameVi, nameEn: toEnglishName(nameVi), level, parentId, validFrom });

  const city = await unit(data.city.code, data.city.nameVi, 'PROVINCE', null);
  const wards: { unit: Awaited<ReturnType<typeof unit>>; district: Awaited<ReturnType<typeof unit>> }[] = [];
  for (const d of data.districts) {
    const district = await unit(d.code, `${capitalise(d.kindVi)} ${d.name}`, 'DISTRICT', city.id);
    for (const [index, [kind, name]] of d.wards.entries()) {
      const ward = await unit(`${d.code}.${String(index + 1).padStart(2, '0')}`, `${capitalise(kind)} ${name}`, 'WARD', district.id);
      wards.push({ unit: ward, district });
    }
  }
  return { city, wards };
}

async function seedProgramme(prisma: Db, cityId: string) {
  const agencies = new Map<string, string>();
  for (const a of data.agencies) {
    const row = await prisma.agency.upsert({ where: { code: a.code }, create: a, update: a });
    agencies.set(a.code, row.id);
  }
  for (const d of data.districts) {
    const nameVi = `Ủy ban nhân dân ${d.kindVi} ${d.name}`;
    const a = { code: `UBND-${d.code}`, nameVi, nameEn: `${toEnglishName(`${capitalise(d.kindVi)} ${d.name}`)} People's Committee`, kind: 'DISTRICT_COMMITTEE' as const };
    const row = await prisma.agency.upsert({ where: { code: a.code }, create: a, update: a });
    agencies.set(a.code, row.id);
  }

  const leadAgencyId = agencies.get(data.leadAgencyCode)!;
  const programme = await prisma.programme.upsert({
    where: { code: data.programme.code },
    create: { ...data.programme, unitId: cityId, leadAgencyId },
    update: { ...data.programme, unitId: cityId, leadAgencyId },
  });
  for (const group of data.objectiveGroups) {
    await prisma.objectiveGroup.upsert({
      where: { programmeId_number: { programmeId: programme.id, number: group.number } },
      create: { ...group, programmeId: programme.id },
      update: group,
    });
  }
  for (const { agencies: assigned, ...task } of data.tasks) {
    const row = await prisma.task.upsert({
      where: { programmeId_number: { programmeId: programme.id, number: task.number } },
      create: { ...task, programmeId: programme.id },
      update: task,
    });
    for (const [code, role] of assigned) {
      const agencyId = agencies.get(code)!;
      await prisma.taskAssignment.upsert({
        where: { taskId_agencyId: { taskId: row.id, agencyId } },
        create: { taskId: row.id, agencyId, role },
        update: { role },
      });
    }
  }
  return agencies;
}

type Unit = { id: string; code: string; nameVi: string };

async function seedCouncils(prisma: Db, city: Unit, wards: { unit: Unit; district: Unit }[]) {
  const councilName = (unit: Unit) => ({
    nameVi: `Hội đồng trẻ em ${lowerFirst(unit.nameVi)}`,
    nameEn: `${toEnglishName(unit.nameVi)} Children's Council`,
  });
  const cityCouncil = await ensureCouncil(prisma, { unitId: city.id, level: 'CITY', ...councilName(city) });
  const all = [{ council: cityCouncil, unit: city }];
  const districtCouncils = new Map<string, typeof cityCouncil>();
  for (const { unit, district } of wards) {
    let parent = districtCouncils.get(district.id);
    if (!parent) {
      parent = await ensureCouncil(prisma, { unitId: district.id, level: 'DISTRICT', parentId: cityCouncil.id, ...councilName(district) });
      districtCouncils.set(district.id, parent);
      all.push({ council: parent, unit: district });
    }
    const council = await ensureCouncil(prisma, {
      unitId: unit.id, level: 'WARD', parentId: parent.id, ...councilName(unit),
      // The demo ward shows live counts; every other council keeps counts hidden until close.
      liveCounts: isDemoWard(unit),
    });
    all.push({ council, unit });
  }
  return all;
}

const isDemoWard = (unit: Unit) =>
  unit.code.startsWith(`${data.demoWard.district}.`) && unit.nameVi.endsWith(data.demoWard.name);

async function seedPeople(prisma: Db, councils: { council: { id: string; level: string }; unit: Unit }[], agencies: Map<string, string>) {
  const { child, moderator, officer, admin } = data.demoAccounts;
  const password = data.DEMO_PASSWORD;
  const demoChild = await ensureUser(prisma, { ...child, kind: 'CHILD', password });
  const demoModerator = await ensureUser(prisma, { ...moderator, kind: 'ADULT', password });
  const demoOfficer = await ensureUser(prisma, { ...officer, kind: 'ADULT', password });
  const demoAdmin = await ensureUser(prisma, { ...admin, kind: 'ADULT', password });
  await grantRole(prisma, { userId: demoOfficer.id, role: 'AGENCY_OFFICER', agencyId: agencies.get('SGDDT')! });
  await grantRole(prisma, { userId: demoAdmin.id, role: 'PROGRAMME_ADMIN', agencyId: agencies.get(data.leadAgencyCode)! });

  for (const { council, unit } of councils) {
    const term = await ensureCurrentTerm(prisma, council.id);
    const demoWard = isDemoWard(unit);
    const isDemoDistrict = council.level === 'DISTRICT' && unit.code === data.demoWard.district;

    const members = [];
    for (let i = 0; i < MEMBERS_PER_COUNCIL; i++) {
      // Each council's first seat in the demo ward belongs to the demo child.
      const user = demoWard && i === 0
        ? demoChild
        : await ensureUser(prisma, { username: `child.${unit.code}.${i + 1}`, displayName: data.pseudonyms[(i + unit.code.length) % data.pseudonyms.length]!, kind: 'CHILD' });
      await ensureMember(prisma, { termId: term.id, userId: user.id, role: i === 1 ? 'CHAIR' : 'MEMBER' });
      members.push(user);
    }

    const moderatorUser = demoWard || isDemoDistrict
      ? demoModerator
      : await ensureUser(prisma, { username: `moderator.${unit.code}`, displayName: `Điều phối viên ${unit.nameVi}`, kind: 'ADULT' });
    await ensureFacilitator(prisma, { councilId: council.id, userId: moderatorUser.id });

    const proposals = demoWard ? data.wardProposals : council.level === 'WARD' ? data.wardProposals.slice(0, 1) : data.upperProposals;
    for (const p of proposals) {
      const author = p.byDemoChild ? demoChild : members[2 + (p.key.length % (members.length - 2))]!;
      const proposal = await ensureProposal(prisma, {
        id: `demo-${unit.code}-${p.key}`, councilId: council.id, authorId: author.id, title: p.title, body: p.body, state: p.state,
      });
      await seedVotes(prisma, proposal, members.filter((m) => m.id !== demoChild.id));
    }
  }
}

/** Closed proposals get ballots that match their outcome; open ones get a few early votes. */
async function seedVotes(prisma: Db, proposal: { id: string; state: string }, voters: { id: string }[]) {
  const pattern: Record<string, VoteChoice[]> = {
    OPEN: ['SUPPORT', 'SUPPORT', 'OPPOSE'],
    ADOPTED: ['SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'OPPOSE', 'ABSTAIN'],
    REFERRED: ['SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'OPPOSE'],
    NOT_ADOPTED: ['SUPPORT', 'OPPOSE', 'OPPOSE', 'OPPOSE', 'OPPOSE', 'ABSTAIN'],
  };
  const choices = pattern[proposal.state] ?? [];
  await prisma.vote.createMany({
    data: choices.map((choice, i) => ({ proposalId: proposal.id, voterId: voters[i]!.id, choice })),
    skipDuplicates: true,
  });
}

/** "Phường An Hòa" → "An Hoa Ward": English names without diacritics, as Vietnam's own English usage. */
export function toEnglishName(nameVi: string) {
  const plain = nameVi.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFD').replace(/\p{M}/gu, '');
  const kinds: [RegExp, string][] = [
    [/^Thanh pho (.+)$/, '$1 City'], [/^Quan (.+)$/, '$1 District'], [/^Huyen (.+)$/, '$1 District'],
    [/^Phuong (.+)$/, '$1 Ward'], [/^Xa (.+)$/, '$1 Commune'], [/^Thi tran (.+)$/, '$1 Township'],
  ];
  for (const [pattern, replacement] of kinds) if (pattern.test(plain)) return plain.replace(pattern, replacement);
  return plain;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
