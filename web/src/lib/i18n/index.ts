import i18next, { type TFunction } from 'i18next';
import vi from './vi.json';
import enJson from './en.json';

// Every Vietnamese key must exist in English too (English may add plural forms).
const en: typeof vi = enJson;

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
const defaultLocale: Locale = 'vi';
export const LANG_COOKIE = 'lang';

export function toLocale(value: string | null | undefined): Locale {
	return locales.find((locale) => locale === value) ?? defaultLocale;
}

// One instance whose language never changes: every request and component asks for a
// translator fixed to its own locale, so concurrent SSR requests cannot leak locales.
const instance = i18next.createInstance();
void instance.init({
	resources: { vi: { translation: vi }, en: { translation: en } },
	lng: defaultLocale,
	fallbackLng: defaultLocale,
	supportedLngs: locales,
	initAsync: false,
	// Svelte escapes text itself; escaping here would show "&amp;" to the reader.
	interpolation: { escapeValue: false },
	showSupportNotice: false
});

/** Keys remembered per locale; bounded, since a key may be built from an error code. */
const MAX_REMEMBERED = 2000;

/**
 * i18next resolves a key anew on every call, and a page asks for the same few dozen plain
 * strings on every render: a key asked without options is looked up once per locale (the
 * resources are bundled and never change while the server runs).
 */
function remembering(fixed: TFunction): TFunction {
	const translate = fixed as unknown as (...args: unknown[]) => unknown;
	const known = new Map<string, unknown>();
	return ((key: unknown, ...rest: unknown[]) => {
		if (rest.length > 0 || typeof key !== 'string') return translate(key, ...rest);
		let text = known.get(key);
		if (text === undefined) {
			text = translate(key);
			if (known.size < MAX_REMEMBERED) known.set(key, text);
		}
		return text;
	}) as unknown as TFunction;
}

const translators: Record<Locale, TFunction> = {
	vi: remembering(instance.getFixedT('vi')),
	en: remembering(instance.getFixedT('en'))
};

export function translator(locale: Locale): TFunction {
	return translators[locale];
}

const intlLocale: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };
const timeZone = 'Asia/Ho_Chi_Minh';

// Building an Intl formatter costs far more than formatting with it: one of each per locale.
const formatters = (locale: Locale) => ({
	date: new Intl.DateTimeFormat(intlLocale[locale], {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone
	}),
	time: new Intl.DateTimeFormat(intlLocale[locale], {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}),
	calendarDate: new Intl.DateTimeFormat(intlLocale[locale], {
		day: 'numeric',
		month: locale === 'en' ? 'long' : 'numeric',
		year: 'numeric',
		timeZone: 'UTC'
	})
});
const formatting: Record<Locale, ReturnType<typeof formatters>> = {
	vi: formatters('vi'),
	en: formatters('en')
};

/** A date and time as people in the city read it, whatever the server's time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
	const when = new Date(iso);
	const { date, time } = formatting[locale];
	return translators[locale]('date.at', { date: date.format(when), time: time.format(when) });
}

/** A calendar date (`YYYY-MM-DD`) as people read it: "30/6/2025", "30 June 2025". */
export function formatDate(isoDate: string, locale: Locale): string {
	return formatting[locale].calendarDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Councils and units carry both names; pick the reader's. */
export function localName(named: { nameVi: string; nameEn: string }, locale: Locale): string {
	return locale === 'en' ? named.nameEn : named.nameVi;
}

/** A figure as people read it: "96,4" in Vietnamese, "96.4" in English. */
export function formatNumber(value: number, locale: Locale, digits = 1): string {
	return new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: digits }).format(value);
}
