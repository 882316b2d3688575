// The portal served by this process runs its GraphQL operations here, through Apollo's whole
// pipeline (plugins, input guard, translated errors), but without a loopback HTTP round: no
// socket, no Express middleware, no second request log line. SvelteKit's handleFetch finds the
// executor on the page request (adapter-node passes it as `event.platform.req`); when the API
// is elsewhere (API_URL) or the portal runs under Vite, it is absent and the portal uses HTTP.
import type { Request, Response } from 'express';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context, ViewerLookup } from './context.js';
import { viewerFromSession, type Viewer } from './modules/accounts/service.js';

export interface InProcessRequest {
  /** The headers the portal would have sent (its session cookie, locale, the browser's address). */
  headers: Record<string, string>;
  /** A GraphQL-over-HTTP POST body, as an object (never written out to be parsed again). */
  body: unknown;
}
export interface InProcessAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}
export type InProcessGraphQL = (request: InProcessRequest) => Promise<InProcessAnswer>;

/** Where the executor hangs on the page request (read by web/src/hooks.server.ts). */
export const IN_PROCESS_GRAPHQL = 'treemGraphql';

export function inProcessGraphQL({ apollo, req, res, context }: {
  apollo: ApolloServer<Context>;
  req: Request;
  res: Response;
  context: (req: Request, res: Response, findViewer: ViewerLookup) => Promise<Context>;
}): InProcessGraphQL {
  // A page asks for the viewer (its header) and then for its own data: one session lookup
  // serves both, until a mutation (a sign-in, a sign-out, a vote) may have changed things.
  const viewers = new Map<string, Promise<Viewer | null>>();
  const findViewer: ViewerLookup = ({ prisma, token }) => {
    let viewer = viewers.get(token);
    if (!viewer) viewers.set(token, (viewer = viewerFromSession({ prisma, token })));
    return viewer;
  };
  return async ({ headers, body: parsed }) => {
    // The operation sees the portal's headers on the browser's connection; cookies it sets (a
    // login, a logout) come back as Set-Cookie for the portal to pass on, never straight onto
    // the page's response, which SvelteKit writes itself.
    const cookies: string[] = [];
    const operationReq = Object.create(req, { headers: { value: headers } }) as Request;
    const operationRes = Object.create(res, {
      locals: { value: {} },
      append: {
        value(field: string, value: string | string[]) {
          if (field.toLowerCase() === 'set-cookie') cookies.push(...([] as string[]).concat(value));
          return operationRes;
        },
      },
    }) as Response;
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), search: '', body: parsed },
      context: () => context(operationReq, operationRes, findViewer),
    });
    const query = (parsed as { query?: unknown } | null)?.query;
    if (typeof query === 'string' && /^\s*mutation\b/.test(query)) viewers.clear();
    let text = '';
    if (answer.body.kind === 'complete') text = answer.body.string;
    else for await (const chunk of answer.body.asyncIterator) text += chunk;
    return { status: answer.status ?? 200, headers: [...answer.headers, ...cookies.map((c): [string, string] => ['set-cookie', c])], body: text };
  };
}
