import { serverClient } from '$lib/graphql/client.server';
import { CouncilsQuery, MyCouncilsQuery } from '$lib/graphql/councils';
import { failLoad } from '$lib/graphql/errors';
import type { PageServerLoad } from './$types';

/** The day before the 2025 reform: the last day of the old structure, offered as history. */
const LAST_DAY_BEFORE_REFORM = '2025-06-30';

export const load: PageServerLoad = async (event) => {
	// `?at=YYYY-MM-DD` shows the councils of that day; the API refuses a malformed date.
	const at = event.url.searchParams.get('at');
	const client = serverClient(event);
	const [result, mine] = await Promise.all([
		client.query(CouncilsQuery, { at }).toPromise(),
		event.locals.viewer ? client.query(MyCouncilsQuery, {}).toPromise() : null
	]);
	if (result.error) failLoad(result.error, event.locals.t);
	if (mine?.error) failLoad(mine.error, event.locals.t);
	const viewer = mine?.data?.viewer;
	return {
		councils: result.data?.councils ?? [],
		myCouncils: viewer?.councils ?? [],
		moderatedCouncils: viewer?.moderatedCouncils ?? [],
		at,
		historyAt: LAST_DAY_BEFORE_REFORM
	};
};
