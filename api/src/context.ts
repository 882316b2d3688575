import type { Request, Response } from 'express';
import type { TFunction } from 'i18next';
import { parse as parseCookies } from 'cookie';
import type { Db } from '@treem/db/client';
import { localeFrom, translator, type Locale } from './i18n.js';
import { SESSION_COOKIE, viewerFromSession, type Viewer } from './modules/accounts/service.js';
import type { ApiClientPrincipal } from './modules/accounts/policy.js';
import type { Actor } from './modules/audit/service.js';

export interface SessionCookie {
  /** The raw token from the request, if any. */
  token: string | undefined;
  set(token: string, maxAgeSeconds: number): void;
  clear(): void;
}

export interface Context {
  prisma: Db;
  /** The signed-in person (session cookie), if any. */
  viewer: Viewer | null;
  /** The agency system (bearer token, see accounts/http.ts), if any; never both. */
  apiClient: ApiClientPrincipal | null;
  /** Who acts, as the audit log records it. */
  actor: Actor;
  locale: Locale;
  t: TFunction;
  session: SessionCookie;
  clientIp: string;
}

export async function createContext({ prisma, req, res }: { prisma: Db; req: Request; res: Response }): Promise<Context> {
  const token = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
  const locale = localeFrom(req.headers['accept-language']);
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' } as const;
  // An agency system is authenticated by its token alone; a cookie beside it is ignored.
  const apiClient = (res.locals.apiClient as ApiClientPrincipal | undefined) ?? null;
  const viewer = token && !apiClient ? await viewerFromSession({ prisma, token }) : null;
  const clientIp = req.ip ?? 'unknown';
  return {
    prisma,
    viewer,
    apiClient,
    actor: { userId: viewer?.id ?? null, apiClientId: apiClient?.id ?? null, clientIp },
    locale,
    t: translator(locale),
    clientIp,
    session: {
      token,
      set: (value, maxAgeSeconds) => res.cookie(SESSION_COOKIE, value, { ...cookieOptions, maxAge: maxAgeSeconds * 1000 }),
      clear: () => res.clearCookie(SESSION_COOKIE, cookieOptions),
    },
  };
}
