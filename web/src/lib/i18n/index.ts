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

const translators: Record<Locale, TFunction> = {
	vi: instance.getFixedT('vi'),
	en: instance.getFixedT('en')
};

export function translator(locale: Locale): TFunction {
	return translators[locale];
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
	return translators[locale]('date.at', { date, time });
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

/** Whole đồng (a digit string from the API, exact past 2^53) as people read money: "1.250.000 ₫". */
export function formatVnd(digits: string, locale: Locale): string {
	return new Intl.NumberFormat(intlLocale[locale], { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(BigInt(digits));
}

/** A share as a percentage, "90 %" / "90%". */
export function formatPercent(part: bigint, whole: bigint, locale: Locale): string {
	if (whole === 0n) return '–';
	return new Intl.NumberFormat(intlLocale[locale], { style: 'percent', maximumFractionDigits: 0 }).format(Number((part * 1000n) / whole) / 1000);
}
