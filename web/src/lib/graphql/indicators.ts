import { graphql, type ResultOf } from './graphql';

// The programme dashboard (public: approved data only) and the agencies' reporting pages.

export const DashboardQuery = graphql(`
	query Dashboard($unit: String!, $period: String!, $periods: [String!]!, $at: Date!) {
		programme {
			titleVi
			titleEn
			objectiveGroups {
				number
				titleVi
				titleEn
			}
		}
		adminUnit(code: $unit) {
			code
			nameVi
			nameEn
			level
			validFrom
			validTo
			parent {
				code
				nameVi
				nameEn
			}
			children(at: $at) {
				code
				nameVi
				nameEn
			}
		}
		indicators(first: 50) {
			edges {
				node {
					code
					nameVi
					nameEn
					unit
					direction
					demo
					objectiveGroup {
						number
					}
					targets {
						year
						value
						kind
					}
					series(unitCode: $unit, periods: $periods) {
						period
						value
						target
						status
					}
					breakdown: values(unitCode: $unit, period: $period, breakdown: CHILD_UNITS, at: $at) {
						unit {
							code
						}
						value
						status
					}
				}
			}
		}
	}
`);
export type Dashboard = ResultOf<typeof DashboardQuery>;
export type DashboardIndicator = Dashboard['indicators']['edges'][number]['node'];

export const ReportingQuery = graphql(`
	query Reporting($state: SubmissionState) {
		indicators(first: 50) {
			edges {
				node {
					code
					nameVi
					nameEn
					agency {
						code
					}
				}
			}
		}
		adminUnits(level: WARD) {
			code
			nameVi
			nameEn
		}
		submissions(first: 100, state: $state) {
			edges {
				node {
					id
					period
					state
					version
					returnReason
					valueCount
					updatedAt
					agency {
						code
						nameVi
						nameEn
					}
					indicator {
						code
						nameVi
						nameEn
					}
				}
			}
		}
	}
`);
export type Reporting = ResultOf<typeof ReportingQuery>;

export const SubmitDataValuesMutation = graphql(`
	mutation SubmitDataValues($input: SubmitDataValuesInput!) {
		submitDataValues(input: $input) {
			dryRun
			imported
			updated
			ignored
			errors {
				row
				code
				message
			}
		}
	}
`);
export type ImportReport = ResultOf<typeof SubmitDataValuesMutation>['submitDataValues'];

export const SubmitSubmissionMutation = graphql(`
	mutation SubmitSubmission($input: SubmissionTransitionInput!) {
		submitSubmission(input: $input) {
			id
			state
		}
	}
`);

export const ApproveSubmissionMutation = graphql(`
	mutation ApproveSubmission($input: SubmissionTransitionInput!) {
		approveSubmission(input: $input) {
			id
			state
		}
	}
`);

export const ReturnSubmissionMutation = graphql(`
	mutation ReturnSubmission($input: ReturnSubmissionInput!) {
		returnSubmission(input: $input) {
			id
			state
		}
	}
`);
