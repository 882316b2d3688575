import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'treem_session';

interface SessionCookie {
	value: string;
	maxAge: number | undefined;
}

/** Finds the API's session cookie among raw Set-Cookie header values. */
export function findSessionCookie(setCookies: string[]): SessionCookie | null {
	for (const header of setCookies) {
		const [pair = '', ...attributes] = header.split(';');
		const eq = pair.indexOf('=');
		if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
		const value = decodeURIComponent(pair.slice(eq + 1).trim());
		if (!value) return null;
		const maxAgeAttribute = attributes
			.map((attribute) => attribute.trim().split('='))
			.find(([name]) => name?.toLowerCase() === 'max-age');
		const maxAge = Number(maxAgeAttribute?.[1]);
		return { value, maxAge: Number.isFinite(maxAge) ? maxAge : undefined };
	}
	return null;
}

export function setSessionCookie(cookies: Cookies, url: URL, session: SessionCookie): void {
	cookies.set(SESSION_COOKIE, session.value, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: session.maxAge
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
