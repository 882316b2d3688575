import { error, fail, redirect } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import {
	AgenciesQuery,
	AnswerReferralMutation,
	ApproveProposalMutation,
	CastVoteMutation,
	CloseProposalMutation,
	EscalateProposalMutation,
	ProposalQuery,
	RateResponseMutation,
	ReferProposalMutation,
	ReturnProposalMutation,
	SubmitProposalMutation,
	UpdateCommitmentMutation,
	UpdateProposalMutation,
	WithdrawProposalMutation,
	type ProposalDetail
} from '$lib/graphql/proposals';
import { isVoteChoice, oneOf, returnReasons, stances } from '$lib/graphql/types';
import { integer, mutate, readForm, text } from '$lib/server/actions';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

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
	const client = serverClient(event);
	const result = await client.query(ProposalQuery, { id: event.params.id }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	const proposal = result.data?.proposal;
	if (!proposal) error(404, event.locals.t('error.proposalNotFound'));
	// The agencies only for the moderator who may refer it now.
	const mayRefer = proposal.viewerModerates && proposal.state === 'ADOPTED';
	const agencies = mayRefer
		? ((await client.query(AgenciesQuery, {}).toPromise()).data?.programme?.agencies ?? [])
		: [];
	return { proposal, agencies, votingStatus: votingStatus(proposal, new Date()) };
};

/** The version the page showed: the API refuses a stale one (CONFLICT). */
const versioned = (form: FormData, id: string) => ({ id, version: integer(form, 'version') ?? -1 });

/** A lifecycle step: one mutation, then the page reloads with the proposal's new state. */
async function step(event: RequestEvent, run: (form: FormData) => Promise<{ failure?: ReturnType<typeof fail> }>, done: string) {
	const outcome = await run(await readForm(event));
	return outcome.failure ?? { done };
}

export const actions: Actions = {
	vote: async (event) => {
		const { t } = event.locals;
		const form = await readForm(event);
		const choice = form.get('choice');
		if (!isVoteChoice(choice)) return fail(400, { error: t('vote.pickOne') });
		const outcome = await mutate(event, CastVoteMutation, { input: { proposalId: event.params.id, choice } });
		return outcome.failure ?? { voted: true };
	},
	edit: (event) =>
		step(event, (form) =>
			mutate(event, UpdateProposalMutation, {
				input: {
					...versioned(form, event.params.id),
					title: text(form, 'title'),
					body: text(form, 'body'),
					objectiveGroup: integer(form, 'objectiveGroup') ?? 0
				}
			}), 'edited'),
	submit: (event) => step(event, (form) => mutate(event, SubmitProposalMutation, { input: versioned(form, event.params.id) }), 'submitted'),
	withdraw: (event) => step(event, (form) => mutate(event, WithdrawProposalMutation, { input: versioned(form, event.params.id) }), 'withdrawn'),
	approve: (event) =>
		step(event, (form) =>
			mutate(event, ApproveProposalMutation, { input: { ...versioned(form, event.params.id), votingDays: integer(form, 'votingDays') } }), 'approved'),
	return: async (event) => {
		const form = await readForm(event);
		const reason = oneOf(returnReasons, form.get('reason'));
		if (!reason) return fail(400, { error: event.locals.t('moderate.pickReason') });
		const outcome = await mutate(event, ReturnProposalMutation, { input: { ...versioned(form, event.params.id), reason, message: text(form, 'message') } });
		// A returned proposal is its author's draft again, hidden from the moderator: back to the queue.
		if (outcome.failure) return outcome.failure;
		redirect(303, '/moderation?returned=1');
	},
	close: (event) => step(event, (form) => mutate(event, CloseProposalMutation, { input: versioned(form, event.params.id) }), 'closed'),
	escalate: (event) => step(event, () => mutate(event, EscalateProposalMutation, { input: { id: event.params.id } }), 'escalated'),
	refer: (event) =>
		step(event, (form) =>
			mutate(event, ReferProposalMutation, {
				input: { ...versioned(form, event.params.id), agencyCode: text(form, 'agencyCode'), dueOn: text(form, 'dueOn') }
			}), 'referred'),
	answer: (event) =>
		step(event, async (form) => {
			const stance = oneOf(stances, form.get('stance'));
			if (!stance) return { failure: fail(400, { error: event.locals.t('answer.pickStance') }) };
			const commitments = [0, 1, 2]
				.map((i) => ({ text: text(form, `commitment${i}`), dueOn: text(form, `commitmentDue${i}`) }))
				.filter((c) => c.text || c.dueOn);
			return mutate(event, AnswerReferralMutation, {
				input: { referralId: text(form, 'referralId'), stance, explanation: text(form, 'explanation'), commitments }
			});
		}, 'answered'),
	progress: (event) =>
		step(event, (form) =>
			mutate(event, UpdateCommitmentMutation, {
				input: {
					commitmentId: text(form, 'commitmentId'),
					status: form.get('done') === 'on' ? 'DONE' : 'IN_PROGRESS',
					progress: text(form, 'progress')
				}
			}), 'progressed'),
	rate: (event) =>
		step(event, async (form) => {
			const clear = form.get('clear');
			const helpful = form.get('helpful');
			if ((clear !== 'yes' && clear !== 'no') || (helpful !== 'yes' && helpful !== 'no')) {
				return { failure: fail(400, { error: event.locals.t('rate.pickBoth') }) };
			}
			return mutate(event, RateResponseMutation, {
				input: { responseId: text(form, 'responseId'), clear: clear === 'yes', helpful: helpful === 'yes' }
			});
		}, 'rated')
};
