import { getContext, setContext } from 'svelte';
import type { TFunction } from 'i18next';
import { translator, type Locale } from './index';

interface I18n {
	readonly locale: Locale;
	readonly t: TFunction;
}

const key = Symbol('i18n');

/** Called once by the root layout; `getLocale` reads the layout data so a new locale re-renders. */
export function setI18n(getLocale: () => Locale): void {
	setContext<I18n>(key, {
		get locale() {
			return getLocale();
		},
		get t() {
			return translator(getLocale());
		}
	});
}

export function useI18n(): I18n {
	return getContext<I18n>(key);
}
