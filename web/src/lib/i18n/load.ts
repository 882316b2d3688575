import type { Locale, Messages } from './index';

/** Where a browser fetches one language's messages (cached for good: the version changes with them). */
export const messagesUrl = (locale: Locale, version: string) => `/i18n/${locale}?v=${version}`;

const fetched = new Map<string, Promise<Messages>>();
// Imported once: each `import()` call, even of a loaded module, is a round through the module
// loader (and its hooks' thread, under tsx), which showed in a page's profile.
let serverCatalogue: Promise<typeof import('./catalogue')> | undefined;

/**
 * The reader's messages for the root layout. While rendering on the server they come from the
 * catalogue in memory, so no page carries them in its HTML (serialising 25 KB of messages into
 * every page was a fifth of its rendering time); a browser fetches its language once, as a file
 * it keeps, and none ever loads the other language.
 */
export async function loadMessages(locale: Locale, version: string, fetch: typeof globalThis.fetch): Promise<Messages> {
	if (import.meta.env.SSR) return (await (serverCatalogue ??= import('./catalogue'))).catalogue[locale];
	const url = messagesUrl(locale, version);
	let messages = fetched.get(url);
	if (!messages) {
		messages = fetch(url).then((response) => {
			if (!response.ok) throw new Error(`messages ${url}: ${response.status}`);
			return response.json() as Promise<Messages>;
		});
		messages.catch(() => fetched.delete(url));
		fetched.set(url, messages);
	}
	return messages;
}
