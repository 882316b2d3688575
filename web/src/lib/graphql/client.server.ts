import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import type { RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { SESSION_COOKIE } from '$lib/server/session';
import { GRAPHQL_PATH } from './client';

/** Where server code reaches the API: the same origin unless API_URL points elsewhere. */
export function graphqlUrl(url: URL): URL {
	return new URL(env.API_URL || GRAPHQL_PATH, url);
}

/** What the API puts on the page request when it serves this portal (api/src/in-process.ts). */
type InProcessGraphQL = (request: { headers: Record<string, string>; body: unknown }) => Promise<{ status: number; headers: [string, string][]; body: string }>;

const inProcessExecutor = (event: Pick<RequestEvent, 'platform'>) =>
	(event.platform as { req?: { treemGraphql?: InProcessGraphQL } } | undefined)?.req?.treemGraphql;

/**
 * Operations handed straight to the API in this process: no Request or Response objects, no
 * body written out and read back, no trip through SvelteKit's fetch (a page's own cost is
 * mostly these). Only the answer's text is parsed, as a network client would.
 */
function inProcessExchange(execute: InProcessGraphQL, headers: Record<string, string>) {
	const sent = { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
	return subscriptionExchange({
		enableAllOperations: true,
		forwardSubscription: (request) => ({
			subscribe(sink) {
				let live = true;
				// Exactly what a JSON body would carry (a variable left undefined is absent, not
				// undefined): GraphQL tells those two apart.
				execute({ headers: sent, body: JSON.parse(JSON.stringify(request)) }).then(
					(answer) => {
						if (!live) return;
						const result = JSON.parse(answer.body) as { data?: unknown; errors?: unknown };
						if ('data' in result || 'errors' in result) sink.next(result as never);
						else sink.error(new Error(`GraphQL answered ${answer.status} without a result`));
						sink.complete();
					},
					(error: unknown) => live && sink.error(error)
				);
				return { unsubscribe: () => (live = false) };
			}
		})
	});
}

/**
 * A client for one request. The session cookie and the locale are passed explicitly so the
 * API gets them on a separate origin too; `fetchImpl` lets the login action read Set-Cookie
 * (and always goes through fetch). The browser's address goes along so the API's login rate
 * limits count each child, not this server (the API trusts X-Forwarded-For from its proxy,
 * i.e. from here).
 */
export function serverClient(
	event: Pick<RequestEvent, 'cookies' | 'fetch' | 'locals' | 'url' | 'getClientAddress' | 'platform'>,
	fetchImpl?: typeof fetch
): Client {
	const headers: Record<string, string> = {
		'accept-language': event.locals.locale,
		'x-forwarded-for': event.getClientAddress()
	};
	const session = event.cookies.get(SESSION_COOKIE);
	if (session) headers.cookie = `${SESSION_COOKIE}=${encodeURIComponent(session)}`;
	const execute = fetchImpl ? undefined : inProcessExecutor(event);
	return new Client({
		url: graphqlUrl(event.url).href,
		exchanges: [execute ? inProcessExchange(execute, headers) : fetchExchange],
		fetch: fetchImpl ?? event.fetch,
		preferGetMethod: false,
		requestPolicy: 'network-only',
		fetchOptions: { headers }
	});
}

/**
 * A GraphQL POST answered by the API in this process, without loopback HTTP; undefined when
 * the API is not beside this server (Vite, API_URL) or the request is not a POST.
 */
export function inProcessGraphql(event: Pick<RequestEvent, 'platform'>, request: Request): Promise<Response> | undefined {
	const execute = inProcessExecutor(event);
	if (!execute || request.method !== 'POST') return undefined;
	return (async () => {
		let body: unknown;
		try {
			body = JSON.parse(await request.text());
		} catch {
			return Response.json({ errors: [{ message: 'Malformed JSON', extensions: { code: 'BAD_REQUEST' } }] }, { status: 400 });
		}
		const answer = await execute({ headers: Object.fromEntries(request.headers), body });
		return new Response(answer.body, { status: answer.status, headers: answer.headers });
	})();
}
