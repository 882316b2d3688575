import { gql } from '@urql/core';
import { CouncilSummaryFragment, type CouncilSummary } from './fragments';
import type { DateTime, ProposalState, VoteChoice } from './types';

export interface VoteTally {
	support: number;
	oppose: number;
	abstain: number;
	total: number;
}

export interface ProposalDetail {
	id: string;
	title: string;
	body: string;
	state: ProposalState;
	authorName: string;
	createdAt: DateTime;
	votingOpensAt: DateTime | null;
	votingClosesAt: DateTime | null;
	tally: VoteTally | null;
	myVote: VoteChoice | null;
	viewerCanVote: boolean;
	council: CouncilSummary & { viewerIsMember: boolean };
}

export const ProposalQuery = gql<{ proposal: ProposalDetail | null }, { id: string }>`
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
			council {
				...CouncilSummary
				viewerIsMember
			}
		}
	}
	${CouncilSummaryFragment}
`;

export const CastVoteMutation = gql<
	{ castVote: { id: string; myVote: VoteChoice | null } },
	{ input: { proposalId: string; choice: VoteChoice } }
>`
	mutation CastVote($input: CastVoteInput!) {
		castVote(input: $input) {
			id
			myVote
		}
	}
`;
