import i18next, { type TFunction } from 'i18next';
import type vi from './vi.json';

/**
 * The messages of one language. Only the server holds both (messages.server.ts); a page
 * receives its reader's language with the layout data, so no page's JavaScript carries the
 * other language (or any language) in its code.
 */
export type Messages = typeof vi;

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
const defaultLocale: Locale = 'vi';
export const LANG_COOKIE = 'lang';

export function toLocale(value: string | null | undefined): Locale {
	return locales.find((locale) => locale === value) ?? defaultLocale;
}

// One instance whose language never changes per translator: every request and component asks
// for a translator fixed to its own locale, so concurrent SSR requests cannot leak locales.
const instance = i18next.createInstance();
void instance.init({
	resources: {},
	lng: defaultLocale,
	fallbackLng: false,
	supportedLngs: locales,
	initAsync: false,
	// Svelte escapes text itself; escaping here would show "&amp;" to the reader.
	interpolation: { escapeValue: false },
	showSupportNotice: false
});

const loaded = new Map<Locale, Messages>();

/** A translator for `locale` from its messages (loaded once per language and kept). */
export function translator(locale: Locale, messages: Messages): TFunction {
	if (loaded.get(locale) !== messages) {
		instance.addResourceBundle(locale, 'translation', messages, true, true);
		loaded.set(locale, messages);
	}
	return instance.getFixedT(locale);
}

/** A translator for a language whose messages this page already has (error hooks, dates). */
export function loadedTranslator(locale: Locale): TFunction {
	return instance.getFixedT(locale);
}

const intlLocale: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };
const timeZone = 'Asia/Ho_Chi_Minh';

/** A date and time as people in the city read it, whatever the server's time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
	const when = new Date(iso);
	const date = new Intl.DateTimeFormat(intlLocale[locale], {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone
	}).format(when);
	const time = new Intl.DateTimeFormat(intlLocale[locale], {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(when);
	return loadedTranslator(locale)('date.at', { date, time });
}

/** A calendar date (`YYYY-MM-DD`) as people read it: "30/6/2025", "30 June 2025". */
export function formatDate(isoDate: string, locale: Locale): string {
	return new Intl.DateTimeFormat(intlLocale[locale], {
		day: 'numeric',
		month: locale === 'en' ? 'long' : 'numeric',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${isoDate}T00:00:00Z`));
}

/** Councils and units carry both names; pick the reader's. */
export function localName(named: { nameVi: string; nameEn: string }, locale: Locale): string {
	return locale === 'en' ? named.nameEn : named.nameVi;
}
