import { builder } from '../../builder.js';

builder.queryField('programme', (t) =>
  t.prismaField({
    type: 'Programme',
    nullable: true,
    description: 'The action programme this hub serves (public).',
    resolve: (query, _root, _args, ctx) => ctx.prisma.programme.findFirst({ ...query, orderBy: { startYear: 'desc' } }),
  }),
);
