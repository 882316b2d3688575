import { z } from 'zod';
import { today } from '../../calendar.js';
import { translator, type Locale } from '../../i18n.js';
import { defineTask, schedule } from '../../jobs/registry.js';
import { mailer, mailFrom } from './mailer.js';

export { resetMailer } from './mailer.js';

/**
 * The adults' daily digest: what is new for them since their last one, and how much waits in
 * their moderation queue. At most one a day per person: the (person, day) row is claimed in the
 * same transaction that sends, so a second run, a retry or another replica finds it taken.
 * The mail goes out before the claim commits; if sending fails the claim rolls back and the
 * job's retry tries again.
 */
export const sendDigests = defineTask('notifications:sendDigests', z.object({}), async (_payload, { prisma, now }) => {
  const transport = mailer();
  if (!transport) return;
  const day = today(now);
  const recipients = await prisma.notificationSetting.findMany({
    where: { emailDigest: true, email: { not: null }, user: { kind: 'ADULT', digestDeliveries: { none: { day } } } },
    select: { email: true, user: { select: { id: true, displayName: true, locale: true } } },
  });
  for (const { email, user } of recipients) {
    const last = await prisma.digestDelivery.findFirst({ where: { userId: user.id }, orderBy: { day: 'desc' }, select: { sentAt: true } });
    const since = last?.sentAt ?? new Date(now.getTime() - 24 * 3600 * 1000);
    // What is new and unread: the agency's notices (referrals to answer) first, then the rest.
    const news = { where: { userId: user.id, readAt: null, createdAt: { gt: since, lte: now } }, orderBy: { createdAt: 'asc' }, take: 50, select: { kind: true, proposal: { select: { title: true } } } } as const;
    const [notices, notifications, [queue]] = await Promise.all([
      prisma.notice.findMany(news),
      prisma.notification.findMany(news),
      // Counted in PostgreSQL: pending comments, proposals in review and open reports in the
      // councils this person moderates.
      prisma.$queryRaw<{ n: number }[]>`
        SELECT ((SELECT count(*) FROM "Comment" c JOIN "Proposal" p ON p."id" = c."proposalId"
                  JOIN "Facilitator" f ON f."councilId" = p."councilId" AND f."userId" = ${user.id}
                  WHERE c."state" = 'PENDING')
              + (SELECT count(*) FROM "Proposal" p JOIN "Facilitator" f ON f."councilId" = p."councilId" AND f."userId" = ${user.id}
                  WHERE p."state" = 'IN_REVIEW')
              + (SELECT count(DISTINCT COALESCE(r."proposalId", r."commentId")) FROM "ContentReport" r
                  LEFT JOIN "Comment" c ON c."id" = r."commentId"
                  JOIN "Proposal" p ON p."id" = COALESCE(r."proposalId", c."proposalId")
                  JOIN "Facilitator" f ON f."councilId" = p."councilId" AND f."userId" = ${user.id}
                  WHERE r."resolvedAt" IS NULL))::int AS n`,
    ]);
    const items = [...notices, ...notifications];
    const pending = queue?.n ?? 0;
    if (items.length === 0 && pending === 0) continue;
    const t = translator((user.locale === 'en' ? 'en' : 'vi') as Locale);
    const lines = [
      t('digest.intro', { name: user.displayName }),
      '',
      ...items.map((n) => `• ${t(`notifications.${n.kind}`, { title: n.proposal?.title ?? '' })}`),
      ...(pending > 0 ? ['', t('digest.queue', { count: pending })] : []),
      '',
      t('digest.footer'),
    ];
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        INSERT INTO "DigestDelivery" ("userId", "day", "sentAt", "items") VALUES (${user.id}, ${day}::date, ${now}, ${items.length + pending})
        ON CONFLICT DO NOTHING`;
      if (claimed === 0) return;
      await transport.sendMail({ from: mailFrom(), to: email!, subject: t('digest.subject', { count: items.length + pending }), text: lines.join('\n') });
    }, { timeout: 60_000 });
  }
});

// 07:00 in Vietnam.
schedule('send-digests', '0 0 * * *', sendDigests);
