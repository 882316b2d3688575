import { redirect } from '@sveltejs/kit';
import { ChangePasswordMutation } from '$lib/graphql/viewer';
import { loginRedirect } from '$lib/server/redirect';
import { mutate, readForm } from '$lib/server/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.viewer) loginRedirect(url);
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		const field = (name: string) => String(form.get(name) ?? '');
		const outcome = await mutate(event, ChangePasswordMutation, {
			input: { currentPassword: field('currentPassword'), newPassword: field('newPassword') }
		});
		if (outcome.failure) return outcome.failure;
		redirect(303, '/?password=changed');
	}
};
