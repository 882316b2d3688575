// Everything /graphql refuses before GraphQL itself runs. Each refusal is a GraphQL error body
// (JSON, `extensions.code`, a translated message) with the HTTP status that says what went
// wrong, so a program can react and a person can read it; never Express's HTML page.
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { getOperationAST, parse } from 'graphql';
import { AppError, httpStatus, sendRefusal, type ErrorCode } from './errors.js';

export const BODY_LIMIT = '100kb';

/** Sends one translated GraphQL error as the whole answer, with the status of its code. */
const refuse = (req: Request, res: Response, error: AppError) => sendRefusal(req, res, httpStatus[error.code], error);

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
function isPreflighted(req: Request) {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return (type !== undefined && type !== '' && !simpleContentTypes.has(type)) || 'apollo-require-preflight' in req.headers || 'x-apollo-operation-name' in req.headers;
}

function getParams(req: Request): AppError | null {
  const search = new URL(req.originalUrl, 'http://localhost').searchParams;
  const params: Record<string, unknown> = {};
  for (const name of ['query', 'variables', 'operationName', 'extensions']) {
    const values = search.getAll(name);
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

const parseJson = express.json({ limit: BODY_LIMIT, strict: false });

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

export function graphqlTransport(): RequestHandler[] {
  const negotiate: RequestHandler = (req, res, next) => {
    // A person who opened /graphql in a browser: the explorer (or the page about it) helps them.
    if (req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') {
      return res.redirect(303, '/explorer');
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      return refuse(req, res, refusal('METHOD_NOT_ALLOWED'));
    }
    if (!req.accepts(['application/json', 'application/graphql-response+json'])) return refuse(req, res, refusal('NOT_ACCEPTABLE'));
    if (req.method === 'GET') {
      if (!isPreflighted(req)) return refuse(req, res, refusal('BAD_REQUEST', 'CSRF'));
      const problem = getParams(req);
      if (problem?.code === 'METHOD_NOT_ALLOWED') res.setHeader('Allow', 'POST');
      return problem ? refuse(req, res, problem) : next();
    }
    if (!req.is('application/json')) return refuse(req, res, refusal('UNSUPPORTED_MEDIA_TYPE'));
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return refuse(req, res, refusal('UNSUPPORTED_MEDIA_TYPE', 'CHARSET'));
    next();
  };

  const body: RequestHandler = (req, res, next) => {
    if (req.method !== 'POST') {
      // Apollo reads a GET's fields from the query string but insists on a parsed body.
      req.body ??= {};
      return next();
    }
    parseJson(req, res, (error?: unknown) => {
      if (error) return refuse(req, res, bodyError(error as { type?: string }));
      if (Array.isArray(req.body)) return refuse(req, res, refusal('BAD_REQUEST', 'BATCHING'));
      if (!isObject(req.body)) return refuse(req, res, refusal('BAD_REQUEST', 'MISSING_QUERY'));
      const problem = checkParams(req.body);
      return problem ? refuse(req, res, problem) : next();
    });
  };

  return [negotiate, body];
}

/** Last resort for /graphql: an unexpected failure is logged and answered as INTERNAL JSON. */
export const graphqlFailure: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  req.log?.error({ err: error }, 'unexpected failure on /graphql');
  refuse(req, res, refusal('INTERNAL'));
};
