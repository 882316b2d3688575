// Without JavaScript (old phones, school computers with scripts blocked), a moderator still adds
// a child and hands over its one-time password, the child still chooses its own password at
// first sign-in, and writes and submits a proposal: every form posts natively.
import { describe, expect, it } from 'vitest';
import { Client, globalId } from '../support/graphql.js';
import { executablePath, expectNoSeriousA11yViolations, hydrated, logIn, screenshots, serverAndBrowser } from '../support/browser.js';

const e2e = serverAndBrowser();

describe.skipIf(!executablePath)('the council’s forms without JavaScript', () => {
  it('adds a child, who chooses its own password, then writes and submits a proposal', async () => {
    const council = await e2e.server.prisma.council.findFirstOrThrow({ where: { unit: { code: '92.102' } }, select: { id: true } });
    const councilUrl = `${e2e.server.url}/councils/${encodeURIComponent(globalId('Council', council.id))}`;
    const moderatorContext = await e2e.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const childContext = await e2e.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      const moderator = await moderatorContext.newPage();
      await logIn(moderator, { baseUrl: e2e.server.url, username: 'moderator.demo', password: 'treem-demo-2030', javaScript: false });
      await moderator.goto(councilUrl);
      await moderator.getByRole('link', { name: 'Thành viên' }).click();
      await moderator.waitForURL(/\/members$/);
      await moderator.getByLabel('Biệt danh').fill('Cá Bống');
      await moderator.getByLabel('Người đồng ý').selectOption('GRANDPARENT');
      await moderator.getByRole('button', { name: 'Thêm thành viên' }).click();
      await moderator.getByText('Mật khẩu dùng một lần cho Cá Bống').waitFor();
      const username = (await moderator.getByTestId('username').textContent())!.trim();
      const oneTimePassword = (await moderator.getByTestId('one-time-password').textContent())!.trim();
      expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      await moderator.screenshot({ path: `${screenshots}/no-js-01-member-added.png`, fullPage: true });

      // First sign-in: every page leads to choosing a password first.
      const child = await childContext.newPage();
      await logIn(child, { baseUrl: e2e.server.url, username, password: oneTimePassword, javaScript: false, landing: '/password' });
      await child.goto(councilUrl);
      expect(child.url()).toBe(`${e2e.server.url}/password`);
      await child.getByLabel('Mật khẩu anh chị đưa').fill(oneTimePassword);
      await child.getByLabel('Mật khẩu mới của em').fill('ca-bong-bo-song');
      await child.screenshot({ path: `${screenshots}/no-js-02-own-password.png`, fullPage: true });
      await child.getByRole('button', { name: 'Lưu mật khẩu' }).click();
      await child.waitForURL(/\/\?password=changed$/);

      // Writing and submitting, natively.
      await child.goto(`${councilUrl}/write`);
      await child.getByLabel('Tên đề xuất').fill('Giờ đọc sách ở thư viện trường');
      await child.getByLabel('Em đề nghị gì, và vì sao?').fill('Chúng em muốn thư viện trường mở thêm giờ nghỉ trưa để đọc sách.');
      await child.getByRole('radio', { name: 'Học tập, văn hóa, vui chơi' }).check();
      await child.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await child.waitForURL(/\/proposals\//);
      await child.getByRole('button', { name: 'Gửi để duyệt' }).click();
      await child.getByText('Đã gửi! Anh chị phụ trách sẽ đọc sớm.').waitFor();
      await child.screenshot({ path: `${screenshots}/no-js-03-submitted.png`, fullPage: true });

      // The moderator ends the membership: the child can no longer write there.
      await moderator.goto(`${councilUrl}/members`);
      await moderator.getByRole('listitem').filter({ hasText: username }).getByRole('button', { name: 'Kết thúc tham gia' }).click();
      await moderator.getByText('Đã kết thúc tham gia.').waitFor();
      await child.goto(`${councilUrl}/write`);
      expect(await child.getByRole('heading', { level: 1 }).textContent()).not.toBe('Viết đề xuất mới');
    } finally {
      await moderatorContext.close();
      await childContext.close();
    }
  }, 120_000);

  // axe runs scripts in the page, so the same pages are checked again with JavaScript on.
  it('keeps the members and first-password pages accessible', async () => {
    const council = await e2e.server.prisma.council.findFirstOrThrow({ where: { unit: { code: '92.102' } }, select: { id: true } });
    const councilId = globalId('Council', council.id);
    const api = new Client(e2e.server.url);
    await api.login('moderator.demo', 'treem-demo-2030');
    const added = (await api.request(
      `mutation ($input: AddCouncilMemberInput!) { addCouncilMember(input: $input) { oneTimePassword member { username } } }`,
      { input: { councilId, pseudonym: 'Đom Đóm Nhỏ', guardianConsent: { givenOn: '2026-09-01', givenBy: 'FATHER', method: 'IN_PERSON' } } },
    )).data!.addCouncilMember;
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await logIn(page, { baseUrl: e2e.server.url, username: 'moderator.demo', password: 'treem-demo-2030', javaScript: true });
      await page.goto(`${e2e.server.url}/councils/${encodeURIComponent(councilId)}/members`);
      await hydrated(page, true);
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL(`${e2e.server.url}/`);
      await logIn(page, { baseUrl: e2e.server.url, username: added.member.username, password: added.oneTimePassword, javaScript: true, landing: '/password' });
      await hydrated(page, true);
      await expectNoSeriousA11yViolations(page);
    } finally {
      await context.close();
    }
  });
});
