import { error } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { ApproveCommentMutation, CommentQueueQuery, RejectCommentMutation, ResolveReportsMutation } from '$lib/graphql/participation';
import { loginRedirect } from '$lib/server/redirect';
import { integer, mutate, readForm, text } from '$lib/server/actions';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.viewer) loginRedirect(event.url);
	if (event.locals.viewer.moderatedCouncilIds.length === 0) error(404, event.locals.t('error.notFound'));
	const result = await serverClient(event).query(CommentQueueQuery, { after: event.url.searchParams.get('after') }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	return { queue: result.data!.commentModerationQueue, reports: result.data!.reportedContent };
};

const decide = (document: typeof ApproveCommentMutation | typeof RejectCommentMutation) => async (event: RequestEvent) => {
	const form = await readForm(event);
	const outcome = await mutate(event, document, { input: { id: text(form, 'commentId'), version: integer(form, 'version') ?? -1 } });
	return outcome.failure ?? { decided: true };
};

const resolve = (hide: boolean) => async (event: RequestEvent) => {
	const form = await readForm(event);
	const outcome = await mutate(event, ResolveReportsMutation, { input: { targetId: text(form, 'targetId'), hide } });
	return outcome.failure ?? { resolved: true };
};

export const actions: Actions = {
	approve: decide(ApproveCommentMutation),
	reject: decide(RejectCommentMutation),
	hide: resolve(true),
	keep: resolve(false)
};
