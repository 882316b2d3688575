import { createHash } from 'node:crypto';
import { catalogue } from './catalogue';
import { translator, type Locale, type Messages } from './index';

/** One language's messages, as routes/i18n sends them. */
export function messagesFor(locale: Locale): Messages {
	return catalogue[locale];
}

// The messages change only with a new build: their hash names the version a browser may keep.
const versions = new Map(Object.entries(catalogue).map(([locale, messages]) => [locale, createHash('sha256').update(JSON.stringify(messages)).digest('base64url').slice(0, 12)]));

/** The current version of a language's messages (part of the address they are fetched from). */
export function messagesVersion(locale: Locale): string {
	return versions.get(locale)!;
}

/** The server's translator for a request's locale. */
export function serverTranslator(locale: Locale) {
	return translator(locale, messagesFor(locale));
}
