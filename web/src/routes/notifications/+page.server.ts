import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { MarkNotificationsReadMutation, NotificationsQuery, UpdateNotificationSettingsMutation } from '$lib/graphql/participation';
import { loginRedirect } from '$lib/server/redirect';
import { mutate, text } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.viewer) loginRedirect(event.url);
	const unreadOnly = event.url.searchParams.get('unread') === '1';
	const after = event.url.searchParams.get('after');
	const result = await serverClient(event).query(NotificationsQuery, { after, unreadOnly }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	return { notifications: result.data!.notifications, settings: result.data!.notificationSettings, unreadOnly };
};

export const actions: Actions = {
	read: async (event) => {
		const form = await event.request.formData();
		const id = text(form, 'id');
		const outcome = await mutate(event, MarkNotificationsReadMutation, { input: id ? { ids: [id] } : {} });
		return outcome.failure ?? { marked: true };
	},
	settings: async (event) => {
		const form = await event.request.formData();
		const outcome = await mutate(event, UpdateNotificationSettingsMutation, { input: { email: text(form, 'email'), emailDigest: form.get('emailDigest') === 'on' } });
		return outcome.failure ?? { saved: true };
	}
};
