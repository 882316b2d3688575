import { fail } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { describeError, failLoad } from '$lib/graphql/errors';
import {
	ApproveSubmissionMutation,
	ReportingQuery,
	ReturnSubmissionMutation,
	SubmitDataValuesMutation,
	SubmitSubmissionMutation
} from '$lib/graphql/indicators';
import { isSubmissionState } from '$lib/graphql/types';
import type { VariablesOf } from '$lib/graphql/graphql';
import { readForm } from '$lib/server/actions';
import { loginRedirect } from '$lib/server/redirect';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

type ValueInput = VariablesOf<typeof SubmitDataValuesMutation>['input']['values'][number];

/** The biggest CSV the form takes; bigger files go through `pnpm data import` or the API. */
const MAX_CSV_CHARS = 19_000;

export const load: PageServerLoad = async (event) => {
	const viewer = event.locals.viewer;
	if (!viewer) loginRedirect(event.url);
	const state = event.url.searchParams.get('state');
	const result = await serverClient(event)
		.query(ReportingQuery, { state: isSubmissionState(state) ? state : null })
		.toPromise();
	if (result.error || !result.data) failLoad(result.error!, event.locals.t);
	return {
		state: isSubmissionState(state) ? state : null,
		mayApprove: viewer.roles.includes('PROGRAMME_ADMIN'),
		indicators: result.data.indicators.edges.map((e) => e.node),
		wards: result.data.adminUnits,
		submissions: result.data.submissions.edges.map((e) => e.node)
	};
};

async function submitValues(event: RequestEvent, form: FormData, values: ValueInput[], csv: string | null) {
	const dryRun = form.get('intent') === 'check';
	const result = await serverClient(event).mutation(SubmitDataValuesMutation, { input: { dryRun, values, csv } }).toPromise();
	if (result.error || !result.data) return fail(400, { problem: describeError(result.error!, event.locals.t).message });
	return { report: result.data.submitDataValues };
}

const number = (value: FormDataEntryValue | null) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN);

async function move(event: RequestEvent, action: 'submit' | 'approve' | 'return') {
	const form = await readForm(event);
	const id = String(form.get('id') ?? '');
	const version = Number(form.get('version'));
	const client = serverClient(event);
	const result =
		action === 'return'
			? await client.mutation(ReturnSubmissionMutation, { input: { id, version, reason: String(form.get('reason') ?? '') } }).toPromise()
			: await client
					.mutation(action === 'submit' ? SubmitSubmissionMutation : ApproveSubmissionMutation, { input: { id, version } })
					.toPromise();
	if (result.error) return fail(400, { problem: describeError(result.error, event.locals.t).message, submissionId: id });
	return { done: id };
}

export const actions: Actions = {
	one: async (event) => {
		const form = await readForm(event);
		const value = {
			indicatorCode: String(form.get('indicatorCode') ?? ''),
			unitCode: String(form.get('unitCode') ?? ''),
			period: String(form.get('period') ?? '').trim(),
			numerator: number(form.get('numerator')),
			denominator: number(form.get('denominator')),
			sex: String(form.get('sex') ?? '_T')
		};
		// A field that is not a number is reported by the API like any bad row (BAD_NUMBER).
		const values = [{ ...value, numerator: Number.isFinite(value.numerator) ? value.numerator : -1, denominator: Number.isFinite(value.denominator) ? value.denominator : 0 }];
		return submitValues(event, form, values, null);
	},
	upload: async (event) => {
		const form = await readForm(event);
		const file = form.get('file');
		const text = file instanceof File && file.size > 0 ? await file.text() : String(form.get('csv') ?? '');
		if (text.trim() === '' || text.length > MAX_CSV_CHARS) return fail(400, { problem: event.locals.t('programme.report.csvHelp') });
		return submitValues(event, form, [], text);
	},
	submit: (event) => move(event, 'submit'),
	approve: (event) => move(event, 'approve'),
	return: (event) => move(event, 'return')
};
