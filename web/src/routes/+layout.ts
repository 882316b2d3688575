import { loadMessages } from '$lib/i18n/load';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, fetch }) => ({
	...data,
	messages: await loadMessages(data.locale, data.messagesVersion, fetch)
});
