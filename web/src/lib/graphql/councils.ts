import { gql } from '@urql/core';
import {
	CouncilSummaryFragment,
	ProposalSummaryFragment,
	type CouncilSummary,
	type ProposalPage
} from './fragments';

export interface CouncilListItem extends CouncilSummary {
	unit: { id: string; nameVi: string; nameEn: string };
	parent: { id: string } | null;
}

export const CouncilsQuery = gql<{ councils: CouncilListItem[] }, Record<string, never>>`
	query Councils {
		councils {
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
	${CouncilSummaryFragment}
`;

export interface CouncilDetail extends CouncilSummary {
	memberCount: number;
	viewerIsMember: boolean;
	parent: CouncilSummary | null;
	proposals: ProposalPage;
}

/** One page of a council's proposals: the first on the council page, the next on "show more". */
const ProposalPageFragment = gql`
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
	${ProposalSummaryFragment}
`;

export interface ProposalPageVariables {
	id: string;
	first: number;
	after: string | null;
}

export const CouncilQuery = gql<{ council: CouncilDetail | null }, ProposalPageVariables>`
	query Council($id: ID!, $first: Int!, $after: String) {
		council(id: $id) {
			...CouncilSummary
			memberCount
			viewerIsMember
			parent {
				...CouncilSummary
			}
			proposals(first: $first, after: $after) {
				...ProposalPage
			}
		}
	}
	${CouncilSummaryFragment}
	${ProposalPageFragment}
`;

/** The next page of a council's proposals, fetched by the browser for "show more". */
export const CouncilProposalsQuery = gql<
	{ council: { id: string; proposals: ProposalPage } | null },
	ProposalPageVariables
>`
	query CouncilProposals($id: ID!, $first: Int!, $after: String) {
		council(id: $id) {
			id
			proposals(first: $first, after: $after) {
				...ProposalPage
			}
		}
	}
	${ProposalPageFragment}
`;
