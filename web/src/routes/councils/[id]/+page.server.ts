import { error } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { CouncilQuery } from '$lib/graphql/councils';
import { failLoad } from '$lib/graphql/errors';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 10;

export const load: PageServerLoad = async (event) => {
	const after = event.url.searchParams.get('after');
	const result = await serverClient(event)
		.query(CouncilQuery, { id: event.params.id, first: PAGE_SIZE, after })
		.toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	const council = result.data?.council;
	if (!council) error(404, event.locals.t('error.councilNotFound'));
	return { council, after, pageSize: PAGE_SIZE };
};
