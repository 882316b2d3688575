import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let other: Awaited<ReturnType<typeof councilWithMembers>>;

beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  world = await councilWithMembers(server.prisma, { members: 4 });
  other = await councilWithMembers(server.prisma, { members: 1 });
});
afterAll(() => server.close());

const signIn = async (username: string, locale: 'vi' | 'en' = 'vi') => {
  const client = new Client(server.url, locale);
  await client.login(username, PASSWORD);
  return client;
};

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id body state version isReply } }`;
const COMMENTS = `query ($id: ID!) { proposal(id: $id) { hidden comments { id body state authorName replies { id body } } } }`;
const APPROVE = `mutation ($input: DecideCommentInput!) { approveComment(input: $input) { id state version } }`;
const REJECT = `mutation ($input: DecideCommentInput!) { rejectComment(input: $input) { id state } }`;
const REPORT = `mutation ($input: ReportContentInput!) { reportContent(input: $input) { reported } }`;
const RESOLVE = `mutation ($input: ResolveReportsInput!) { resolveReports(input: $input) { reported } }`;
const QUEUE = `{ commentModerationQueue(first: 50) { totalCount edges { node { id body } } } reportedContent { reports proposal { id } comment { id } } }`;

const bodies = async (client: Client, proposalId: string) => {
  const { data } = await client.request(COMMENTS, { id: globalId('Proposal', proposalId) });
  return data!.proposal?.comments.map((c: { body: string }) => c.body) ?? null;
};

describe('comments are pre-moderated', () => {
  it('shows a comment to its author and the moderators only, until a moderator approves it', async () => {
    const [author, member] = world.children;
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'OPEN' });
    const asAuthor = await signIn(author!.username);
    const added = await asAuthor.request(ADD, { input: { proposalId: globalId('Proposal', proposal.id), body: '  Em đồng ý với ý này  ' } });
    expect(added.data!.addComment).toMatchObject({ body: 'Em đồng ý với ý này', state: 'PENDING', isReply: false });
    const commentId = added.data!.addComment.id;

    const asMember = await signIn(member!.username);
    const asModerator = await signIn(world.moderator.username);
    const asOtherModerator = await signIn(other.moderator.username);
    const anonymous = new Client(server.url);
    expect(await bodies(asAuthor, proposal.id)).toEqual(['Em đồng ý với ý này']);
    expect(await bodies(asModerator, proposal.id)).toEqual(['Em đồng ý với ý này']);
    expect(await bodies(asMember, proposal.id)).toEqual([]);
    expect(await bodies(asOtherModerator, proposal.id)).toEqual([]);
    expect(await bodies(anonymous, proposal.id)).toEqual([]);
    // Not by id either.
    expect((await asMember.request(`query ($id: ID!) { node(id: $id) { id } }`, { id: commentId })).data).toEqual({ node: null });

    // The moderators' queue has it; the other council's moderator cannot decide on it.
    const queue = await asModerator.request(QUEUE);
    expect(queue.data!.commentModerationQueue.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(commentId);
    expect(errorCode(await asOtherModerator.request(APPROVE, { input: { id: commentId, version: 0 } }))).toBe('NOT_FOUND');
    expect(errorCode(await asMember.request(APPROVE, { input: { id: commentId, version: 0 } }))).toBe('FORBIDDEN');
    expect(errorCode(await anonymous.request(APPROVE, { input: { id: commentId, version: 0 } }))).toBe('UNAUTHENTICATED');

    // Two moderators (two tabs) approving at once move it once.
    const both = await Promise.all([asModerator.request(APPROVE, { input: { id: commentId, version: 0 } }), asModerator.request(APPROVE, { input: { id: commentId, version: 0 } })]);
    expect(both.filter((r) => r.data?.approveComment?.state === 'APPROVED')).toHaveLength(1);
    expect(both.map(errorCode).filter(Boolean)[0]).toMatch(/CONFLICT|BAD_USER_INPUT/);
    expect(await server.prisma.auditLog.count({ where: { subjectType: 'Comment', subjectId: Buffer.from(commentId, 'base64').toString().split(':')[1] } })).toBe(1);

    expect(await bodies(asMember, proposal.id)).toEqual(['Em đồng ý với ý này']);
    expect(await bodies(anonymous, proposal.id)).toEqual(['Em đồng ý với ý này']);

    // The author hears about it, in its language.
    const notices = await asAuthor.request(`{ notifications(first: 5, unreadOnly: true) { edges { node { kind message read } } } viewer { unreadNotifications } }`);
    expect(notices.data!.notifications.edges[0].node).toEqual({ kind: 'COMMENT_APPROVED', message: 'Bình luận của em về "Đề xuất OPEN" đã được duyệt.', read: false });
  });

  it('takes replies one level deep and refuses non-members, unpublished proposals and empty text', async () => {
    const [author, member] = world.children;
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'ADOPTED' });
    const pid = globalId('Proposal', proposal.id);
    const asAuthor = await signIn(author!.username);
    const asMember = await signIn(member!.username);
    const asModerator = await signIn(world.moderator.username);
    const top = (await asAuthor.request(ADD, { input: { proposalId: pid, body: 'Ý chính' } })).data!.addComment;
    await asModerator.request(APPROVE, { input: { id: top.id, version: 0 } });
    const reply = (await asMember.request(ADD, { input: { proposalId: pid, body: 'Trả lời', replyTo: top.id } })).data!.addComment;
    expect(reply.isReply).toBe(true);
    expect(errorCode(await asMember.request(ADD, { input: { proposalId: pid, body: 'Trả lời tiếp', replyTo: reply.id } }))).toBe('BAD_USER_INPUT');
    // Someone who cannot see the pending reply cannot learn of it by answering it.
    expect(errorCode(await asAuthor.request(ADD, { input: { proposalId: pid, body: 'Trả lời tiếp', replyTo: reply.id } }))).toBe('NOT_FOUND');
    // The reply waits: the author of the top comment does not see it yet; its own author does.
    const replies = async (client: Client) => (await client.request(COMMENTS, { id: pid })).data!.proposal.comments[0].replies.map((r: { body: string }) => r.body);
    expect(await replies(asAuthor)).toEqual([]);
    expect(await replies(asMember)).toEqual(['Trả lời']);
    await asModerator.request(REJECT, { input: { id: reply.id, version: 0 } });
    expect(await replies(asAuthor)).toEqual([]);

    const outsider = await signIn(other.children[0]!.username, 'en');
    const refused = await outsider.request(ADD, { input: { proposalId: pid, body: 'Hi' } });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toBe('Only members of this council can do this.');
    expect(errorCode(await asModerator.request(ADD, { input: { proposalId: pid, body: 'Người lớn' } }))).toBe('FORBIDDEN');
    expect(errorCode(await asMember.request(ADD, { input: { proposalId: pid, body: '   ' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await asMember.request(ADD, { input: { proposalId: pid, body: 'x'.repeat(2001) } }))).toBe('BAD_USER_INPUT');
    const inReview = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'IN_REVIEW' });
    expect(errorCode(await asAuthor.request(ADD, { input: { proposalId: globalId('Proposal', inReview.id), body: 'Sớm quá' } }))).toBe('NOT_OPEN');
    expect(errorCode(await asMember.request(ADD, { input: { proposalId: globalId('Proposal', inReview.id), body: 'Sớm quá' } }))).toBe('NOT_FOUND');
    expect(await server.prisma.comment.count({ where: { proposalId: { in: [proposal.id, inReview.id] } } })).toBe(2);
  });
});

describe('comments waiting for a moderator', () => {
  it('are limited per child and council, even when sent all at once, and the limit lifts as a moderator decides', async () => {
    const own = await councilWithMembers(server.prisma, { members: 2 });
    const [child, classmate] = own.children;
    const [first, second] = await Promise.all([0, 1].map(() => proposalIn(server.prisma, { councilId: own.council.id, authorId: classmate!.id, state: 'OPEN' })));
    const asChild = await signIn(child!.username);
    // Across two proposals of the council: the limit is the moderator's queue, not one page.
    const sent = await Promise.all(Array.from({ length: 14 }, (_, i) => asChild.request(ADD, { input: { proposalId: globalId('Proposal', (i % 2 ? first : second)!.id), body: `Ý kiến ${i}` } })));
    expect(sent.filter((r) => r.data?.addComment).length).toBe(10);
    expect(await server.prisma.comment.count({ where: { authorId: child!.id } })).toBe(10);
    const over = sent.find((r) => r.errors)!;
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_PENDING_COMMENTS', max: 10 });
    expect(over.errors![0]!.message).toMatch(/10 bình luận/);
    const english = await (await signIn(child!.username, 'en')).request(ADD, { input: { proposalId: globalId('Proposal', first!.id), body: 'One more' } });
    expect(english.errors![0]!.message).toBe('You have 10 comments waiting for the adults who run your council to read them. Please wait until they have, then write more.');
    // Another child of the council is not held back by this one.
    expect((await (await signIn(classmate!.username)).request(ADD, { input: { proposalId: globalId('Proposal', first!.id), body: 'Của bạn khác' } })).data?.addComment).toBeTruthy();
    // A decision frees a place, approved or not.
    const asModerator = await signIn(own.moderator.username);
    await asModerator.request(REJECT, { input: { id: sent.find((r) => r.data?.addComment)!.data!.addComment.id, version: 0 } });
    expect((await asChild.request(ADD, { input: { proposalId: globalId('Proposal', first!.id), body: 'Lại được viết' } })).data?.addComment.state).toBe('PENDING');
    expect(errorCode(await asChild.request(ADD, { input: { proposalId: globalId('Proposal', first!.id), body: 'Lại đầy rồi' } }))).toBe('BAD_USER_INPUT');
  });
});

describe("a comment's proposal", () => {
  it('is read with the comments, not once per comment, and only while the viewer may see it', async () => {
    const council = await councilWithMembers(server.prisma, { members: 3 });
    const [author, commenter] = council.children;
    const asCommenter = await signIn(commenter!.username);
    const asModerator = await signIn(council.moderator.username);
    const proposals = [];
    for (let i = 0; i < 3; i += 1) {
      const proposal = await proposalIn(server.prisma, { councilId: council.council.id, authorId: author!.id, state: 'OPEN' });
      for (let j = 0; j < 2; j += 1) await asCommenter.request(ADD, { input: { proposalId: globalId('Proposal', proposal.id), body: `Ý kiến ${i}.${j}` } });
      proposals.push(proposal);
    }
    const LIST = `{ commentModerationQueue(first: 50) { edges { node { body proposal { id title } } } } }`;
    server.queries.length = 0;
    const { data, errors } = await asModerator.request(LIST);
    expect(errors).toBeUndefined();
    // The session and the comments with their proposals.
    expect(server.queries).toHaveLength(2);
    const nodes = data!.commentModerationQueue.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toHaveLength(6);
    expect(nodes).toEqual(proposals.flatMap((p, i) => [0, 1].map((j) => ({ body: `Ý kiến ${i}.${j}`, proposal: { id: globalId('Proposal', p.id), title: p.title } }))));

    // Hidden after reports: its moderators still see it under the comment, the commenter (who
    // still sees the comment, their own) no longer does.
    await server.prisma.proposal.update({ where: { id: proposals[0]!.id }, data: { hiddenAt: new Date() } });
    const commentId = (await server.prisma.comment.findFirstOrThrow({ where: { proposalId: proposals[0]!.id } })).id;
    const READ = `query ($id: ID!) { node(id: $id) { ... on Comment { body proposal { id } } } }`;
    expect((await asCommenter.request(READ, { id: globalId('Comment', commentId) })).data!.node).toEqual({ body: 'Ý kiến 0.0', proposal: null });
    expect((await asModerator.request(READ, { id: globalId('Comment', commentId) })).data!.node).toEqual({ body: 'Ý kiến 0.0', proposal: { id: globalId('Proposal', proposals[0]!.id) } });
  });
});

describe('reports', () => {
  it('hide a comment after a second person reports it, until a moderator decides', async () => {
    const [author, a, b] = world.children;
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'OPEN' });
    const pid = globalId('Proposal', proposal.id);
    const asAuthor = await signIn(author!.username);
    const asModerator = await signIn(world.moderator.username);
    const comment = (await asAuthor.request(ADD, { input: { proposalId: pid, body: 'Nội dung bị báo cáo' } })).data!.addComment;
    await asModerator.request(APPROVE, { input: { id: comment.id, version: 0 } });
    const anonymous = new Client(server.url);
    expect(errorCode(await anonymous.request(REPORT, { input: { targetId: comment.id, reason: 'x' } }))).toBe('UNAUTHENTICATED');

    const asA = await signIn(a!.username);
    const asB = await signIn(b!.username);
    await asA.request(REPORT, { input: { targetId: comment.id, reason: 'Không lịch sự' } });
    await asA.request(REPORT, { input: { targetId: comment.id, reason: 'Lần nữa' } }); // the same person twice counts once
    expect(await bodies(anonymous, proposal.id)).toEqual(['Nội dung bị báo cáo']);
    expect((await asModerator.request(QUEUE)).data!.reportedContent).toContainEqual({ reports: 1, proposal: null, comment: { id: comment.id } });

    await asB.request(REPORT, { input: { targetId: comment.id, reason: 'Chê bạn' } });
    expect(await bodies(anonymous, proposal.id)).toEqual([]);
    expect(await bodies(asA, proposal.id)).toEqual([]);
    expect(await bodies(asAuthor, proposal.id)).toEqual(['Nội dung bị báo cáo']);

    // Children cannot decide; the moderator keeps it, and it shows again.
    expect(errorCode(await asA.request(RESOLVE, { input: { targetId: comment.id, hide: false } }))).toBe('FORBIDDEN');
    expect((await asModerator.request(RESOLVE, { input: { targetId: comment.id, hide: false } })).errors).toBeUndefined();
    expect(await bodies(anonymous, proposal.id)).toEqual(['Nội dung bị báo cáo']);
    expect(errorCode(await asModerator.request(RESOLVE, { input: { targetId: comment.id, hide: true } }))).toBe('BAD_USER_INPUT');
  });

  it('hide a proposal on a moderator’s word after one report', async () => {
    const [author, a] = world.children;
    const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: author!.id, state: 'OPEN' });
    const pid = globalId('Proposal', proposal.id);
    const asA = await signIn(a!.username);
    const asModerator = await signIn(world.moderator.username);
    const asOtherModerator = await signIn(other.moderator.username);
    expect((await asA.request(REPORT, { input: { targetId: pid, reason: 'Có tên thật của bạn' } })).data!.reportContent.reported).toBe(true);
    expect(errorCode(await asOtherModerator.request(RESOLVE, { input: { targetId: pid, hide: true } }))).toBe('FORBIDDEN');
    await asModerator.request(RESOLVE, { input: { targetId: pid, hide: true } });
    const read = `query ($id: ID!) { proposal(id: $id) { id hidden } }`;
    expect((await new Client(server.url).request(read, { id: pid })).data!.proposal).toBeNull();
    expect((await asA.request(read, { id: pid })).data!.proposal).toBeNull();
    expect((await asModerator.request(read, { id: pid })).data!.proposal).toEqual({ id: pid, hidden: true });
    expect((await (await signIn(author!.username)).request(read, { id: pid })).data!.proposal).toEqual({ id: pid, hidden: true });
    const audit = await server.prisma.auditLog.findFirst({ where: { subjectType: 'Proposal', subjectId: proposal.id, action: 'content.hide' } });
    expect(audit?.data).toEqual({ reports: 1 });
  });

  it("are listed for the moderator with what they name read once for the whole list, not once per report", async () => {
    const council = await councilWithMembers(server.prisma, { members: 3 });
    const [author, a] = council.children;
    const asAuthor = await signIn(author!.username);
    const asA = await signIn(a!.username);
    const asModerator = await signIn(council.moderator.username);
    const reported: { proposals: string[]; comments: string[] } = { proposals: [], comments: [] };
    for (let i = 0; i < 4; i += 1) {
      const proposal = await proposalIn(server.prisma, { councilId: council.council.id, authorId: author!.id, state: 'OPEN' });
      const pid = globalId('Proposal', proposal.id);
      const comment = (await asAuthor.request(ADD, { input: { proposalId: pid, body: `Bình luận bị báo cáo ${i}` } })).data!.addComment;
      await asModerator.request(APPROVE, { input: { id: comment.id, version: 0 } });
      await asA.request(REPORT, { input: { targetId: pid, reason: 'Có tên thật' } });
      await asA.request(REPORT, { input: { targetId: comment.id, reason: 'Không lịch sự' } });
      reported.proposals.push(pid);
      reported.comments.push(comment.id);
    }
    const LIST = `{ reportedContent { reports proposal { id title authorName } comment { id body authorName } } }`;
    server.queries.length = 0;
    const { data, errors } = await asModerator.request(LIST);
    expect(errors).toBeUndefined();
    // The session, the reports counted, the proposals and the comments they name.
    expect(server.queries).toHaveLength(4);
    const items = data!.reportedContent as { reports: number; proposal: { id: string } | null; comment: { id: string } | null }[];
    expect(items).toHaveLength(8);
    expect(items.flatMap((item) => item.proposal ?? [])).toEqual(reported.proposals.map((id) => ({ id, title: 'Đề xuất OPEN', authorName: expect.any(String) })));
    expect(items.flatMap((item) => item.comment ?? [])).toEqual(reported.comments.map((id, i) => ({ id, body: `Bình luận bị báo cáo ${i}`, authorName: expect.any(String) })));
    expect(items.every((item) => item.reports === 1 && (item.proposal === null) !== (item.comment === null))).toBe(true);

    // Another council's moderator sees none of them.
    expect((await (await signIn(other.moderator.username)).request(LIST)).data!.reportedContent).toEqual([]);
  });
});
