import type { TFunction } from 'i18next';
import type { Viewer } from '$lib/graphql/viewer';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** Translator fixed to this request's locale. */
			t: TFunction;
			viewer: Viewer | null;
		}
	}
}

export {};
