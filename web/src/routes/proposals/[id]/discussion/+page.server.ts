import { error, fail } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import {
	AddCommentMutation,
	ApproveCommentMutation,
	DiscussionQuery,
	RejectCommentMutation,
	ReportContentMutation
} from '$lib/graphql/participation';
import { integer, mutate, readForm, text } from '$lib/server/actions';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const result = await serverClient(event).query(DiscussionQuery, { id: event.params.id }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	const proposal = result.data?.proposal;
	if (!proposal) error(404, event.locals.t('error.proposalNotFound'));
	return { proposal };
};

/** A moderator's decision on one comment, with the version the page showed. */
const decide = (document: typeof ApproveCommentMutation | typeof RejectCommentMutation) => async (event: RequestEvent) => {
	const form = await readForm(event);
	const outcome = await mutate(event, document, { input: { id: text(form, 'commentId'), version: integer(form, 'version') ?? -1 } });
	return outcome.failure ?? { decided: true };
};

export const actions: Actions = {
	comment: async (event) => {
		const form = await readForm(event);
		const body = text(form, 'body');
		const replyTo = text(form, 'replyTo') || null;
		if (!body) return fail(400, { body, error: event.locals.t('discussion.body') });
		const outcome = await mutate(event, AddCommentMutation, { input: { proposalId: event.params.id, body, replyTo } }, { body });
		return outcome.failure ?? { sent: true };
	},
	report: async (event) => {
		const form = await readForm(event);
		const outcome = await mutate(event, ReportContentMutation, { input: { targetId: text(form, 'targetId'), reason: text(form, 'reason') } });
		return outcome.failure ?? { reported: true };
	},
	approve: decide(ApproveCommentMutation),
	reject: decide(RejectCommentMutation)
};
