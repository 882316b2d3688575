import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import { InputValidationError } from '@pothos/plugin-validation';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { localeFrom, refusalMessage, translator } from './i18n.js';

/**
 * Codes are a contract with clients (`extensions.code`); the web maps them to forms and pages.
 * Each has a translated message in i18n.ts. The transport codes (BAD_REQUEST and below) answer
 * requests refused before GraphQL runs, with the HTTP status of `httpStatus`.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  NOT_OPEN: 'NOT_OPEN',
  CONFLICT: 'CONFLICT',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
  BAD_REQUEST: 'BAD_REQUEST',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNAVAILABLE: 'UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status of a request refused as a whole with this code (field errors stay 200). */
export const httpStatus: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_OPEN: 409,
  CONFLICT: 409,
  BAD_USER_INPUT: 400,
  INVALID_CREDENTIALS: 400,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  BAD_REQUEST: 400,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
};

/**
 * An expected refusal. `reason` picks a more precise message for the same code (for example
 * FORBIDDEN because the viewer is not a member); `params` fill the message's placeholders and,
 * for the names in `publicParams`, are also returned in `extensions` for programs.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason?: string,
    readonly params: Record<string, string | number> = {},
    readonly publicParams: readonly string[] = [],
  ) {
    super(reason ? `${code}: ${reason}` : code);
    this.name = 'AppError';
  }

  get extensions(): Record<string, unknown> {
    const extensions: Record<string, unknown> = { code: this.code };
    if (this.reason) extensions.reason = this.reason;
    for (const name of this.publicParams) extensions[name] = this.params[name];
    return extensions;
  }
}

/**
 * The expected refusal behind an error, if it is one: our own, Pothos rejecting a malformed
 * global id, or the validation plugin rejecting an argument (bad input from the client, not a
 * fault of ours); or the database out of reach, which the client may try again shortly.
 */
export function asAppError(error: unknown): AppError | null {
  let original = unwrapResolverError(error);
  // A scalar refusing a variable's value reaches us wrapped (twice) by graphql-js and Apollo.
  while (original instanceof GraphQLError && original.originalError) original = original.originalError;
  if (original instanceof AppError) return original;
  if (original instanceof InputValidationError) return invalidArgument(original.issues);
  if (original instanceof PothosValidationError) return new AppError('BAD_USER_INPUT', 'MALFORMED_ID');
  if (isUniqueViolation(original)) return new AppError('CONFLICT');
  if (isDatabaseUnavailable(original)) return new AppError('UNAVAILABLE', 'DATABASE');
  return null;
}

// Prisma: cannot reach the server, timed out, connection closed, no connection from the pool in time.
const prismaConnectionCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// The socket to PostgreSQL: refused, reset, timed out, no route, no such host.
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE']);

/**
 * The database could not be reached or dropped the connection: down, restarting, failing over.
 * PostgreSQL's connection exceptions (SQLSTATE class 08) and its shutdown or start-up refusals
 * (57P01–57P03) count, and a statement it cancelled as too long (57014), as do the same faults
 * seen through Prisma's driver adapter (`cause`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 4; depth += 1) {
    const { code, message, cause, meta } = current as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof code === 'string' && (prismaConnectionCodes.has(code) || socketCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '57014')) return true;
    // node-postgres ends a query whose connection went away, or that the server left unanswered
    // past the time allowed (createPrisma's timeoutMs), with these messages and no code.
    if (typeof message === 'string' && /^(Connection terminated|Query read timeout|timeout exceeded when trying to connect)/.test(message)) return true;
    // Prisma keeps the driver's error under meta (a statement PostgreSQL cancelled, say).
    current = cause ?? meta?.driverAdapterError;
  }
  return false;
}

/**
 * A unique constraint refused a row: a concurrent request created the same record between a
 * service's check and its write (two officers saving one plan at once). The loser gets the same
 * CONFLICT as a stale version, never INTERNAL.
 */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (name === 'PrismaClientKnownRequestError' && code === 'P2002') || code === '23505';
}

/** Apollo's own request errors (parse, validation) keep their codes; anything unknown is masked. */
const passThrough = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * The last word on every error that leaves /graphql: only the code, a message and where it
 * happened, never a stack or a server path. Messages were translated, and unexpected errors
 * logged with the request id, by the plugins in server.ts (formatError cannot see the request).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const where = { ...(formatted.path ? { path: formatted.path } : {}), ...(formatted.locations ? { locations: formatted.locations } : {}) };
  const refusal = asAppError(error);
  if (refusal) return { message: formatted.message, ...where, extensions: refusal.extensions };
  const code = formatted.extensions?.code;
  const original = unwrapResolverError(error);
  if ((typeof code === 'string' && passThrough.has(code)) || (original instanceof GraphQLError && code === 'BAD_USER_INPUT')) {
    const { code: _code, detail } = formatted.extensions ?? {};
    return { message: formatted.message, ...where, extensions: { code, ...(typeof detail === 'string' ? { detail } : {}) } };
  }
  // Translated (and logged) by the plugin when the error arose inside a request it saw.
  const message = formatted.extensions?.[MASKED] === true ? formatted.message : 'Internal server error';
  return { message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: ErrorCode.INTERNAL } };
}

/** Set on an unexpected error once its message was replaced by the translated INTERNAL one. */
export const MASKED = 'treemMasked';

interface Issue {
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  code?: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
}

/** An argument rule (validation plugin, zod) broken: which argument, and the bound if any. */
export function invalidArgument(issues: readonly Issue[]): AppError {
  const issue = issues[0]!;
  const field = (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.') || 'input';
  const bound = (value: number | bigint | undefined) => (value === undefined ? undefined : Number(value));
  const max = bound(issue.maximum);
  const min = bound(issue.minimum);
  if (issue.code === 'too_big' && max !== undefined) {
    return new AppError('BAD_USER_INPUT', issue.origin === 'string' ? 'TOO_LONG_FIELD' : 'TOO_BIG', { field, max }, ['field', 'max']);
  }
  if (issue.code === 'too_small' && min !== undefined) {
    return new AppError('BAD_USER_INPUT', issue.origin === 'string' ? 'TOO_SHORT_FIELD' : 'TOO_SMALL', { field, min }, ['field', 'min']);
  }
  return new AppError('BAD_USER_INPUT', 'INVALID_FIELD', { field }, ['field']);
}

/** A refusal as GraphQL words one: JSON errors with its code and a message in the asker's language. */
export function refusalBody(acceptLanguage: string | undefined, refusal: AppError): string {
  const message = refusalMessage(translator(localeFrom(acceptLanguage)), refusal);
  return JSON.stringify({ errors: [{ message, extensions: refusal.extensions }] });
}

/**
 * What a failure outside any resolver (the session lookup, say) is answered with: UNAVAILABLE
 * when the database is out of reach, so the client tries again shortly; INTERNAL otherwise.
 */
export function failureRefusal(error: unknown): AppError {
  return isDatabaseUnavailable(error) ? new AppError('UNAVAILABLE', 'DATABASE') : new AppError('INTERNAL');
}

/**
 * Answers a request refused before GraphQL runs (e.g. a bad bearer token) the way GraphQL
 * refuses: JSON errors with a code and a translated message, never an HTML page.
 */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, status: number, refusal: AppError): void {
  const body = refusalBody(req.headers['accept-language'], refusal);
  res.statusCode = status;
  // The database out of reach for a moment: the client may try again shortly.
  if (refusal.code === 'UNAVAILABLE') res.setHeader('Retry-After', '5');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
