import { error } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { ReferralsQuery } from '$lib/graphql/proposals';
import { loginRedirect } from '$lib/server/redirect';
import type { PageServerLoad } from './$types';

const states = ['PENDING', 'OVERDUE', 'ANSWERED'] as const;

export const load: PageServerLoad = async (event) => {
	const viewer = event.locals.viewer;
	if (!viewer) loginRedirect(event.url);
	if (!viewer.roles.includes('AGENCY_OFFICER') && !viewer.roles.includes('PROGRAMME_ADMIN')) error(404, event.locals.t('error.notFound'));
	const state = states.find((s) => s === event.url.searchParams.get('state')) ?? null;
	const after = event.url.searchParams.get('after');
	const result = await serverClient(event).query(ReferralsQuery, { state, after }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	return { referrals: result.data!.referrals, state, states };
};
