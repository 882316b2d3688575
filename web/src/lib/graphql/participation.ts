// Documents for part 2 of the councils: discussion, notifications, sessions and statistics.
import { CouncilSummaryFragment } from './fragments';
import { graphql, type ResultOf } from './graphql';

const CommentFieldsFragment = graphql(`
	fragment CommentFields on Comment {
		id
		body
		state
		version
		hidden
		createdAt
		authorName
		viewerIsAuthor
		viewerModerates
	}
`);

export const DiscussionQuery = graphql(
	`
		query Discussion($id: ID!) {
			proposal(id: $id) {
				id
				title
				state
				hidden
				viewerCanVote
				council {
					...CouncilSummary
					viewerIsMember
					viewerModerates
				}
				comments {
					...CommentFields
					replies {
						...CommentFields
					}
				}
			}
		}
	`,
	[CouncilSummaryFragment, CommentFieldsFragment]
);
export type DiscussionComment = NonNullable<ResultOf<typeof DiscussionQuery>['proposal']>['comments'][number];

export const AddCommentMutation = graphql(`
	mutation AddComment($input: AddCommentInput!) {
		addComment(input: $input) {
			id
		}
	}
`);

export const ApproveCommentMutation = graphql(`
	mutation ApproveComment($input: DecideCommentInput!) {
		approveComment(input: $input) {
			id
		}
	}
`);

export const RejectCommentMutation = graphql(`
	mutation RejectComment($input: DecideCommentInput!) {
		rejectComment(input: $input) {
			id
		}
	}
`);

export const ReportContentMutation = graphql(`
	mutation ReportContent($input: ReportContentInput!) {
		reportContent(input: $input) {
			reported
		}
	}
`);

export const ResolveReportsMutation = graphql(`
	mutation ResolveReports($input: ResolveReportsInput!) {
		resolveReports(input: $input) {
			reported
		}
	}
`);

export const CommentQueueQuery = graphql(
	`
		query CommentQueue($after: String) {
			commentModerationQueue(first: 20, after: $after) {
				totalCount
				pageInfo {
					hasNextPage
					endCursor
				}
				edges {
					node {
						...CommentFields
						isReply
						proposal {
							id
							title
						}
					}
				}
			}
			reportedContent {
				reports
				firstReportedAt
				proposal {
					id
					title
					body
				}
				comment {
					...CommentFields
					proposal {
						id
						title
					}
				}
			}
		}
	`,
	[CommentFieldsFragment]
);

export const NotificationsQuery = graphql(`
	query Notifications($after: String, $unreadOnly: Boolean) {
		notifications(first: 20, after: $after, unreadOnly: $unreadOnly) {
			totalCount
			pageInfo {
				hasNextPage
				endCursor
			}
			edges {
				node {
					id
					kind
					message
					read
					createdAt
					proposal {
						id
					}
				}
			}
		}
		notificationSettings {
			email
			emailDigest
			mayReceiveEmail
		}
		viewer {
			notices {
				id
				kind
				message
				readAt
				createdAt
				proposal {
					id
				}
			}
		}
	}
`);

export const MarkNotificationsReadMutation = graphql(`
	mutation MarkNotificationsRead($input: MarkNotificationsReadInput) {
		markNotificationsRead(input: $input) {
			marked
			unread
		}
	}
`);

export const UpdateNotificationSettingsMutation = graphql(`
	mutation UpdateNotificationSettings($input: UpdateNotificationSettingsInput!) {
		updateNotificationSettings(input: $input) {
			email
			emailDigest
		}
	}
`);

export const CouncilSessionsQuery = graphql(
	`
		query CouncilSessions($id: ID!) {
			council(id: $id) {
				...CouncilSummary
				viewerModerates
				proposals(first: 50) {
					edges {
						node {
							id
							title
							state
						}
					}
				}
			}
			upcoming: councilSessions(councilId: $id, upcoming: true) {
				...SessionFields
			}
			past: councilSessions(councilId: $id, upcoming: false) {
				...SessionFields
			}
		}

		fragment SessionFields on CouncilSession {
			id
			startsAt
			place
			onlineUrl
			minutes
			attendanceCount
			viewerAttended
			agenda {
				id
				title
			}
			roster {
				userId
				displayName
				present
			}
		}
	`,
	[CouncilSummaryFragment]
);
export type CouncilSessionItem = NonNullable<ResultOf<typeof CouncilSessionsQuery>['upcoming']>[number];

export const ScheduleCouncilSessionMutation = graphql(`
	mutation ScheduleCouncilSession($input: ScheduleCouncilSessionInput!) {
		scheduleCouncilSession(input: $input) {
			id
		}
	}
`);

export const RecordSessionAttendanceMutation = graphql(`
	mutation RecordSessionAttendance($input: RecordSessionAttendanceInput!) {
		recordSessionAttendance(input: $input) {
			id
		}
	}
`);

export const RecordSessionMinutesMutation = graphql(`
	mutation RecordSessionMinutes($input: RecordSessionMinutesInput!) {
		recordSessionMinutes(input: $input) {
			id
		}
	}
`);

export const ParticipationQuery = graphql(
	`
		query Participation($id: ID, $level: CouncilLevel, $period: String) {
			participationStatistics(councilId: $id, level: $level, period: $period) {
				period
				startsOn
				endsOn
				councils {
					council {
						...CouncilSummary
					}
					members {
						value
					}
					proposed {
						value
					}
					voted {
						value
					}
					commented {
						value
					}
					proposedShare
					votedShare
					commentedShare
					bySex {
						sex
						count {
							value
						}
					}
					byAgeBand {
						band
						count {
							value
						}
					}
					byArea {
						own
						council {
							...CouncilSummary
						}
						members {
							value
						}
					}
					proposalsDecided
					proposalsAdopted
					adoptionRate
					referrals
					answered
					responseRate
					medianDaysToAnswer
					overdue
					overdueShare
					ratings {
						value
					}
					meanClear
					meanHelpful
				}
			}
		}
	`,
	[CouncilSummaryFragment]
);
export type CouncilParticipation = ResultOf<typeof ParticipationQuery>['participationStatistics']['councils'][number];
