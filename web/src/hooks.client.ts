import type { HandleClientError } from '@sveltejs/kit';
import { loadedTranslator, toLocale } from '$lib/i18n';

export const handleError: HandleClientError = ({ error, status }) => {
	const t = loadedTranslator(toLocale(document.documentElement.lang));
	if (status === 404) return { message: t('error.notFound') };
	console.error(error);
	return { message: t('error.unexpected') };
};
