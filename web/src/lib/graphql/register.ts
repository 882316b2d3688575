import { graphql, type ResultOf } from './graphql';

// The protection officers' pages. Every query states the purpose the officer gave for this
// working session; the API logs it with each read.

export const RegisterSearchQuery = graphql(`
	query RegisterSearch(
		$purpose: String!
		$search: String
		$unitCode: String
		$circumstance: CircumstanceGroup
		$after: String
	) {
		childRecords(
			purpose: $purpose
			search: $search
			unitCode: $unitCode
			circumstance: $circumstance
			first: 20
			after: $after
		) {
			totalCount
			pageInfo {
				hasNextPage
				endCursor
			}
			edges {
				node {
					id
					identityVisible
					fullName
					birthDate
					sex
					ageBand
					caseStatus
					retentionReview
					unit {
						code
						nameVi
						nameEn
					}
					circumstances {
						group
					}
					registryLink {
						status
					}
				}
			}
		}
	}
`);
export type RegisterSearchResult = ResultOf<typeof RegisterSearchQuery>['childRecords'];

export const ChildRecordQuery = graphql(`
	query ChildRecord($id: ID!, $purpose: String!) {
		childRecord(id: $id, purpose: $purpose) {
			id
			identityVisible
			fullName
			personalNumber
			birthDate
			sex
			ageBand
			caseStatus
			registeredOn
			closedOn
			retentionReview
			version
			unit {
				code
				nameVi
				nameEn
			}
			circumstances {
				group
				since
			}
			guardians {
				id
				relation
				fullName
				phone
			}
			services {
				id
				sector
				description
				receivedOn
			}
			consents {
				id
				scope
				givenBy
				sharedWith
				givenOn
				withdrawnOn
			}
			registryLink {
				status
				mismatchFields
				lastVerifiedAt
				attempts
				lastProblem
			}
		}
	}
`);
export type ChildRecordDetail = NonNullable<ResultOf<typeof ChildRecordQuery>['childRecord']>;

export const UpdateChildRecordMutation = graphql(`
	mutation UpdateChildRecord($input: UpdateChildRecordInput!) {
		updateChildRecord(input: $input) {
			id
			version
			caseStatus
		}
	}
`);

export const RequestVerificationMutation = graphql(`
	mutation RequestVerification($input: RequestRegistryVerificationInput!) {
		requestRegistryVerification(input: $input) {
			id
		}
	}
`);
