import { fail, redirect } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { describeError } from '$lib/graphql/errors';
import { LoginMutation } from '$lib/graphql/viewer';
import { requestLog } from '$lib/server/log';
import { safeRedirect } from '$lib/server/redirect';
import { findSessionCookie, setSessionCookie } from '$lib/server/session';
import { readForm } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.viewer) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
};

export const actions: Actions = {
	default: async (event) => {
		const { t } = event.locals;
		const form = await readForm(event);
		const username = form.get('username')?.toString().trim() ?? '';
		const password = form.get('password')?.toString() ?? '';
		if (!username || !password) {
			return fail(400, { username, error: t('login.missing'), invalid: true });
		}

		// The API sets the session cookie on its own response; this server must pass it on.
		const setCookies: string[] = [];
		const capturingFetch: typeof fetch = async (input, init) => {
			const response = await event.fetch(input, init);
			setCookies.push(...response.headers.getSetCookie());
			return response;
		};
		const result = await serverClient(event, capturingFetch)
			.mutation(LoginMutation, { input: { username, password } })
			.toPromise();
		if (result.error) {
			const problem = describeError(result.error, t);
			// Only wrong credentials are the fields' fault; a rate limit or an outage is not.
			const invalid = problem.code === 'INVALID_CREDENTIALS' || problem.code === 'BAD_USER_INPUT';
			return fail(problem.status, { username, error: problem.message, invalid });
		}
		const session = findSessionCookie(setCookies);
		if (!session) {
			requestLog(event).error({}, 'login succeeded but the API sent no session cookie');
			return fail(502, { username, error: t('error.unexpected'), invalid: false });
		}
		setSessionCookie(event.cookies, event.url, session);
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
};
