import { error, redirect } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { WriteCouncilQuery } from '$lib/graphql/councils';
import { CreateProposalMutation } from '$lib/graphql/proposals';
import { loginRedirect } from '$lib/server/redirect';
import { integer, mutate, readForm, text } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.viewer) loginRedirect(event.url);
	const result = await serverClient(event).query(WriteCouncilQuery, { id: event.params.id }).toPromise();
	const council = result.data?.council;
	if (!council) error(404, event.locals.t('error.councilNotFound'));
	if (!council.viewerIsMember) error(403, event.locals.t('vote.notMember'));
	return { council };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		const values = { title: text(form, 'title'), body: text(form, 'body'), objectiveGroup: integer(form, 'objectiveGroup') };
		const outcome = await mutate(event, CreateProposalMutation, {
			input: { councilId: event.params.id, title: values.title, body: values.body, objectiveGroup: values.objectiveGroup ?? 0 }
		}, values);
		if (outcome.failure) return outcome.failure;
		redirect(303, `/proposals/${encodeURIComponent(outcome.data.createProposal.id)}`);
	}
};
