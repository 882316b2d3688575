// /graphql over HTTP, straight on node:http: the busiest path of the server does not go through
// Express's router and response helpers, which cost more than a small query itself (`pnpm bench`).
// Everything /graphql refuses before GraphQL runs is refused here. Each refusal is a GraphQL
// error body (JSON, `extensions.code`, a translated message) with the HTTP status that says what
// went wrong, so a program can react and a person can read it; never an HTML page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import accepts from 'accepts';
import bodyParser from 'body-parser';
import { getOperationAST, parse } from 'graphql';
import helmet from 'helmet';
import proxyaddr from 'proxy-addr';
import typeis from 'type-is';
import type { Db } from '@treem/db/client';
import type { Context, RequestSide } from './context.js';
import { AppError, failureRefusal, httpStatus, sendRefusal, type ErrorCode } from './errors.js';
import type { OperationTrace } from './observability.js';
import { bearerClient } from './modules/accounts/http.js';

export const BODY_LIMIT = '100kb';

/** Which hops may tell us the browser's address and scheme (Express's compiled `trust proxy`). */
export type TrustProxy = (address: string, hop: number) => boolean;

/** The browser's address and whether it came over HTTPS, believing only trusted proxies (as Express's req.ip and req.secure do). */
export function requestOrigin(req: IncomingMessage, trust: TrustProxy): { clientIp: string; secure: boolean } {
  let secure = Boolean((req.socket as TLSSocket).encrypted);
  const forwarded = req.headers['x-forwarded-proto'];
  if (typeof forwarded === 'string' && trust(req.socket.remoteAddress ?? '', 0)) secure = forwarded.split(',')[0]!.trim() === 'https';
  return { clientIp: proxyaddr(req, trust) ?? 'unknown', secure };
}

/** Whether a request is for /graphql (matched as Express matched its mount: any case, and paths below it). */
export function isGraphQLPath(url = '') {
  const end = url.indexOf('?');
  const path = (end === -1 ? url : url.slice(0, end)).toLowerCase();
  return path === '/graphql' || path.startsWith('/graphql/');
}

/** Node's headers as Apollo takes them (repeated ones joined, as HTTP allows). */
export function headerMap(headers: IncomingMessage['headers']) {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
  return map;
}

/** Sends one translated GraphQL error as the whole answer, with the status of its code. */
const refuse = (req: IncomingMessage, res: ServerResponse, error: AppError) => sendRefusal(req, res, httpStatus[error.code], error);

const refusal = (code: ErrorCode, reason?: string, params?: Record<string, string | number>) => new AppError(code, reason, params);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || value === null || check(value);

/** The fields of a GraphQL-over-HTTP request, whatever carried them. */
function checkParams(params: { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown }): AppError | null {
  if (isObject(params.extensions) && 'persistedQuery' in params.extensions) return refusal('BAD_REQUEST', 'PERSISTED_QUERY');
  if (typeof params.query !== 'string' || params.query.trim() === '') return refusal('BAD_REQUEST', 'MISSING_QUERY');
  if (!optional(params.variables, isObject) || !optional(params.extensions, isObject) || !optional(params.operationName, (v) => typeof v === 'string')) {
    return refusal('BAD_REQUEST', 'INVALID_PARAMS');
  }
  return null;
}

// Apollo's rule: a request a browser would send cross-site without a preflight must carry a
// header only a script on an allowed origin can set.
const simpleContentTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
function isPreflighted(req: IncomingMessage) {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return (type !== undefined && type !== '' && !simpleContentTypes.has(type)) || 'apollo-require-preflight' in req.headers || 'x-apollo-operation-name' in req.headers;
}

function getParams(search: string): AppError | null {
  const fields = new URLSearchParams(search);
  const params: Record<string, unknown> = {};
  for (const name of ['query', 'variables', 'operationName', 'extensions']) {
    const values = fields.getAll(name);
    if (values.length > 1) return refusal('BAD_REQUEST', 'INVALID_PARAMS');
    if (values.length === 0) continue;
    if (name === 'query' || name === 'operationName') {
      params[name] = values[0];
      continue;
    }
    try {
      params[name] = JSON.parse(values[0]!);
    } catch {
      return refusal('BAD_REQUEST', 'MALFORMED_JSON');
    }
  }
  return checkParams(params) ?? (isGetMutation(params.query as string, params.operationName as string | undefined) ? refusal('METHOD_NOT_ALLOWED', 'GET_MUTATION') : null);
}

/** GET is for reading: a mutation sent that way is refused before anything runs. */
function isGetMutation(query: string, operationName: string | undefined) {
  try {
    const operation = getOperationAST(parse(query), operationName);
    return operation != null && operation.operation !== 'query';
  } catch {
    return false; // a syntax error: GraphQL reports it, translated, like any other
  }
}

const parseJson = bodyParser.json({ limit: BODY_LIMIT, strict: false });
const readJson = (req: IncomingMessage, res: ServerResponse) =>
  new Promise<unknown>((resolve, reject) => parseJson(req, res, (error?: unknown) => (error ? reject(error) : resolve((req as { body?: unknown }).body))));

/** Maps body-parser's failures (it marks each with a `type`) to our refusals. */
function bodyError(error: { type?: string; status?: number }): AppError {
  switch (error.type) {
    case 'entity.too.large':
      return refusal('PAYLOAD_TOO_LARGE', undefined, { limit: BODY_LIMIT });
    case 'charset.unsupported':
      return refusal('UNSUPPORTED_MEDIA_TYPE', 'CHARSET');
    case 'encoding.unsupported':
      return refusal('UNSUPPORTED_MEDIA_TYPE', 'ENCODING');
    default:
      return refusal('BAD_REQUEST', 'MALFORMED_JSON');
  }
}

const ANSWER_TYPES = ['application/json', 'application/graphql-response+json'];

/** What the request asks that GraphQL cannot give, answered here; null when GraphQL should run. */
function negotiate(req: IncomingMessage, res: ServerResponse, search: string): AppError | 'answered' | null {
  // A person who opened /graphql in a browser: the explorer (or the page about it) helps them.
  if (req.method === 'GET' && accepts(req).type([...ANSWER_TYPES, 'text/html']) === 'text/html') {
    res.writeHead(303, { Location: '/explorer', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('See Other: /explorer\n');
    return 'answered';
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('Allow', 'GET, POST');
    return refusal('METHOD_NOT_ALLOWED');
  }
  if (!accepts(req).type(ANSWER_TYPES)) return refusal('NOT_ACCEPTABLE');
  if (req.method === 'GET') {
    if (!isPreflighted(req)) return refusal('BAD_REQUEST', 'CSRF');
    const problem = getParams(search);
    if (problem?.code === 'METHOD_NOT_ALLOWED') res.setHeader('Allow', 'POST');
    return problem;
  }
  if (!typeis(req, ['application/json'])) return refusal('UNSUPPORTED_MEDIA_TYPE');
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return refusal('UNSUPPORTED_MEDIA_TYPE', 'CHARSET');
  return null;
}

/** The POST body as GraphQL takes it, or why it is refused. */
async function readBody(req: IncomingMessage, res: ServerResponse): Promise<{ body: unknown } | { problem: AppError }> {
  let body: unknown;
  try {
    body = await readJson(req, res);
  } catch (error) {
    return { problem: bodyError(error as { type?: string }) };
  }
  if (Array.isArray(body)) return { problem: refusal('BAD_REQUEST', 'BATCHING') };
  if (!isObject(body)) return { problem: refusal('BAD_REQUEST', 'MISSING_QUERY') };
  const problem = checkParams(body);
  return problem ? { problem } : { body };
}

/** Apollo's answer onto the response. */
export async function writeAnswer(res: ServerResponse, answer: HTTPGraphQLResponse) {
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    res.setHeader('Content-Length', Buffer.byteLength(answer.body.string));
    res.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}

// JSON only: nothing here may be framed, sniffed or run as a page.
const securityHeaders = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });

export function graphqlEndpoint({ apollo, prisma, trust, logRequest, context }: {
  apollo: ApolloServer<Context>;
  prisma: Db;
  trust: TrustProxy;
  logRequest: (req: IncomingMessage, res: ServerResponse) => OperationTrace;
  context: (request: RequestSide) => Promise<Context>;
}) {
  async function serve(req: IncomingMessage, res: ServerResponse, trace: OperationTrace) {
    // Answers depend on the session and change with every vote: no cache may keep them.
    res.setHeader('Cache-Control', 'no-store');
    const url = req.url ?? '';
    const search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    const problem = negotiate(req, res, search);
    if (problem === 'answered') return;
    if (problem) return refuse(req, res, problem);
    let body: unknown = {};
    if (req.method === 'POST') {
      const read = await readBody(req, res);
      if ('problem' in read) return refuse(req, res, read.problem);
      body = read.body;
    }
    const apiClient = await bearerClient({ prisma, req, res });
    if (apiClient === false) return;
    const request: RequestSide = {
      headers: req.headers,
      ...requestOrigin(req, trust),
      apiClient,
      log: req.log,
      trace,
      setCookie: (header) => res.appendHeader('Set-Cookie', header),
    };
    // Made here rather than by Apollo: a failure (the session lookup with the database out of
    // reach) then gets the answer below, logged and translated, not Apollo's bare 500.
    const contextValue = await context(request);
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!, headers: headerMap(req.headers), search, body },
      context: async () => contextValue,
    });
    await writeAnswer(res, answer);
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    const trace = logRequest(req, res);
    securityHeaders(req, res, () => {
      serve(req, res, trace).catch((error: unknown) => {
        // Last resort: an unexpected failure is logged and answered as INTERNAL JSON (UNAVAILABLE
        // when the database is out of reach: the client may try again shortly).
        req.log.error({ err: error }, 'unexpected failure on /graphql');
        if (res.headersSent) return void res.destroy();
        refuse(req, res, failureRefusal(error));
      });
    });
  };
}
