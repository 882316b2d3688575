import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { expressMiddleware } from '@as-integrations/express5';
import type { Db } from '@treem/db/client';
import { createApolloServer } from './server.js';
import { createContext } from './context.js';
import { bearerAuthentication } from './modules/accounts/http.js';

export interface AppOptions {
  prisma: Db;
  /** SvelteKit's adapter-node handler; when given, the portal is served beside /graphql. */
  webHandler?: RequestHandler;
}

export async function createApp({ prisma, webHandler }: AppOptions) {
  const apollo = createApolloServer();
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Behind one reverse proxy in production: trust its X-Forwarded-* for the client address
  // (rate limits) and the scheme (Secure cookies).
  app.set('trust proxy', 'loopback');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(
    '/graphql',
    // JSON only: nothing here may be framed, sniffed or run as a page. (Apollo itself marks
    // answers without cache hints `no-store`, so session-dependent data is never cached.)
    helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }),
    bearerAuthentication(prisma),
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, { context: ({ req, res }) => createContext({ prisma, req, res }) }),
  );
  if (webHandler) {
    app.use((req, _res, next) => {
      // req.protocol honours X-Forwarded-Proto only from the trusted proxy (see loadWebHandler).
      req.headers['x-forwarded-proto'] = req.protocol;
      next();
    }, webHandler);
  }

  return { app, stop: () => apollo.stop() };
}
