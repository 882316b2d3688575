import type { Request, Response } from 'express';
import type { TFunction } from 'i18next';
import { parse as parseCookies } from 'cookie';
import type { Db } from '@treem/db/client';
import { localeFrom, translator, type Locale } from './i18n.js';
import type { Logger, OperationTrace } from './observability.js';
import { SESSION_COOKIE, viewerFromSession, type Viewer } from './modules/accounts/service.js';
import type { LoginThrottle } from './modules/accounts/throttle.js';
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
  loginThrottle: LoginThrottle;
  /** This request's logger (its lines carry the request id). */
  log: Logger;
  /** What the access log says about the operation (filled once it is known). */
  trace: OperationTrace;
}

export type ViewerLookup = typeof viewerFromSession;

export async function createContext({ prisma, loginThrottle, req, res, log, findViewer = viewerFromSession }: {
  prisma: Db;
  loginThrottle: LoginThrottle;
  req: Request;
  res: Response;
  log: Logger;
  /** How the session becomes a viewer (the portal's page requests share one lookup, see in-process.ts). */
  findViewer?: ViewerLookup;
}): Promise<Context> {
  const token = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
  const locale = localeFrom(req.headers['accept-language']);
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' } as const;
  const trace: OperationTrace = {};
  res.locals.operation = trace;
  // An agency system is authenticated by its token alone; a cookie beside it is ignored.
  const apiClient = (res.locals.apiClient as ApiClientPrincipal | undefined) ?? null;
  const viewer = token && !apiClient ? await findViewer({ prisma, token }) : null;
  // The browser's address as the trusted proxy reports it (see `trust proxy` in app.ts).
  const clientIp = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return {
    prisma,
    loginThrottle,
    log: req.log ?? log,
    trace,
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
