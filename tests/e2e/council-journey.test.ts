// Issue 8's journey in a real Chromium with the demo accounts, from a child's idea to an
// agency's answer: the child writes → the moderator returns it → the child fixes and submits →
// approved → members vote → closed early, adopted → escalated → referred → the officer
// answers → the child rates the answer. A screenshot of each step in tests/.artifacts/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Client, globalId } from '../support/graphql.js';
import { executablePath, expectNoSeriousA11yViolations, hydrated, screenshots, watchCsp, serverAndBrowser } from '../support/browser.js';

const PASSWORD = 'treem-demo-2030';
const TITLE = 'Thêm cây bóng mát ở sân chơi';

const e2e = serverAndBrowser();

/** One person's browser: a phone-sized window, signed in through the login form. */
async function person(username: string): Promise<{ context: BrowserContext; page: Page; csp: string[] }> {
  const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const csp = watchCsp(page);
  await page.goto(`${e2e.server.url}/login`);
  await hydrated(page, true);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL(`${e2e.server.url}/`);
  return { context, page, csp };
}

let step = 0;
const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshots}/journey-${String(++step).padStart(2, '0')}-${name}.png`, fullPage: true });

async function open(page: Page, url: string) {
  await page.goto(url);
  await hydrated(page, true);
}

describe.skipIf(!executablePath)('from a child’s idea to an agency’s answer', () => {
  it('runs the whole journey with the demo accounts', async () => {
    const council = await e2e.server.prisma.council.findFirstOrThrow({ where: { unit: { code: '92.102' } }, select: { id: true } });
    const councilUrl = `${e2e.server.url}/councils/${encodeURIComponent(globalId('Council', council.id))}`;
    const child = await person('child.demo');
    const moderator = await person('moderator.demo');
    const officer = await person('officer.demo');
    try {
      // 1. The child writes a draft in its council.
      await open(child.page, councilUrl);
      await child.page.getByRole('link', { name: 'Viết đề xuất mới' }).click();
      await child.page.waitForURL(/\/write$/);
      await hydrated(child.page, true);
      await child.page.getByLabel('Tên đề xuất').fill(TITLE);
      await child.page.getByLabel('Em đề nghị gì, và vì sao?').fill('Sân chơi rất nắng, chúng em không chơi được buổi trưa.');
      await child.page.getByRole('radio', { name: 'Học tập, văn hóa, vui chơi' }).check();
      await expectNoSeriousA11yViolations(child.page);
      await shot(child.page, 'child-writes');
      await child.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await child.page.waitForURL(/\/proposals\//);
      const proposalUrl = child.page.url();
      await hydrated(child.page, true);
      await child.page.getByText('Đây là bản nháp: chỉ em thấy.').waitFor();
      await child.page.getByRole('button', { name: 'Gửi để duyệt' }).click();
      await child.page.getByText('Đã gửi! Anh chị phụ trách sẽ đọc sớm.').waitFor();
      await shot(child.page, 'child-submits');

      // Nobody else sees it: not the public.
      const publicView = await fetch(proposalUrl);
      expect(publicView.status).toBe(404);

      // 2. The moderator finds it in the queue and returns it with a kind message.
      await open(moderator.page, `${e2e.server.url}/moderation`);
      await expectNoSeriousA11yViolations(moderator.page);
      await shot(moderator.page, 'moderation-queue');
      await moderator.page.getByRole('link', { name: TITLE }).click();
      await moderator.page.waitForURL(proposalUrl);
      await hydrated(moderator.page, true);
      await moderator.page.getByLabel('Lý do').selectOption('NEEDS_DETAIL');
      await moderator.page.getByLabel('Lời nhắn cho em (nhẹ nhàng, dễ hiểu)').fill('Ý tưởng hay lắm! Em cho biết sân chơi ở đâu nhé.');
      await moderator.page.getByRole('button', { name: 'Gửi lại cho em sửa' }).click();
      await moderator.page.getByText('Đã gửi lại cho em.').waitFor();
      await shot(moderator.page, 'moderator-returns');

      // 3. The child reads the message, fixes the draft and submits it again.
      await open(child.page, proposalUrl);
      await child.page.getByText('Ý tưởng hay lắm! Em cho biết sân chơi ở đâu nhé.').waitFor();
      await child.page.getByText('Em viết thêm một chút để mọi người hiểu rõ hơn nhé.').waitFor();
      await expectNoSeriousA11yViolations(child.page);
      await shot(child.page, 'child-reads-return');
      await child.page.getByLabel('Em đề nghị gì, và vì sao?').fill('Sân chơi ở công viên Cái Khế rất nắng, chúng em không chơi được buổi trưa. Xin trồng thêm cây.');
      await child.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await child.page.getByText('Đã lưu.').waitFor();
      await child.page.getByRole('button', { name: 'Gửi để duyệt' }).click();
      await child.page.getByText('Đã gửi! Anh chị phụ trách sẽ đọc sớm.').waitFor();
      await shot(child.page, 'child-resubmits');

      // 4. The moderator approves it: voting opens.
      await open(moderator.page, proposalUrl);
      await moderator.page.getByRole('button', { name: 'Duyệt và mở bỏ phiếu' }).click();
      await moderator.page.getByText('Đã duyệt: các em bắt đầu bỏ phiếu.').waitFor();
      await shot(moderator.page, 'moderator-approves');

      // 5. Members vote: the demo child here, every other member through the API.
      await open(child.page, proposalUrl);
      await child.page.getByRole('radio', { name: 'Em đồng ý', exact: true }).check();
      await child.page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await child.page.getByText('Cảm ơn em! Phiếu của em đã được ghi lại.').waitFor();
      await shot(child.page, 'child-votes');
      const proposalId = decodeURIComponent(proposalUrl.split('/proposals/')[1]!);
      const members = await e2e.server.prisma.user.findMany({
        where: { username: { not: 'child.demo' }, memberships: { some: { leftAt: null, term: { councilId: council.id, endsOn: { gte: new Date() } } } } },
        select: { username: true },
      });
      expect(members.length).toBeGreaterThanOrEqual(9);
      for (const [i, member] of members.entries()) {
        const client = new Client(e2e.server.url);
        await client.login(member.username, PASSWORD);
        const result = await client.request(`mutation ($input: CastVoteInput!) { castVote(input: $input) { id } }`, {
          input: { proposalId, choice: i % 4 === 3 ? 'OPPOSE' : 'SUPPORT' },
        });
        expect(result.errors).toBeUndefined();
      }

      // 6. Everyone voted: the moderator closes it early, adopted, with the figures kept.
      await open(moderator.page, proposalUrl);
      await moderator.page.getByRole('button', { name: 'Kết thúc bỏ phiếu sớm' }).click();
      await moderator.page.getByText('Đã kết thúc bỏ phiếu.').waitFor();
      await moderator.page.getByText('Được thông qua').first().waitFor();
      await moderator.page.getByText(`${members.length + 1} / ${members.length + 1} thành viên đã bỏ phiếu`).waitFor();
      await shot(moderator.page, 'closed-adopted');

      // 7. Escalated to the city council (today's parent of a ward council).
      await moderator.page.getByRole('button', { name: 'Chuyển lên hội đồng cấp trên' }).click();
      await moderator.page.getByText('Đã chuyển lên hội đồng cấp trên.').waitFor();
      await moderator.page.getByRole('link', { name: 'Xem ở hội đồng cấp trên' }).click();
      await moderator.page.getByText('Đề xuất này đến từ Hội đồng trẻ em phường Cái Khế').waitFor();
      await expectNoSeriousA11yViolations(moderator.page);
      await shot(moderator.page, 'escalated-to-city');

      // 8. Referred to the demo officer's department.
      await open(moderator.page, proposalUrl);
      await moderator.page.getByLabel('Cơ quan').selectOption('SGDDT');
      await moderator.page.getByRole('button', { name: 'Gửi tới cơ quan' }).click();
      await moderator.page.getByText('Đã gửi tới cơ quan.').waitFor();
      await moderator.page.getByText('Đang chờ trả lời').waitFor();
      await shot(moderator.page, 'referred');

      // 9. The officer finds it among the referrals and answers.
      await open(officer.page, `${e2e.server.url}/referrals`);
      await expectNoSeriousA11yViolations(officer.page);
      await shot(officer.page, 'officer-referrals');
      await officer.page.getByRole('link', { name: TITLE }).click();
      await officer.page.waitForURL(proposalUrl);
      await hydrated(officer.page, true);
      await officer.page.getByRole('radio', { name: 'Đồng ý một phần' }).check();
      await officer.page.getByLabel('Giải thích bằng lời dễ hiểu cho các em').fill('Chúng tôi sẽ trồng 5 cây ở sân chơi trong mùa mưa tới. Mái che cần thêm kinh phí.');
      await officer.page.getByLabel('Việc 1', { exact: true }).fill('Trồng 5 cây bóng mát');
      const due = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
      await officer.page.getByLabel('Thời hạn việc 1').fill(due);
      await officer.page.getByRole('button', { name: 'Gửi trả lời' }).click();
      await officer.page.getByText('Đã gửi trả lời. Các em sẽ thấy ngay.').waitFor();
      await shot(officer.page, 'officer-answers');

      // 10. The child reads the answer and rates it; the rating shows with it.
      await open(child.page, proposalUrl);
      await child.page.getByText('Trồng 5 cây bóng mát').waitFor();
      await child.page.getByRole('group', { name: 'Câu trả lời có dễ hiểu không?' }).getByRole('radio', { name: 'Có' }).check();
      await child.page.getByRole('group', { name: 'Câu trả lời có giúp được gì không?' }).getByRole('radio', { name: 'Có' }).check();
      await child.page.getByRole('button', { name: 'Gửi ý kiến' }).click();
      await child.page.getByText('Cảm ơn em đã cho ý kiến!').waitFor();
      await child.page.getByText('1 bạn đã cho ý kiến: 1 thấy dễ hiểu, 1 thấy có ích.').waitFor();
      await expectNoSeriousA11yViolations(child.page);
      await shot(child.page, 'child-rates');

      // The council's public "you said, we did" page shows it.
      await open(child.page, `${councilUrl}/outcomes`);
      await child.page.getByRole('link', { name: TITLE }).waitFor();
      await expectNoSeriousA11yViolations(child.page);
      await shot(child.page, 'you-said-we-did');

      expect([...child.csp, ...moderator.csp, ...officer.csp]).toEqual([]);
      // Every moderator action on the proposal is in the audit log, in order.
      const rowId = Buffer.from(proposalId, 'base64').toString().split(':')[1]!;
      const actions = await e2e.server.prisma.auditLog.findMany({ where: { subjectId: rowId }, select: { action: true }, orderBy: { id: 'asc' } });
      expect(actions.map((a) => a.action)).toEqual(['proposal.return', 'proposal.approve', 'proposal.close', 'proposal.escalate', 'proposal.refer']);
    } finally {
      await Promise.all([child.context.close(), moderator.context.close(), officer.context.close()]);
    }
  });
});
