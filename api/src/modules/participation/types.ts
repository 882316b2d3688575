import { builder } from '../../builder.js';
import { PARTICIPATION_AGE_BANDS, PARTICIPATION_SEXES, ratio, share, type CouncilParticipation, type Period, type Published } from './service.js';

const ChildCount = builder.objectRef<Published>('ChildCount').implement({
  description: 'A number of children. Null when hidden: a group of fewer than 5, or a group hidden so that a small one cannot be worked out by subtraction.',
  fields: (t) => ({
    value: t.exposeInt('value', { nullable: true }),
    hidden: t.boolean({ resolve: (c) => c.value === null }),
  }),
});

const ParticipationSex = builder.enumType('ParticipationSex', { values: PARTICIPATION_SEXES });
const ParticipationAgeBand = builder.enumType('ParticipationAgeBand', { values: PARTICIPATION_AGE_BANDS, description: 'Age in the last year of the period.' });

const ActivityCounts = builder.objectRef<CouncilParticipation['byArea'][number]>('AreaParticipation').implement({
  fields: (t) => ({
    council: t.prismaField({ type: 'Council', resolve: (query, a, _args, ctx) => ctx.prisma.council.findUniqueOrThrow({ ...query, where: { id: a.councilId } }) }),
    own: t.exposeBoolean('own', { description: "True for the council's own members; false for a council below with its whole branch." }),
    members: t.field({ type: ChildCount, resolve: (a) => a.counts.members }),
    proposed: t.field({ type: ChildCount, resolve: (a) => a.counts.proposed }),
    voted: t.field({ type: ChildCount, resolve: (a) => a.counts.voted }),
    commented: t.field({ type: ChildCount, resolve: (a) => a.counts.commented }),
  }),
});

const SexCount = builder.objectRef<CouncilParticipation['bySex'][number]>('SexCount').implement({
  fields: (t) => ({ sex: t.field({ type: ParticipationSex, resolve: (r) => r.sex }), count: t.field({ type: ChildCount, resolve: (r) => r.count }) }),
});
const AgeBandCount = builder.objectRef<CouncilParticipation['byAgeBand'][number]>('AgeBandCount').implement({
  fields: (t) => ({ band: t.field({ type: ParticipationAgeBand, resolve: (r) => r.band }), count: t.field({ type: ChildCount, resolve: (r) => r.count }) }),
});

const CouncilParticipationRef = builder.objectRef<CouncilParticipation>('CouncilParticipation').implement({
  description: 'A council with every council below it (its branch), over the period.',
  fields: (t) => ({
    council: t.prismaField({ type: 'Council', resolve: (query, r, _args, ctx) => ctx.prisma.council.findUniqueOrThrow({ ...query, where: { id: r.councilId } }) }),
    members: t.field({ type: ChildCount, resolve: (r) => r.counts.members }),
    bySex: t.field({ type: [SexCount], resolve: (r) => r.bySex }),
    byAgeBand: t.field({ type: [AgeBandCount], resolve: (r) => r.byAgeBand }),
    byArea: t.field({ type: [ActivityCounts], resolve: (r) => r.byArea }),
    proposed: t.field({ type: ChildCount, description: 'Members who sent at least one proposal.', resolve: (r) => r.counts.proposed }),
    voted: t.field({ type: ChildCount, description: 'Members who voted at least once.', resolve: (r) => r.counts.voted }),
    commented: t.field({ type: ChildCount, description: 'Members who wrote at least one comment.', resolve: (r) => r.counts.commented }),
    proposedShare: t.float({ nullable: true, resolve: (r) => share(r.counts.proposed, r.counts.members) }),
    votedShare: t.float({ nullable: true, resolve: (r) => share(r.counts.voted, r.counts.members) }),
    commentedShare: t.float({ nullable: true, resolve: (r) => share(r.counts.commented, r.counts.members) }),
    proposalsDecided: t.int({ description: 'Votes closed in the period.', resolve: (r) => r.proposals.decided }),
    proposalsAdopted: t.int({ resolve: (r) => r.proposals.adopted }),
    adoptionRate: t.float({ nullable: true, resolve: (r) => ratio(r.proposals.adopted, r.proposals.decided) }),
    referrals: t.int({ description: 'Proposals sent to an agency in the period.', resolve: (r) => r.referrals.referred }),
    answered: t.int({ resolve: (r) => r.referrals.answered }),
    responseRate: t.float({ nullable: true, resolve: (r) => ratio(r.referrals.answered, r.referrals.referred) }),
    medianDaysToAnswer: t.float({ nullable: true, description: 'From referral to answer, over the answered ones.', resolve: (r) => r.referrals.medianDaysToAnswer }),
    overdue: t.int({ description: 'Referrals that went past their due date (answered late or not yet).', resolve: (r) => r.referrals.overdue }),
    overdueShare: t.float({ nullable: true, resolve: (r) => ratio(r.referrals.overdue, r.referrals.referred) }),
    ratings: t.field({ type: ChildCount, description: 'Children who rated an answer in the period.', resolve: (r) => r.counts.raters }),
    meanClear: t.float({ nullable: true, description: 'Share of ratings saying the answer was clear (hidden with the number of ratings).', resolve: (r) => share(r.counts.clearYes, r.counts.raters) }),
    meanHelpful: t.float({ nullable: true, resolve: (r) => share(r.counts.helpfulYes, r.counts.raters) }),
  }),
});

export const ParticipationStatisticsRef = builder.objectRef<{ period: Period; rows: CouncilParticipation[] }>('ParticipationStatistics').implement({
  fields: (t) => ({
    period: t.string({ resolve: (s) => s.period.label }),
    startsOn: t.field({ type: 'Date', resolve: (s) => s.period.startsOn }),
    endsOn: t.field({ type: 'Date', resolve: (s) => s.period.endsOn }),
    councils: t.field({ type: [CouncilParticipationRef], resolve: (s) => s.rows }),
  }),
});
