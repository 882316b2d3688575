// Hand-written mirrors of the schema's enums and scalars (schema/schema.graphql is the contract).

/** ISO-8601 string. */
export type DateTime = string;

export type CouncilLevel = 'WARD' | 'DISTRICT' | 'CITY';

export type ProposalState =
	| 'DRAFT'
	| 'IN_REVIEW'
	| 'WITHDRAWN'
	| 'OPEN'
	| 'ADOPTED'
	| 'NOT_ADOPTED'
	| 'REFERRED'
	| 'ANSWERED';

export type VoteChoice = 'SUPPORT' | 'OPPOSE' | 'ABSTAIN';
export const voteChoices: readonly VoteChoice[] = ['SUPPORT', 'OPPOSE', 'ABSTAIN'];

export function isVoteChoice(value: unknown): value is VoteChoice {
	return voteChoices.some((choice) => choice === value);
}

export type UserKind = 'CHILD' | 'ADULT';

/** `extensions.code` values the API promises. */
export type ErrorCode =
	| 'UNAUTHENTICATED'
	| 'FORBIDDEN'
	| 'NOT_FOUND'
	| 'NOT_OPEN'
	| 'BAD_USER_INPUT'
	| 'INVALID_CREDENTIALS'
	| 'RATE_LIMITED'
	| 'INTERNAL';

export interface PageInfo {
	hasNextPage: boolean;
	endCursor: string | null;
}
