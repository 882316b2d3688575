import { z } from 'zod';
import { builder } from '../../builder.js';
import { ROW_ID } from '../../ids.js';
import { markRead, unreadCount, updateNotificationSettings } from './service.js';
import { NotificationRef, NotificationSettingsRef } from './types.js';

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  fields: (t) => ({
    ids: t.globalIDList({ for: [NotificationRef], description: 'Notifications to mark read. Omit this and noticeIds to mark everything read.', validate: z.array(z.any()).max(100) }),
    noticeIds: t.idList({ description: 'Agency notices (`viewer.notices`) to mark read.', validate: z.array(z.string().regex(ROW_ID)).max(100) }),
  }),
});

const MarkNotificationsReadPayload = builder.objectRef<{ marked: number; unread: number }>('MarkNotificationsReadPayload').implement({
  fields: (t) => ({ marked: t.exposeInt('marked'), unread: t.exposeInt('unread') }),
});

builder.mutationField('markNotificationsRead', (t) =>
  t.field({
    type: MarkNotificationsReadPayload,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: MarkNotificationsReadInput }) },
    resolve: async (_root, { input }, ctx) => {
      const marked = await markRead({ prisma: ctx.prisma, viewer: ctx.viewer, ids: input?.ids?.map((id) => id.id) ?? null, noticeIds: input?.noticeIds ?? null });
      return { marked, unread: await unreadCount({ prisma: ctx.prisma, viewer: ctx.viewer! }) };
    },
  }),
);

const UpdateNotificationSettingsInput = builder.inputType('UpdateNotificationSettingsInput', {
  fields: (t) => ({
    email: t.string({ description: 'Empty to remove.', validate: z.string().max(254) }),
    emailDigest: t.boolean(),
  }),
});

builder.mutationField('updateNotificationSettings', (t) =>
  t.field({
    type: NotificationSettingsRef,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: UpdateNotificationSettingsInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateNotificationSettings({ prisma: ctx.prisma, viewer: ctx.viewer, email: input.email, emailDigest: input.emailDigest }),
  }),
);
