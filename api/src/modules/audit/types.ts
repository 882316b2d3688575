import { builder } from '../../builder.js';

export const AuditEntryRef = builder.prismaObject('AuditLog', {
  name: 'AuditEntry',
  description: 'One action of an adult or an agency system, as recorded when it happened. Never changed.',
  fields: (t) => ({
    id: t.id({ resolve: (entry) => entry.id.toString() }),
    at: t.expose('at', { type: 'DateTime' }),
    action: t.exposeString('action'),
    actorName: t.string({
      nullable: true,
      description: 'The person or API client who acted; null when the server itself did (a scheduled job).',
      select: { actorUser: { select: { displayName: true } }, actorApiClient: { select: { name: true } } },
      resolve: (entry) => entry.actorUser?.displayName ?? entry.actorApiClient?.name ?? null,
    }),
    subjectType: t.exposeString('subjectType'),
    subjectId: t.exposeString('subjectId'),
    data: t.expose('data', { type: 'JSON' }),
  }),
});
