// Issue 8: from a child's idea to an agency's answer, through /graphql against real PostgreSQL.
// Every mutation with an allowed and a refused actor; races that must move a proposal once;
// the deadline jobs on a clock the test controls.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runDueJobs } from '@treem/api/jobs';
import { sweepOverdueTask } from '../../api/src/modules/proposals/jobs.js';
import { issueApiClient } from '../../api/src/modules/accounts/service.js';
import { SYSTEM_ACTOR } from '../../api/src/modules/audit/service.js';
import { ensureCouncil, ensureCurrentTerm, ensureFacilitator, ensureMember, ensureUnit, ensureUser, grantRole } from '@treem/db/factories';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
const databaseUrl = inject('databaseUrl');
beforeAll(async () => {
  server = await startServer({ databaseUrl });
});
afterAll(() => server.close());
afterEach(() => vi.useRealTimers());

const DAY = 86_400_000;

const signIn = async (username: string, password = PASSWORD) => {
  const client = new Client(server.url);
  await client.login(username, password);
  return client;
};

const FIELDS = 'id state version title returnReason returnMessage result { voters members quorumMet supportShare } votingClosesAt';
const CREATE = `mutation ($input: CreateProposalInput!) { createProposal(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateProposalInput!) { updateProposal(input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation ($input: ProposalVersionInput!) { submitProposal(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation ($input: ProposalVersionInput!) { withdrawProposal(input: $input) { ${FIELDS} } }`;
const APPROVE = `mutation ($input: ApproveProposalInput!) { approveProposal(input: $input) { ${FIELDS} } }`;
const RETURN = `mutation ($input: ReturnProposalInput!) { returnProposal(input: $input) { id state } }`;
const CLOSE = `mutation ($input: ProposalVersionInput!) { closeProposal(input: $input) { ${FIELDS} } }`;
const ESCALATE = `mutation ($input: EscalateProposalInput!) { escalateProposal(input: $input) { id state council { id } escalatedFrom { id state tally { support total } result { voters } } } }`;
const REFER = `mutation ($input: ReferProposalInput!) { referProposal(input: $input) { id state referral { id dueOn state agency { code } } } }`;
const ANSWER = `mutation ($input: AnswerReferralInput!) { answerReferral(input: $input) { id stance explanation commitments { id text dueOn status } } }`;
const RATE = `mutation ($input: RateResponseInput!) { rateResponse(input: $input) { rating { count clear helpful } myRating { clear helpful } } }`;
const VOTE = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id } }`;
const PROPOSAL = `query ($id: ID!) { proposal(id: $id) { ${FIELDS} escalatedTo { id } referral { state response { id stance rating { count clear helpful } } } } }`;

const text = { title: 'Thêm ghế đá ở công viên', body: 'Công viên gần nhà em không có chỗ ngồi nghỉ cho ông bà và các bạn nhỏ.', objectiveGroup: 3 };
const pid = (id: string) => globalId('Proposal', id);
const rowId = (global: string) => Buffer.from(global, 'base64').toString().split(':')[1]!;

async function agencyWithOfficer() {
  const key = randomUUID().slice(0, 8);
  const agency = await server.prisma.agency.create({ data: { code: `T-${key}`, nameVi: `Cơ quan thử ${key}`, nameEn: `Test agency ${key}`, kind: 'DEPARTMENT' } });
  const officer = await ensureUser(server.prisma, { username: `t.${key}.officer`, displayName: 'Cán bộ', kind: 'ADULT', password: PASSWORD });
  await grantRole(server.prisma, { userId: officer.id, role: 'AGENCY_OFFICER', agencyId: agency.id });
  return { agency, officer };
}

/** A draft written through the API by a member. */
async function draftBy(client: Client, councilId: string) {
  const { data, errors } = await client.request(CREATE, { input: { ...text, councilId: globalId('Council', councilId) } });
  expect(errors).toBeUndefined();
  return data!.createProposal as { id: string; version: number; state: string };
}

describe('writing', () => {
  it('lets a member write, edit, submit and withdraw its own proposal, and nobody else', async () => {
    const world = await councilWithMembers(server.prisma, { members: 2 });
    const outsider = await councilWithMembers(server.prisma, { members: 1 });
    const author = await signIn(world.children[0]!.username);
    const member = await signIn(world.children[1]!.username);

    // Only members of the council write there.
    const refused = await (await signIn(outsider.children[0]!.username)).request(CREATE, { input: { ...text, councilId: globalId('Council', world.council.id) } });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(errorCode(await new Client(server.url).request(CREATE, { input: { ...text, councilId: globalId('Council', world.council.id) } }))).toBe('UNAUTHENTICATED');

    const draft = await draftBy(author, world.council.id);
    expect(draft).toMatchObject({ state: 'DRAFT', version: 0 });

    const edited = await author.request(UPDATE, { input: { id: draft.id, version: 0, ...text, title: 'Thêm ghế đá và bóng mát' } });
    expect(edited.data!.updateProposal).toMatchObject({ title: 'Thêm ghế đá và bóng mát', version: 1 });
    // A stale version (another tab) changes nothing.
    expect(errorCode(await author.request(UPDATE, { input: { id: draft.id, version: 0, ...text } }))).toBe('CONFLICT');
    // Another member cannot even see the draft.
    expect(errorCode(await member.request(UPDATE, { input: { id: draft.id, version: 1, ...text } }))).toBe('NOT_FOUND');
    expect(errorCode(await member.request(SUBMIT, { input: { id: draft.id, version: 1 } }))).toBe('NOT_FOUND');

    const submitted = await author.request(SUBMIT, { input: { id: draft.id, version: 1 } });
    expect(submitted.data!.submitProposal).toMatchObject({ state: 'IN_REVIEW', version: 2 });
    // In review: not editable, invisible to other children and the public.
    expect(errorCode(await author.request(UPDATE, { input: { id: draft.id, version: 2, ...text } }))).toBe('CONFLICT');
    expect((await member.request(PROPOSAL, { id: draft.id })).data!.proposal).toBeNull();
    expect((await new Client(server.url).request(PROPOSAL, { id: draft.id })).data!.proposal).toBeNull();

    const withdrawn = await author.request(WITHDRAW, { input: { id: draft.id, version: 2 } });
    expect(withdrawn.data!.withdrawProposal).toMatchObject({ state: 'WITHDRAWN' });
    expect(errorCode(await author.request(WITHDRAW, { input: { id: draft.id, version: 3 } }))).toBe('CONFLICT');
  });

  it('refuses text outside the limits and more open drafts than allowed, with translated messages', async () => {
    const world = await councilWithMembers(server.prisma, { members: 1 });
    const author = await signIn(world.children[0]!.username);
    const councilId = globalId('Council', world.council.id);
    const short = await author.request(CREATE, { input: { ...text, councilId, title: 'Ơ' } });
    expect(short.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const long = await author.request(CREATE, { input: { ...text, councilId, body: 'a'.repeat(2001) } });
    expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body', max: 2000 });
    expect(errorCode(await author.request(CREATE, { input: { ...text, councilId, objectiveGroup: 9 } }))).toBe('BAD_USER_INPUT');

    await Promise.all(Array.from({ length: 7 }, () => author.request(CREATE, { input: { ...text, councilId } })));
    expect(await server.prisma.proposal.count({ where: { authorId: world.children[0]!.id } })).toBe(5);
    const over = await author.request(CREATE, { input: { ...text, councilId } });
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_DRAFTS', max: 5 });
    expect(over.errors![0]!.message).toMatch(/5 đề xuất/);
  });
});

describe('pre-moderation', () => {
  it('queues proposals in review across the moderator’s councils, oldest first, with their age', async () => {
    const a = await councilWithMembers(server.prisma, { members: 1 });
    const b = await councilWithMembers(server.prisma, { members: 1 });
    await ensureFacilitator(server.prisma, { councilId: b.council.id, userId: a.moderator.id });
    const older = await proposalIn(server.prisma, { councilId: b.council.id, authorId: b.children[0]!.id, state: 'IN_REVIEW' });
    await server.prisma.proposal.update({ where: { id: older.id }, data: { createdAt: new Date(Date.now() - 3 * DAY), submittedAt: new Date(Date.now() - 50 * 3_600_000) } });
    const newer = await proposalIn(server.prisma, { councilId: a.council.id, authorId: a.children[0]!.id, state: 'IN_REVIEW' });
    await server.prisma.proposal.update({ where: { id: newer.id }, data: { submittedAt: new Date() } });
    await proposalIn(server.prisma, { councilId: a.council.id, authorId: a.children[0]!.id, state: 'DRAFT' });

    const query = `query ($after: String) { moderationQueue(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id waitingHours council { id } } } } }`;
    const moderator = await signIn(a.moderator.username);
    const first = (await moderator.request(query)).data!.moderationQueue;
    expect(first.totalCount).toBe(2);
    expect(first.edges[0].node).toMatchObject({ id: pid(older.id), waitingHours: 50 });
    const second = (await moderator.request(query, { after: first.pageInfo.endCursor })).data!.moderationQueue;
    expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([pid(newer.id)]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    // b's own moderator sees only b's; a child is refused.
    const other = (await (await signIn(b.moderator.username)).request(query)).data!.moderationQueue;
    expect(other.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([pid(older.id)]);
    expect(errorCode(await (await signIn(a.children[0]!.username)).request(query))).toBe('FORBIDDEN');
  });

  it('returns a proposal with a reason and a kind message only its author reads, then approves it once when two moderators click together', async () => {
    const world = await councilWithMembers(server.prisma, { members: 2 });
    const stranger = await councilWithMembers(server.prisma, { members: 1 });
    const second = await ensureUser(server.prisma, { username: `t.${world.key}.moderator2`, displayName: 'Điều phối viên 2', kind: 'ADULT', password: PASSWORD });
    await ensureFacilitator(server.prisma, { councilId: world.council.id, userId: second.id });
    const author = await signIn(world.children[0]!.username);
    const draft = await draftBy(author, world.council.id);
    await author.request(SUBMIT, { input: { id: draft.id, version: 0 } });
    const moderator = await signIn(world.moderator.username);
    const back = { id: draft.id, version: 1, reason: 'NEEDS_DETAIL', message: 'Ý tưởng rất hay! Em kể thêm công viên ở đâu nhé.' };

    // Refused: a child, a moderator of another council (who cannot see it at all).
    expect(errorCode(await author.request(RETURN, { input: back }))).toBe('FORBIDDEN');
    expect(errorCode(await (await signIn(stranger.moderator.username)).request(RETURN, { input: back }))).toBe('NOT_FOUND');
    expect(errorCode(await moderator.request(RETURN, { input: { ...back, message: 'Ừ' } }))).toBe('BAD_USER_INPUT');

    expect((await moderator.request(RETURN, { input: back })).data!.returnProposal.state).toBe('DRAFT');
    const seen = (await author.request(PROPOSAL, { id: draft.id })).data!.proposal;
    expect(seen).toMatchObject({ state: 'DRAFT', returnReason: 'NEEDS_DETAIL', returnMessage: back.message });
    expect((await (await signIn(world.children[1]!.username)).request(PROPOSAL, { id: draft.id })).data!.proposal).toBeNull();

    await author.request(UPDATE, { input: { id: draft.id, version: 2, ...text, body: `${text.body} Công viên ở gần bến Ninh Kiều.` } });
    const resent = (await author.request(SUBMIT, { input: { id: draft.id, version: 3 } })).data!.submitProposal;
    expect(resent).toMatchObject({ state: 'IN_REVIEW', returnReason: null });

    expect(errorCode(await author.request(APPROVE, { input: { id: draft.id, version: 4 } }))).toBe('FORBIDDEN');
    const [one, two] = await Promise.all([
      moderator.request(APPROVE, { input: { id: draft.id, version: 4, votingDays: 3 } }),
      (await signIn(second.username)).request(APPROVE, { input: { id: draft.id, version: 4, votingDays: 5 } }),
    ]);
    const results = [one, two];
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.map(errorCode).filter(Boolean)).toEqual(['CONFLICT']);
    const row = await server.prisma.proposal.findUniqueOrThrow({ where: { id: rowId(draft.id) } });
    expect(row).toMatchObject({ state: 'OPEN', version: 5 });
    const jobs = await server.prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM graphile_worker.jobs WHERE key = ${`close-vote:${row.id}`}`;
    expect(jobs).toEqual([{ count: 1n }]);
    const audit = await server.prisma.auditLog.findMany({ where: { subjectId: row.id }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(['proposal.return', 'proposal.approve']);
    // Now public.
    expect((await new Client(server.url).request(PROPOSAL, { id: draft.id })).data!.proposal.state).toBe('OPEN');
  });
});

describe('deciding', () => {
  async function openVote({ members, quorumPercent = 50, majorityPercent = 50 }: { members: number; quorumPercent?: number; majorityPercent?: number }) {
    const world = await councilWithMembers(server.prisma, { members });
    await server.prisma.council.update({ where: { id: world.council.id }, data: { quorumPercent, majorityPercent } });
    const author = await signIn(world.children[0]!.username);
    const draft = await draftBy(author, world.council.id);
    await author.request(SUBMIT, { input: { id: draft.id, version: 0 } });
    const moderator = await signIn(world.moderator.username);
    const approved = (await moderator.request(APPROVE, { input: { id: draft.id, version: 1, votingDays: 2 } })).data!.approveProposal;
    const clients = await Promise.all(world.children.map((child) => signIn(child.username)));
    return { world, id: draft.id as string, approved, moderator, clients };
  }
  const castAll = (clients: Client[], id: string, choices: string[]) =>
    Promise.all(choices.map((choice, i) => clients[i]!.request(VOTE, { input: { proposalId: id, choice } })));
  const afterWindow = async (closesAt: string) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(closesAt).getTime() + 60_000);
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    vi.useRealTimers();
  };

  it('closes on time by the job, not before, and keeps an adopted result by quorum and majority', async () => {
    const { id, approved, clients } = await openVote({ members: 5 });
    await castAll(clients, id, ['SUPPORT', 'SUPPORT', 'OPPOSE']);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(approved.votingClosesAt).getTime() - 60_000);
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    vi.useRealTimers();
    expect((await server.prisma.proposal.findUniqueOrThrow({ where: { id: rowId(id) } })).state).toBe('OPEN');

    await afterWindow(approved.votingClosesAt);
    const closed = (await new Client(server.url).request(PROPOSAL, { id })).data!.proposal;
    expect(closed).toMatchObject({ state: 'ADOPTED', result: { voters: 3, members: 5, quorumMet: true } });
    expect(closed.result.supportShare).toBeCloseTo(2 / 3);
    // A second run (jobs run at least once) changes nothing.
    await afterWindow(approved.votingClosesAt);
    expect(await server.prisma.auditLog.count({ where: { subjectId: rowId(id), action: 'proposal.close' } })).toBe(1);
  });

  it('does not adopt without quorum, nor on a tie, nor below a two-thirds majority', async () => {
    const noQuorum = await openVote({ members: 5 });
    await castAll(noQuorum.clients, noQuorum.id, ['SUPPORT', 'SUPPORT']);
    const tie = await openVote({ members: 4 });
    await castAll(tie.clients, tie.id, ['SUPPORT', 'OPPOSE', 'ABSTAIN']);
    const twoThirds = await openVote({ members: 5, majorityPercent: 67 });
    await castAll(twoThirds.clients, twoThirds.id, ['SUPPORT', 'SUPPORT', 'OPPOSE', 'ABSTAIN']);
    await afterWindow(twoThirds.approved.votingClosesAt);

    const read = async (id: string) => (await new Client(server.url).request(PROPOSAL, { id })).data!.proposal;
    expect(await read(noQuorum.id)).toMatchObject({ state: 'NOT_ADOPTED', result: { voters: 2, members: 5, quorumMet: false, supportShare: 1 } });
    expect(await read(tie.id)).toMatchObject({ state: 'NOT_ADOPTED', result: { voters: 3, members: 4, quorumMet: true, supportShare: 0.5 } });
    expect(await read(twoThirds.id)).toMatchObject({ state: 'NOT_ADOPTED', result: { voters: 4, quorumMet: true } });
  });

  it('closes early only after every member voted, and once when two moderators close together', async () => {
    const { world, id, moderator, clients } = await openVote({ members: 3 });
    await castAll(clients, id, ['SUPPORT', 'SUPPORT']);
    const early = await moderator.request(CLOSE, { input: { id, version: 2 } });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'NOT_OPEN', reason: 'NOT_EVERYONE_VOTED', voted: 2, members: 3 });
    await castAll(clients.slice(2), id, ['OPPOSE']);
    expect(errorCode(await clients[0]!.request(CLOSE, { input: { id, version: 2 } }))).toBe('FORBIDDEN');

    const second = await ensureUser(server.prisma, { username: `t.${world.key}.moderator2`, displayName: 'Điều phối viên 2', kind: 'ADULT', password: PASSWORD });
    await ensureFacilitator(server.prisma, { councilId: world.council.id, userId: second.id });
    const results = await Promise.all([moderator.request(CLOSE, { input: { id, version: 2 } }), (await signIn(second.username)).request(CLOSE, { input: { id, version: 2 } })]);
    expect(results.map(errorCode).filter(Boolean)).toEqual(['CONFLICT']);
    const closed = results.find((r) => !r.errors)!.data!.closeProposal;
    expect(closed).toMatchObject({ state: 'ADOPTED', version: 3, result: { voters: 3, members: 3, quorumMet: true } });
    // The closing job later finds nothing to do; the vote is over for everyone.
    expect(errorCode(await clients[2]!.request(VOTE, { input: { proposalId: id, choice: 'SUPPORT' } }))).toBe('NOT_OPEN');
    expect(await server.prisma.auditLog.count({ where: { subjectId: rowId(id), action: 'proposal.close' } })).toBe(1);
  });
});

describe('audience and influence', () => {
  /** A ward council under a district that ended (no successor) under a city: today's parent is the city. */
  async function tree() {
    const key = randomUUID().slice(0, 8);
    const unit = (code: string, level: 'PROVINCE' | 'DISTRICT' | 'WARD', validTo: Date | null = null) =>
      ensureUnit(server.prisma, { code: `T-${key}-${code}`, nameVi: `Thử ${code}`, nameEn: `Test ${code}`, level, validFrom: new Date('2020-01-01'), validTo });
    const cityUnit = await unit('city', 'PROVINCE');
    const city = await ensureCouncil(server.prisma, { unitId: cityUnit.id, level: 'CITY', nameVi: 'HĐ thành phố thử', nameEn: 'Test city council', validFrom: new Date('2020-01-01'), votingDays: 10 });
    const districtUnit = await unit('district', 'DISTRICT', new Date('2025-06-30'));
    const district = await ensureCouncil(server.prisma, { unitId: districtUnit.id, level: 'DISTRICT', parentId: city.id, nameVi: 'HĐ quận thử', nameEn: 'Test district council', validFrom: new Date('2020-01-01'), validTo: new Date('2025-06-30') });
    const world = await councilWithMembers(server.prisma, { members: 2 });
    await server.prisma.council.update({ where: { id: world.council.id }, data: { parentId: district.id } });
    const cityModerator = await ensureUser(server.prisma, { username: `t.${key}.citymod`, displayName: 'Điều phối viên thành phố', kind: 'ADULT', password: PASSWORD });
    await ensureFacilitator(server.prisma, { councilId: city.id, userId: cityModerator.id });
    return { world, city, cityModerator };
  }

  it('escalates an adopted proposal to the parent council valid today, once, showing the votes below', async () => {
    const { world, city, cityModerator } = await tree();
    const adopted = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'ADOPTED' });
    await server.prisma.vote.create({ data: { proposalId: adopted.id, voterId: world.children[1]!.id, choice: 'SUPPORT' } });
    const input = { id: pid(adopted.id) };
    expect(errorCode(await (await signIn(world.children[0]!.username)).request(ESCALATE, { input }))).toBe('FORBIDDEN');
    const moderator = await signIn(world.moderator.username);
    const [one, two] = await Promise.all([moderator.request(ESCALATE, { input }), moderator.request(ESCALATE, { input })]);
    expect([one, two].map(errorCode).filter(Boolean)).toEqual(['CONFLICT']);
    const linked = [one, two].find((r) => !r.errors)!.data!.escalateProposal;
    expect(linked).toMatchObject({ state: 'OPEN', council: { id: globalId('Council', city.id) }, escalatedFrom: { id: pid(adopted.id), tally: { support: 1, total: 1 } } });
    expect((await new Client(server.url).request(PROPOSAL, { id: pid(adopted.id) })).data!.proposal.escalatedTo).toEqual({ id: linked.id });
    const row = await server.prisma.proposal.findUniqueOrThrow({ where: { id: rowId(linked.id) } });
    // The city's own default length (10 days).
    expect(row.votingClosesAt!.getTime() - row.votingOpensAt!.getTime()).toBe(10 * DAY);
    const job = await server.prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM graphile_worker.jobs WHERE key = ${`close-vote:${row.id}`}`;
    expect(job).toEqual([{ count: 1n }]);
    // A city council has nothing above it.
    const cityAdopted = await proposalIn(server.prisma, { councilId: city.id, authorId: world.children[0]!.id, state: 'ADOPTED' });
    const top = await (await signIn(cityModerator.username)).request(ESCALATE, { input: { id: pid(cityAdopted.id) } });
    expect(top.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_PARENT_COUNCIL' });
  });

  it('refers, flags an overdue referral by the job with notices, takes one answer from the agency, and lets the council’s children rate it', async () => {
    const world = await councilWithMembers(server.prisma, { members: 2 });
    const outsider = await councilWithMembers(server.prisma, { members: 1 });
    const { agency, officer } = await agencyWithOfficer();
    const { officer: otherOfficer, agency: otherAgency } = await agencyWithOfficer();
    const admin = await ensureUser(server.prisma, { username: `t.${world.key}.admin`, displayName: 'Quản trị', kind: 'ADULT', password: PASSWORD });
    await grantRole(server.prisma, { userId: admin.id, role: 'PROGRAMME_ADMIN' });
    const adopted = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'ADOPTED' });
    const moderator = await signIn(world.moderator.username);
    const tomorrow = new Date(Date.now() + 7 * 3_600_000 + DAY).toISOString().slice(0, 10);
    const input = { id: pid(adopted.id), agencyCode: agency.code, dueOn: tomorrow };

    expect(errorCode(await (await signIn(world.children[0]!.username)).request(REFER, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await moderator.request(REFER, { input: { ...input, dueOn: '2020-01-01' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await moderator.request(REFER, { input: { ...input, agencyCode: 'NOPE' } }))).toBe('BAD_USER_INPUT');
    const referred = (await moderator.request(REFER, { input })).data!.referProposal;
    expect(referred).toMatchObject({ state: 'REFERRED', referral: { state: 'PENDING', dueOn: tomorrow, agency: { code: agency.code } } });
    expect(errorCode(await moderator.request(REFER, { input }))).toBe('CONFLICT');
    const referralId = referred.referral.id as string;
    const referralRow = rowId(referralId);
    expect(await server.prisma.notice.count({ where: { referralId: referralRow, kind: 'REFERRAL_RECEIVED', userId: officer.id } })).toBe(1);

    // Officers list their agency's referrals; another agency's officer and a child cannot.
    const LIST = `query ($code: String, $state: ReferralState) { referrals(agencyCode: $code, state: $state) { totalCount edges { node { id state proposal { title } } } } }`;
    const officerClient = await signIn(officer.username);
    expect((await officerClient.request(LIST, { code: agency.code })).data!.referrals.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([referralId]);
    expect(errorCode(await (await signIn(otherOfficer.username)).request(LIST, { code: agency.code }))).toBe('FORBIDDEN');
    expect(errorCode(await (await signIn(world.children[0]!.username)).request(LIST, { code: agency.code }))).toBe('FORBIDDEN');
    expect((await (await signIn(otherOfficer.username)).request(LIST, {})).data!.referrals.totalCount).toBe(0);

    // Not yet late on its due day; flagged the day after, with notices to the agency and the admins, then weekly reminders.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${tomorrow}T16:00:00Z`));
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    expect((await server.prisma.referral.findUniqueOrThrow({ where: { id: referralRow } })).state).toBe('PENDING');
    vi.setSystemTime(new Date(`${tomorrow}T17:01:00Z`));
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    expect((await server.prisma.referral.findUniqueOrThrow({ where: { id: referralRow } })).state).toBe('OVERDUE');
    expect(await server.prisma.notice.count({ where: { referralId: referralRow, kind: 'REFERRAL_OVERDUE', userId: { in: [officer.id, admin.id] } } })).toBe(2);
    vi.useRealTimers();
    const notices = (await (await signIn(admin.username)).request(`query { viewer { notices { kind referral { id state } } } }`)).data!.viewer.notices;
    expect(notices).toContainEqual({ kind: 'REFERRAL_OVERDUE', referral: { id: referralId, state: 'OVERDUE' } });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${tomorrow}T17:01:00Z`).getTime() + 7 * DAY + 60_000);
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    expect(await server.prisma.notice.count({ where: { referralId: referralRow, kind: 'REFERRAL_REMINDER', userId: officer.id } })).toBe(1);
    vi.useRealTimers();
    expect((await officerClient.request(LIST, { code: agency.code, state: 'OVERDUE' })).data!.referrals.totalCount).toBe(1);

    const answer = {
      referralId, stance: 'PARTIAL', explanation: 'Chúng tôi sẽ mở thư viện sáng thứ Bảy từ tháng sau; Chủ nhật chưa có người trực.',
      commitments: [{ text: 'Mở thư viện sáng thứ Bảy', dueOn: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10) }],
    };
    expect(errorCode(await (await signIn(otherOfficer.username)).request(ANSWER, { input: answer }))).toBe('FORBIDDEN');
    expect(errorCode(await (await signIn(world.children[0]!.username)).request(ANSWER, { input: answer }))).toBe('FORBIDDEN');
    expect(errorCode(await officerClient.request(ANSWER, { input: { ...answer, commitments: [] } }))).toBe('BAD_USER_INPUT');
    const [a, b] = await Promise.all([officerClient.request(ANSWER, { input: answer }), officerClient.request(ANSWER, { input: answer })]);
    expect([a, b].map(errorCode).filter(Boolean)).toEqual(['CONFLICT']);
    const response = [a, b].find((r) => !r.errors)!.data!.answerReferral;
    expect(response).toMatchObject({ stance: 'PARTIAL', commitments: [{ text: 'Mở thư viện sáng thứ Bảy', status: 'IN_PROGRESS' }] });
    expect(await server.prisma.auditLog.count({ where: { subjectId: referralRow, action: { in: ['referral.overdue', 'referral.answer'] } } })).toBe(2);

    // Progress later, by the agency only.
    const UPDATE_COMMITMENT = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { status progress } }`;
    const progress = { commitmentId: response.commitments[0].id, status: 'DONE', progress: 'Đã mở cửa sáng thứ Bảy từ tuần này.' };
    expect(errorCode(await (await signIn(otherOfficer.username)).request(UPDATE_COMMITMENT, { input: progress }))).toBe('FORBIDDEN');
    expect((await officerClient.request(UPDATE_COMMITMENT, { input: progress })).data!.updateCommitment).toEqual({ status: 'DONE', progress: progress.progress });

    // Children of the council rate it; others cannot.
    expect(errorCode(await (await signIn(outsider.children[0]!.username)).request(RATE, { input: { responseId: response.id, clear: true, helpful: true } }))).toBe('FORBIDDEN');
    expect(errorCode(await officerClient.request(RATE, { input: { responseId: response.id, clear: true, helpful: true } }))).toBe('FORBIDDEN');
    await (await signIn(world.children[0]!.username)).request(RATE, { input: { responseId: response.id, clear: true, helpful: false } });
    const rated = await (await signIn(world.children[1]!.username)).request(RATE, { input: { responseId: response.id, clear: true, helpful: true } });
    expect(rated.data!.rateResponse).toEqual({ rating: { count: 2, clear: 2, helpful: 1 }, myRating: { clear: true, helpful: true } });
    const shown = (await new Client(server.url).request(PROPOSAL, { id: pid(adopted.id) })).data!.proposal;
    expect(shown).toMatchObject({ state: 'ANSWERED', referral: { state: 'ANSWERED', response: { stance: 'PARTIAL', rating: { count: 2, clear: 2, helpful: 1 } } } });
    expect(otherAgency.id).not.toBe(agency.id);
  });

  it('flags, by the daily sweep, a referral recorded without its own deadline job', async () => {
    const world = await councilWithMembers(server.prisma, { members: 1 });
    const { agency, officer } = await agencyWithOfficer();
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'REFERRED' });
    const late = await server.prisma.referral.create({ data: { proposalId: proposal.id, agencyId: agency.id, dueOn: new Date('2026-01-05') } });
    const onTime = await server.prisma.referral.create({
      data: { proposalId: (await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'REFERRED' })).id, agencyId: agency.id, dueOn: new Date(Date.now() + 30 * DAY) },
    });
    await server.prisma.$transaction((tx) => sweepOverdueTask.enqueue(tx, {}));
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    expect((await server.prisma.referral.findUniqueOrThrow({ where: { id: late.id } })).state).toBe('OVERDUE');
    expect((await server.prisma.referral.findUniqueOrThrow({ where: { id: onTime.id } })).state).toBe('PENDING');
    expect(await server.prisma.notice.count({ where: { referralId: late.id, userId: officer.id, kind: 'REFERRAL_OVERDUE' } })).toBe(1);
  });
});

describe('agency systems', () => {
  it('read and answer their own agency’s referrals with the referrals scopes, and nothing else', async () => {
    const world = await councilWithMembers(server.prisma, { members: 1 });
    const { agency } = await agencyWithOfficer();
    const { agency: other } = await agencyWithOfficer();
    const adopted = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'ADOPTED' });
    const dueOn = new Date(Date.now() + 7 * 3_600_000 + 10 * DAY).toISOString().slice(0, 10);
    const referral = (await (await signIn(world.moderator.username)).request(REFER, { input: { id: pid(adopted.id), agencyCode: agency.code, dueOn } })).data!.referProposal.referral;
    const system = (scopes: string[], agencyCode = agency.code) =>
      issueApiClient({ prisma: server.prisma, actor: SYSTEM_ACTOR, input: { agencyCode, name: `test ${scopes.join(' ')}`, scopes } })
        .then(({ token }) => Object.assign(new Client(server.url), { bearer: token }));
    const LIST = `query ($code: String) { referrals(agencyCode: $code) { totalCount } }`;
    const answer = { referralId: referral.id, stance: 'DECLINED', explanation: 'Năm nay chưa có kinh phí; chúng tôi sẽ xem lại vào năm sau.', commitments: [] };

    expect((await (await system(['referrals:read'])).request(LIST, { code: agency.code })).data!.referrals.totalCount).toBe(1);
    expect(errorCode(await (await system(['referrals:read'])).request(LIST, { code: other.code }))).toBe('FORBIDDEN');
    expect(errorCode(await (await system(['indicators:read'])).request(LIST, { code: agency.code }))).toBe('FORBIDDEN');
    expect(errorCode(await (await system(['referrals:read'])).request(ANSWER, { input: answer }))).toBe('FORBIDDEN');
    expect(errorCode(await (await system(['referrals:write'], other.code)).request(ANSWER, { input: answer }))).toBe('FORBIDDEN');
    const answered = await (await system(['referrals:write'])).request(ANSWER, { input: answer });
    expect(answered.data!.answerReferral).toMatchObject({ stance: 'DECLINED', commitments: [] });
    const audit = await server.prisma.auditLog.findFirstOrThrow({ where: { subjectId: rowId(referral.id), action: 'referral.answer' } });
    expect(audit.actorApiClientId).not.toBeNull();
  });
});

describe("children's accounts", () => {
  const ADD = `mutation ($input: AddCouncilMemberInput!) { addCouncilMember(input: $input) { oneTimePassword member { id displayName username guardianConsentBy } } }`;
  const consent = { givenOn: '2026-09-01', givenBy: 'MOTHER', method: 'SIGNED_FORM' };

  it('lets a moderator add a child with a one-time password that the child replaces, reset it, and end the membership', async () => {
    const world = await councilWithMembers(server.prisma, { members: 1 });
    const stranger = await councilWithMembers(server.prisma, { members: 1 });
    const input = { councilId: globalId('Council', world.council.id), pseudonym: '  Cá   Bống ', guardianConsent: consent };
    expect(errorCode(await (await signIn(stranger.moderator.username)).request(ADD, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await (await signIn(world.children[0]!.username)).request(ADD, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await new Client(server.url).request(ADD, { input }))).toBe('UNAUTHENTICATED');
    const moderator = await signIn(world.moderator.username);
    expect(errorCode(await moderator.request(ADD, { input: { ...input, guardianConsent: { ...consent, givenOn: '2999-01-01' } } }))).toBe('BAD_USER_INPUT');

    const added = (await moderator.request(ADD, { input })).data!.addCouncilMember;
    expect(added.member).toMatchObject({ displayName: 'Cá Bống', guardianConsentBy: 'MOTHER' });
    expect(added.oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(await server.prisma.auditLog.count({ where: { subjectId: rowId(added.member.id), action: 'council.addMember' } })).toBe(1);

    const child = new Client(server.url);
    await child.login(added.member.username, added.oneTimePassword);
    const ME = `query { viewer { mustChangePassword councils { id } } }`;
    expect((await child.request(ME)).data!.viewer).toEqual({ mustChangePassword: true, councils: [{ id: globalId('Council', world.council.id) }] });
    // Nothing else until the child has its own password.
    const early = await child.request(CREATE, { input: { ...text, councilId: globalId('Council', world.council.id) } });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });
    const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }`;
    expect(errorCode(await child.request(CHANGE, { input: { currentPassword: 'wrong', newPassword: 'song-nuoc-mien-tay' } }))).toBe('INVALID_CREDENTIALS');
    expect(errorCode(await child.request(CHANGE, { input: { currentPassword: added.oneTimePassword, newPassword: 'short' } }))).toBe('BAD_USER_INPUT');
    expect((await child.request(CHANGE, { input: { currentPassword: added.oneTimePassword, newPassword: 'song-nuoc-mien-tay' } })).data!.changePassword).toBe(true);
    expect((await child.request(ME)).data!.viewer.mustChangePassword).toBe(false);
    expect((await child.request(CREATE, { input: { ...text, councilId: globalId('Council', world.council.id) } })).data!.createProposal.state).toBe('DRAFT');

    const RESET = `mutation ($input: MembershipIdInput!) { resetMemberPassword(input: $input) { oneTimePassword } }`;
    expect(errorCode(await (await signIn(stranger.moderator.username)).request(RESET, { input: { membershipId: added.member.id } }))).toBe('NOT_FOUND');
    const reset = (await moderator.request(RESET, { input: { membershipId: added.member.id } })).data!.resetMemberPassword;
    // The child's session ended with the reset; the new one-time password works and must be replaced.
    expect((await child.request(ME)).data!.viewer).toBeNull();
    await child.login(added.member.username, reset.oneTimePassword);
    expect((await child.request(ME)).data!.viewer.mustChangePassword).toBe(true);

    const END = `mutation ($input: MembershipIdInput!) { endMembership(input: $input) { leftAt } }`;
    expect(errorCode(await (await signIn(world.children[0]!.username)).request(END, { input: { membershipId: added.member.id } }))).toBe('FORBIDDEN');
    expect((await moderator.request(END, { input: { membershipId: added.member.id } })).data!.endMembership.leftAt).not.toBeNull();
    expect(errorCode(await moderator.request(END, { input: { membershipId: added.member.id } }))).toBe('CONFLICT');
    const writes = await child.request(CREATE, { input: { ...text, councilId: globalId('Council', world.council.id) } });
    expect(errorCode(writes)).toBe('FORBIDDEN');

    // Members are listed for the council's moderators only.
    const MEMBERS = `query ($id: ID!) { council(id: $id) { members { displayName leftAt } } }`;
    const listed = (await moderator.request(MEMBERS, { id: globalId('Council', world.council.id) })).data!.council.members;
    expect(listed.map((m: { displayName: string }) => m.displayName)).toContain('Cá Bống');
    expect(errorCode(await (await signIn(stranger.moderator.username)).request(MEMBERS, { id: globalId('Council', world.council.id) }))).toBe('FORBIDDEN');
    expect(errorCode(await new Client(server.url).request(MEMBERS, { id: globalId('Council', world.council.id) }))).toBe('UNAUTHENTICATED');
  });
});

describe("a council's outcomes", () => {
  it('show every answer with its ratings, counted for the whole page in one statement', async () => {
    const world = await councilWithMembers(server.prisma, { members: 3 });
    const { agency } = await agencyWithOfficer();
    const expected: Record<string, { count: number; clear: number; helpful: number }> = {};
    for (let i = 0; i < 4; i += 1) {
      const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'ANSWERED' });
      const referral = await server.prisma.referral.create({ data: { proposalId: proposal.id, agencyId: agency.id, dueOn: new Date(Date.now() + 30 * DAY), state: 'ANSWERED' } });
      const response = await server.prisma.response.create({ data: { referralId: referral.id, stance: 'ACCEPTED', explanation: `Trả lời ${i}` } });
      // Answer i is rated by i children: the first of them finds it unclear, every second one unhelpful.
      for (let j = 0; j < i; j += 1) {
        await server.prisma.responseRating.create({ data: { responseId: response.id, raterId: world.children[j]!.id, clear: j > 0, helpful: j % 2 === 0 } });
      }
      expected[pid(proposal.id)] = { count: i, clear: Math.max(0, i - 1), helpful: Math.ceil(i / 2) };
    }
    const OUTCOMES = (first: number) => `query ($id: ID!) { council(id: $id) { proposals(state: ANSWERED, first: ${first}) { edges { node { id referral { response { explanation rating { count clear helpful } } } } } } } }`;
    const read = async (first: number) => {
      server.queries.length = 0;
      const { data, errors } = await new Client(server.url).request(OUTCOMES(first), { id: globalId('Council', world.council.id) });
      expect(errors).toBeUndefined();
      const nodes = data!.council.proposals.edges.map((e: { node: { id: string; referral: { response: { rating: unknown } } } }) => e.node);
      return { statements: server.queries.length, ratings: Object.fromEntries(nodes.map((n: { id: string; referral: { response: { rating: unknown } } }) => [n.id, n.referral.response.rating])) };
    };
    const one = await read(1);
    const all = await read(50);
    expect(all.ratings).toEqual(expected);
    expect(all.statements).toBe(one.statements);
  });
});
