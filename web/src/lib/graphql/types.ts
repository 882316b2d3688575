// Runtime lists of the schema's enum values; their types come from the contract (gql.tada),
// so a value the API does not have fails the type check.
import type { Enum } from './graphql';

export type ProposalState = Enum<'ProposalState'>;
export type CouncilLevel = Enum<'CouncilLevel'>;
export type VoteChoice = Enum<'VoteChoice'>;

export const voteChoices = ['SUPPORT', 'OPPOSE', 'ABSTAIN'] as const satisfies readonly VoteChoice[];

export function isVoteChoice(value: unknown): value is VoteChoice {
	return voteChoices.some((choice) => choice === value);
}

/** `extensions.code` values the API promises (api/src/errors.ts). */
export type ErrorCode =
	| 'UNAUTHENTICATED'
	| 'FORBIDDEN'
	| 'NOT_FOUND'
	| 'NOT_OPEN'
	| 'BAD_USER_INPUT'
	| 'INVALID_CREDENTIALS'
	| 'RATE_LIMITED'
	| 'INTERNAL';
