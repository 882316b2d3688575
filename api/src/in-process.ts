// The portal served by this process runs its GraphQL operations here, through Apollo's whole
// pipeline (plugins, input guard, translated errors), but without a loopback HTTP round: no
// socket, no Express middleware, no second request log line. SvelteKit's handleFetch finds the
// executor on the page request (adapter-node passes it as `event.platform.req`); when the API
// is elsewhere (API_URL) or the portal runs under Vite, it is absent and the portal uses HTTP.
import type { ApolloServer } from '@apollo/server';
import type { Context, RequestSide, ViewerLookup } from './context.js';
import { failureRefusal, httpStatus, refusalBody } from './errors.js';
import type { Logger } from './observability.js';
import { viewerFromSession, type Viewer } from './modules/accounts/service.js';
import { headerMap } from './transport.js';

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

export function inProcessGraphQL({ apollo, page, context }: {
  apollo: ApolloServer<Context>;
  /** The page request's browser: where it is, how it came, and the page request's logger. */
  page: { clientIp: string; secure: boolean; log: Logger };
  context: (request: RequestSide, findViewer: ViewerLookup) => Promise<Context>;
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
    // the page's response, which SvelteKit writes itself. The page's access line is the one
    // logged; the operation's own trace goes nowhere.
    const cookies: string[] = [];
    const request: RequestSide = { ...page, headers, apiClient: null, trace: {}, setCookie: (cookie) => cookies.push(cookie) };
    // Made here rather than by Apollo, as over HTTP (transport.ts): a failure (the session lookup
    // with the database out of reach) is then logged and translated, not Apollo's bare message.
    let contextValue: Context;
    try {
      contextValue = await context(request, findViewer);
    } catch (error) {
      page.log.error({ err: error }, "unexpected failure in a page's GraphQL operation");
      const problem = failureRefusal(error);
      return { status: httpStatus[problem.code], headers: [['content-type', 'application/json; charset=utf-8']], body: refusalBody(headers['accept-language'], problem) };
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: headerMap(headers), search: '', body: parsed },
      context: async () => contextValue,
    });
    const query = (parsed as { query?: unknown } | null)?.query;
    if (typeof query === 'string' && /^\s*mutation\b/.test(query)) viewers.clear();
    let text = '';
    if (answer.body.kind === 'complete') text = answer.body.string;
    else for await (const chunk of answer.body.asyncIterator) text += chunk;
    return { status: answer.status ?? 200, headers: [...answer.headers, ...cookies.map((c): [string, string] => ['set-cookie', c])], body: text };
  };
}
