import { z } from 'zod';
import { defineTask, schedule } from '../../jobs/registry.js';

/** Expired sessions are useless and only grow the table: remove them every night. */
export const purgeExpiredSessions = defineTask('accounts:purgeExpiredSessions', z.object({}), async (_payload, { prisma, now }) => {
  await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
});

// 02:00 in Vietnam.
schedule('purge-expired-sessions', '0 19 * * *', purgeExpiredSessions);
