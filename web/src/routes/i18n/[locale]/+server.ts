import { error, json } from '@sveltejs/kit';
import { locales, type Locale } from '$lib/i18n';
import { messagesFor, messagesVersion } from '$lib/i18n/messages.server';
import type { RequestHandler } from './$types';

/** One language's messages for the browser; kept for good when asked for by their current version. */
export const GET: RequestHandler = ({ params, url, locals }) => {
	const locale = locales.find((known) => known === params.locale) as Locale | undefined;
	if (!locale) error(404, locals.t('error.notFound'));
	const current = url.searchParams.get('v') === messagesVersion(locale);
	return json(messagesFor(locale), { headers: { 'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache' } });
};
