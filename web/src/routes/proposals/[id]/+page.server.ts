import { error, fail } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { describeError, failLoad } from '$lib/graphql/errors';
import { CastVoteMutation, ProposalQuery, type ProposalDetail } from '$lib/graphql/proposals';
import { isVoteChoice } from '$lib/graphql/types';
import type { Actions, PageServerLoad } from './$types';

export type VotingStatus = 'open' | 'notYetOpen' | 'closed' | 'notOpen';

const decided = new Set(['ADOPTED', 'NOT_ADOPTED', 'REFERRED', 'ANSWERED']);

/** Computed here, not in the browser, so server and browser render the same words. */
function votingStatus(proposal: ProposalDetail, now: Date): VotingStatus {
	if (decided.has(proposal.state)) return 'closed';
	if (proposal.state !== 'OPEN') return 'notOpen';
	if (proposal.votingOpensAt && now < new Date(proposal.votingOpensAt)) return 'notYetOpen';
	if (proposal.votingClosesAt && now >= new Date(proposal.votingClosesAt)) return 'closed';
	return 'open';
}

export const load: PageServerLoad = async (event) => {
	const result = await serverClient(event)
		.query(ProposalQuery, { id: event.params.id })
		.toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	const proposal = result.data?.proposal;
	if (!proposal) error(404, event.locals.t('error.proposalNotFound'));
	return { proposal, votingStatus: votingStatus(proposal, new Date()) };
};

export const actions: Actions = {
	vote: async (event) => {
		const { t } = event.locals;
		const form = await event.request.formData();
		const choice = form.get('choice');
		if (!isVoteChoice(choice)) return fail(400, { error: t('vote.pickOne') });
		const result = await serverClient(event)
			.mutation(CastVoteMutation, { input: { proposalId: event.params.id, choice } })
			.toPromise();
		if (result.error) {
			const problem = describeError(result.error, t);
			return fail(problem.status, { error: problem.message });
		}
		return { voted: true };
	}
};
