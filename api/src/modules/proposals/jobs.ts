import { z } from 'zod';
import { defineTask, schedule } from '../../jobs/registry.js';
import { closeDueVote } from './service.js';
import { flagOverdueReferral, flagOverdueReferrals, remindOverdueReferral } from './referrals.js';

const proposalPayload = z.object({ proposalId: z.string().min(1).max(100) });
const referralPayload = z.object({ referralId: z.string().min(1).max(100) });

/** Closes a vote when its window ends (enqueued by approval and escalation, keyed `close-vote:<id>`). */
export const closeVoteTask = defineTask('proposals:closeVote', proposalPayload, async ({ proposalId }, { prisma, now }) => {
  await closeDueVote({ prisma, proposalId, now });
});

/** Flags a referral OVERDUE the day after its due date if the agency has not answered. */
export const flagOverdueTask = defineTask('proposals:flagOverdueReferral', referralPayload, async ({ referralId }, { prisma, now }) => {
  await flagOverdueReferral({ prisma, referralId, now });
});

/** Reminds the agency, week after week, of a referral still unanswered after its due date. */
export const remindOverdueTask = defineTask('proposals:remindOverdueReferral', referralPayload, async ({ referralId }, { prisma, now }) => {
  await remindOverdueReferral({ prisma, referralId, now });
});

/** Every day, whatever was missed: any referral still unanswered after its due date. */
export const sweepOverdueTask = defineTask('proposals:flagOverdueReferrals', z.object({}), async (_payload, { prisma, now }) => {
  await flagOverdueReferrals({ prisma, now });
});

// 00:05 in Vietnam, right after a due day ends.
schedule('flag-overdue-referrals', '5 17 * * *', sweepOverdueTask);
