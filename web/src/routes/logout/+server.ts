import { redirect } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { LogoutMutation } from '$lib/graphql/viewer';
import { clearSessionCookie } from '$lib/server/session';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const result = await serverClient(event).mutation(LogoutMutation, {}).toPromise();
	// The browser forgets the session either way; the API's copy then simply expires.
	if (result.error) console.error('logout failed:', result.error.message);
	clearSessionCookie(event.cookies);
	redirect(303, '/');
};
