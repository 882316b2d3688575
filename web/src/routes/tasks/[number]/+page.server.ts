import { error } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { TaskQuery, TaskRegistersQuery } from '$lib/graphql/tasks';
import type { PageServerLoad } from './$types';

/** The programme's years: the filter offers these, and anything else reads as "all years". */
const YEARS = [2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];

export const load: PageServerLoad = async (event) => {
	const number = /^[1-8]$/.test(event.params.number) ? Number(event.params.number) : null;
	if (number === null) error(404, event.locals.t('tasks.notFound'));
	const yearParam = Number(event.url.searchParams.get('year'));
	const year = YEARS.includes(yearParam) ? yearParam : null;
	const after = event.url.searchParams.get('after') || null;
	const client = serverClient(event);
	const [task, registers] = await Promise.all([
		client.query(TaskQuery, { number, year, after }).toPromise(),
		client
			.query(TaskRegistersQuery, { year, legal: number === 2, campaigns: number === 4, partnerships: number === 6, inspections: number === 8 })
			.toPromise()
	]);
	if (task.error) failLoad(task.error, event.locals.t);
	if (registers.error) failLoad(registers.error, event.locals.t);
	if (!task.data?.task) error(404, event.locals.t('tasks.notFound'));
	return { task: task.data.task, registers: registers.data!, year, years: YEARS };
};
