import { builder } from '../../builder.js';
import { today } from '../../calendar.js';
import { validOn } from '../geo/policy.js';
import { CouncilLevelEnum, CouncilRef } from './types.js';

// Levels from the top, then names, so lists read like the hierarchy.
const levelOrder = { CITY: 0, DISTRICT: 1, WARD: 2 } as const;

builder.queryFields((t) => ({
  councils: t.prismaField({
    type: ['Council'],
    description: 'The councils that exist on a day (default today: the map since 1 July 2025 has no district level), optionally of one level. Public.',
    args: { level: t.arg({ type: CouncilLevelEnum }), at: t.arg({ type: 'Date' }) },
    resolve: async (query, _root, { level, at }, ctx) => {
      const councils = await ctx.prisma.council.findMany({
        ...query,
        select: { ...query.select, level: true },
        where: { ...validOn(at ?? today()), ...(level ? { level } : {}) },
        orderBy: { nameVi: 'asc' },
      });
      return councils.sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);
    },
  }),
  council: t.prismaField({
    type: 'Council',
    nullable: true,
    args: { id: t.arg.globalID({ required: true, for: [CouncilRef] }) },
    resolve: (query, _root, { id }, ctx) => ctx.prisma.council.findUnique({ ...query, where: { id: id.id } }),
  }),
}));
