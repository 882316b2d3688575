import { graphql, type FragmentOf } from './graphql';

export const CouncilSummaryFragment = graphql(`
	fragment CouncilSummary on Council {
		id
		level
		nameVi
		nameEn
		active
		validTo
	}
`);
export type CouncilSummary = FragmentOf<typeof CouncilSummaryFragment>;

export const ProposalSummaryFragment = graphql(`
	fragment ProposalSummary on Proposal {
		id
		title
		state
		authorName
		votingClosesAt
	}
`);
export type ProposalSummary = FragmentOf<typeof ProposalSummaryFragment>;
