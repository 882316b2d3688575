// Idempotent demo seed: safe to run on every start. Demo only — never run it on production.
import type { AdminLevel, CouncilLevel, Db, VoteChoice } from '../src/client.js';
import {
  ensureCouncil, ensureFacilitator, ensureMember, ensureProposal, ensureSuccession, ensureTerm, ensureUnit, ensureUser, grantRole,
} from '../factories/index.js';
import * as data from './data.js';
import { seedRegister } from './register.js';
import { seedIndicators } from './indicators.js';

const MEMBERS_PER_COUNCIL = 9;

export async function seed(prisma: Db) {
  const map = await seedMap(prisma);
  const { agencies, programmeId } = await seedProgramme(prisma, map.city.id);
  const councils = await seedCouncils(prisma, map);
  await seedPeople(prisma, councils, agencies);
  await seedRegister(prisma);
  await seedIndicators(prisma, { programmeId, agencies, lastYear: new Date().getUTCFullYear() });
}

type Unit = { id: string; code: string; nameVi: string };

/** Both maps: the three-level one until 30 June 2025 and the two-level one after. */
async function seedMap(prisma: Db) {
  const unit = (code: string, nameVi: string, level: AdminLevel, parentId: string | null, validFrom: Date, validTo: Date | null = null) =>
    ensureUnit(prisma, { code, nameVi, nameEn: toEnglishName(nameVi), level, parentId, validFrom, validTo });
  const { hierarchyValidFrom, lastDayBeforeReform: lastDay, reformDate } = data;

  const city = await unit(data.city.code, data.city.nameVi, 'PROVINCE', null, hierarchyValidFrom);
  for (const province of data.mergedProvinces) {
    const row = await unit(province.code, province.nameVi, 'PROVINCE', null, hierarchyValidFrom, lastDay);
    await ensureSuccession(prisma, { predecessorId: row.id, successorId: city.id, effectiveOn: reformDate });
  }

  const oldWards = new Map<string, { unit: Unit; district: Unit }>();
  const districts: Unit[] = [];
  for (const d of data.districts) {
    const district = await unit(d.code, `${capitalise(d.kindVi)} ${d.name}`, 'DISTRICT', city.id, hierarchyValidFrom, lastDay);
    districts.push(district);
    for (const [kind, name] of d.wards) {
      const code = data.oldWardCode(d.code, name);
      oldWards.set(code, { unit: await unit(code, `${capitalise(kind)} ${name}`, 'WARD', district.id, hierarchyValidFrom, lastDay), district });
    }
  }

  const newWards: { unit: Unit; parts: { code: string; share: number }[] }[] = [];
  for (const n of data.newUnits) {
    const ward = await unit(n.code, `${capitalise(n.kindVi)} ${n.name}`, 'WARD', city.id, reformDate);
    const parts = n.from.map(([district, name, share = 1]) => ({ code: data.oldWardCode(district, name), share }));
    for (const part of parts) {
      await ensureSuccession(prisma, {
        predecessorId: oldWards.get(part.code)!.unit.id, successorId: ward.id, effectiveOn: reformDate,
        share: part.share, basis: part.share < 1 ? data.shareBasis : null,
      });
    }
    newWards.push({ unit: ward, parts });
  }
  return { city, districts, oldWards, newWards };
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
  return { agencies, programmeId: programme.id };
}

type Council = { id: string; level: CouncilLevel };

/**
 * Councils follow the map: the city council throughout; district and ward councils until the
 * reform; from 1 July 2025 the councils of the new wards, each the successor of the old ward
 * councils whose wards (or most of them) it took over.
 */
async function seedCouncils(prisma: Db, map: Awaited<ReturnType<typeof seedMap>>) {
  const councilName = (unit: Unit) => ({
    nameVi: `Hội đồng trẻ em ${lowerFirst(unit.nameVi)}`,
    nameEn: `${toEnglishName(unit.nameVi)} Children's Council`,
  });
  const { councilsFrom, lastDayBeforeReform: lastDay, reformDate } = data;
  const city = await ensureCouncil(prisma, { unitId: map.city.id, level: 'CITY', validFrom: councilsFrom, ...councilName(map.city) });

  const newWards = new Map<string, { council: Council; unit: Unit }>();
  for (const { unit } of map.newWards) {
    const council = await ensureCouncil(prisma, {
      unitId: unit.id, level: 'WARD', parentId: city.id, validFrom: reformDate, ...councilName(unit),
      // The demo ward shows live counts; every other council keeps counts hidden until close.
      liveCounts: unit.code === data.demoWard.today,
    });
    newWards.set(unit.code, { council, unit });
  }
  // An old ward's council carries on in the new ward that took the largest part of it.
  const successorOf = (oldCode: string) => {
    const [largest] = map.newWards
      .flatMap(({ unit, parts }) => parts.filter((part) => part.code === oldCode).map((part) => ({ unit, share: part.share })))
      .sort((a, b) => b.share - a.share);
    return newWards.get(largest!.unit.code)!.council;
  };

  const districts = new Map<string, Council>();
  for (const district of map.districts) {
    districts.set(district.id, await ensureCouncil(prisma, {
      unitId: district.id, level: 'DISTRICT', parentId: city.id, validFrom: councilsFrom, validTo: lastDay, ...councilName(district),
    }));
  }
  const oldWards: { council: Council; unit: Unit; successor: Council }[] = [];
  for (const [code, { unit, district }] of map.oldWards) {
    const successor = successorOf(code);
    const council = await ensureCouncil(prisma, {
      unitId: unit.id, level: 'WARD', parentId: districts.get(district.id)!.id, validFrom: councilsFrom, validTo: lastDay,
      successorId: successor.id, ...councilName(unit),
    });
    oldWards.push({ council, unit, successor });
  }
  return {
    city: { council: city, unit: map.city },
    districts: map.districts.map((unit) => ({ council: districts.get(unit.id)!, unit })),
    oldWards,
    newWards: [...newWards.values()],
  };
}

const isDemoWardBefore = (unit: Unit) => unit.code === data.oldWardCode(data.demoWard.before.district, data.demoWard.before.name);

/** The term running since the reform, long enough that the demo always has a current one. */
function termSinceReform() {
  const nextAugust = Date.UTC(new Date().getUTCFullYear() + 1, 7, 31);
  return { startsOn: data.reformDate, endsOn: new Date(Math.max(Date.UTC(2027, 5, 30), nextAugust)) };
}

async function seedPeople(prisma: Db, councils: Awaited<ReturnType<typeof seedCouncils>>, agencies: Map<string, string>) {
  const { child, moderator, officer, admin } = data.demoAccounts;
  const password = data.DEMO_PASSWORD;
  const demoChild = await ensureUser(prisma, { ...child, kind: 'CHILD', password });
  const demoModerator = await ensureUser(prisma, { ...moderator, kind: 'ADULT', password });
  const demoOfficer = await ensureUser(prisma, { ...officer, kind: 'ADULT', password });
  const demoAdmin = await ensureUser(prisma, { ...admin, kind: 'ADULT', password });
  await grantRole(prisma, { userId: demoOfficer.id, role: 'AGENCY_OFFICER', agencyId: agencies.get('SGDDT')! });
  await grantRole(prisma, { userId: demoAdmin.id, role: 'PROGRAMME_ADMIN', agencyId: agencies.get(data.leadAgencyCode)! });

  const seat = async (council: Council, unit: Unit, term: { startsOn: Date; endsOn: Date }, members: { id: string }[], moderatorId: string) => {
    const row = await ensureTerm(prisma, { councilId: council.id, ...term });
    for (const [i, member] of members.entries()) await ensureMember(prisma, { termId: row.id, userId: member.id, role: i === 1 ? 'CHAIR' : 'MEMBER' });
    await ensureFacilitator(prisma, { councilId: council.id, userId: moderatorId });
  };
  // The demo ward's members can sign in (with the demo password), so a demo vote can reach
  // its quorum and every member can vote before a moderator closes it early.
  const signsIn = (unit: Unit) => data.demoWardMembersFrom.includes(unit.code);
  const children = (unit: Unit, seatForDemoChild: boolean) =>
    Promise.all(Array.from({ length: MEMBERS_PER_COUNCIL }, (_, i) =>
      seatForDemoChild && i === 0
        ? demoChild
        : ensureUser(prisma, {
          username: `child.${unit.code}.${i + 1}`, displayName: data.pseudonyms[(i + unit.code.length) % data.pseudonyms.length]!, kind: 'CHILD',
          ...(signsIn(unit) ? { password } : {}),
        })));
  const moderatorFor = (unit: Unit) => ensureUser(prisma, { username: `moderator.${unit.code}`, displayName: `Điều phối viên ${unit.nameVi}`, kind: 'ADULT' });

  // Before the reform: ward and district councils, their last term, and their decided proposals.
  const membersOf = new Map<string, { id: string }[]>();
  for (const { council, unit } of [...councils.oldWards, ...councils.districts]) {
    const demo = isDemoWardBefore(unit);
    const members = await children(unit, demo);
    membersOf.set(council.id, members);
    const demoDistrict = council.level === 'DISTRICT' && unit.code === data.demoWard.before.district;
    await seat(council, unit, data.lastOldTerm, members, (demo || demoDistrict ? demoModerator : await moderatorFor(unit)).id);
    const proposals = demo ? data.demoWardHistory : council.level === 'WARD' ? data.oldWardProposals : data.districtProposals;
    await seedProposals(prisma, { council, unit, proposals, members, demoChild });
  }

  // The city council throughout: the same members in its last term before the reform and since.
  const cityMembers = await children(councils.city.unit, false);
  const cityModerator = await moderatorFor(councils.city.unit);
  await seat(councils.city.council, councils.city.unit, data.lastOldTerm, cityMembers, cityModerator.id);
  await seat(councils.city.council, councils.city.unit, termSinceReform(), cityMembers, cityModerator.id);
  await seedProposals(prisma, { council: councils.city.council, unit: councils.city.unit, proposals: data.cityProposals, members: cityMembers, demoChild });

  // Since the reform: each new ward council takes in the members of the councils it succeeds.
  for (const { council, unit } of councils.newWards) {
    const members = councils.oldWards.filter((old) => old.successor.id === council.id).flatMap((old) => membersOf.get(old.council.id)!);
    const demo = unit.code === data.demoWard.today;
    await seat(council, unit, termSinceReform(), members, (demo ? demoModerator : await moderatorFor(unit)).id);
    await seedProposals(prisma, { council, unit, proposals: demo ? data.wardProposals : data.wardProposals.slice(0, 1), members, demoChild });
  }

  // The demo ward's referred proposal waits for the demo officer's department.
  const referred = data.wardProposals.find((p) => p.state === 'REFERRED')!;
  const proposalId = `demo-${data.demoWard.today}-${referred.key}`;
  const dueOn = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 21));
  await prisma.referral.upsert({
    where: { proposalId },
    create: { proposalId, agencyId: agencies.get(data.demoReferralAgency)!, dueOn },
    update: {},
  });
}

async function seedProposals(
  prisma: Db,
  { council, unit, proposals, members, demoChild }: { council: Council; unit: Unit; proposals: typeof data.wardProposals; members: { id: string }[]; demoChild: { id: string } },
) {
  const others = members.filter((m) => m.id !== demoChild.id);
  for (const p of proposals) {
    const author = p.byDemoChild ? demoChild : others[1 + (p.key.length % (others.length - 1))]!;
    const proposal = await ensureProposal(prisma, {
      id: `demo-${unit.code}-${p.key}`, councilId: council.id, authorId: author.id, title: p.title, body: p.body, state: p.state,
      closedOn: p.closedOn ? new Date(`${p.closedOn}T10:00:00Z`) : undefined,
    });
    await seedVotes(prisma, proposal, others, members.length);
  }
}

/** Closed proposals get ballots that match their outcome; open ones get a few early votes. */
async function seedVotes(prisma: Db, proposal: { id: string; state: string; votingOpensAt: Date | null; votingClosesAt: Date | null }, voters: { id: string }[], members: number) {
  const pattern: Record<string, VoteChoice[]> = {
    OPEN: ['SUPPORT', 'SUPPORT', 'OPPOSE'],
    ADOPTED: ['SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'OPPOSE', 'ABSTAIN'],
    REFERRED: ['SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'SUPPORT', 'OPPOSE'],
    NOT_ADOPTED: ['SUPPORT', 'OPPOSE', 'OPPOSE', 'OPPOSE', 'OPPOSE', 'ABSTAIN'],
  };
  const choices = pattern[proposal.state] ?? [];
  if (proposal.state !== 'OPEN' && choices.length > 0) {
    // The result as closing would have kept it (the council's default 50% quorum and majority).
    const count = (choice: VoteChoice) => choices.filter((c) => c === choice).length;
    const sides = count('SUPPORT') + count('OPPOSE');
    await prisma.proposal.update({
      where: { id: proposal.id },
      data: {
        closedAt: proposal.votingClosesAt, resultVoters: choices.length, resultMembers: members,
        resultQuorumMet: choices.length * 2 >= members, resultSupportShare: count('SUPPORT') / sides,
      },
    });
  }
  await prisma.vote.createMany({
    // Cast in the vote's first days (hours apart), so history reads in order.
    data: choices.map((choice, i) => {
      const castAt = new Date(Math.min(Date.now(), proposal.votingOpensAt!.getTime() + (i + 1) * 3_600_000));
      return { proposalId: proposal.id, voterId: voters[i]!.id, choice, castAt, updatedAt: castAt };
    }),
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
