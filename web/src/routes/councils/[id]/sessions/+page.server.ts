import { error, fail } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import {
	CouncilSessionsQuery,
	RecordSessionAttendanceMutation,
	RecordSessionMinutesMutation,
	ScheduleCouncilSessionMutation
} from '$lib/graphql/participation';
import { loginRedirect } from '$lib/server/redirect';
import { mutate, readForm, text } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.viewer) loginRedirect(event.url);
	const result = await serverClient(event).query(CouncilSessionsQuery, { id: event.params.id }).toPromise();
	if (result.error) failLoad(result.error, event.locals.t);
	const council = result.data?.council;
	if (!council) error(404, event.locals.t('error.notFound'));
	return { council, upcoming: result.data!.upcoming, past: result.data!.past };
};

/** `datetime-local` gives Vietnam's wall-clock time without a zone: it is UTC+7. */
function vietnamTime(value: string): string | null {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
	const at = new Date(`${value}:00+07:00`);
	return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export const actions: Actions = {
	schedule: async (event) => {
		const form = await readForm(event);
		const startsAt = vietnamTime(text(form, 'startsAt'));
		if (!startsAt) return fail(400, { error: event.locals.t('sessions.startsAt') });
		const outcome = await mutate(event, ScheduleCouncilSessionMutation, {
			input: {
				councilId: event.params.id,
				startsAt,
				place: text(form, 'place') || null,
				onlineUrl: text(form, 'onlineUrl') || null,
				agenda: form.getAll('agenda').filter((value): value is string => typeof value === 'string')
			}
		});
		return outcome.failure ?? { scheduled: true };
	},
	attendance: async (event) => {
		const form = await readForm(event);
		const present = form.getAll('present').filter((value): value is string => typeof value === 'string');
		const outcome = await mutate(event, RecordSessionAttendanceMutation, { input: { sessionId: text(form, 'sessionId'), present } });
		return outcome.failure ?? { saved: true };
	},
	minutes: async (event) => {
		const form = await readForm(event);
		const outcome = await mutate(event, RecordSessionMinutesMutation, { input: { sessionId: text(form, 'sessionId'), minutes: text(form, 'minutes') } });
		return outcome.failure ?? { saved: true };
	}
};
