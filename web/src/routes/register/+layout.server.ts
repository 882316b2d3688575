import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/**
 * Only protection officers know these pages exist: to everyone else every address under
 * /register is a page that is not there (404, not 403). The API refuses them again anyway.
 */
export const load: LayoutServerLoad = ({ locals }) => {
	if (!locals.viewer?.roles.includes('PROTECTION_OFFICER')) error(404, locals.t('error.notFound'));
};
