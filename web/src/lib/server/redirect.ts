import { redirect } from '@sveltejs/kit';

// What a browser reads as another site's address: "//evil.example", "/\evil.example".
const otherSite = /^\/[/\\]/;

/**
 * A redirect target from user input, kept on this site: only a relative path is accepted, and
 * checked again once its dot segments are resolved ("/.//evil.example" and "/%2e//evil.example"
 * become "//evil.example").
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined): string {
	if (typeof target !== 'string' || !target.startsWith('/') || otherSite.test(target)) return '/';
	const base = new URL('http://localhost');
	const url = new URL(target, base);
	const path = url.pathname + url.search + url.hash;
	return url.origin === base.origin && !otherSite.test(path) ? path : '/';
}

/** Sends a signed-out reader to the login page, to come back here afterwards. */
export function loginRedirect(url: URL): never {
	redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}
