import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { findRecordPage } from '../programme/service.js';
import { servicePointWhere } from './service.js';
import { ServicePointRef, ServiceSectorEnum } from './types.js';

const code = z.string().max(40);

builder.queryField('servicePoints', (t) =>
  t.connection(
    {
      type: ServicePointRef,
      description: 'Task 3: the integrated service directory, newest entries first (public). A unit code matches the unit and the units directly under it; helplines (111) serve every unit. `search`: words that must all appear in the name, address or services.',
      args: {
        sector: t.arg({ type: ServiceSectorEnum }),
        unitCode: t.arg.string({ validate: code }),
        agencyCode: t.arg.string({ validate: code }),
        search: t.arg.string({ validate: z.string().max(200) }),
      },
      resolve: async (_root, args, ctx, info) =>
        findRecordPage({
          prisma: ctx.prisma, kind: 'ServicePoint', where: await servicePointWhere(ctx.prisma, args), args,
          query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }),
        }) as Promise<never>,
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount() }) }) },
  ),
);
