import { serverClient } from '$lib/graphql/client.server';
import { CouncilsQuery } from '$lib/graphql/councils';
import { failLoad } from '$lib/graphql/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const result = await serverClient(event).query(CouncilsQuery, {}).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	return { councils: result.data?.councils ?? [] };
};
