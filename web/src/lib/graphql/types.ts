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
	| 'CONFLICT'
	| 'BAD_USER_INPUT'
	| 'INVALID_CREDENTIALS'
	| 'RATE_LIMITED'
	| 'INTERNAL'
	| 'BAD_REQUEST'
	| 'METHOD_NOT_ALLOWED'
	| 'NOT_ACCEPTABLE'
	| 'PAYLOAD_TOO_LARGE'
	| 'UNSUPPORTED_MEDIA_TYPE'
	| 'UNAVAILABLE'
	| 'GRAPHQL_PARSE_FAILED'
	| 'GRAPHQL_VALIDATION_FAILED'
	| 'OPERATION_RESOLUTION_FAILURE';

export type CaseStatus = Enum<'CaseStatus'>;
export type CircumstanceGroup = Enum<'CircumstanceGroup'>;

export const caseStatuses = ['OPEN', 'MONITORING', 'CLOSED'] as const satisfies readonly CaseStatus[];
export const circumstanceGroups = [
	'ORPHANED',
	'ABANDONED',
	'WITHOUT_CARE',
	'DISABILITY',
	'HIV_AIDS',
	'IN_CONFLICT_WITH_LAW',
	'DRUG_ADDICTION',
	'WORKING_OUT_OF_SCHOOL',
	'SERIOUSLY_HARMED_BY_VIOLENCE',
	'EXPLOITED',
	'SEXUALLY_ABUSED',
	'TRAFFICKED',
	'SERIOUSLY_ILL_POOR_HOUSEHOLD',
	'MIGRANT_OR_REFUGEE_UNACCOMPANIED'
] as const satisfies readonly CircumstanceGroup[];
export const registerPurposes = [
	'CASE_MANAGEMENT',
	'NEEDS_ASSESSMENT',
	'SERVICE_REFERRAL',
	'FOLLOW_UP_VISIT',
	'REGISTRY_VERIFICATION',
	'DATA_CORRECTION',
	'SUPERVISION',
	'OTHER'
] as const satisfies readonly Enum<'RegisterPurpose'>[];

export const isCaseStatus = (value: unknown): value is CaseStatus => caseStatuses.some((s) => s === value);
export const isCircumstanceGroup = (value: unknown): value is CircumstanceGroup =>
	circumstanceGroups.some((g) => g === value);

export type IndicatorStatus = Enum<'IndicatorStatus'>;
export type SubmissionState = Enum<'SubmissionState'>;

export const indicatorStatuses = ['ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'NO_DATA'] as const satisfies readonly IndicatorStatus[];
export const submissionStates = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const satisfies readonly SubmissionState[];

export function isSubmissionState(value: unknown): value is SubmissionState {
	return submissionStates.some((state) => state === value);
}

export type ReturnReason = Enum<'ReturnReason'>;
export const returnReasons = [
	'NEEDS_DETAIL',
	'PERSONAL_INFORMATION',
	'UNKIND_WORDS',
	'OFF_TOPIC',
	'DUPLICATE',
	'OTHER'
] as const satisfies readonly ReturnReason[];
export type Stance = Enum<'Stance'>;
export const stances = ['ACCEPTED', 'PARTIAL', 'DECLINED'] as const satisfies readonly Stance[];
export const guardianRelations = [
	'MOTHER',
	'FATHER',
	'GRANDPARENT',
	'SIBLING',
	'OTHER_RELATIVE',
	'LEGAL_GUARDIAN',
	'FOSTER_CARER',
	'OTHER'
] as const satisfies readonly Enum<'GuardianRelation'>[];
export const consentMethods = ['SIGNED_FORM', 'IN_PERSON', 'PHONE'] as const satisfies readonly Enum<'ConsentMethod'>[];
export const objectiveGroups = [1, 2, 3, 4] as const;

/** A form value that must be one of `values`, or undefined. */
export function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
	return values.find((v) => v === value);
}
