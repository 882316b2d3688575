import type { IncomingHttpHeaders } from 'node:http';
import type { TFunction } from 'i18next';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
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

/** What an operation knows of the request it came with: over the network (transport.ts) or from the portal in this process (in-process.ts). */
export interface RequestSide {
  headers: IncomingHttpHeaders;
  /** Whether the browser reached us over HTTPS (as a trusted proxy reports it): cookies are then Secure. */
  secure: boolean;
  /** The browser's address as the trusted proxy reports it (see `trust proxy` in app.ts). */
  clientIp: string;
  /** The agency system its bearer token authenticated, if any. */
  apiClient: ApiClientPrincipal | null;
  log: Logger;
  trace: OperationTrace;
  /** Adds a Set-Cookie header to the answer. */
  setCookie(header: string): void;
}

export async function createContext({ prisma, loginThrottle, request, findViewer = viewerFromSession }: {
  prisma: Db;
  loginThrottle: LoginThrottle;
  request: RequestSide;
  /** How the session becomes a viewer (the portal's page requests share one lookup, see in-process.ts). */
  findViewer?: ViewerLookup;
}): Promise<Context> {
  const { headers, apiClient, clientIp } = request;
  const token = parseCookies(headers.cookie ?? '')[SESSION_COOKIE];
  const locale = localeFrom(headers['accept-language']);
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/' } as const;
  // An agency system is authenticated by its token alone; a cookie beside it is ignored.
  const viewer = token && !apiClient ? await findViewer({ prisma, token }) : null;
  return {
    prisma,
    loginThrottle,
    log: request.log,
    trace: request.trace,
    viewer,
    apiClient,
    actor: { userId: viewer?.id ?? null, apiClientId: apiClient?.id ?? null, clientIp },
    locale,
    t: translator(locale),
    clientIp,
    session: {
      token,
      set: (value, maxAgeSeconds) => request.setCookie(serializeCookie(SESSION_COOKIE, value, { ...cookieOptions, maxAge: maxAgeSeconds, expires: new Date(Date.now() + maxAgeSeconds * 1000) })),
      // Expired at the epoch, as browsers expect a removal to be written.
      clear: () => request.setCookie(serializeCookie(SESSION_COOKIE, '', { ...cookieOptions, expires: new Date(1) })),
    },
  };
}
