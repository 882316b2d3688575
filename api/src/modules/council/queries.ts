import { builder } from '../../builder.js';
import { CouncilLevelEnum, CouncilRef } from './types.js';

// Levels from the top, then names, so lists read like the hierarchy.
const levelOrder = { CITY: 0, DISTRICT: 1, WARD: 2 } as const;

builder.queryFields((t) => ({
  councils: t.prismaField({
    type: ['Council'],
    description: 'All councils (public), optionally of one level.',
    args: { level: t.arg({ type: CouncilLevelEnum }) },
    resolve: async (query, _root, { level }, ctx) => {
      const councils = await ctx.prisma.council.findMany({ ...query, where: level ? { level } : {}, orderBy: { nameVi: 'asc' } });
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
