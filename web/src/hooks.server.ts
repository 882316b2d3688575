import type { Handle, HandleFetch, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { serverClient, graphqlUrl, inProcessGraphql } from '$lib/graphql/client.server';
import { ViewerQuery, type Viewer } from '$lib/graphql/viewer';
import { LANG_COOKIE, toLocale } from '$lib/i18n';
import { serverTranslator } from '$lib/i18n/messages.server';
import { requestLog } from '$lib/server/log';
import { SESSION_COOKIE, clearSessionCookie } from '$lib/server/session';

async function loadViewer(event: RequestEvent): Promise<Viewer | null> {
	if (!event.cookies.get(SESSION_COOKIE)) return null;
	const result = await serverClient(event).query(ViewerQuery, {}).toPromise();
	if (result.error) {
		// The pages still render for an anonymous reader; their own loads report an outage.
		requestLog(event).warn({ error: result.error.message }, 'viewer query failed: the page is served as to a reader signed out');
		return null;
	}
	const viewer = result.data?.viewer ?? null;
	if (!viewer) clearSessionCookie(event.cookies); // expired or revoked session
	return viewer;
}

// What may change something: SvelteKit runs actions and endpoints for these.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A post from another site's page (a forged form), refused before anything reads the session.
 * SvelteKit's own check is turned off for this one (svelte.config.js): it answers in English
 * only and looks at form bodies only; this one answers in the reader's language, as SvelteKit
 * would otherwise (JSON for use:enhance, text for a page), and refuses any body.
 */
function otherSiteRefusal(event: RequestEvent): Response | null {
	const { request, url } = event;
	if (SAFE_METHODS.has(request.method) || request.headers.get('origin') === url.origin) return null;
	const message = event.locals.t('error.otherSite');
	const init = { status: 403, headers: { 'cache-control': 'no-store' } };
	return request.headers.get('accept') === 'application/json' ? Response.json({ message }, init) : new Response(message, init);
}

/**
 * SvelteKit refuses a method a route does not take ("PUT method not allowed") in English text,
 * after every hook has run: the same refusal, with its Allow header, in the reader's language.
 */
function translatedMethodRefusal(event: RequestEvent, response: Response): Response {
	const type = response.headers.get('content-type');
	if (response.status !== 405 || (type && !type.startsWith('text/plain'))) return response;
	const headers = new Headers(response.headers);
	headers.delete('content-length'); // the English text's
	return new Response(event.locals.t('error.methodNotAllowed'), { status: 405, headers });
}

export const handle: Handle = async ({ event, resolve }) => {
	const locale = toLocale(event.cookies.get(LANG_COOKIE));
	event.locals.locale = locale;
	event.locals.t = serverTranslator(locale);
	const response = translatedMethodRefusal(event, otherSiteRefusal(event) ?? (await respond(event, resolve)));
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY'); // frame-ancestors 'none' for old browsers
	return response;
};

async function respond(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
	const { locale } = event.locals;
	const path = event.url.pathname;
	// The messages' file (routes/i18n) is the same for everyone, and every page needs it, the
	// password page included: no session lookup and no password gate for it.
	event.locals.viewer = path.startsWith('/i18n/') ? null : await loadViewer(event);
	// A child signed in with a one-time password chooses its own before anything else.
	if (event.locals.viewer?.mustChangePassword && !['/password', '/logout', '/lang'].includes(path) && event.request.method === 'GET') {
		return new Response(null, { status: 303, headers: { location: '/password' } });
	}

	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', locale)
	});
}

/**
 * SvelteKit answers same-origin fetches in-process, but /graphql is served by the API next to
 * SvelteKit: run there in this process when the API offers it (beside the API in production),
 * else over the network (Vite's proxy in development). API_URL elsewhere is a foreign origin.
 */
export const handleFetch: HandleFetch = ({ event, request, fetch }) => {
	const url = new URL(request.url);
	if (url.origin === event.url.origin && url.pathname === graphqlUrl(event.url).pathname) {
		return inProcessGraphql(event, request) ?? globalThis.fetch(request);
	}
	return fetch(request);
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const t = serverTranslator(toLocale(event.cookies.get(LANG_COOKIE)));
	if (status === 404) return { message: t('error.notFound') };
	// SvelteKit's own refusal of a form action posted as, say, JSON (readForm says the same).
	if (status === 415) return { message: t('error.unreadableForm') };
	if (status === 413) return { message: t('error.formTooLarge') };
	// A post to a page that takes none (its JSON answer for use:enhance).
	if (status === 405) return { message: t('error.methodNotAllowed') };
	// A malformed address (say, a broken %-escape) is the request's fault: say so, log nothing.
	if (status < 500) return { message: t('error.badRequest') };
	requestLog(event).error({ err: error, path: event.url.pathname }, 'page failed');
	return { message: t('error.unexpected') };
};
