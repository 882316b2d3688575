import { gql } from '@urql/core';
import type { CouncilLevel, DateTime, PageInfo, ProposalState } from './types';

export interface CouncilSummary {
	id: string;
	level: CouncilLevel;
	nameVi: string;
	nameEn: string;
}

export const CouncilSummaryFragment = gql`
	fragment CouncilSummary on Council {
		id
		level
		nameVi
		nameEn
	}
`;

export interface ProposalSummary {
	id: string;
	title: string;
	state: ProposalState;
	authorName: string;
	votingClosesAt: DateTime | null;
}

export const ProposalSummaryFragment = gql`
	fragment ProposalSummary on Proposal {
		id
		title
		state
		authorName
		votingClosesAt
	}
`;

/** One page of a proposal connection (the schema names each connection type differently). */
export interface ProposalPage {
	edges: { cursor: string; node: ProposalSummary }[];
	pageInfo: PageInfo;
	totalCount: number;
}
