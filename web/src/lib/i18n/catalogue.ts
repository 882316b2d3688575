import vi from './vi.json';
import enJson from './en.json';
import type { Locale, Messages } from './index';

// Every Vietnamese key must exist in English too (English may add plural forms).
const en: Messages = enJson;

/**
 * Both languages. The server renders with them; a browser never loads this module (the layout
 * imports it only while rendering on the server) but fetches its reader's language alone as a
 * cached file (routes/i18n).
 */
export const catalogue: Record<Locale, Messages> = { vi, en };
