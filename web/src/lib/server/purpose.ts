import type { Cookies } from '@sveltejs/kit';
import { registerPurposes } from '$lib/graphql/types';

/**
 * The purpose a protection officer stated for this working session, sent with every read of
 * the register (the API logs it each time). Kept in an httpOnly cookie limited to /register,
 * for two hours at most, so a new day starts with a new statement.
 */
export const PURPOSE_COOKIE = 'register_purpose';
const TWO_HOURS = 2 * 60 * 60;

export interface StatedPurpose {
	code: (typeof registerPurposes)[number];
	note: string;
}

export function readPurpose(cookies: Cookies): StatedPurpose | null {
	const raw = cookies.get(PURPOSE_COOKIE);
	return raw ? parsePurpose(raw) : null;
}

/** The same rule as the API's (a listed code; a note without long runs of digits). */
export function parsePurpose(text: string): StatedPurpose | null {
	const match = /^([A-Z_]+):\s*([\s\S]*)$/.exec(text.trim());
	const code = registerPurposes.find((c) => c === match?.[1]);
	const note = match?.[2]?.trim() ?? '';
	if (!code || note.length > 300 || /\d{6,}/.test(note)) return null;
	if (code === 'OTHER' && note.length < 3) return null;
	return { code, note };
}

export const purposeText = ({ code, note }: StatedPurpose) => (note ? `${code}: ${note}` : code);

export function setPurpose(cookies: Cookies, url: URL, purpose: StatedPurpose) {
	cookies.set(PURPOSE_COOKIE, `${purpose.code}: ${purpose.note}`, {
		path: '/register',
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:',
		maxAge: TWO_HOURS
	});
}

export function clearPurpose(cookies: Cookies) {
	cookies.delete(PURPOSE_COOKIE, { path: '/register' });
}
