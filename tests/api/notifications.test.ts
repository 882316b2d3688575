import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runDueJobs } from '@treem/api/jobs';
import { ensureUser, grantRole } from '@treem/db/factories';
import { resetMailer, sendDigests } from '@treem/api/notifications/jobs';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let smtp: SMTPServer;
const mails: { to: string[]; body: string }[] = [];
const databaseUrl = inject('databaseUrl');

beforeAll(async () => {
  server = await startServer({ databaseUrl });
  world = await councilWithMembers(server.prisma, { members: 3 });
  // A real SMTP server on a free port; STARTTLS off so the client speaks plain SMTP to it.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  resetMailer();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetMailer();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await server.close();
});
afterEach(() => vi.useRealTimers());

const signIn = async (username: string, locale: 'vi' | 'en' = 'vi') => {
  const client = new Client(server.url, locale);
  await client.login(username, PASSWORD);
  return client;
};

const SETTINGS = `mutation ($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input) { email emailDigest mayReceiveEmail } }`;

async function runDigests() {
  await sendDigests.enqueue(server.prisma, {});
  await runDueJobs({ prisma: server.prisma, databaseUrl });
}

describe('in-app notifications', () => {
  it('lists only the viewer’s own notices, unread first filtered, and marks them read', async () => {
    const [author, member] = world.children;
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'OPEN' });
    await server.prisma.notification.createMany({
      data: [
        { userId: author!.id, kind: 'PROPOSAL_APPROVED', proposalId: proposal.id },
        { userId: author!.id, kind: 'VOTING_RESULT', proposalId: proposal.id },
        { userId: member!.id, kind: 'VOTING_OPEN', proposalId: proposal.id },
      ],
    });
    const asAuthor = await signIn(author!.username, 'en');
    const LIST = `query ($unread: Boolean) { notifications(first: 10, unreadOnly: $unread) { totalCount edges { node { id kind message read proposal { id } } } } viewer { unreadNotifications } }`;
    const list = (await asAuthor.request(LIST, { unread: true })).data!;
    expect(list.viewer.unreadNotifications).toBe(2);
    expect(list.notifications.edges.map((e: { node: { kind: string } }) => e.node.kind).sort()).toEqual(['PROPOSAL_APPROVED', 'VOTING_RESULT']);
    expect(list.notifications.edges.find((e: { node: { kind: string } }) => e.node.kind === 'PROPOSAL_APPROVED').node.message).toBe('Your proposal "Đề xuất OPEN" was approved and published.');

    // Marking someone else's notice changes nothing.
    const memberNotice = await server.prisma.notification.findFirstOrThrow({ where: { userId: member!.id } });
    const MARK = `mutation ($input: MarkNotificationsReadInput) { markNotificationsRead(input: $input) { marked unread } }`;
    expect((await asAuthor.request(MARK, { input: { ids: [globalId('Notification', memberNotice.id)] } })).data!.markNotificationsRead).toEqual({ marked: 0, unread: 2 });
    const first = list.notifications.edges[0].node.id;
    expect((await asAuthor.request(MARK, { input: { ids: [first] } })).data!.markNotificationsRead).toEqual({ marked: 1, unread: 1 });
    expect((await asAuthor.request(MARK)).data!.markNotificationsRead).toEqual({ marked: 1, unread: 0 });
    expect((await asAuthor.request(LIST, { unread: true })).data!.notifications.totalCount).toBe(0);
    expect((await asAuthor.request(LIST, { unread: false })).data!.notifications.totalCount).toBe(2);
    expect(errorCode(await new Client(server.url).request(LIST))).toBe('UNAUTHENTICATED');
  });
});

describe('daily digest for adults', () => {
  it('refuses e-mail settings for children and bad addresses', async () => {
    const child = await signIn(world.children[2]!.username);
    expect(errorCode(await child.request(SETTINGS, { input: { email: 'kid@example.org' } }))).toBe('FORBIDDEN');
    const moderator = await signIn(world.moderator.username);
    expect(errorCode(await moderator.request(SETTINGS, { input: { email: 'not an address' } }))).toBe('BAD_USER_INPUT');
  });

  it('sends at most one digest a day per person, even when the job runs twice at once', async () => {
    const moderator = await signIn(world.moderator.username);
    const address = `mod-${world.key}@example.org`;
    expect((await moderator.request(SETTINGS, { input: { email: address, emailDigest: true } })).data!.updateNotificationSettings)
      .toEqual({ email: address, emailDigest: true, mayReceiveEmail: true });

    // Something for the moderator: a pending comment.
    const [author] = world.children;
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'OPEN' });
    const asAuthor = await signIn(author!.username);
    await asAuthor.request(`mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`, { input: { proposalId: globalId('Proposal', proposal.id), body: 'Chờ duyệt' } });

    vi.useFakeTimers({ toFake: ['Date'] });
    // Days ahead, inside the council's running term: 07:00:30 in Vietnam each.
    const day = (n: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + n, 0, 0, 30));
    vi.setSystemTime(day(1));
    const mine = () => mails.filter((m) => m.to.includes(address));
    await Promise.all([sendDigests.enqueue(server.prisma, {}), sendDigests.enqueue(server.prisma, {})]);
    await Promise.all([runDueJobs({ prisma: server.prisma, databaseUrl }), runDueJobs({ prisma: server.prisma, databaseUrl })]);
    await runDigests();
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.body).toContain('=?UTF-8?'); // a translated subject
    expect(await server.prisma.digestDelivery.count({ where: { user: { username: world.moderator.username } } })).toBe(1);

    // The next day (Vietnam's calendar) may have one more, if there is news.
    vi.setSystemTime(day(2));
    // Sessions last hours: sign in again under the moved clock.
    const added = await (await signIn(author!.username)).request(`mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`, { input: { proposalId: globalId('Proposal', proposal.id), body: 'Thêm một ý' } });
    expect(added.errors, JSON.stringify(added.errors)).toBeUndefined();
    await runDigests();
    await runDigests();
    expect(mine()).toHaveLength(2);

    // Switched off: nothing.
    vi.setSystemTime(day(3));
    const off = await (await signIn(world.moderator.username)).request(SETTINGS, { input: { emailDigest: false } });
    expect(off.data!.updateNotificationSettings).toEqual({ email: address, emailDigest: false, mayReceiveEmail: true });
    await runDigests();
    expect(mine()).toHaveLength(2);
  });
});

describe('children hear what happened to their proposals', () => {
  it('gets a notice when its proposal is returned or approved, and members when voting opens', async () => {
    const [author, member] = world.children;
    const moderator = await signIn(world.moderator.username);
    const APPROVE = `mutation ($input: ApproveProposalInput!) { approveProposal(input: $input) { state } }`;
    const RETURN = `mutation ($input: ReturnProposalInput!) { returnProposal(input: $input) { state } }`;
    const returned = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'IN_REVIEW' });
    expect((await moderator.request(RETURN, { input: { id: globalId('Proposal', returned.id), version: returned.version, reason: 'NEEDS_DETAIL', message: 'Em viết thêm một chút nhé.' } })).errors).toBeUndefined();
    const approved = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'IN_REVIEW' });
    expect((await moderator.request(APPROVE, { input: { id: globalId('Proposal', approved.id), version: approved.version } })).errors).toBeUndefined();

    const kinds = async (userId: string, proposalId: string) =>
      (await server.prisma.notification.findMany({ where: { userId, proposalId }, select: { kind: true } })).map((n) => n.kind).sort();
    expect(await kinds(author!.id, returned.id)).toEqual(['PROPOSAL_RETURNED']);
    expect(await kinds(member!.id, returned.id)).toEqual([]);
    expect(await kinds(author!.id, approved.id)).toEqual(['PROPOSAL_APPROVED', 'VOTING_OPEN']);
    expect(await kinds(member!.id, approved.id)).toEqual(['VOTING_OPEN']);

    const asMember = await signIn(member!.username, 'en');
    const { data } = await asMember.request(`{ notifications(first: 1) { edges { node { message proposal { id } } } } }`);
    expect(data!.notifications.edges[0].node).toEqual({ message: 'Voting is open on "Đề xuất IN_REVIEW".', proposal: { id: globalId('Proposal', approved.id) } });
  });
});

/** A mail's text as written: the body after its headers, decoded from its transfer encoding. */
function mailText(raw: string) {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

describe('agency notices (referrals to answer)', () => {
  it('counts them with the notifications, shows them in the reader’s language, marks them read and mails them in the digest', async () => {
    const key = randomUUID().slice(0, 8);
    const agency = await server.prisma.agency.create({ data: { code: `N-${key}`, nameVi: `Cơ quan ${key}`, nameEn: `Agency ${key}`, kind: 'DEPARTMENT' } });
    const officer = await ensureUser(server.prisma, { username: `n.${key}.officer`, displayName: 'Cán bộ', kind: 'ADULT', password: PASSWORD });
    const other = await ensureUser(server.prisma, { username: `n.${key}.other`, displayName: 'Cán bộ khác', kind: 'ADULT', password: PASSWORD });
    for (const user of [officer, other]) await grantRole(server.prisma, { userId: user.id, role: 'AGENCY_OFFICER', agencyId: agency.id });
    const referred = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'REFERRED' });
    await server.prisma.notice.createMany({
      data: [
        { userId: officer.id, kind: 'REFERRAL_RECEIVED', proposalId: referred.id, createdAt: new Date(Date.now() - 60_000) },
        { userId: officer.id, kind: 'REFERRAL_OVERDUE', proposalId: referred.id },
        { userId: other.id, kind: 'REFERRAL_RECEIVED', proposalId: referred.id },
      ],
    });
    const othersNotice = await server.prisma.notice.findFirstOrThrow({ where: { userId: other.id } });

    const asOfficer = await signIn(officer.username, 'en');
    const VIEWER = `{ viewer { unreadNotifications notices { id kind message readAt proposal { id } } } }`;
    const before = (await asOfficer.request(VIEWER)).data!.viewer;
    expect(before.unreadNotifications).toBe(2);
    expect(before.notices.map((n: { kind: string }) => n.kind)).toEqual(['REFERRAL_OVERDUE', 'REFERRAL_RECEIVED']);
    expect(before.notices[1]).toMatchObject({
      message: 'Your agency received the children’s proposal "Đề xuất REFERRED". Please answer it by its due date.',
      readAt: null,
      proposal: { id: globalId('Proposal', referred.id) },
    });
    const inVietnamese = (await (await signIn(officer.username, 'vi')).request(VIEWER)).data!.viewer.notices[0].message;
    expect(inVietnamese).toBe('Đề xuất "Đề xuất REFERRED" đã quá hạn mà cơ quan chưa trả lời.');

    const MARK = `mutation ($input: MarkNotificationsReadInput) { markNotificationsRead(input: $input) { marked unread } }`;
    // Another officer's notice, or an id that is no id, changes nothing.
    expect((await asOfficer.request(MARK, { input: { noticeIds: [othersNotice.id] } })).data!.markNotificationsRead).toEqual({ marked: 0, unread: 2 });
    expect(errorCode(await asOfficer.request(MARK, { input: { noticeIds: ['not an id'] } }))).toBe('BAD_USER_INPUT');
    expect(await server.prisma.notice.count({ where: { userId: { in: [officer.id, other.id] }, readAt: { not: null } } })).toBe(0);

    expect((await asOfficer.request(MARK, { input: { noticeIds: [before.notices[0].id] } })).data!.markNotificationsRead).toEqual({ marked: 1, unread: 1 });
    // Naming notifications only leaves the notices alone; naming nothing marks everything.
    await server.prisma.notification.create({ data: { userId: officer.id, kind: 'ANSWER_ARRIVED', proposalId: referred.id } });
    expect((await asOfficer.request(MARK, { input: { ids: [] } })).data!.markNotificationsRead).toEqual({ marked: 0, unread: 2 });
    expect((await asOfficer.request(MARK)).data!.markNotificationsRead).toEqual({ marked: 2, unread: 0 });
    expect((await asOfficer.request(VIEWER)).data!.viewer.unreadNotifications).toBe(0);
    expect(await server.prisma.notice.count({ where: { userId: other.id, readAt: null } })).toBe(1);

    // A new one goes out in the officer's daily digest, in its language.
    await server.prisma.user.update({ where: { id: officer.id }, data: { locale: 'en' } });
    const address = `officer-${key}@example.org`;
    expect((await asOfficer.request(SETTINGS, { input: { email: address, emailDigest: true } })).errors).toBeUndefined();
    await server.prisma.notice.create({ data: { userId: officer.id, kind: 'REFERRAL_REMINDER', proposalId: referred.id } });
    await runDigests();
    const mail = mails.filter((m) => m.to.includes(address));
    expect(mail).toHaveLength(1);
    const text = mailText(mail[0]!.body);
    expect(text).toContain('• Reminder: "Đề xuất REFERRED" is still waiting for the agency’s answer.');
    // What was read is not news.
    expect(text).not.toContain('overdue');
  });
});
