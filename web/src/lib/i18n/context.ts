import { getContext, setContext } from 'svelte';
import type { TFunction } from 'i18next';
import { translator, type Locale, type Messages } from './index';

interface I18n {
	readonly locale: Locale;
	readonly t: TFunction;
}

const key = Symbol('i18n');

/**
 * Called once by the root layout with getters over its data (the reader's locale and that
 * language's messages), so a new locale re-renders.
 */
export function setI18n(getLocale: () => Locale, getMessages: () => Messages): void {
	setContext<I18n>(key, {
		get locale() {
			return getLocale();
		},
		get t() {
			return translator(getLocale(), getMessages());
		}
	});
}

export function useI18n(): I18n {
	return getContext<I18n>(key);
}
