import { Client, fetchExchange } from '@urql/core';
import type { RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { SESSION_COOKIE } from '$lib/server/session';
import { GRAPHQL_PATH } from './client';

/** Where server code reaches the API: the same origin unless API_URL points elsewhere. */
export function graphqlUrl(url: URL): URL {
	return new URL(env.API_URL || GRAPHQL_PATH, url);
}

/**
 * A client for one request. The session cookie and the locale are passed explicitly so the
 * API gets them on a separate origin too; `fetchImpl` lets the login action read Set-Cookie.
 * The browser's address goes along so the API's login rate limits count each child, not
 * this server (the API trusts X-Forwarded-For from its proxy, i.e. from here).
 */
export function serverClient(
	event: Pick<RequestEvent, 'cookies' | 'fetch' | 'locals' | 'url' | 'getClientAddress'>,
	fetchImpl: typeof fetch = event.fetch
): Client {
	const headers: Record<string, string> = {
		'accept-language': event.locals.locale,
		'x-forwarded-for': event.getClientAddress()
	};
	const session = event.cookies.get(SESSION_COOKIE);
	if (session) headers.cookie = `${SESSION_COOKIE}=${encodeURIComponent(session)}`;
	return new Client({
		url: graphqlUrl(event.url).href,
		exchanges: [fetchExchange],
		fetch: fetchImpl,
		preferGetMethod: false,
		requestPolicy: 'network-only',
		fetchOptions: { headers }
	});
}

/** What the API puts on the page request when it serves this portal (api/src/in-process.ts). */
type InProcessGraphQL = (request: { headers: Record<string, string>; body: string }) => Promise<{ status: number; headers: [string, string][]; body: string }>;

/**
 * A GraphQL POST answered by the API in this process, without loopback HTTP; undefined when
 * the API is not beside this server (Vite, API_URL) or the request is not a POST.
 */
export function inProcessGraphql(event: Pick<RequestEvent, 'platform'>, request: Request): Promise<Response> | undefined {
	const execute = (event.platform as { req?: { treemGraphql?: InProcessGraphQL } } | undefined)?.req?.treemGraphql;
	if (!execute || request.method !== 'POST') return undefined;
	return (async () => {
		const answer = await execute({ headers: Object.fromEntries(request.headers), body: await request.text() });
		return new Response(answer.body, { status: answer.status, headers: answer.headers });
	})();
}
