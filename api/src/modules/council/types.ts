import { builder } from '../../builder.js';
import { ViewerRef } from '../accounts/types.js';
import { isCurrentMember, moderates } from './policy.js';

export const CouncilLevelEnum = builder.enumType('CouncilLevel', { values: ['WARD', 'DISTRICT', 'CITY'] as const });

export const CouncilRef = builder.prismaNode('Council', {
  id: { field: 'id' },
  description: "A Children's Council at ward, district or city level. Public.",
  fields: (t) => ({
    level: t.expose('level', { type: CouncilLevelEnum }),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
    unit: t.relation('unit'),
    parent: t.relation('parent', { nullable: true }),
    children: t.relation('children', { query: { orderBy: { nameVi: 'asc' } } }),
    quorumPercent: t.exposeInt('quorumPercent'),
    majorityPercent: t.exposeInt('majorityPercent'),
    liveCounts: t.exposeBoolean('liveCounts'),
    currentTerm: t.field({
      type: TermRef,
      nullable: true,
      select: () => ({ terms: { where: { startsOn: { lte: new Date() }, endsOn: { gte: new Date() } }, take: 1 } }),
      resolve: (council) => council.terms[0] ?? null,
    }),
    memberCount: t.int({
      description: 'Members of the current term.',
      select: () => {
        const today = new Date();
        return {
          terms: {
            where: { startsOn: { lte: today }, endsOn: { gte: today } },
            select: { _count: { select: { memberships: { where: { leftAt: null } } } } },
          },
        };
      },
      resolve: (council) => council.terms.reduce((sum, term) => sum + term._count.memberships, 0),
    }),
    viewerIsMember: t.boolean({ resolve: (council, _args, ctx) => isCurrentMember(ctx.viewer, council.id) }),
    viewerModerates: t.boolean({ resolve: (council, _args, ctx) => moderates(ctx.viewer, council.id) }),
  }),
});

const TermRef = builder.prismaObject('Term', {
  fields: (t) => ({
    id: t.exposeID('id'),
    startsOn: t.expose('startsOn', { type: 'DateTime' }),
    endsOn: t.expose('endsOn', { type: 'DateTime' }),
  }),
});

builder.objectFields(ViewerRef, (t) => ({
  councils: t.prismaField({
    type: ['Council'],
    description: 'Councils where the viewer is a current member.',
    resolve: (query, viewer, _args, ctx) =>
      ctx.prisma.council.findMany({ ...query, where: { id: { in: viewer.memberCouncilIds } }, orderBy: { nameVi: 'asc' } }),
  }),
  moderatedCouncils: t.prismaField({
    type: ['Council'],
    description: 'Councils the viewer moderates.',
    resolve: (query, viewer, _args, ctx) =>
      ctx.prisma.council.findMany({ ...query, where: { id: { in: viewer.moderatedCouncilIds } }, orderBy: { nameVi: 'asc' } }),
  }),
}));
