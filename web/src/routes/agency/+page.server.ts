import { error, fail } from '@sveltejs/kit';
import type { CombinedError } from '@urql/core';
import { serverClient } from '$lib/graphql/client.server';
import { describeError, failLoad } from '$lib/graphql/errors';
import {
	AgencyWorkQuery, CreateActivityMutation, CreateBudgetLineMutation, UpdateActivityMutation, UpdateBudgetLineMutation, UpdateServicePointMutation, WritableAgenciesQuery
} from '$lib/graphql/tasks';
import { isActivityStatus, isFundingSource } from '$lib/graphql/types';
import { readForm } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

const mayKeepRecords = (roles: readonly string[] | undefined) => Boolean(roles?.includes('AGENCY_OFFICER') || roles?.includes('PROGRAMME_ADMIN'));

export const load: PageServerLoad = async (event) => {
	// Like the register: a page only for those who keep records; the API checks every change again.
	if (!mayKeepRecords(event.locals.viewer?.roles)) error(404, event.locals.t('error.notFound'));
	const params = event.url.searchParams;
	const client = serverClient(event);
	const mine = await client.query(WritableAgenciesQuery, {}).toPromise();
	if (mine.error) failLoad(mine.error, event.locals.t);
	const agencies = mine.data!.writableAgencies;
	const agency = agencies.find((a) => a.code === params.get('agency')) ?? agencies[0] ?? null;
	if (!agency) return { agencies, agency: null, work: null };
	const work = await client.query(AgencyWorkQuery, { agencyCode: agency.code, after: params.get('after') || null }).toPromise();
	if (work.error) failLoad(work.error, event.locals.t);
	return { agencies, agency, work: work.data! };
};

/** Text from a form field; empty means "not given". */
const field = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/** A refusal or bad input comes back to the form, already translated by the API. */
function answer<Success extends object>(result: { error?: CombinedError }, t: App.Locals['t'], success: Success) {
	if (!result.error) return success;
	const problem = describeError(result.error, t);
	return fail(problem.status, { error: problem.message });
}

export const actions: Actions = {
	createActivity: async (event) => {
		const form = await readForm(event);
		const status = field(form, 'status');
		const result = await serverClient(event)
			.mutation(CreateActivityMutation, {
				input: {
					planId: field(form, 'planId') ?? '',
					taskNumber: Number(field(form, 'taskNumber')),
					titleVi: field(form, 'titleVi') ?? '',
					titleEn: field(form, 'titleEn'),
					status: isActivityStatus(status) ? status : null,
					startOn: field(form, 'startOn'),
					endOn: field(form, 'endOn')
				}
			})
			.toPromise();
		return answer(result, event.locals.t, { created: true });
	},
	updateActivity: async (event) => {
		const form = await readForm(event);
		const status = field(form, 'status');
		const result = await serverClient(event)
			.mutation(UpdateActivityMutation, {
				input: { id: field(form, 'id') ?? '', version: Number(field(form, 'version')), status: isActivityStatus(status) ? status : null, outputs: field(form, 'outputs') }
			})
			.toPromise();
		return answer(result, event.locals.t, { saved: field(form, 'id') });
	},
	createBudgetLine: async (event) => {
		const form = await readForm(event);
		const source = field(form, 'source');
		const result = await serverClient(event)
			.mutation(CreateBudgetLineMutation, {
				input: {
					activityId: field(form, 'activityId') ?? '',
					source: isFundingSource(source) ? source : 'STATE_BUDGET',
					plannedVnd: field(form, 'plannedVnd') ?? '',
					disbursedVnd: field(form, 'disbursedVnd')
				}
			})
			.toPromise();
		return answer(result, event.locals.t, { saved: field(form, 'activityId') });
	},
	updateBudgetLine: async (event) => {
		const form = await readForm(event);
		const result = await serverClient(event)
			.mutation(UpdateBudgetLineMutation, {
				input: { id: field(form, 'id') ?? '', version: Number(field(form, 'version')), disbursedVnd: field(form, 'disbursedVnd') }
			})
			.toPromise();
		return answer(result, event.locals.t, { saved: field(form, 'activityId') });
	},
	updateServicePoint: async (event) => {
		const form = await readForm(event);
		const result = await serverClient(event)
			.mutation(UpdateServicePointMutation, {
				input: {
					id: field(form, 'id') ?? '',
					version: Number(field(form, 'version')),
					address: field(form, 'address'),
					hours: field(form, 'hours'),
					phone: field(form, 'phone')
				}
			})
			.toPromise();
		return answer(result, event.locals.t, { saved: field(form, 'id') });
	}
};
