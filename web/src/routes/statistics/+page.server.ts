import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { ParticipationQuery } from '$lib/graphql/participation';
import type { PageServerLoad } from './$types';

const LEVELS = ['CITY', 'DISTRICT', 'WARD'] as const;
type Level = (typeof LEVELS)[number];

/** Public: participation of the councils of one level (default the city), per period. */
export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const asked = params.get('level');
	const level: Level = LEVELS.find((l) => l === asked) ?? 'CITY';
	const period = params.get('period')?.trim() || String(new Date().getUTCFullYear());
	const council = params.get('council') || null;
	const result = await serverClient(event).query(ParticipationQuery, { id: council, level, period }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	return { statistics: result.data!.participationStatistics, level, period, levels: LEVELS };
};
