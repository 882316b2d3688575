import { builder } from '../../builder.js';
import { today } from '../../calendar.js';
import { validOn } from './policy.js';
import { AdminLevelEnum } from './types.js';

builder.queryFields((t) => ({
  adminUnits: t.prismaField({
    type: ['AdminUnit'],
    description: 'The units of the map valid on a day (default today), optionally of one level or below one parent.',
    args: {
      at: t.arg({ type: 'Date' }),
      level: t.arg({ type: AdminLevelEnum }),
      parentCode: t.arg.string(),
    },
    resolve: (query, _root, { at, level, parentCode }, ctx) =>
      ctx.prisma.adminUnit.findMany({
        ...query,
        where: { ...validOn(at ?? today()), ...(level ? { level } : {}), ...(parentCode ? { parent: { code: parentCode } } : {}) },
        orderBy: { code: 'asc' },
      }),
  }),
  adminUnit: t.prismaField({
    type: 'AdminUnit',
    nullable: true,
    description: 'A unit by its code, whether or not it still exists.',
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, { code }, ctx) => ctx.prisma.adminUnit.findUnique({ ...query, where: { code } }),
  }),
}));
