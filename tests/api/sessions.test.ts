import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let other: Awaited<ReturnType<typeof councilWithMembers>>;

beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  world = await councilWithMembers(server.prisma, { members: 3 });
  other = await councilWithMembers(server.prisma, { members: 1 });
});
afterAll(() => server.close());

const signIn = async (username: string) => {
  const client = new Client(server.url);
  await client.login(username, PASSWORD);
  return client;
};

const SCHEDULE = `mutation ($input: ScheduleCouncilSessionInput!) { scheduleCouncilSession(input: $input) { id place onlineUrl agenda { id } roster { userId displayName present } } }`;
const LIST = `query ($id: ID!, $upcoming: Boolean) { councilSessions(councilId: $id, upcoming: $upcoming) { id startsAt place minutes attendanceCount viewerAttended roster { displayName } agenda { title } } }`;

describe('council sessions', () => {
  it('are scheduled, given an agenda, attendance and minutes by the council’s moderator, and seen by its members', async () => {
    const [a, b] = world.children;
    const open = await proposalIn(server.prisma, { councilId: world.council.id, authorId: a!.id, state: 'OPEN' });
    const draft = await proposalIn(server.prisma, { councilId: world.council.id, authorId: a!.id, state: 'DRAFT' });
    const elsewhere = await proposalIn(server.prisma, { councilId: other.council.id, authorId: other.children[0]!.id, state: 'OPEN' });
    const councilId = globalId('Council', world.council.id);
    const moderator = await signIn(world.moderator.username);
    const soon = new Date(Date.now() + 3 * 86400_000).toISOString();
    const input = { councilId, startsAt: soon, place: 'Nhà văn hoá phường', agenda: [globalId('Proposal', open.id)] };

    // Refused: a child, another council's moderator, no place, an agenda outside the council or unpublished.
    const child = await signIn(a!.username);
    expect(errorCode(await child.request(SCHEDULE, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await (await signIn(other.moderator.username)).request(SCHEDULE, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await moderator.request(SCHEDULE, { input: { ...input, place: ' ' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await moderator.request(SCHEDULE, { input: { ...input, agenda: [globalId('Proposal', elsewhere.id)] } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await moderator.request(SCHEDULE, { input: { ...input, agenda: [globalId('Proposal', draft.id)] } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await moderator.request(SCHEDULE, { input: { ...input, place: null, onlineUrl: 'javascript:alert(1)' } }))).toBe('BAD_USER_INPUT');

    const scheduled = (await moderator.request(SCHEDULE, { input })).data!.scheduleCouncilSession;
    expect(scheduled.agenda).toEqual([{ id: globalId('Proposal', open.id) }]);
    expect(scheduled.roster.map((m: { displayName: string }) => m.displayName)).toEqual(['Bạn 0', 'Bạn 1', 'Bạn 2']);
    const past = (await moderator.request(SCHEDULE, { input: { ...input, startsAt: new Date(Date.now() - 86400_000).toISOString(), place: null, onlineUrl: 'https://meet.example.org/hoidong' } })).data!.scheduleCouncilSession;

    // Attendance: members of this council only.
    const ATTEND = `mutation ($input: RecordSessionAttendanceInput!) { recordSessionAttendance(input: $input) { attendanceCount } }`;
    expect(errorCode(await moderator.request(ATTEND, { input: { sessionId: past.id, present: [other.children[0]!.id] } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await child.request(ATTEND, { input: { sessionId: past.id, present: [a!.id] } }))).toBe('FORBIDDEN');
    expect((await moderator.request(ATTEND, { input: { sessionId: past.id, present: [a!.id, b!.id, a!.id] } })).data!.recordSessionAttendance.attendanceCount).toBe(2);
    const MINUTES = `mutation ($input: RecordSessionMinutesInput!) { recordSessionMinutes(input: $input) { minutes } }`;
    expect(errorCode(await child.request(MINUTES, { input: { sessionId: past.id, minutes: 'x' } }))).toBe('FORBIDDEN');
    await moderator.request(MINUTES, { input: { sessionId: past.id, minutes: 'Các bạn thống nhất gửi đề xuất lên phường.' } });

    // Members see upcoming and past; the roster stays with moderators; outsiders see nothing.
    const upcoming = (await child.request(LIST, { id: councilId, upcoming: true })).data!.councilSessions;
    expect(upcoming).toEqual([{ id: scheduled.id, startsAt: soon, place: 'Nhà văn hoá phường', minutes: null, attendanceCount: 0, viewerAttended: false, roster: null, agenda: [{ title: 'Đề xuất OPEN' }] }]);
    const before = (await child.request(LIST, { id: councilId, upcoming: false })).data!.councilSessions;
    expect(before).toMatchObject([{ id: past.id, minutes: 'Các bạn thống nhất gửi đề xuất lên phường.', attendanceCount: 2, viewerAttended: true, roster: null }]);
    const ROSTERS = `query ($id: ID!) { councilSessions(councilId: $id, upcoming: false) { id roster { displayName present } } }`;
    const pastRoster = ((await moderator.request(ROSTERS, { id: councilId })).data!.councilSessions as { id: string; roster: unknown }[]).find((s) => s.id === past.id)!.roster;
    expect(pastRoster).toEqual([{ displayName: 'Bạn 0', present: true }, { displayName: 'Bạn 1', present: true }, { displayName: 'Bạn 2', present: false }]);
    expect(errorCode(await (await signIn(other.children[0]!.username)).request(LIST, { id: councilId }))).toBe('FORBIDDEN');
    expect(errorCode(await new Client(server.url).request(LIST, { id: councilId }))).toBe('UNAUTHENTICATED');

    // Members were told, and every step is in the audit log.
    expect(await server.prisma.notification.count({ where: { kind: 'SESSION_SCHEDULED', userId: b!.id } })).toBe(2);
    const actions = await server.prisma.auditLog.findMany({ where: { subjectType: 'CouncilSession', actorUserId: { not: null }, subjectId: { in: [scheduled.id, past.id].map((id) => Buffer.from(id, 'base64').toString().split(':')[1]!) } }, select: { action: true } });
    expect(actions.map((x) => x.action).sort()).toEqual(['session.recordAttendance', 'session.recordMinutes', 'session.schedule', 'session.schedule']);
  });

  it("list their agendas with the sessions, in order, each proposal only while the viewer may see it", async () => {
    const [a] = world.children;
    const moderator = await signIn(world.moderator.username);
    const member = await signIn(a!.username);
    const councilId = globalId('Council', world.council.id);
    const later = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
    const agendas: string[][] = [];
    for (let i = 0; i < 3; i += 1) {
      const proposals = [];
      for (let j = 0; j < 2; j += 1) proposals.push(await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[1]!.id, state: 'ADOPTED' }));
      await moderator.request(SCHEDULE, { input: { councilId, startsAt: later(30 + i), place: `Phòng ${i}`, agenda: proposals.map((p) => globalId('Proposal', p.id)).reverse() } });
      agendas.push(proposals.map((p) => p.id).reverse());
    }
    // One is hidden after reports: its moderators still see it on the agenda, members no longer do.
    await server.prisma.proposal.update({ where: { id: agendas[1]![0]! }, data: { hiddenAt: new Date() } });
    const AGENDAS = `query ($id: ID!) { councilSessions(councilId: $id, upcoming: true) { place agenda { id title } roster { displayName present } } }`;
    const agendaOf = async (client: Client) => {
      server.queries.length = 0;
      const sessions = (await client.request(AGENDAS, { id: councilId })).data!.councilSessions as { place: string; agenda: { id: string }[]; roster: unknown }[];
      const ours = sessions.filter((s) => s.place.startsWith('Phòng '));
      return { statements: server.queries.length, byPlace: Object.fromEntries(ours.map((s) => [s.place, s.agenda.map((p) => p.id)])), rosters: ours.map((s) => s.roster) };
    };
    const ids = (list: string[]) => list.map((id) => globalId('Proposal', id));
    const seenByModerator = await agendaOf(moderator);
    expect(seenByModerator.byPlace).toEqual({ 'Phòng 0': ids(agendas[0]!), 'Phòng 1': ids(agendas[1]!), 'Phòng 2': ids(agendas[2]!) });
    const seenByMember = await agendaOf(member);
    expect(seenByMember.byPlace).toEqual({ 'Phòng 0': ids(agendas[0]!), 'Phòng 1': ids(agendas[1]!.slice(1)), 'Phòng 2': ids(agendas[2]!) });
    // The roster is the moderator's alone, the same members for every session of the council.
    const roster = ['Bạn 0', 'Bạn 1', 'Bạn 2'].map((displayName) => ({ displayName, present: false }));
    expect(seenByModerator.rosters).toEqual([roster, roster, roster]);
    expect(seenByMember.rosters).toEqual([null, null, null]);
    // However many sessions: the session lookup and the sessions with their agendas; for the
    // moderator, the council's members and who came to which session.
    expect([seenByModerator.statements, seenByMember.statements]).toEqual([4, 2]);
  });
});
