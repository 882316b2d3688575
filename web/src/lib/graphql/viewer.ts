import { graphql, type ResultOf } from './graphql';

/**
 * Every page asks for this (the header, the password gate): only what the session lookup
 * already holds, so it costs no statement of its own. The home page asks for the councils'
 * names itself.
 */
export const ViewerQuery = graphql(`
	query Viewer {
		viewer {
			id
			username
			displayName
			kind
			roles
			mustChangePassword
			unreadNotifications
			memberCouncilIds
			moderatedCouncilIds
		}
	}
`);
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
