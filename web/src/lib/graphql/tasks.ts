import { graphql, type ResultOf } from './graphql';

export const TasksQuery = graphql(`
	query Tasks {
		programme {
			id
			tasks {
				id
				number
				titleVi
				titleEn
				leadAgency {
					id
					nameVi
					nameEn
				}
			}
		}
	}
`);

const ActivityFields = graphql(`
	fragment ActivityFields on Activity {
		id
		titleVi
		titleEn
		status
		year
		startOn
		endOn
		outputs
		demo
		version
		unit {
			id
			code
			nameVi
			nameEn
		}
		agency {
			id
			code
			nameVi
			nameEn
		}
		task {
			id
			number
		}
		budget {
			source
			planned
			disbursed
		}
	}
`);

export const TaskQuery = graphql(
	`
		query Task($number: Int!, $year: Int, $after: String) {
			task(number: $number) {
				id
				number
				titleVi
				titleEn
				assignments {
					role
					agency {
						id
						code
						nameVi
						nameEn
					}
				}
				budgetSummary(year: $year) {
					source
					planned
					disbursed
				}
				activitySummary(year: $year) {
					status
					count
				}
				activities(year: $year, first: 20, after: $after) {
					totalCount
					pageInfo {
						hasNextPage
						endCursor
					}
					edges {
						node {
							...ActivityFields
						}
					}
				}
			}
		}
	`,
	[ActivityFields]
);
export type TaskPage = NonNullable<ResultOf<typeof TaskQuery>['task']>;
export type BudgetRow = TaskPage['budgetSummary'][number];

/** The register a task keeps besides its activities (tasks 2, 4, 6 and 8), shown on its page. */
export const TaskRegistersQuery = graphql(`
	query TaskRegisters($year: Int, $legal: Boolean!, $campaigns: Boolean!, $partnerships: Boolean!, $inspections: Boolean!) {
		legalReviews(first: 20, year: $year) @include(if: $legal) {
			totalCount
			edges {
				node {
					id
					document
					issuingBody
					reviewedOn
					finding
					recommendation
					status
					demo
				}
			}
		}
		campaigns(first: 20, year: $year) @include(if: $campaigns) {
			totalCount
			edges {
				node {
					id
					titleVi
					titleEn
					channel
					audience
					reach
					startOn
					endOn
					status
					demo
				}
			}
		}
		partnerships(first: 20, year: $year) @include(if: $partnerships) {
			totalCount
			edges {
				node {
					id
					partner
					country
					scope
					committedVnd
					disbursedVnd
					startOn
					endOn
					status
					demo
				}
			}
		}
		inspectionSummary(year: $year) @include(if: $inspections) {
			inspections
			openFollowUps
			overdueFollowUps
			findings {
				severity
				count
			}
		}
	}
`);

export const ServicePointsQuery = graphql(`
	query ServicePoints($sector: ServiceSector, $unitCode: String, $search: String, $after: String) {
		servicePoints(sector: $sector, unitCode: $unitCode, search: $search, first: 30, after: $after) {
			totalCount
			pageInfo {
				hasNextPage
				endCursor
			}
			edges {
				node {
					id
					nameVi
					nameEn
					sector
					address
					hours
					phone
					email
					services
					helpline
					demo
					unit {
						id
						code
						nameVi
						nameEn
					}
				}
			}
		}
		adminUnits(level: WARD) {
			id
			code
			nameVi
			nameEn
		}
	}
`);

export const WritableAgenciesQuery = graphql(`
	query WritableAgencies {
		writableAgencies {
			id
			code
			nameVi
			nameEn
		}
	}
`);

export const AgencyWorkQuery = graphql(
	`
		query AgencyWork($agencyCode: String!, $after: String) {
			plans(agencyCode: $agencyCode, first: 50) {
				edges {
					node {
						id
						year
						titleVi
						unit {
							id
							code
							nameVi
							nameEn
						}
					}
				}
			}
			servicePoints(agencyCode: $agencyCode, first: 50) {
				edges {
					node {
						id
						nameVi
						nameEn
						address
						hours
						phone
						version
						unit {
							id
							nameVi
							nameEn
						}
					}
				}
			}
			activities(agencyCode: $agencyCode, first: 10, after: $after) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				edges {
					node {
						...ActivityFields
						budgetLines {
							id
							source
							plannedVnd
							disbursedVnd
							version
						}
					}
				}
			}
		}
	`,
	[ActivityFields]
);

export const CreateActivityMutation = graphql(`
	mutation CreateActivity($input: CreateActivityInput!) {
		createActivity(input: $input) {
			id
		}
	}
`);

export const UpdateActivityMutation = graphql(`
	mutation UpdateActivity($input: UpdateActivityInput!) {
		updateActivity(input: $input) {
			id
			version
		}
	}
`);

export const CreateBudgetLineMutation = graphql(`
	mutation CreateBudgetLine($input: CreateBudgetLineInput!) {
		createBudgetLine(input: $input) {
			id
		}
	}
`);

export const UpdateBudgetLineMutation = graphql(`
	mutation UpdateBudgetLine($input: UpdateBudgetLineInput!) {
		updateBudgetLine(input: $input) {
			id
			version
		}
	}
`);

export const UpdateServicePointMutation = graphql(`
	mutation UpdateServicePoint($input: UpdateServicePointInput!) {
		updateServicePoint(input: $input) {
			id
			version
		}
	}
`);
