import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder } from '../../builder.js';
import { findNotificationPage, notificationSettings } from './service.js';
import { NotificationRef, NotificationSettingsRef } from './types.js';
import { ViewerRef } from '../accounts/types.js';

builder.queryFields((t) => ({
  notifications: t.connection(
    {
      type: NotificationRef,
      description: "The viewer's own notices, newest first.",
      authScopes: { authenticated: true },
      args: { unreadOnly: t.arg.boolean({ defaultValue: false }) },
      resolve: (_root, args, ctx, info) =>
        findNotificationPage({ prisma: ctx.prisma, viewer: ctx.viewer, unreadOnly: args.unreadOnly ?? false, args, query: queryFromInfo({ context: ctx, info, path: ['edges', 'node'] }) }),
    },
    { fields: (t) => ({ totalCount: t.int({ resolve: (connection) => connection.totalCount() }) }) },
  ),
  notificationSettings: t.field({
    type: NotificationSettingsRef,
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => notificationSettings({ prisma: ctx.prisma, viewer: ctx.viewer }),
  }),
}));

builder.objectFields(ViewerRef, (t) => ({
  // Counted by the session lookup itself (viewerFromSession): a page's header costs no statement.
  unreadNotifications: t.exposeInt('unreadNotifications', { description: 'How many notifications and agency notices (`notices`) the viewer has not read.' }),
}));
