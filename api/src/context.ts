import type { Request, Response } from 'express';
import type { TFunction } from 'i18next';
import { parse as parseCookies } from 'cookie';
import type { Db } from '@treem/db/client';
import { localeFrom, translator, type Locale } from './i18n.js';
import { SESSION_COOKIE, viewerFromSession, type Viewer } from './modules/accounts/service.js';

export interface SessionCookie {
  /** The raw token from the request, if any. */
  token: string | undefined;
  set(token: string, maxAgeSeconds: number): void;
  clear(): void;
}

export interface Context {
  prisma: Db;
  viewer: Viewer | null;
  locale: Locale;
  t: TFunction;
  session: SessionCookie;
  clientIp: string;
}

export async function createContext({ prisma, req, res }: { prisma: Db; req: Request; res: Response }): Promise<Context> {
  const token = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
  const locale = localeFrom(req.headers['accept-language']);
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' } as const;
  return {
    prisma,
    viewer: token ? await viewerFromSession({ prisma, token }) : null,
    locale,
    t: translator(locale),
    clientIp: req.ip ?? 'unknown',
    session: {
      token,
      set: (value, maxAgeSeconds) => res.cookie(SESSION_COOKIE, value, { ...cookieOptions, maxAge: maxAgeSeconds * 1000 }),
      clear: () => res.clearCookie(SESSION_COOKIE, cookieOptions),
    },
  };
}
