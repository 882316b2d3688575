import { builder } from '../../builder.js';

builder.queryField('auditLog', (t) =>
  t.prismaConnection({
    type: 'AuditLog',
    cursor: 'id',
    description: 'The audit log, newest first, optionally for one action or one subject. Programme admins only.',
    authScopes: { programmeAdmin: true },
    args: { action: t.arg.string(), subjectType: t.arg.string(), subjectId: t.arg.string() },
    resolve: (query, _root, { action, subjectType, subjectId }, ctx) =>
      ctx.prisma.auditLog.findMany({
        ...query,
        where: { ...(action ? { action } : {}), ...(subjectType ? { subjectType } : {}), ...(subjectId ? { subjectId } : {}) },
        orderBy: { id: 'desc' },
      }),
  }),
);
