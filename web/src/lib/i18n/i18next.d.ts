import type vi from './vi.json';

// Typed keys: svelte-check fails on a key that vi.json lacks.
declare module 'i18next' {
	interface CustomTypeOptions {
		defaultNS: 'translation';
		resources: { translation: typeof vi };
	}
}
