import { z } from 'zod';
import { builder } from '../../builder.js';
import { ROW_ID } from '../../ids.js';
import type { MemberThrottle, Viewer } from './service.js';
import { mayManageApiClients } from './policy.js';

export const UserKindEnum = builder.enumType('UserKind', { values: ['CHILD', 'ADULT'] as const });
export const RoleEnum = builder.enumType('Role', { values: ['PROGRAMME_ADMIN', 'AGENCY_OFFICER', 'PROTECTION_OFFICER'] as const });

// The signed-in person as the session lookup found it (one prepared statement, see
// viewerFromSession): what a page's header shows costs no statement of its own. Its councils
// with their names are loaded only when asked for (council/types.ts).
export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in person. Children appear by pseudonym only.',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    kind: t.expose('kind', { type: UserKindEnum }),
    roles: t.field({ type: [RoleEnum], resolve: (viewer) => [...new Set(viewer.roles.map((grant) => grant.role))] }),
    mustChangePassword: t.exposeBoolean('mustChangePassword', { description: 'Signed in with a one-time password: choose a new one first.' }),
    memberCouncilIds: t.globalIDList({
      description: 'Ids of the councils where the viewer is a current member (see `councils` for more of them).',
      resolve: (viewer) => viewer.memberCouncilIds.map((id) => ({ type: 'Council', id })),
    }),
    moderatedCouncilIds: t.globalIDList({
      description: 'Ids of the councils the viewer moderates (see `moderatedCouncils`).',
      resolve: (viewer) => viewer.moderatedCouncilIds.map((id) => ({ type: 'Council', id })),
    }),
  }),
});

export const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    username: t.string({ required: true, validate: z.string().max(64) }),
    password: t.string({ required: true, validate: z.string().max(256) }),
  }),
});

export const LoginPayload = builder.objectRef<{ viewer: Viewer }>('LoginPayload').implement({
  fields: (t) => ({ viewer: t.field({ type: ViewerRef, resolve: (payload) => payload.viewer }) }),
});

export const LoginThrottleRef = builder.objectRef<MemberThrottle>('LoginThrottle').implement({
  description: 'A child slowed down by wrong passwords. No address is ever shown.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    displayName: t.exposeString('displayName', { description: "The child's pseudonym." }),
    failures: t.exposeInt('failures', { description: 'Wrong passwords in the last day, from every address, since the last clear.' }),
    waitUntil: t.expose('waitUntil', { type: 'DateTime', nullable: true, description: 'When the longest current wait ends; null if none.' }),
  }),
});

export const ClearLoginThrottleInput = builder.inputType('ClearLoginThrottleInput', {
  fields: (t) => ({
    userId: t.id({ required: true, validate: z.string().regex(ROW_ID) }),
  }),
});

export const ApiClientRef = builder.prismaObject('ApiClient', {
  description: "An agency system's access to the API. Its token is shown once, when it is created.",
  // Select mode: a client handed over by id alone (`currentApiClient`, a new client) is loaded
  // with what the query asks for.
  select: { id: true },
  // Programme admins, and a client reading itself (`currentApiClient`); nobody else.
  authScopes: (client, ctx) => mayManageApiClients(ctx.viewer) || ctx.apiClient?.id === client.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    agency: t.relation('agency'),
    scopes: t.exposeStringList('scopes', { description: 'See `apiScopes` for what each one allows.' }),
    tokenPrefix: t.exposeString('tokenPrefix', { description: 'The first characters of the token, to tell tokens apart.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'Within five minutes.' }),
  }),
});

export const ApiScopeInfo = builder.objectRef<{ name: string; description: string }>('ApiScopeInfo').implement({
  fields: (t) => ({ name: t.exposeString('name'), description: t.exposeString('description') }),
});

export const CreateApiClientInput = builder.inputType('CreateApiClientInput', {
  fields: (t) => ({
    agencyCode: t.string({ required: true }),
    name: t.string({ required: true, description: 'What the system is, e.g. "Health department data warehouse".' }),
    scopes: t.stringList({ required: true }),
    expiresInDays: t.int({ description: 'Default 365, at most 730.' }),
  }),
});

export const CreateApiClientPayload = builder.objectRef<{ apiClient: { id: string }; token: string }>('CreateApiClientPayload').implement({
  fields: (t) => ({
    apiClient: t.field({ type: ApiClientRef, resolve: (payload) => payload.apiClient }),
    token: t.exposeString('token', { description: 'Send it as `Authorization: Bearer <token>`. It is never shown again.' }),
  }),
});
