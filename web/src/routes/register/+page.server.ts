import { fail, redirect } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { describeError, withoutIdentityRefusals } from '$lib/graphql/errors';
import { RegisterSearchQuery } from '$lib/graphql/register';
import { isCircumstanceGroup } from '$lib/graphql/types';
import { clearPurpose, parsePurpose, purposeText, readPurpose, setPurpose } from '$lib/server/purpose';
import { readForm } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const purpose = readPurpose(event.cookies);
	const params = event.url.searchParams;
	const filter = {
		search: params.get('q')?.trim() || null,
		unitCode: params.get('unit')?.trim() || null,
		circumstance: isCircumstanceGroup(params.get('circumstance')) ? params.get('circumstance') : null,
		after: params.get('after') || null
	};
	if (!purpose) return { purpose: null, filter, results: null, problem: null };
	const result = await serverClient(event)
		.query(RegisterSearchQuery, {
			purpose: purposeText(purpose),
			search: filter.search,
			unitCode: filter.unitCode,
			circumstance: isCircumstanceGroup(filter.circumstance) ? filter.circumstance : null,
			after: filter.after
		})
		.toPromise();
	const error = withoutIdentityRefusals(result.error);
	const problem = error ? describeError(error, event.locals.t).message : null;
	return { purpose, filter, results: result.data?.childRecords ?? null, problem };
};

export const actions: Actions = {
	purpose: async ({ request, cookies, url, locals }) => {
		const form = await readForm({ request, locals });
		const purpose = parsePurpose(`${form.get('code') ?? ''}: ${form.get('note') ?? ''}`);
		if (!purpose) return fail(400, { purposeError: locals.t('register.purpose.invalid') });
		setPurpose(cookies, url, purpose);
		redirect(303, '/register');
	},
	clearPurpose: async ({ cookies }) => {
		clearPurpose(cookies);
		redirect(303, '/register');
	}
};
