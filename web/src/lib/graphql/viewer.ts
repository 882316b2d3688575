import { graphql, type ResultOf } from './graphql';
import { CouncilSummaryFragment } from './fragments';

export const ViewerQuery = graphql(
	`
		query Viewer {
			viewer {
				id
				username
				displayName
				kind
				roles
				mustChangePassword
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
export type Viewer = NonNullable<ResultOf<typeof ViewerQuery>['viewer']>;

export const LoginMutation = graphql(`
	mutation Login($input: LoginInput!) {
		login(input: $input) {
			viewer {
				id
			}
		}
	}
`);

export const LogoutMutation = graphql(`
	mutation Logout {
		logout
	}
`);

export const ChangePasswordMutation = graphql(`
	mutation ChangePassword($input: ChangePasswordInput!) {
		changePassword(input: $input)
	}
`);
