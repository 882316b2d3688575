import { graphql, type FragmentOf, type ResultOf } from './graphql';
import { CouncilSummaryFragment } from './fragments';

export const ProposalQuery = graphql(
	`
		query Proposal($id: ID!) {
			proposal(id: $id) {
				id
				title
				body
				state
				authorName
				createdAt
				votingOpensAt
				votingClosesAt
				tally {
					support
					oppose
					abstain
					total
				}
				myVote
				viewerCanVote
				version
				objectiveGroup
				returnReason
				returnMessage
				viewerIsAuthor
				viewerModerates
				closedAt
				result {
					voters
					members
					quorumMet
					supportShare
				}
				escalatedFrom {
					id
					title
					state
					council {
						...CouncilSummary
					}
					result {
						voters
						members
						quorumMet
						supportShare
					}
					tally {
						support
						oppose
						abstain
						total
					}
				}
				escalatedTo {
					id
					council {
						...CouncilSummary
					}
				}
				referral {
					id
					dueOn
					state
					viewerCanAnswer
					viewerCanUpdate
					agency {
						code
						nameVi
						nameEn
					}
					response {
						id
						stance
						explanation
						answeredAt
						commitments {
							id
							text
							dueOn
							status
							progress
						}
						rating {
							count
							clear
							helpful
						}
						myRating {
							clear
							helpful
						}
					}
				}
				council {
					...CouncilSummary
					viewerIsMember
					votingDays
				}
			}
		}
	`,
	[CouncilSummaryFragment]
);
export type ProposalDetail = NonNullable<ResultOf<typeof ProposalQuery>['proposal']>;
export type VoteTally = NonNullable<ProposalDetail['tally']>;

export const CastVoteMutation = graphql(`
	mutation CastVote($input: CastVoteInput!) {
		castVote(input: $input) {
			id
			myVote
		}
	}
`);

export const AgenciesQuery = graphql(`
	query Agencies {
		programme {
			agencies {
				code
				nameVi
				nameEn
			}
		}
	}
`);

export const CreateProposalMutation = graphql(`
	mutation CreateProposal($input: CreateProposalInput!) {
		createProposal(input: $input) {
			id
		}
	}
`);
export const UpdateProposalMutation = graphql(`
	mutation UpdateProposal($input: UpdateProposalInput!) {
		updateProposal(input: $input) {
			id
			version
		}
	}
`);
export const SubmitProposalMutation = graphql(`
	mutation SubmitProposal($input: ProposalVersionInput!) {
		submitProposal(input: $input) {
			id
			state
		}
	}
`);
export const WithdrawProposalMutation = graphql(`
	mutation WithdrawProposal($input: ProposalVersionInput!) {
		withdrawProposal(input: $input) {
			id
			state
		}
	}
`);
export const ApproveProposalMutation = graphql(`
	mutation ApproveProposal($input: ApproveProposalInput!) {
		approveProposal(input: $input) {
			id
			state
		}
	}
`);
export const ReturnProposalMutation = graphql(`
	mutation ReturnProposal($input: ReturnProposalInput!) {
		returnProposal(input: $input) {
			id
			state
		}
	}
`);
export const CloseProposalMutation = graphql(`
	mutation CloseProposal($input: ProposalVersionInput!) {
		closeProposal(input: $input) {
			id
			state
		}
	}
`);
export const EscalateProposalMutation = graphql(`
	mutation EscalateProposal($input: EscalateProposalInput!) {
		escalateProposal(input: $input) {
			id
		}
	}
`);
export const ReferProposalMutation = graphql(`
	mutation ReferProposal($input: ReferProposalInput!) {
		referProposal(input: $input) {
			id
			state
		}
	}
`);
export const AnswerReferralMutation = graphql(`
	mutation AnswerReferral($input: AnswerReferralInput!) {
		answerReferral(input: $input) {
			id
		}
	}
`);
export const UpdateCommitmentMutation = graphql(`
	mutation UpdateCommitment($input: UpdateCommitmentInput!) {
		updateCommitment(input: $input) {
			id
			status
		}
	}
`);
export const RateResponseMutation = graphql(`
	mutation RateResponse($input: RateResponseInput!) {
		rateResponse(input: $input) {
			id
		}
	}
`);

export const ModerationQueueQuery = graphql(`
	query ModerationQueue($after: String) {
		moderationQueue(first: 50, after: $after) {
			totalCount
			pageInfo {
				hasNextPage
				endCursor
			}
			edges {
				node {
					id
					title
					authorName
					submittedAt
					waitingHours
					council {
						id
						nameVi
						nameEn
					}
				}
			}
		}
	}
`);

export const ReferralsQuery = graphql(`
	query Referrals($state: ReferralState, $after: String) {
		referrals(state: $state, first: 50, after: $after) {
			totalCount
			pageInfo {
				hasNextPage
				endCursor
			}
			edges {
				node {
					id
					dueOn
					state
					agency {
						code
						nameVi
						nameEn
					}
					proposal {
						id
						title
						council {
							id
							nameVi
							nameEn
						}
					}
				}
			}
		}
	}
`);

export const OutcomeFragment = graphql(`
	fragment Outcome on Proposal {
		id
		title
		state
		closedAt
		referral {
			dueOn
			state
			agency {
				nameVi
				nameEn
			}
			response {
				stance
				explanation
				answeredAt
				commitments {
					id
					text
					dueOn
					status
					progress
				}
				rating {
					count
					clear
					helpful
				}
			}
		}
	}
`);
export type Outcome = FragmentOf<typeof OutcomeFragment>;

export const OutcomesQuery = graphql(
	`
		query Outcomes($id: ID!) {
			council(id: $id) {
				...CouncilSummary
				answered: proposals(state: ANSWERED, first: 50) {
					edges {
						node {
							...Outcome
						}
					}
				}
				referred: proposals(state: REFERRED, first: 50) {
					edges {
						node {
							...Outcome
						}
					}
				}
			}
		}
	`,
	[CouncilSummaryFragment, OutcomeFragment]
);
