import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import type { Request, Response } from 'express';
import { localeFrom, refusalMessage, translator } from './i18n.js';

/**
 * Codes are a contract with clients (`extensions.code`); the web maps them to forms and pages.
 * Each has a translated message in i18n.ts.
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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An expected refusal. `reason` picks a more precise message for the same code (for example
 * FORBIDDEN because the viewer is not a member); `params` fill the message's placeholders.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason ? `${code}: ${reason}` : code);
    this.name = 'AppError';
  }
}

/**
 * The expected refusal behind an error, if it is one: our own, or Pothos rejecting a malformed
 * global id or cursor (bad input from the client, not a fault of ours).
 */
export function asAppError(error: unknown): AppError | null {
  let original = unwrapResolverError(error);
  // A scalar refusing a variable's value reaches us wrapped (twice) by graphql-js and Apollo.
  while (original instanceof GraphQLError && original.originalError) original = original.originalError;
  if (original instanceof AppError) return original;
  if (original instanceof PothosValidationError) return new AppError('BAD_USER_INPUT', 'MALFORMED_ID');
  return null;
}

/** Apollo's own request errors (parse, validation) keep their codes; anything unknown is masked. */
const passThrough = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const refusal = asAppError(error);
  if (refusal) {
    // The message was translated for the request's locale in the i18n plugin.
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code: refusal.code, ...(refusal.reason ? { reason: refusal.reason } : {}) } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && passThrough.has(code)) return formatted;
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError && code === 'BAD_USER_INPUT') return formatted;
  console.error('[graphql] unexpected error', original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}

/**
 * Answers a request refused before GraphQL runs (e.g. a bad bearer token) the way GraphQL
 * refuses: JSON errors with a code and a translated message, never an HTML page.
 */
export function sendRefusal(req: Request, res: Response, status: number, refusal: AppError): void {
  const message = refusalMessage(translator(localeFrom(req.headers['accept-language'])), refusal);
  res.status(status).json({ errors: [{ message, extensions: { code: refusal.code, ...(refusal.reason ? { reason: refusal.reason } : {}) } }] });
}
