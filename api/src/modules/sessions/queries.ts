import { builder } from '../../builder.js';
import { CouncilRef } from '../council/types.js';
import { councilSessions } from './service.js';
import './types.js';

builder.queryFields((t) => ({
  councilSessions: t.prismaField({
    type: ['CouncilSession'],
    description: "A council's meetings: upcoming (next first), past (latest first) or all. Its members and moderators only.",
    authScopes: { authenticated: true },
    args: { councilId: t.arg.globalID({ required: true, for: [CouncilRef] }), upcoming: t.arg.boolean() },
    resolve: (query, _root, { councilId, upcoming }, ctx) => councilSessions({ prisma: ctx.prisma, viewer: ctx.viewer, councilId: councilId.id, upcoming: upcoming ?? null, query }),
  }),
}));
