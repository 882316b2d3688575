import { builder } from '../../builder.js';
import { LoginInput, LoginPayload } from './types.js';
import { login, logout, SESSION_SECONDS } from './service.js';

builder.mutationField('login', (t) =>
  t.field({
    type: LoginPayload,
    description: 'Signs in and sets the httpOnly session cookie.',
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { token, viewer } = await login({ prisma: ctx.prisma, ...input, clientIp: ctx.clientIp });
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
