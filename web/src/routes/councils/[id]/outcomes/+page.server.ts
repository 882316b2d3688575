import { error } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { OutcomesQuery } from '$lib/graphql/proposals';
import type { PageServerLoad } from './$types';

/** "You said, we did": public, like the proposals and answers it shows. */
export const load: PageServerLoad = async (event) => {
	const result = await serverClient(event).query(OutcomesQuery, { id: event.params.id }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	const council = result.data?.council;
	if (!council) error(404, event.locals.t('error.councilNotFound'));
	const outcomes = [...council.answered.edges, ...council.referred.edges].map((edge) => edge.node);
	return { council, outcomes };
};
