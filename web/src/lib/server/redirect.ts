import { redirect } from '@sveltejs/kit';

/**
 * A redirect target from user input, kept on this site: only a relative path is accepted
 * ("//evil.example" and "/\evil.example" are other sites to a browser).
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined): string {
	if (typeof target !== 'string' || !target.startsWith('/') || /^\/[/\\]/.test(target)) return '/';
	const base = new URL('http://localhost');
	const url = new URL(target, base);
	if (url.origin !== base.origin) return '/';
	return url.pathname + url.search + url.hash;
}

/** Sends a signed-out reader to the login page, to come back here afterwards. */
export function loginRedirect(url: URL): never {
	redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}
