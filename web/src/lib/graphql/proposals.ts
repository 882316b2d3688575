import { graphql, type ResultOf } from './graphql';
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
				council {
					...CouncilSummary
					viewerIsMember
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
