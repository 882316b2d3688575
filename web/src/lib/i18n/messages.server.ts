import vi from './vi.json';
import enJson from './en.json';
import { translator, type Locale, type Messages } from './index';

// Every Vietnamese key must exist in English too (English may add plural forms).
const en: Messages = enJson;
const messages: Record<Locale, Messages> = { vi, en };

/** One language's messages, as the layout sends them to the page. */
export function messagesFor(locale: Locale): Messages {
	return messages[locale];
}

/** The server's translator for a request's locale. */
export function serverTranslator(locale: Locale) {
	return translator(locale, messages[locale]);
}
