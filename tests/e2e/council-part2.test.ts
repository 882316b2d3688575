// Part 2 of the councils in a real Chromium: a pre-moderated comment seen only by its author and
// the moderator until approved, the author told, a meeting planned, the public participation
// page, and a tally updating live while a vote is cast through another API replica. Every page
// is screenshotted into tests/.artifacts/screenshots and checked with axe.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureUser, grantRole } from '@treem/db/factories';
import { startServer } from '../support/server.js';
import { Client, globalId } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, proposalIn } from '../support/fixtures.js';
import { executablePath, expectNoSeriousA11yViolations, hydrated, launchBrowser, screenshots, watchCsp } from '../support/browser.js';

let server: Awaited<ReturnType<typeof startServer>>;
let replica: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let world: Awaited<ReturnType<typeof councilWithMembers>>;
let proposalId: string;

beforeAll(async () => {
  if (!executablePath) return;
  const databaseUrl = inject('databaseUrl');
  [server, replica] = await Promise.all([startServer({ databaseUrl, withWeb: true }), startServer({ databaseUrl })]);
  world = await councilWithMembers(server.prisma, { members: 3, liveCounts: true });
  const proposal = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'OPEN' });
  proposalId = globalId('Proposal', proposal.id);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await replica?.close();
});

async function signedIn(username: string, javaScript: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/login`);
  await hydrated(page, javaScript);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

/** A screenshot of the page as it is, and axe on the same address as the same person (axe needs JavaScript). */
async function look(page: Page, name: string) {
  await page.screenshot({ path: `${screenshots}council2-${name}.png`, fullPage: true });
  const context = await browser.newContext({ storageState: await page.context().storageState(), locale: 'vi-VN' });
  const checked = await context.newPage();
  await checked.goto(page.url());
  await expectNoSeriousA11yViolations(checked);
  await context.close();
}

describe.skipIf(!executablePath)('council discussion, notices, sessions and statistics', () => {
  it('keeps a comment between its author and the moderator until approval, then tells the author', async () => {
    const COMMENT = 'Em nghĩ sân chơi cần thêm cây xanh.';
    const author = await signedIn(world.children[0]!.username, false);
    const csp = watchCsp(author.page);
    await author.page.goto(`${server.url}/proposals/${encodeURIComponent(proposalId)}/discussion`);
    await author.page.getByLabel('Ý kiến của em').fill(COMMENT);
    await author.page.getByRole('button', { name: 'Gửi bình luận' }).click();
    await author.page.getByText('Đã gửi. Anh chị phụ trách sẽ đọc trước khi mọi người thấy.').waitFor();
    await author.page.getByText(COMMENT).waitFor();
    await author.page.getByText('Đang chờ duyệt').first().waitFor();
    await look(author.page, '1-comment-pending-author');

    const other = await signedIn(world.children[1]!.username, false);
    await other.page.goto(`${server.url}/proposals/${encodeURIComponent(proposalId)}/discussion`);
    await other.page.getByText('Chưa có bình luận nào.').waitFor();
    expect(await other.page.getByText(COMMENT).count()).toBe(0);
    await look(other.page, '2-comment-invisible-other-member');
    const anonymous = await browser.newPage();
    await anonymous.goto(`${server.url}/proposals/${encodeURIComponent(proposalId)}/discussion`);
    expect(await anonymous.getByText(COMMENT).count()).toBe(0);

    const moderator = await signedIn(world.moderator.username, true);
    await moderator.page.goto(`${server.url}/moderation/comments`);
    await hydrated(moderator.page, true);
    await moderator.page.getByText(COMMENT).waitFor();
    await look(moderator.page, '3-moderation-comments');
    await moderator.page.getByRole('button', { name: 'Duyệt', exact: true }).first().click();
    await moderator.page.getByText('Đã lưu quyết định.').waitFor();

    await other.page.reload();
    await other.page.getByText(COMMENT).waitFor();
    await look(other.page, '4-comment-approved');

    await author.page.goto(`${server.url}/notifications`);
    await author.page.getByText(`Bình luận của em về "Đề xuất OPEN" đã được duyệt.`).waitFor();
    await author.page.getByRole('link', { name: 'Thông báo (1 mới)' }).waitFor();
    await look(author.page, '5-notifications');
    await author.page.getByRole('button', { name: 'Đánh dấu đã đọc hết' }).click();
    await author.page.getByText('Đã đánh dấu đã đọc.').waitFor();
    // The header counts what is left, on the page the action answers with.
    await author.page.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
    expect(csp).toEqual([]);
    for (const { context } of [author, other, moderator]) await context.close();
    await anonymous.close();
  });

  it('shows an agency officer the referrals it was told about, counted in the header until read', async () => {
    const agency = await server.prisma.agency.create({ data: { code: `E-${world.key}`, nameVi: `Cơ quan ${world.key}`, nameEn: `Agency ${world.key}`, kind: 'DEPARTMENT' } });
    const officer = await ensureUser(server.prisma, { username: `e.${world.key}.officer`, displayName: 'Cán bộ', kind: 'ADULT', password: PASSWORD });
    await grantRole(server.prisma, { userId: officer.id, role: 'AGENCY_OFFICER', agencyId: agency.id });
    const referred = await proposalIn(server.prisma, { councilId: world.council.id, authorId: world.children[0]!.id, state: 'REFERRED' });
    await server.prisma.notice.create({ data: { userId: officer.id, kind: 'REFERRAL_RECEIVED', proposalId: referred.id } });

    const { context, page } = await signedIn(officer.username, false);
    const csp = watchCsp(page);
    await page.getByRole('link', { name: 'Thông báo (1 mới)' }).click();
    await page.getByRole('heading', { name: 'Thông báo của bạn', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Về các đề xuất gửi cơ quan' }).waitFor();
    await page.getByText('Cơ quan của bạn nhận được đề xuất "Đề xuất REFERRED" của hội đồng trẻ em. Hãy trả lời trước hạn.').waitFor();
    await look(page, '6-officer-notices');
    await page.getByRole('link', { name: 'Xem đề xuất' }).first().click();
    await page.getByRole('heading', { name: 'Đề xuất REFERRED', level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: 'Đã đọc', exact: true }).click();
    await page.getByText('Đã đánh dấu đã đọc.').waitFor();
    await page.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
    expect(await server.prisma.notice.count({ where: { userId: officer.id, readAt: null } })).toBe(0);
    expect(csp).toEqual([]);
    await context.close();
  });

  it('plans a meeting that members see', async () => {
    const moderator = await signedIn(world.moderator.username, false);
    await moderator.page.goto(`${server.url}/councils/${encodeURIComponent(globalId('Council', world.council.id))}/sessions`);
    const soon = new Date(Date.now() + 3 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 16);
    await moderator.page.getByLabel('Ngày giờ').fill(soon);
    await moderator.page.getByLabel('Nơi họp (hoặc để trống nếu họp trực tuyến)').fill('Nhà văn hoá phường');
    await moderator.page.getByLabel('Đề xuất OPEN').check();
    await moderator.page.getByRole('button', { name: 'Lên lịch', exact: true }).click();
    await moderator.page.getByText('Đã lên lịch buổi họp.').waitFor();
    await look(moderator.page, '6-sessions-moderator');

    const member = await signedIn(world.children[2]!.username, false);
    await member.page.goto(`${server.url}/councils/${encodeURIComponent(globalId('Council', world.council.id))}/sessions`);
    await member.page.getByText('Nhà văn hoá phường').waitFor();
    await look(member.page, '7-sessions-member');
    await moderator.context.close();
    await member.context.close();
  });

  it('shows participation on a public page with charts and tables, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/statistics`);
    await page.getByRole('heading', { level: 1, name: 'Số liệu tham gia của các hội đồng' }).waitFor();
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    expect(await page.locator('table').count()).toBeGreaterThan(0);
    await look(page, '8-statistics');
    await context.close();
  });

  it('updates the tally live while a member votes through another API replica', async () => {
    const watcher = await signedIn(world.children[1]!.username, true);
    await watcher.page.goto(`${server.url}/proposals/${encodeURIComponent(proposalId)}`);
    await hydrated(watcher.page, true);
    const total = watcher.page.getByTestId('tally-total');
    const before = await total.textContent();
    const voter = new Client(replica.url);
    await voter.login(world.children[2]!.username, PASSWORD);
    const voted = await voter.request(`mutation ($input: CastVoteInput!) { castVote(input: $input) { id } }`, { input: { proposalId, choice: 'SUPPORT' } });
    expect(voted.errors).toBeUndefined();
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).not.toBe(before);
    await look(watcher.page, '9-live-tally');
    await watcher.context.close();
  });
});
