import { z } from 'zod';
import { defineTask, schedule } from '../../jobs/registry.js';
import { HttpRegistry } from './connector/http.js';
import { noteProblem, runVerification, verifyChildren } from './registry.js';

/** The HTTP link, when the server is configured with one (POPULATION_DB_URL, POPULATION_DB_TOKEN). */
export function configuredRegistry(env: NodeJS.ProcessEnv = process.env): HttpRegistry | null {
  if (!env.POPULATION_DB_URL) return null;
  return new HttpRegistry({
    baseUrl: env.POPULATION_DB_URL,
    token: env.POPULATION_DB_TOKEN,
    timeoutMs: Number(env.POPULATION_DB_TIMEOUT_MS ?? 10_000),
  });
}

/** An officer asked for records to be checked again. */
export const verifyRecords = defineTask('children:verifyRecords', z.object({ childIds: z.array(z.string()).min(1).max(100) }), async ({ childIds }, { prisma }) => {
  const registry = configuredRegistry();
  if (!registry) return noteProblem(prisma, childIds, 'NOT_CONFIGURED');
  await verifyChildren({ prisma, registry, childIds });
});

/** Every night: the whole register against the population database, resuming a stopped run. */
export const syncRegistry = defineTask('children:syncRegistry', z.object({}), async (_payload, { prisma }) => {
  const registry = configuredRegistry();
  if (registry) await runVerification({ prisma, registry });
});

/**
 * Retention rule: when a child turns 16 the record is flagged, and the officers of its unit
 * see it marked for review: is it still needed, or should the case be closed?
 */
export const flagRetentionReview = defineTask('children:flagRetentionReview', z.object({}), async (_payload, { prisma, now }) => {
  const sixteenYearsAgo = new Date(Date.UTC(now.getUTCFullYear() - 16, now.getUTCMonth(), now.getUTCDate()));
  await prisma.childRecord.updateMany({
    where: { retentionReviewFlaggedAt: null, birthDate: { lte: sixteenYearsAgo } },
    data: { retentionReviewFlaggedAt: now },
  });
});

/** Exports are downloadable until they expire; then they are gone. */
export const purgeExpiredExports = defineTask('children:purgeExpiredExports', z.object({}), async (_payload, { prisma, now }) => {
  await prisma.registerExport.deleteMany({ where: { expiresAt: { lte: now } } });
});

// Times in UTC (Vietnam is UTC+7): sync at 01:00, retention at 03:00, exports every 15 minutes.
schedule('children-sync-registry', '0 18 * * *', syncRegistry);
schedule('children-retention-review', '0 20 * * *', flagRetentionReview);
schedule('children-purge-exports', '*/15 * * * *', purgeExpiredExports);
