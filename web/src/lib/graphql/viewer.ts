import { gql } from '@urql/core';
import { CouncilSummaryFragment, type CouncilSummary } from './fragments';
import type { UserKind } from './types';

export interface Viewer {
	id: string;
	username: string;
	displayName: string;
	kind: UserKind;
	councils: CouncilSummary[];
	moderatedCouncils: CouncilSummary[];
}

export const ViewerQuery = gql<{ viewer: Viewer | null }, Record<string, never>>`
	query Viewer {
		viewer {
			id
			username
			displayName
			kind
			councils {
				...CouncilSummary
			}
			moderatedCouncils {
				...CouncilSummary
			}
		}
	}
	${CouncilSummaryFragment}
`;

export const LoginMutation = gql<
	{ login: { viewer: { id: string } } },
	{ input: { username: string; password: string } }
>`
	mutation Login($input: LoginInput!) {
		login(input: $input) {
			viewer {
				id
			}
		}
	}
`;

export const LogoutMutation = gql<{ logout: boolean }, Record<string, never>>`
	mutation Logout {
		logout
	}
`;
