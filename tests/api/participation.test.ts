import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let parent: Awaited<ReturnType<typeof councilWithMembers>>;
let wardA: Awaited<ReturnType<typeof councilWithMembers>>;
let wardB: Awaited<ReturnType<typeof councilWithMembers>>;
const year = String(new Date().getUTCFullYear());

const ROW = `council { id } members { value } proposed { value } voted { value } commented { value } proposedShare votedShare commentedShare
  bySex { sex count { value } } byAgeBand { band count { value } } byArea { council { id } own members { value } proposed { value } voted { value } commented { value } }
  proposalsDecided proposalsAdopted adoptionRate referrals answered responseRate medianDaysToAnswer overdue overdueShare ratings { value } meanClear meanHelpful`;
const QUERY = `query ($id: ID, $level: CouncilLevel, $period: String) { participationStatistics(councilId: $id, level: $level, period: $period) { period startsOn endsOn councils { ${ROW} } } }`;

beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  // A small tree of its own: a city-level council over two wards, 12 and 3 members.
  parent = await councilWithMembers(server.prisma, { members: 0 });
  wardA = await councilWithMembers(server.prisma, { members: 12 });
  wardB = await councilWithMembers(server.prisma, { members: 3 });
  await server.prisma.council.update({ where: { id: parent.council.id }, data: { level: 'CITY' } });
  await server.prisma.council.updateMany({ where: { id: { in: [wardA.council.id, wardB.council.id] } }, data: { parentId: parent.council.id } });
  const thisYear = Number(year);
  for (const [i, child] of [...wardA.children, ...wardB.children].entries()) {
    await server.prisma.user.update({ where: { id: child.id }, data: { sex: i % 2 === 0 ? 'FEMALE' : 'MALE', birthYear: thisYear - 11 - (i % 4) } });
  }
  // Activity in ward A: 6 authors, 7 voters, 2 commenters; in ward B: 1 author.
  const proposals = [];
  for (const author of wardA.children.slice(0, 6)) proposals.push(await proposalIn(server.prisma, { councilId: wardA.council.id, authorId: author.id, state: 'OPEN' }));
  await proposalIn(server.prisma, { councilId: wardB.council.id, authorId: wardB.children[0]!.id, state: 'OPEN' });
  for (const voter of wardA.children.slice(0, 7)) await server.prisma.vote.create({ data: { proposalId: proposals[0]!.id, voterId: voter.id, choice: 'SUPPORT' } });
  for (const author of wardA.children.slice(10, 12)) await server.prisma.comment.create({ data: { proposalId: proposals[0]!.id, authorId: author.id, body: 'Ý kiến' } });
  // Decided proposals: two adopted (one referred and answered after 4 days), one not.
  const now = new Date();
  const adopted = await proposalIn(server.prisma, { councilId: wardA.council.id, authorId: wardA.children[0]!.id, state: 'REFERRED' });
  await proposalIn(server.prisma, { councilId: wardA.council.id, authorId: wardA.children[1]!.id, state: 'ADOPTED' });
  await proposalIn(server.prisma, { councilId: wardA.council.id, authorId: wardA.children[2]!.id, state: 'NOT_ADOPTED' });
  await server.prisma.proposal.updateMany({ where: { councilId: wardA.council.id, state: { in: ['REFERRED', 'ADOPTED', 'NOT_ADOPTED'] } }, data: { closedAt: now } });
  const agency = await server.prisma.agency.findFirstOrThrow();
  const referral = await server.prisma.referral.create({ data: { proposalId: adopted.id, agencyId: agency.id, dueOn: now, createdAt: new Date(now.getTime() - 4 * 86400_000), state: 'ANSWERED', overdueAt: now } });
  const response = await server.prisma.response.create({ data: { referralId: referral.id, stance: 'ACCEPTED', explanation: 'Sẽ làm', answeredAt: now } });
  // 10 ratings: 5 found it clear; 3 found it helpful (a small group, so the helpful share is hidden).
  for (const [i, rater] of wardA.children.slice(0, 10).entries()) await server.prisma.responseRating.create({ data: { responseId: response.id, raterId: rater.id, clear: i < 5, helpful: i < 3 } });
});
afterAll(() => server.close());

type Count = { value: number | null };

describe('participation statistics', () => {
  it('equal the figures recomputed from the rows, rolled up from the wards to the council above', async () => {
    const client = new Client(server.url);
    const { data, errors } = await client.request(QUERY, { id: globalId('Council', wardA.council.id), period: year });
    expect(errors).toBeUndefined();
    expect(data!.participationStatistics).toMatchObject({ period: year, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` });
    const [a] = data!.participationStatistics.councils;

    // Recomputed from the rows this test wrote.
    const members = await server.prisma.membership.findMany({ where: { term: { councilId: wardA.council.id } }, select: { userId: true, user: { select: { sex: true } } } });
    const ids = members.map((m) => m.userId);
    const authors = new Set((await server.prisma.proposal.findMany({ where: { councilId: wardA.council.id, authorId: { in: ids } }, select: { authorId: true } })).map((p) => p.authorId));
    const voters = new Set((await server.prisma.vote.findMany({ where: { proposal: { councilId: wardA.council.id }, voterId: { in: ids } }, select: { voterId: true } })).map((v) => v.voterId));
    const commenters = new Set((await server.prisma.comment.findMany({ where: { proposal: { councilId: wardA.council.id } }, select: { authorId: true } })).map((c) => c.authorId));
    const decided = await server.prisma.proposal.findMany({ where: { councilId: wardA.council.id, closedAt: { not: null } }, select: { state: true } });
    const ratings = await server.prisma.responseRating.findMany({ where: { response: { referral: { proposal: { councilId: wardA.council.id } } } } });
    const females = members.filter((m) => m.user.sex === 'FEMALE').length;

    expect(a.members.value).toBe(members.length);
    // 5 or more are shown; the 2 commenters are a small group.
    expect(a.proposed.value).toBe(authors.size);
    expect(a.voted.value).toBe(voters.size);
    expect(commenters.size).toBeLessThan(5);
    expect(a.commented.value).toBeNull();
    expect(a.commentedShare).toBeNull();
    expect(a.proposedShare).toBeCloseTo(authors.size / members.length, 10);
    expect(a.votedShare).toBeCloseTo(voters.size / members.length, 10);
    expect(a.proposalsDecided).toBe(decided.length);
    expect(a.proposalsAdopted).toBe(decided.filter((p) => p.state !== 'NOT_ADOPTED').length);
    expect(decided).toHaveLength(3);
    expect(a.adoptionRate).toBeCloseTo(2 / 3, 10);
    expect([a.referrals, a.answered, a.overdue, a.responseRate, a.overdueShare]).toEqual([1, 1, 1, 1, 1]);
    expect(a.medianDaysToAnswer).toBeCloseTo(4, 5);
    expect(a.ratings.value).toBe(ratings.length);
    expect(a.meanClear).toBeCloseTo(ratings.filter((r) => r.clear).length / ratings.length, 10);
    expect(ratings.filter((r) => r.helpful)).toHaveLength(3);
    expect(a.meanHelpful).toBeNull();
    // By sex: 6 girls, 6 boys and nobody unknown (0, hidden), so one more is hidden beside it.
    expect(females).toBe(6);
    expect(a.bySex.filter((s: { count: Count }) => s.count.value === null).length).toBe(2);
    for (const s of a.bySex as { sex: string; count: Count }[]) if (s.count.value !== null) expect(s.count.value).toBe(members.filter((m) => m.user.sex === s.sex).length);
  });

  it('hide groups under 5 so that no difference gives them away, in every query alike', async () => {
    const client = new Client(server.url, 'en');
    const up = (await client.request(QUERY, { id: globalId('Council', parent.council.id), period: year })).data!.participationStatistics.councils[0];
    const wards = (await client.request(QUERY, { id: globalId('Council', parent.council.id), level: 'WARD', period: year })).data!.participationStatistics.councils;
    expect(wards.map((w: { council: { id: string } }) => w.council.id).sort()).toEqual([globalId('Council', wardA.council.id), globalId('Council', wardB.council.id)].sort());
    const b = wards.find((w: { council: { id: string } }) => w.council.id === globalId('Council', wardB.council.id));
    expect(b.members.value).toBeNull(); // 3 children

    // The council above: its own (0 members) and ward B are hidden, so B cannot be found as 15 − 12.
    expect(up.members.value).toBe(15);
    const area = (id: string) => up.byArea.find((x: { council: { id: string }; own: boolean }) => x.council.id === globalId('Council', id) && !x.own || (x.own && id === parent.council.id));
    expect(area(parent.council.id).members.value).toBeNull();
    expect(area(wardB.council.id).members.value).toBeNull();
    // The same cell has the same value in every query.
    expect(area(wardA.council.id).members.value).toBe(wards.find((w: { council: { id: string } }) => w.council.id === globalId('Council', wardA.council.id)).members.value);

    // No published sum has exactly one hidden term.
    for (const row of [up, ...wards]) {
      for (const parts of [row.bySex.map((s: { count: Count }) => s.count), row.byAgeBand.map((s: { count: Count }) => s.count), row.byArea.map((s: { members: Count }) => s.members)]) {
        const hiddenTerms = [row.members, ...parts].filter((c: Count) => c.value === null).length;
        expect(hiddenTerms).not.toBe(1);
      }
    }
    // Every published count is at least 5.
    const all: Count[] = JSON.stringify([up, ...wards]).match(/"value":\d+/g)!.map((m) => ({ value: Number(m.split(':')[1]) }));
    for (const c of all) expect(c.value).toBeGreaterThanOrEqual(5);
  });

  it('refuses a period it cannot read, in words', async () => {
    const result = await new Client(server.url, 'en').request(QUERY, { period: '2026Q5' });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain('Write a year');
  });
});
