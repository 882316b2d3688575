import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { TasksQuery } from '$lib/graphql/tasks';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const result = await serverClient(event).query(TasksQuery, {}).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	return { tasks: result.data?.programme?.tasks ?? [] };
};
