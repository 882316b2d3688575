import { builder } from '../../builder.js';
import type { Viewer } from './service.js';

export const UserKindEnum = builder.enumType('UserKind', { values: ['CHILD', 'ADULT'] as const });
export const RoleEnum = builder.enumType('Role', { values: ['PROGRAMME_ADMIN', 'AGENCY_OFFICER', 'PROTECTION_OFFICER'] as const });

export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in person. Children appear by pseudonym only.',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    kind: t.expose('kind', { type: UserKindEnum }),
    roles: t.field({ type: [RoleEnum], resolve: (viewer) => [...new Set(viewer.roles.map((grant) => grant.role))] }),
  }),
});

export const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    username: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

export const LoginPayload = builder.objectRef<{ viewer: Viewer }>('LoginPayload').implement({
  fields: (t) => ({ viewer: t.field({ type: ViewerRef, resolve: (payload) => payload.viewer }) }),
});
