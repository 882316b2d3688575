import { messagesFor } from '$lib/i18n/messages.server';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	// Only the reader's language goes to the page (as data, not code).
	messages: messagesFor(locals.locale),
	viewer: locals.viewer
});
