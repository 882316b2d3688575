import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestListener } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { parse as parseCookies } from 'cookie';
import { databasePool, type Db } from '@treem/db/client';
import { createApolloServer } from './server.js';
import { createContext, type RequestSide, type ViewerLookup } from './context.js';
import { explorer } from './explorer.js';
import { sdmxData } from './modules/indicators/sdmx.js';
import { createLogger, createMetrics, requestLogging, type Logger } from './observability.js';
import { graphqlEndpoint, isGraphQLPath, requestOrigin, type TrustProxy } from './transport.js';
import { IN_PROCESS_GRAPHQL, inProcessGraphQL } from './in-process.js';
import { hasRole } from './modules/accounts/policy.js';
import { SESSION_COOKIE, viewerFromSession } from './modules/accounts/service.js';
import { LoginThrottle, throttleStoreFromEnv, type ThrottleStore } from './modules/accounts/throttle.js';
import { liveTallyHandler } from './modules/live/http.js';
import { TallyHub } from './modules/live/service.js';

export interface AppOptions {
  prisma: Db;
  /** SvelteKit's adapter-node handler; when given, the portal is served beside /graphql. */
  webHandler?: RequestHandler;
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

const sameSecret = (given: string, expected: string) => {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
};

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
  app.get('/healthz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      await Promise.race([prisma.$queryRaw`SELECT 1`, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  // Prometheus scrapes with METRICS_TOKEN as a bearer token; programme admins may look too.
  app.get('/metrics', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = process.env.METRICS_TOKEN;
    let allowed = Boolean(bearer && token && sameSecret(bearer, token));
    const session = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    if (!allowed && session) allowed = hasRole(await viewerFromSession({ prisma, token: session }), 'PROGRAMME_ADMIN');
    if (!allowed) return res.status(bearer || session ? 403 : 401).type('text').send(bearer || session ? 'Forbidden\n' : 'Unauthorized\n');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use('/explorer', explorer({ prisma }));
  app.get('/api/sdmx/data/:code', sdmxData({ prisma }));

  // Live counts (server-sent events) for councils that chose them.
  const tallyHub = new TallyHub(pool);
  app.get('/live/proposals/:id/tally', liveTallyHandler({ prisma, hub: tallyHub }));

  if (webHandler) {
    app.use((req, _res, next) => {
      // The address and scheme honour X-Forwarded-* only from trusted proxies; the portal reads
      // both from these headers (see loadWebHandler), whatever a client put there.
      const { clientIp, secure } = requestOrigin(req, trust);
      req.headers['x-forwarded-proto'] = secure ? 'https' : 'http';
      req.headers[CLIENT_ADDRESS_HEADER] = clientIp;
      // The portal's GraphQL operations run in this process (in-process.ts).
      Object.assign(req, { [IN_PROCESS_GRAPHQL]: inProcessGraphQL({ apollo, page: { clientIp, secure, log: req.log }, context }) });
      next();
    }, webHandler);
  } else {
    app.use((_req, res) => {
      res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
    });
  }

  // Whatever fails outside /graphql: a status and a word, never a stack or a path.
  const lastResort: ErrorRequestHandler = (error: { status?: number; statusCode?: number }, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    const known = status >= 400 && status < 500;
    if (!known) req.log.error({ err: error }, 'unexpected failure');
    res.status(known ? status : 500).type('text').send(known ? `${status}\n` : 'Internal Server Error\n');
  };
  app.use(lastResort);

  // /graphql is served beside Express, not through it (transport.ts); everything else by Express.
  const graphql = graphqlEndpoint({ apollo, prisma, trust, logRequest, context });
  const handler: RequestListener = (req, res) => (isGraphQLPath(req.url) ? graphql(req, res) : app(req, res));

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
