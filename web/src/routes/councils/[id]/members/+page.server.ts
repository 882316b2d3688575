import { error } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { AddCouncilMemberMutation, CouncilMembersQuery, EndMembershipMutation, ResetMemberPasswordMutation } from '$lib/graphql/members';
import { consentMethods, guardianRelations, oneOf } from '$lib/graphql/types';
import { loginRedirect } from '$lib/server/redirect';
import { mutate, readForm, text } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.viewer) loginRedirect(event.url);
	// Only the council's moderators learn who its members are: everyone else finds no page.
	if (!event.locals.viewer.moderatedCouncilIds.includes(event.params.id)) error(404, event.locals.t('error.notFound'));
	const result = await serverClient(event).query(CouncilMembersQuery, { id: event.params.id }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	const council = result.data?.council;
	if (!council) error(404, event.locals.t('error.councilNotFound'));
	return { council };
};

export const actions: Actions = {
	add: async (event) => {
		const form = await readForm(event);
		const pseudonym = text(form, 'pseudonym');
		const outcome = await mutate(
			event,
			AddCouncilMemberMutation,
			{
				input: {
					councilId: event.params.id,
					pseudonym,
					guardianConsent: {
						givenOn: text(form, 'consentOn'),
						givenBy: oneOf(guardianRelations, form.get('consentBy')) ?? 'OTHER',
						method: oneOf(consentMethods, form.get('consentMethod')) ?? 'SIGNED_FORM'
					}
				}
			},
			{ pseudonym }
		);
		return outcome.failure ?? { issued: outcome.data.addCouncilMember };
	},
	reset: async (event) => {
		const form = await readForm(event);
		const outcome = await mutate(event, ResetMemberPasswordMutation, { input: { membershipId: text(form, 'membershipId') } });
		return outcome.failure ?? { issued: outcome.data.resetMemberPassword };
	},
	end: async (event) => {
		const form = await readForm(event);
		const outcome = await mutate(event, EndMembershipMutation, { input: { membershipId: text(form, 'membershipId') } });
		return outcome.failure ?? { ended: true };
	}
};
