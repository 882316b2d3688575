import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler } from 'express';
import { parse as parseCookies } from 'cookie';
import { databasePool, type Db } from '@treem/db/client';
import { createApolloServer } from './server.js';
import { createContext, type RequestSide, type ViewerLookup } from './context.js';
import { explorer } from './explorer.js';
import { sdmxData } from './modules/indicators/sdmx.js';
import { createLogger, createMetrics, requestLogging, type Logger } from './observability.js';
import { AppError, ErrorCode, failureRefusal, httpStatus, sendRefusal } from './errors.js';
import { graphqlEndpoint, isGraphQLPath, requestOrigin, type TrustProxy } from './transport.js';
import { IN_PROCESS_GRAPHQL, inProcessGraphQL } from './in-process.js';
import { hasRole } from './modules/accounts/policy.js';
import { SESSION_COOKIE, viewerFromSession } from './modules/accounts/service.js';
import { LoginThrottle, throttleStoreFromEnv, type ThrottleStore } from './modules/accounts/throttle.js';
import { liveTallyHandler } from './modules/live/http.js';
import { TallyHub } from './modules/live/service.js';
import type { PortalHandler } from './web.js';

export interface AppOptions {
  prisma: Db;
  /** SvelteKit's adapter-node handler; when given, the portal is served beside /graphql. */
  webHandler?: PortalHandler;
  logger?: Logger;
  /** Where login limits are kept; by default this database, or Redis when REDIS_URL is set. */
  throttleStore?: ThrottleStore;
}

/**
 * Which proxies may tell us the browser's address (X-Forwarded-For) and scheme: by default only
 * one on this machine (loopback); behind N proxies, TRUST_PROXY_HOPS=N (each must append the
 * address it received the request from, as nginx's $proxy_add_x_forwarded_for does).
 */
export function trustProxySetting(value = process.env.TRUST_PROXY_HOPS): number | string {
  if (value === undefined || value === '') return 'loopback';
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0) throw new Error(`TRUST_PROXY_HOPS must be a whole number of proxies, not "${value}"`);
  return hops;
}

/** The header through which the portal learns the browser's address (set below, never trusted from outside). */
export const CLIENT_ADDRESS_HEADER = 'x-treem-client-address';

/**
 * What Express serves besides the portal. Every other path but /graphql is the portal's, and
 * goes to it without passing through Express (see `handler` below), so a route added to Express
 * must be added here.
 */
const ROUTES = {
  health: '/healthz',
  metrics: '/metrics',
  explorer: '/explorer',
  sdmx: '/api/sdmx/data/:code',
  liveTally: '/live/proposals/:id/tally',
} as const;
// Matched as Express matches (any case), and by the fixed part only: a path that merely begins
// like a route goes to Express, which hands what it does not serve on to the portal anyway, and
// so does a request target that is not a plain path (`*`, or a whole URL, which Express parses).
const expressPrefixes = Object.values(ROUTES).map((route) => route.split('/:')[0]!.toLowerCase());
const servedByExpress = (url = '') => {
  if (!url.startsWith('/')) return true;
  const path = url.toLowerCase();
  return expressPrefixes.some((prefix) => path.startsWith(prefix));
};

const sameSecret = (given: string, expected: string) => {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
};

// The refusals Express itself may raise (a badly encoded path, say), by their HTTP status.
const transportRefusals = [ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND, ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.NOT_ACCEPTABLE, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE];

/** Whatever fails outside /graphql is answered as /graphql refuses: translated JSON, never a stack or a path. */
function answerFailure(req: IncomingMessage, res: ServerResponse, error: { status?: number; statusCode?: number }) {
  const status = error.status ?? error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = transportRefusals.find((candidate) => httpStatus[candidate] === status) ?? ErrorCode.BAD_REQUEST;
    return sendRefusal(req, res, status, new AppError(code));
  }
  req.log.error({ err: error }, 'unexpected failure');
  const refusal = failureRefusal(error);
  sendRefusal(req, res, httpStatus[refusal.code], refusal);
}

export async function createApp({ prisma, webHandler, logger = createLogger(), throttleStore }: AppOptions) {
  const pool = databasePool(prisma);
  if (!pool) throw new Error('createApp needs a client made by createPrisma');
  const metrics = createMetrics({ pool });
  const store = throttleStore ?? throttleStoreFromEnv(pool);
  const loginThrottle = new LoginThrottle(store);
  const apollo = createApolloServer({ metrics });
  await apollo.start();
  const logRequest = requestLogging(logger);
  const context = (request: RequestSide, findViewer?: ViewerLookup) => createContext({ prisma, loginThrottle, request, findViewer });

  const app = express();
  app.disable('x-powered-by');
  // Every answer here is `no-store` or static: an ETag, hashing each body, would serve no cache.
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting());
  const trust = app.get('trust proxy fn') as TrustProxy;
  app.use((req, res, next) => {
    logRequest(req, res);
    next();
  });

  // For load balancers and orchestrators: up only when the database answers.
  app.get(ROUTES.health, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      await Promise.race([prisma.$queryRaw`SELECT 1`, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  // Prometheus scrapes with METRICS_TOKEN as a bearer token; programme admins may look too.
  app.get(ROUTES.metrics, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = process.env.METRICS_TOKEN;
    let allowed = Boolean(bearer && token && sameSecret(bearer, token));
    const session = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    if (!allowed && session) allowed = hasRole(await viewerFromSession({ prisma, token: session }), 'PROGRAMME_ADMIN');
    if (!allowed) return bearer || session ? sendRefusal(req, res, 403, new AppError('FORBIDDEN')) : sendRefusal(req, res, 401, new AppError('UNAUTHENTICATED'));
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(ROUTES.explorer, explorer({ prisma }));
  app.get(ROUTES.sdmx, sdmxData({ prisma }));

  // Live counts (server-sent events) for councils that chose them.
  const tallyHub = new TallyHub(pool);
  app.get(ROUTES.liveTally, liveTallyHandler({ prisma, hub: tallyHub }));

  // The portal, behind Express's own routes (for paths that begin like one and are not).
  const portal = webHandler && ((req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    // The address and scheme honour X-Forwarded-* only from trusted proxies; the portal reads
    // both from these headers (see loadWebHandler), whatever a client put there.
    const { clientIp, secure } = requestOrigin(req, trust);
    req.headers['x-forwarded-proto'] = secure ? 'https' : 'http';
    req.headers[CLIENT_ADDRESS_HEADER] = clientIp;
    // The portal's GraphQL operations run in this process (in-process.ts).
    Object.assign(req, { [IN_PROCESS_GRAPHQL]: inProcessGraphQL({ apollo, page: { clientIp, secure, log: req.log }, context }) });
    webHandler(req, res, next);
  });
  if (portal) {
    app.use(portal);
  } else {
    app.use((req, res) => sendRefusal(req, res, 404, new AppError('NOT_FOUND')));
  }

  const lastResort: ErrorRequestHandler = (error, req, res, next) => (res.headersSent ? next(error) : answerFailure(req, res, error));
  app.use(lastResort);

  // /graphql is served beside Express, not through it (transport.ts), and so are the portal's
  // pages: Express's routing and its request and response dressing were a twentieth of a page's
  // cost, for nothing a page uses. Express serves the rest.
  const graphql = graphqlEndpoint({ apollo, prisma, trust, logRequest, context });
  const handler: RequestListener = (req, res) => {
    if (isGraphQLPath(req.url)) return graphql(req, res);
    if (!portal || servedByExpress(req.url)) return app(req, res);
    logRequest(req, res);
    portal(req, res, (error?: unknown) => {
      if (res.headersSent) return void res.destroy();
      answerFailure(req, res, error ?? { status: 404 });
    });
  };

  return {
    /** The whole server's request listener: `http.createServer(handler)`. */
    handler,
    async stop() {
      await apollo.stop();
      tallyHub.stop();
      if (store.kind === 'redis') store.client.disconnect();
    },
  };
}
