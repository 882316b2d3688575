import type { TFunction } from 'i18next';
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

const intlLocale: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

type Params = Record<string, unknown> & { count?: number };
type Tree = { readonly [key: string]: string | Tree };

/**
 * The few i18next features the portal's messages use (nested keys, a list of keys to try,
 * `{{name}}` placeholders, `_one`/`_other` plurals by the language's rules), in a few lines
 * instead of i18next's 14 KB of gzipped JavaScript on every page. Keys stay typed by
 * i18next's `TFunction` (i18next.d.ts), which this function is given as.
 */
function createTranslator(locale: Locale, messages: Messages): TFunction {
	const plural = new Intl.PluralRules(intlLocale[locale]);
	// A page asks for the same few hundred keys on every render: each is walked down once. Only
	// keys that exist are kept, so the map is bounded by the catalogue whatever a key is made of.
	const found = new Map<string, string>();
	const lookup = (key: string) => {
		const known = found.get(key);
		if (known !== undefined) return known;
		let node: string | Tree | undefined = messages as Tree;
		for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
		if (typeof node !== 'string') return undefined;
		found.set(key, node);
		return node;
	};
	const t = (key: string | string[], params?: Params) => {
		const keys = Array.isArray(key) ? key : [key];
		for (const candidate of keys) {
			const counted = typeof params?.count === 'number' ? (lookup(`${candidate}_${plural.select(params.count)}`) ?? lookup(`${candidate}_other`)) : undefined;
			const message = counted ?? lookup(candidate);
			if (message === undefined) continue;
			return message.includes('{{') ? message.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params?.[name] ?? '')) : message;
		}
		return keys[0];
	};
	return t as unknown as TFunction;
}

const translators = new Map<Locale, { messages: Messages; t: TFunction }>();

/** A translator for `locale` from its messages (made once per language and kept). */
export function translator(locale: Locale, messages: Messages): TFunction {
	const known = translators.get(locale);
	if (known?.messages === messages) return known.t;
	const t = createTranslator(locale, messages);
	translators.set(locale, { messages, t });
	return t;
}

/** The translator of a language whose messages this page already has (error hooks, dates). */
export function loadedTranslator(locale: Locale): TFunction {
	const known = translators.get(locale) ?? translators.values().next().value;
	return known?.t ?? ((key: string) => key) as unknown as TFunction;
}
const timeZone = 'Asia/Ho_Chi_Minh';

/**
 * Making an Intl formatter costs far more than using one (it was the largest single cost of
 * rendering a proposal page): each is made once per language and kind, then kept.
 */
function formatters<F>(make: (locale: string) => F): (locale: Locale) => F {
	const made = new Map<Locale, F>();
	return (locale) => {
		let formatter = made.get(locale);
		if (!formatter) made.set(locale, (formatter = make(intlLocale[locale])));
		return formatter;
	};
}

const longDate = formatters((l) => new Intl.DateTimeFormat(l, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }));
const clockTime = formatters((l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }));
const calendarDate = formatters((l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: l === intlLocale.en ? 'long' : 'numeric', year: 'numeric', timeZone: 'UTC' }));

/** A date and time as people in the city read it, whatever the server's time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
	const when = new Date(iso);
	return loadedTranslator(locale)('date.at', { date: longDate(locale).format(when), time: clockTime(locale).format(when) });
}

/** A calendar date (`YYYY-MM-DD`) as people read it: "30/6/2025", "30 June 2025". */
export function formatDate(isoDate: string, locale: Locale): string {
	return calendarDate(locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/** Councils and units carry both names; pick the reader's. */
export function localName(named: { nameVi: string; nameEn: string }, locale: Locale): string {
	return locale === 'en' ? named.nameEn : named.nameVi;
}

const decimal = [0, 1, 2].map((digits) => formatters((l) => new Intl.NumberFormat(l, { maximumFractionDigits: digits })));
const money = formatters((l) => new Intl.NumberFormat(l, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }));
const percent = formatters((l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 }));

/** A figure as people read it: "96,4" in Vietnamese, "96.4" in English. */
export function formatNumber(value: number, locale: Locale, digits = 1): string {
	const kept = decimal[digits];
	return (kept ? kept(locale) : new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: digits })).format(value);
}

/** Whole đồng (a digit string from the API, exact past 2^53) as people read money: "1.250.000 ₫". */
export function formatVnd(digits: string, locale: Locale): string {
	return money(locale).format(BigInt(digits));
}

/** A share as a percentage, "90 %" / "90%". */
export function formatPercent(part: bigint, whole: bigint, locale: Locale): string {
	if (whole === 0n) return '–';
	return percent(locale).format(Number((part * 1000n) / whole) / 1000);
}
