import { error, fail, redirect } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { describeError, failLoad, withoutIdentityRefusals } from '$lib/graphql/errors';
import { ChildRecordQuery, RequestVerificationMutation, UpdateChildRecordMutation } from '$lib/graphql/register';
import { isCaseStatus } from '$lib/graphql/types';
import { purposeText, readPurpose } from '$lib/server/purpose';
import { readForm } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const purpose = readPurpose(event.cookies);
	if (!purpose) redirect(303, '/register');
	const result = await serverClient(event)
		.query(ChildRecordQuery, { id: event.params.id, purpose: purposeText(purpose) })
		.toPromise();
	const problem = withoutIdentityRefusals(result.error);
	if (problem?.graphQLErrors[0]?.extensions?.code === 'NOT_FOUND') error(404, event.locals.t('error.notFound'));
	if (problem) failLoad(problem, event.locals.t);
	const record = result.data?.childRecord;
	if (!record) error(404, event.locals.t('error.notFound'));
	return { record, purpose };
};

/** Runs a mutation with the session's purpose; a refusal comes back to the form. */
async function act(event: Parameters<Actions[string]>[0], run: (purpose: string, form: FormData) => Promise<{ error?: import('@urql/core').CombinedError }>, success: { saved: true } | { verifyRequested: true }) {
	const purpose = readPurpose(event.cookies);
	if (!purpose) redirect(303, '/register');
	const result = await run(purposeText(purpose), await readForm(event));
	if (result.error) {
		const problem = describeError(result.error, event.locals.t);
		return fail(problem.status, { error: problem.message });
	}
	return success;
}

export const actions: Actions = {
	update: (event) =>
		act(
			event,
			(purpose, form) => {
				const caseStatus = form.get('caseStatus');
				return serverClient(event)
					.mutation(UpdateChildRecordMutation, {
						input: { id: event.params.id, version: Number(form.get('version')), purpose, caseStatus: isCaseStatus(caseStatus) ? caseStatus : null }
					})
					.toPromise();
			},
			{ saved: true }
		),
	verify: (event) =>
		act(
			event,
			(purpose) =>
				serverClient(event)
					.mutation(RequestVerificationMutation, { input: { childId: event.params.id, purpose } })
					.toPromise(),
			{ verifyRequested: true }
		)
};
