import {
	Client,
	createRequest,
	fetchExchange,
	getOperationName,
	makeErrorResult,
	makeOperation,
	makeResult,
	stringifyDocument,
	type AnyVariables,
	type DocumentInput,
	type OperationResult
} from '@urql/core';
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

/** What server code asks of a client: an operation's result, as urql makes it. */
type Run = <Data, Variables extends AnyVariables>(
	query: DocumentInput<Data, Variables>,
	variables: Variables
) => { toPromise(): Promise<OperationResult<Data, Variables>> };
export interface ServerClient {
	query: Run;
	mutation: Run;
}

/**
 * Operations handed straight to the API in this process: no Request or Response objects, no
 * body written out and read back, no trip through SvelteKit's fetch, and no urql Client, with
 * its exchanges and streams, built for each page request (measured: 5–10 % of a page's CPU).
 * The body is the one urql would send and the result is made by urql, so a load sees the same
 * data and CombinedError either way. Only the answer's text is parsed, as a network client would.
 */
function inProcessClient(execute: InProcessGraphQL, headers: Record<string, string>, url: string): ServerClient {
	// No Accept header: Apollo answers application/json without negotiating content types, and
	// nothing here reads the answer's type or status.
	const sent = { ...headers, 'content-type': 'application/json' };
	const run = (kind: 'query' | 'mutation'): Run => <Data, Variables extends AnyVariables>(query: DocumentInput<Data, Variables>, variables: Variables) => {
		const operation = makeOperation(kind, createRequest(query, variables), { url, requestPolicy: 'network-only' });
		// Exactly what a JSON body would carry (a variable left undefined is absent, not
		// undefined): GraphQL tells those two apart.
		const body: unknown = JSON.parse(
			JSON.stringify({
				query: stringifyDocument(operation.query),
				operationName: getOperationName(operation.query),
				variables: operation.variables || undefined,
				extensions: operation.extensions
			})
		);
		// makeResult is not generic: its result is this operation's.
		const result = execute({ headers: sent, body }).then(
			(answer) => {
				const parsed = JSON.parse(answer.body) as { data?: unknown; errors?: unknown };
				if ('data' in parsed || 'errors' in parsed) return makeResult(operation, parsed as never);
				return makeErrorResult(operation, new Error(`GraphQL answered ${answer.status} without a result`));
			},
			(error: unknown) => makeErrorResult(operation, error as Error)
		) as Promise<OperationResult<Data, Variables>>;
		return { toPromise: () => result };
	};
	return { query: run('query'), mutation: run('mutation') };
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
): ServerClient {
	const headers: Record<string, string> = {
		'accept-language': event.locals.locale,
		'x-forwarded-for': event.getClientAddress()
	};
	const session = event.cookies.get(SESSION_COOKIE);
	if (session) headers.cookie = `${SESSION_COOKIE}=${encodeURIComponent(session)}`;
	const execute = fetchImpl ? undefined : inProcessExecutor(event);
	if (execute) return inProcessClient(execute, headers, graphqlUrl(event.url).href);
	return new Client({
		url: graphqlUrl(event.url).href,
		exchanges: [fetchExchange],
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
