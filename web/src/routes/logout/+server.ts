import { redirect } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { LogoutMutation } from '$lib/graphql/viewer';
import { requestLog } from '$lib/server/log';
import { clearSessionCookie } from '$lib/server/session';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const result = await serverClient(event).mutation(LogoutMutation, {}).toPromise();
	// The browser forgets the session either way; the API's copy then simply expires.
	if (result.error) requestLog(event).warn({ error: result.error.message }, 'logout failed: the session is left to expire');
	clearSessionCookie(event.cookies);
	redirect(303, '/');
};
