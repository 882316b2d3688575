import { error as kitError } from '@sveltejs/kit';
import type { CombinedError } from '@urql/core';
import type { TFunction } from 'i18next';
import type { ErrorCode } from './types';

export interface ApiProblem {
	/** `null` when the API could not be reached or answered without a GraphQL error. */
	code: ErrorCode | null;
	status: number;
	/** Already in the reader's language. */
	message: string;
}

const statusByCode: Record<ErrorCode, number> = {
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
	GRAPHQL_PARSE_FAILED: 400,
	GRAPHQL_VALIDATION_FAILED: 400,
	OPERATION_RESOLUTION_FAILURE: 400
};

function isErrorCode(code: unknown): code is ErrorCode {
	return typeof code === 'string' && code in statusByCode;
}

/** Turns an urql error into what a page or form shows. The API translates its own messages. */
export function describeError(error: CombinedError, t: TFunction): ApiProblem {
	const first = error.graphQLErrors[0];
	if (!first) return { code: null, status: 503, message: t('error.unavailable') };
	const code = first.extensions?.code;
	if (!isErrorCode(code)) return { code: null, status: 500, message: t('error.unexpected') };
	return { code, status: statusByCode[code], message: first.message };
}

/** Ends a load with the error page, in the reader's language. */
export function failLoad(error: CombinedError, t: TFunction): never {
	const problem = describeError(error, t);
	kitError(problem.status, problem.message);
}

/**
 * The register refuses identity fields (FORBIDDEN, reason IDENTITY) to officers without the
 * identity right while answering the rest: for a page, that is not a failure.
 */
export function withoutIdentityRefusals(error: CombinedError | undefined): CombinedError | undefined {
	if (!error) return undefined;
	const others = error.graphQLErrors.filter((e) => e.extensions?.reason !== 'IDENTITY');
	return others.length === 0 && !error.networkError ? undefined : error;
}
