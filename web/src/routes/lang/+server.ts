import { redirect } from '@sveltejs/kit';
import { LANG_COOKIE, toLocale } from '$lib/i18n';
import { readForm } from '$lib/server/actions';
import { safeRedirect } from '$lib/server/redirect';
import type { RequestHandler } from './$types';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The header's language switch: a plain form, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url, locals }) => {
	const form = await readForm({ request, locals });
	cookies.set(LANG_COOKIE, toLocale(form.get('lang')?.toString()), {
		path: '/',
		maxAge: ONE_YEAR,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
	redirect(303, safeRedirect(form.get('redirectTo')));
};
