import { graphql, type ResultOf } from './graphql';
import { CouncilSummaryFragment } from './fragments';

export const CouncilMembersQuery = graphql(
	`
		query CouncilMembers($id: ID!) {
			council(id: $id) {
				...CouncilSummary
				viewerModerates
				members {
					id
					displayName
					username
					role
					joinedAt
					leftAt
					guardianConsentOn
					guardianConsentBy
					guardianConsentMethod
				}
			}
		}
	`,
	[CouncilSummaryFragment]
);
export type CouncilMember = NonNullable<ResultOf<typeof CouncilMembersQuery>['council']>['members'][number];

export const AddCouncilMemberMutation = graphql(`
	mutation AddCouncilMember($input: AddCouncilMemberInput!) {
		addCouncilMember(input: $input) {
			oneTimePassword
			member {
				id
				displayName
				username
			}
		}
	}
`);

export const ResetMemberPasswordMutation = graphql(`
	mutation ResetMemberPassword($input: MembershipIdInput!) {
		resetMemberPassword(input: $input) {
			oneTimePassword
			member {
				id
				displayName
				username
			}
		}
	}
`);

export const EndMembershipMutation = graphql(`
	mutation EndMembership($input: MembershipIdInput!) {
		endMembership(input: $input) {
			id
			leftAt
		}
	}
`);
