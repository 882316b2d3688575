import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { ServicePointsQuery } from '$lib/graphql/tasks';
import { isServiceSector } from '$lib/graphql/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const sector = params.get('sector');
	const filter = {
		search: params.get('q')?.trim().slice(0, 200) || null,
		unitCode: params.get('unit')?.trim().slice(0, 40) || null,
		sector: isServiceSector(sector) ? sector : null,
		after: params.get('after') || null
	};
	const result = await serverClient(event).query(ServicePointsQuery, filter).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	// Today's wards and communes (the API's default day), for the unit filter.
	return { filter, results: result.data!.servicePoints, units: result.data!.adminUnits };
};
