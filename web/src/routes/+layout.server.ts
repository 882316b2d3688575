import { messagesVersion } from '$lib/i18n/messages.server';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	// Not the messages themselves: +layout.ts has them (see $lib/i18n/load.ts).
	messagesVersion: messagesVersion(locals.locale),
	viewer: locals.viewer
});
