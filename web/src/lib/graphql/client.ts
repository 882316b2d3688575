import { Client, fetchExchange } from '@urql/core';
import type { Locale } from '$lib/i18n';

export const GRAPHQL_PATH = '/graphql';

/**
 * The browser's client, for enhancements only: every page works from server loads and form
 * actions first. The API translates its error messages by `accept-language`.
 */
export function createBrowserClient(getLocale: () => Locale): Client {
	return new Client({
		url: GRAPHQL_PATH,
		exchanges: [fetchExchange],
		preferGetMethod: false,
		requestPolicy: 'network-only',
		fetchOptions: () => ({
			credentials: 'same-origin',
			headers: { 'accept-language': getLocale() }
		})
	});
}
