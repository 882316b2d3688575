import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { AnyVariables, DocumentInput } from '@urql/core';
import { serverClient } from '$lib/graphql/client.server';
import { describeError } from '$lib/graphql/errors';

/**
 * Runs one mutation for a form action: its data on success, or the form's failure with the
 * API's own (translated) message and the status that goes with its code, keeping what the
 * person typed (`keep`) so the form shows it again.
 */
export async function mutate<Data, Variables extends AnyVariables, Keep extends object = object>(
	event: RequestEvent,
	document: DocumentInput<Data, Variables>,
	variables: Variables,
	keep?: Keep
) {
	const result = await serverClient(event).mutation(document, variables).toPromise();
	if (result.error || !result.data) {
		const problem = result.error
			? describeError(result.error, event.locals.t)
			: { status: 500, message: event.locals.t('error.unexpected') };
		return { failure: fail(problem.status, { ...(keep as Keep), error: problem.message }) } as const;
	}
	return { data: result.data } as const;
}

/**
 * The form a request posted. Another content type, a multipart body that does not parse, or a
 * body over BODY_SIZE_LIMIT is the sender's fault, answered in the reader's language (415, 400
 * or 413), not a crash: `formData()` throws on each, and that was a 500 with a stack in the log.
 */
export async function readForm({ request, locals }: Pick<RequestEvent, 'request' | 'locals'>): Promise<FormData> {
	try {
		return await request.formData();
	} catch (cause) {
		// The Node adapter errors an oversized body's stream with its own 413.
		if ((cause as { status?: unknown }).status === 413) error(413, locals.t('error.formTooLarge'));
		const isForm = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(request.headers.get('content-type') ?? '');
		error(isForm ? 400 : 415, locals.t('error.unreadableForm'));
	}
}

/** A form's text field, trimmed ('' when absent). */
export function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

/** A form's whole-number field, or null. */
export function integer(form: FormData, name: string): number | null {
	const value = text(form, name);
	return /^\d{1,6}$/.test(value) ? Number(value) : null;
}
