import { error } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { ModerationQueueQuery } from '$lib/graphql/proposals';
import { loginRedirect } from '$lib/server/redirect';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.viewer) loginRedirect(event.url);
	if (event.locals.viewer.moderatedCouncilIds.length === 0) error(404, event.locals.t('error.notFound'));
	const after = event.url.searchParams.get('after');
	const result = await serverClient(event).query(ModerationQueueQuery, { after }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	return { queue: result.data!.moderationQueue, returned: event.url.searchParams.has('returned') };
};
