import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { MarkNotificationsReadMutation, NotificationsQuery, UpdateNotificationSettingsMutation } from '$lib/graphql/participation';
import { loginRedirect } from '$lib/server/redirect';
import { mutate, readForm, text } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.viewer) loginRedirect(event.url);
	const unreadOnly = event.url.searchParams.get('unread') === '1';
	const after = event.url.searchParams.get('after');
	const result = await serverClient(event).query(NotificationsQuery, { after, unreadOnly }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	// An agency's notices (referrals to answer) are few and shown above the rest, all at once.
	const notices = (result.data!.viewer?.notices ?? []).filter((notice) => !unreadOnly || !notice.readAt);
	return { notifications: result.data!.notifications, notices, settings: result.data!.notificationSettings, unreadOnly };
};

export const actions: Actions = {
	read: async (event) => {
		const form = await readForm(event);
		const id = text(form, 'id');
		const noticeId = text(form, 'noticeId');
		const input = id ? { ids: [id] } : noticeId ? { noticeIds: [noticeId] } : {};
		const outcome = await mutate(event, MarkNotificationsReadMutation, { input });
		if (outcome.failure) return outcome.failure;
		// The header was filled before this action ran: show the count it leaves.
		if (event.locals.viewer) event.locals.viewer = { ...event.locals.viewer, unreadNotifications: outcome.data.markNotificationsRead.unread };
		return { marked: true };
	},
	settings: async (event) => {
		const form = await readForm(event);
		const outcome = await mutate(event, UpdateNotificationSettingsMutation, { input: { email: text(form, 'email'), emailDigest: form.get('emailDigest') === 'on' } });
		return outcome.failure ?? { saved: true };
	}
};
