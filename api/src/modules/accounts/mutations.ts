import { builder } from '../../builder.js';
import { ApiClientRef, ClearLoginThrottleInput, CreateApiClientInput, CreateApiClientPayload, LoginInput, LoginPayload } from './types.js';
import { z } from 'zod';
import { changePassword, clearLoginThrottle, createApiClient, login, logout, revokeApiClient, SESSION_SECONDS } from './service.js';

const RevokeApiClientInput = builder.inputType('RevokeApiClientInput', {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField('login', (t) =>
  t.field({
    type: LoginPayload,
    description: 'Signs in and sets the httpOnly session cookie.',
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { token, viewer } = await login({ prisma: ctx.prisma, throttle: ctx.loginThrottle, ...input, clientIp: ctx.clientIp });
      ctx.session.set(token, SESSION_SECONDS);
      return { viewer };
    },
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends the current session. True even when there was none.',
    resolve: async (_root, _args, ctx) => {
      await logout({ prisma: ctx.prisma, token: ctx.session.token });
      ctx.session.clear();
      return true;
    },
  }),
);

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({
    currentPassword: t.string({ required: true, validate: z.string().max(256) }),
    newPassword: t.string({ required: true, validate: z.string().max(256) }),
  }),
});

builder.mutationField('changePassword', (t) =>
  t.boolean({
    description: 'Replaces the viewer’s password (a child chooses its own after a one-time password). Other sessions end.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await changePassword({ prisma: ctx.prisma, throttle: ctx.loginThrottle, viewer: ctx.viewer, token: ctx.session.token, clientIp: ctx.clientIp, ...input });
      return true;
    },
  }),
);

builder.mutationField('clearLoginThrottle', (t) =>
  t.boolean({
    description: "Lifts the sign-in waits of a child on a council the viewer moderates (from every address).",
    authScopes: { moderator: true },
    args: { input: t.arg({ type: ClearLoginThrottleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await clearLoginThrottle({ prisma: ctx.prisma, throttle: ctx.loginThrottle, viewer: ctx.viewer, userId: String(input.userId) });
      return true;
    },
  }),
);

builder.mutationFields((t) => ({
  createApiClient: t.field({
    type: CreateApiClientPayload,
    description: 'Creates an API client for an agency and returns its token, once. Programme admins only.',
    authScopes: { programmeAdmin: true },
    args: { input: t.arg({ type: CreateApiClientInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createApiClient({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, input: { ...input, expiresInDays: input.expiresInDays ?? undefined } }),
  }),
  // A plain field: the audit needs the client's name whatever the caller selects, and the
  // select-mode ApiClient loads what the caller asked for from the row returned.
  revokeApiClient: t.field({
    type: ApiClientRef,
    description: 'Revokes an API client: its token stops working at once. Programme admins only.',
    authScopes: { programmeAdmin: true },
    args: { input: t.arg({ type: RevokeApiClientInput, required: true }) },
    resolve: (_root, { input }, ctx) => revokeApiClient({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, id: String(input.id) }),
  }),
}));
