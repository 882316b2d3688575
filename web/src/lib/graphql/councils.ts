import { graphql, type FragmentOf, type ResultOf } from './graphql';
import { CouncilSummaryFragment, ProposalSummaryFragment } from './fragments';

export const CouncilsQuery = graphql(
	`
		query Councils($at: Date) {
			councils(at: $at) {
				...CouncilSummary
				unit {
					id
					nameVi
					nameEn
				}
				parent {
					id
				}
			}
		}
	`,
	[CouncilSummaryFragment]
);
export type CouncilListItem = ResultOf<typeof CouncilsQuery>['councils'][number];

/** The signed-in reader's own councils, for the home page. */
export const MyCouncilsQuery = graphql(
	`
		query MyCouncils {
			viewer {
				id
				councils {
					...CouncilSummary
				}
				moderatedCouncils {
					...CouncilSummary
				}
			}
		}
	`,
	[CouncilSummaryFragment]
);

/** One page of a council's proposals: the first on the council page, the next on "show more". */
const ProposalPageFragment = graphql(
	`
		fragment ProposalPage on CouncilProposalsConnection {
			edges {
				cursor
				node {
					...ProposalSummary
				}
			}
			pageInfo {
				hasNextPage
				endCursor
			}
			totalCount
		}
	`,
	[ProposalSummaryFragment]
);
export type ProposalPage = FragmentOf<typeof ProposalPageFragment>;

export const CouncilQuery = graphql(
	`
		query Council($id: ID!, $first: Int!, $after: String) {
			council(id: $id) {
				...CouncilSummary
				memberCount
				viewerIsMember
				viewerModerates
				validFrom
				parent {
					...CouncilSummary
				}
				successor {
					...CouncilSummary
				}
				predecessors {
					...CouncilSummary
				}
				proposals(first: $first, after: $after) {
					...ProposalPage
				}
			}
		}
	`,
	[CouncilSummaryFragment, ProposalPageFragment]
);

/** The next page of a council's proposals, fetched by the browser for "show more". */
export const CouncilProposalsQuery = graphql(
	`
		query CouncilProposals($id: ID!, $first: Int!, $after: String) {
			council(id: $id) {
				id
				proposals(first: $first, after: $after) {
					...ProposalPage
				}
			}
		}
	`,
	[ProposalPageFragment]
);

/** Where a member writes: the council, and whether the viewer may write there. */
export const WriteCouncilQuery = graphql(
	`
		query WriteCouncil($id: ID!) {
			council(id: $id) {
				...CouncilSummary
				viewerIsMember
			}
		}
	`,
	[CouncilSummaryFragment]
);
