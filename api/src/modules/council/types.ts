import type { GraphQLResolveInfo } from 'graphql';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { councilLoginThrottles } from '../accounts/service.js';
import { LoginThrottleRef, ViewerRef } from '../accounts/types.js';
import { today } from '../../calendar.js';
import { validOn } from '../geo/policy.js';
import { isCurrentMember, moderates, termOn } from './policy.js';
import { councilMembers } from './service.js';

export const CouncilLevelEnum = builder.enumType('CouncilLevel', { values: ['WARD', 'DISTRICT', 'CITY'] as const });

export const CouncilRef = builder.prismaNode('Council', {
  id: { field: 'id' },
  // Only the columns a query asks for: a page that names a council rarely needs all thirteen.
  select: { id: true },
  // `node(id)` of a row that does not exist is null, as for any id nobody may see.
  nullable: true,
  description: "A Children's Council at ward, district or city level. Public.",
  fields: (t) => ({
    level: t.expose('level', { type: CouncilLevelEnum }),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
    unit: t.relation('unit'),
    parent: t.relation('parent', { nullable: true }),
    children: t.relation('children', {
      description: "The councils directly below it on a day (default: today; pass a day in the council's own lifetime to see an earlier tree).",
      args: { at: t.arg({ type: 'Date' }) },
      query: ({ at }) => ({ where: validOn(at ?? today()), orderBy: { nameVi: 'asc' } }),
    }),
    validFrom: t.expose('validFrom', { type: 'Date' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'Its last day (its unit merged or was abolished); null while it exists.' }),
    active: t.boolean({ description: 'Whether the council exists today.', select: { validTo: true }, resolve: (council) => council.validTo === null || council.validTo >= today() }),
    successor: t.relation('successor', { nullable: true, description: 'The council that carries on its work, where its members moved.' }),
    predecessors: t.relation('predecessors', { description: 'The councils that ended and carried on in this one.', query: { orderBy: { nameVi: 'asc' } } }),
    quorumPercent: t.exposeInt('quorumPercent'),
    majorityPercent: t.exposeInt('majorityPercent'),
    liveCounts: t.exposeBoolean('liveCounts'),
    votingDays: t.exposeInt('votingDays', { description: 'Default length of a vote, in days.' }),
    members: t.prismaField({
      type: ['Membership'],
      description: "The running term's members, current first. The council's moderators only.",
      authScopes: { moderator: true },
      resolve: (query, council, _args, ctx) => councilMembers({ prisma: ctx.prisma, viewer: ctx.viewer, councilId: council.id, query }),
    }),
    currentTerm: t.field({
      type: TermRef,
      nullable: true,
      select: () => ({ terms: { where: termOn(today()), take: 1 } }),
      resolve: (council) => council.terms[0] ?? null,
    }),
    memberCount: t.int({
      description: 'Members of the current term.',
      select: () => ({ terms: { where: termOn(today()), select: { _count: { select: { memberships: { where: { leftAt: null } } } } } } }),
      resolve: (council) => council.terms.reduce((sum, term) => sum + term._count.memberships, 0),
    }),
    viewerIsMember: t.boolean({ resolve: (council, _args, ctx) => isCurrentMember(ctx.viewer, council.id) }),
    viewerModerates: t.boolean({ resolve: (council, _args, ctx) => moderates(ctx.viewer, council.id) }),
    loginThrottles: t.field({
      type: [LoginThrottleRef],
      description: "Members slowed down by wrong passwords. The council's moderators only.",
      authScopes: { moderator: true },
      resolve: (council, _args, ctx) => councilLoginThrottles({ prisma: ctx.prisma, throttle: ctx.loginThrottle, viewer: ctx.viewer, councilId: council.id }),
    }),
  }),
});

export const MembershipRef = builder.prismaNode('Membership', {
  id: { field: 'id' },
  nullable: true,
  // Memberships are for the council's moderators: anyone else reads null through node(id).
  findUnique: (id, ctx) => ({ id, term: { councilId: { in: ctx.viewer?.moderatedCouncilIds ?? [] } } }),
  description: "A child's seat on a council for a term. Its moderators only.",
  fields: (t) => ({
    displayName: t.string({ description: "The child's pseudonym.", select: { user: { select: { displayName: true } } }, resolve: (m) => m.user.displayName }),
    username: t.string({ description: 'What the child signs in with.', select: { user: { select: { username: true } } }, resolve: (m) => m.user.username }),
    role: t.exposeString('role'),
    joinedAt: t.expose('joinedAt', { type: 'DateTime' }),
    leftAt: t.expose('leftAt', { type: 'DateTime', nullable: true }),
    guardianConsentOn: t.expose('guardianConsentAt', { type: 'DateTime' }),
    guardianConsentBy: t.exposeString('guardianConsentBy', { nullable: true }),
    guardianConsentMethod: t.exposeString('guardianConsentHow', { nullable: true }),
  }),
});

const TermRef = builder.prismaObject('Term', {
  fields: (t) => ({
    id: t.exposeID('id'),
    startsOn: t.expose('startsOn', { type: 'Date' }),
    endsOn: t.expose('endsOn', { type: 'Date' }),
  }),
});

// The viewer's council ids come with the session; most people moderate nothing and many
// belong to no council, so an empty list is answered without a statement (and without
// planning one: a planned query left unused is a mistake Pothos warns about).
const councilsByIds = (ids: string[], ctx: Context, info: GraphQLResolveInfo) =>
  ids.length === 0 ? [] : ctx.prisma.council.findMany({ ...queryFromInfo({ context: ctx, info }), where: { id: { in: ids } }, orderBy: { nameVi: 'asc' } });

builder.objectFields(ViewerRef, (t) => ({
  councils: t.field({
    type: [CouncilRef],
    description: 'Councils where the viewer is a current member.',
    resolve: (viewer, _args, ctx, info) => councilsByIds(viewer.memberCouncilIds, ctx, info),
  }),
  moderatedCouncils: t.field({
    type: [CouncilRef],
    description: 'Councils the viewer moderates.',
    resolve: (viewer, _args, ctx, info) => councilsByIds(viewer.moderatedCouncilIds, ctx, info),
  }),
}));
